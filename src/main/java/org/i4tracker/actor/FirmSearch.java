package org.i4tracker.actor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.common.NaceCode;
import org.i4tracker.common.SizeClass;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds firms by district, NACE prefix, size class, a capability (process, certification or
 * technology code, case-insensitive exact match) and free text over code and name. The query is
 * assembled from fixed fragments with bound parameters only; sort properties come from a whitelist.
 */
@Singleton
class FirmSearch {

    /** Filters of a firm search; every one is optional. */
    record Criteria(@Nullable Long district, @Nullable String nace, @Nullable SizeClass sizeClass,
                    @Nullable String capability, @Nullable String text, @Nullable Set<Long> onlyFirms) {
        Criteria {
            if (nace != null && !nace.isBlank()) {
                NaceCode.of(nace.replaceAll("\\.$", ""), "nace");
            }
        }
    }

    record Result(List<Firm> firms, long total) {
    }

    static final Map<String, String> SORT_COLUMNS = Map.of(
            "id", "f.id", "code", "f.code", "name", "f.name", "employees", "f.employees",
            "naceCode", "f.nace_code", "districtId", "f.district_id");

    private final DataSource dataSource;
    private final FirmRepository firms;

    FirmSearch(DataSource dataSource, FirmRepository firms) {
        this.dataSource = dataSource;
        this.firms = firms;
    }

    @Transactional(readOnly = true)
    Result search(Criteria criteria, Pageable pageable) {
        StringBuilder where = new StringBuilder(" FROM firm f WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (criteria.onlyFirms() != null) {
            // Row-level scope: the caller may see only these firms (possibly none).
            where.append(criteria.onlyFirms().isEmpty() ? " AND 1=0" : " AND f.id IN ("
                    + String.join(",", Collections.nCopies(criteria.onlyFirms().size(), "?")) + ")");
            params.addAll(criteria.onlyFirms());
        }
        if (criteria.district() != null) {
            where.append(" AND f.district_id = ?");
            params.add(criteria.district());
        }
        if (criteria.nace() != null && !criteria.nace().isBlank()) {
            where.append(" AND f.nace_code LIKE ?");
            params.add(criteria.nace().strip().toUpperCase() + "%");
        }
        if (criteria.sizeClass() != null) {
            where.append(" AND f.employees BETWEEN ? AND ?");
            params.add(criteria.sizeClass().minEmployees());
            params.add(criteria.sizeClass().maxEmployees());
        }
        if (criteria.capability() != null && !criteria.capability().isBlank()) {
            where.append(" AND EXISTS (SELECT 1 FROM firm_capability c WHERE c.firm_id = f.id AND LOWER(c.name) = ?)");
            params.add(criteria.capability().strip().toLowerCase());
        }
        if (criteria.text() != null && !criteria.text().isBlank()) {
            where.append(" AND (LOWER(f.name) LIKE ? ESCAPE '!' OR LOWER(f.code) LIKE ? ESCAPE '!')");
            String like = containing(criteria.text());
            params.add(like);
            params.add(like);
        }
        String order = pageable.getSort().getOrderBy().stream()
                .map(o -> SORT_COLUMNS.get(o.getProperty()) + (o.isAscending() ? " ASC" : " DESC"))
                .collect(Collectors.joining(", "));
        String idQuery = "SELECT f.id" + where + " ORDER BY " + (order.isEmpty() ? "" : order + ", ") + "f.id"
                + " LIMIT " + pageable.getSize() + " OFFSET " + pageable.getOffset();
        try (Connection connection = dataSource.getConnection()) {
            long total = queryLong(connection, "SELECT COUNT(*)" + where, params);
            List<Long> ids = queryIds(connection, idQuery, params);
            Map<Long, Firm> byId = firms.findByIdIn(ids).stream().collect(Collectors.toMap(Firm::id, Function.identity()));
            List<Firm> ordered = ids.stream().map(byId::get).toList();
            return new Result(ordered, total);
        } catch (SQLException e) {
            throw new IllegalStateException("firm search failed", e);
        }
    }

    /**
     * The LIKE pattern (escape character {@code !}) matching a lower-cased value that contains the text, its wildcards
     * taken literally.
     */
    static String containing(String text) {
        return "%" + text.strip().toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static long queryLong(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Long> queryIds(Connection c, String sql, List<Object> params) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

}
