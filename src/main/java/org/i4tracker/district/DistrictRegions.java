package org.i4tracker.district;

import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import org.i4tracker.storage.JdbcQuery;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/** The district feature's read model of which region every district lies in, for readers that need all at once. */
@Singleton
public class DistrictRegions {

    private static final String MARKER = "SELECT COALESCE(SUM(version), 0) + COUNT(*) FROM district";
    private static final String ALL = "SELECT id, region_id FROM district";

    private final DataSource dataSource;

    DistrictRegions(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /** Changes whenever a district is added or updated: the sum of the optimistic-lock versions plus the number of districts. */
    public long marker() {
        return query(MARKER, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    /** District id → region id, for every district. */
    public Map<Long, Long> regionByDistrict() {
        return query(ALL, rs -> {
            Map<Long, Long> map = new HashMap<>();
            while (rs.next()) {
                map.put(rs.getLong(1), rs.getLong(2));
            }
            return map;
        });
    }

    private <T> T query(String sql, JdbcQuery.Reader<T> reader) {
        return JdbcQuery.run(dataSource, "district regions", sql, JdbcQuery.Binder.NONE, reader);
    }
}
