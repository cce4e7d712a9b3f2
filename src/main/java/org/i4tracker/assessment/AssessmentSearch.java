package org.i4tracker.assessment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.common.Check;
import org.i4tracker.storage.JdbcQuery;

import javax.sql.DataSource;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds assessments by firm, model and version, status, wave, assessment date and whether they are current (not
 * superseded by a revision), inside a set of firms — the caller's scope as {@code FirmAccess} gives it, narrowed further
 * by a firm name search. The query is assembled from fixed fragments with bound parameters only; sort properties come
 * from {@link #SORT_COLUMNS}, ties broken by id so that pages never overlap.
 */
@Singleton
class AssessmentSearch {

    /** Sortable properties and their columns; the score sorts unscored assessments (drafts, submitted) last either way. */
    static final Map<String, String> SORT_COLUMNS = Map.of("id", "a.id", "assessedOn", "a.assessed_on", "waveNumber", "a.wave_number",
            "firmId", "a.firm_id", "status", "a.status", "modelId", "a.model_id", "overallScore", "a.overall_score");

    /**
     * Filters of a search; every one is optional. {@code onlyFirms} null means every firm, an empty set none.
     * A version needs its model, and the period must not end before it starts (400 naming {@code version} or {@code to}).
     */
    record Criteria(@Nullable Long firm, @Nullable Set<Long> onlyFirms, @Nullable String modelId, @Nullable String modelVersion,
                    @Nullable AssessmentStatus status, @Nullable Wave wave, @Nullable LocalDate from, @Nullable LocalDate to,
                    boolean currentOnly) {
        Criteria {
            modelId = modelId == null || modelId.isBlank() ? null : Check.notBlank(modelId, "model", 64).strip();
            modelVersion = modelVersion == null || modelVersion.isBlank() ? null : Check.notBlank(modelVersion, "version", 64).strip();
            Check.that(modelVersion == null || modelId != null, "version", "needs model: a version is one model's version");
            if (from != null) {
                Check.date(from, "from");
            }
            if (to != null) {
                Check.date(to, "to");
            }
            Check.that(from == null || to == null || !to.isBefore(from), "to", "must not be before from");
            onlyFirms = onlyFirms == null ? null : Set.copyOf(onlyFirms);
        }
    }

    private final DataSource dataSource;
    private final AssessmentRepository assessments;

    AssessmentSearch(DataSource dataSource, AssessmentRepository assessments) {
        this.dataSource = dataSource;
        this.assessments = assessments;
    }

    /** One page of the matching assessments in the pageable's order, with the number of all that match. */
    @Transactional(readOnly = true)
    Page<Assessment> search(Criteria criteria, Pageable pageable) {
        StringBuilder where = new StringBuilder(" FROM assessment a WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (criteria.onlyFirms() != null) {
            // Row-level scope: only these firms (possibly none), bound as one array: an IN list of one parameter per firm
            // would pass PostgreSQL's 32 767 bind parameters for a scope of a region's firms.
            where.append(criteria.onlyFirms().isEmpty() ? " AND 1=0" : " AND a.firm_id = ANY(?)");
            if (!criteria.onlyFirms().isEmpty()) {
                params.add(new FirmIds(criteria.onlyFirms().toArray(Long[]::new)));
            }
        }
        condition(where, params, " AND a.firm_id = ?", criteria.firm());
        condition(where, params, " AND a.model_id = ?", criteria.modelId());
        condition(where, params, " AND a.model_version = ?", criteria.modelVersion());
        condition(where, params, " AND a.status = ?", criteria.status() == null ? null : criteria.status().name());
        condition(where, params, " AND a.wave_number = ?", criteria.wave() == null ? null : criteria.wave().number());
        condition(where, params, " AND a.assessed_on >= ?", criteria.from() == null ? null : Date.valueOf(criteria.from()));
        condition(where, params, " AND a.assessed_on <= ?", criteria.to() == null ? null : Date.valueOf(criteria.to()));
        if (criteria.currentOnly()) {
            where.append(" AND a.superseded_by IS NULL");
        }
        String order = pageable.getSort().getOrderBy().stream()
                .map(o -> SORT_COLUMNS.get(o.getProperty()) + (o.isAscending() ? " ASC" : " DESC")
                        + (o.getProperty().equals("overallScore") ? " NULLS LAST" : ""))
                .collect(Collectors.joining(", "));
        String idQuery = "SELECT a.id" + where + " ORDER BY " + (order.isEmpty() ? "" : order + ", ") + "a.id"
                + " LIMIT " + pageable.getSize() + " OFFSET " + pageable.getOffset();
        JdbcQuery.Binder binder = ps -> {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i) instanceof FirmIds firms) {
                    ps.setArray(i + 1, ps.getConnection().createArrayOf("BIGINT", firms.ids()));
                } else {
                    ps.setObject(i + 1, params.get(i));
                }
            }
        };
        long total = JdbcQuery.run(dataSource, "assessment search", "SELECT COUNT(*)" + where, binder, rs -> rs.next() ? rs.getLong(1) : 0);
        List<Long> ids = JdbcQuery.run(dataSource, "assessment search", idQuery, binder, rs -> {
            List<Long> found = new ArrayList<>();
            while (rs.next()) {
                found.add(rs.getLong(1));
            }
            return found;
        });
        Map<Long, Assessment> byId = ids.isEmpty() ? Map.of()
                : assessments.findByIdIn(ids).stream().collect(Collectors.toMap(Assessment::id, Function.identity()));
        return Page.of(ids.stream().map(byId::get).toList(), pageable, total);
    }

    /** The firms of a scope, bound as one SQL array. */
    private record FirmIds(Long[] ids) {
    }

    private static void condition(StringBuilder where, List<Object> params, String fragment, @Nullable Object value) {
        if (value != null) {
            where.append(fragment);
            params.add(value);
        }
    }
}
