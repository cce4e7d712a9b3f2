package org.i4tracker.diffusion;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.Check;
import org.i4tracker.common.Chunks;
import org.i4tracker.common.DomainException;
import org.i4tracker.technology.TechnologyCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records adoption evidence: from other features through {@link AdoptionObserved} and
 * {@link org.i4tracker.common.AdoptionsObserved} events, from the manual entry API and from CSV imports.
 * Each observation is stored (an identical repeat — same firm, technology, day, source and reference —
 * only once); the firm's adoption of the technology is created by the first observation and moved to an
 * earlier day when an earlier one arrives.
 * <p>
 * {@link #recordAll} does this set-based for a whole list on the caller's transaction: one query for the
 * firms (per 1 000, {@link FirmService#existing}) and one for their adoptions (per 500 firms), then batch
 * inserts and updates; repeats of stored observations are left out by the database's unique key
 * ({@code INSERT ... ON CONFLICT DO NOTHING}), not by reading them first. The outcome equals recording the
 * observations one by one in list order: an
 * adoption ends on the earliest day seen, and among observations of that same day the first one (or the
 * stored one) supplies source, programme and reference. A concurrent change of an adoption being moved
 * fails the call with a conflict instead of being overwritten.
 */
@Singleton
class AdoptionRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(AdoptionRecorder.class);
    private static final int FIRMS_PER_QUERY = 500;

    private static final String INSERT_OBSERVATION = "INSERT INTO adoption_observation (firm_id, technology_code, observed_on, source, "
            + "programme_id, reference) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_ADOPTION = "INSERT INTO adoption (firm_id, technology_code, adopted_on, source, programme_id, "
            + "reference, version) VALUES (?, ?, ?, ?, ?, ?, 0)";
    private static final String MOVE_ADOPTION = "UPDATE adoption SET adopted_on = ?, source = ?, programme_id = ?, reference = ?, "
            + "version = version + 1 WHERE id = ? AND version = ?";

    /** What makes two observations identical repeats; {@code reference} may be null. */
    private record ObservationKey(long firmId, String technologyCode, LocalDate date, AdoptionObserved.Source source, String reference) {
        static ObservationKey of(AdoptionObserved e) {
            return new ObservationKey(e.firmId(), e.technologyCode(), e.date(), e.source(), e.reference());
        }
    }

    private record AdoptionKey(long firmId, String technologyCode) {
    }

    private record StoredAdoption(long id, LocalDate adoptedOn, long version) {
    }

    private final AdoptionRepository adoptions;
    private final FirmService firms;
    private final TechnologyCatalogue technologies;
    private final TransactionOperations<Connection> transactions;

    AdoptionRecorder(AdoptionRepository adoptions, FirmService firms, TechnologyCatalogue technologies,
                     TransactionOperations<Connection> transactions) {
        this.adoptions = adoptions;
        this.firms = firms;
        this.technologies = technologies;
        this.transactions = transactions;
    }

    /** Checks the references of an observation without writing anything. */
    void check(AdoptionObserved event) {
        Check.that(firms.existing(List.of(event.firmId())).contains(event.firmId()), "firmId", "firm " + event.firmId() + " does not exist");
        technologies.require(event.technologyCode(), "technologyCode");
    }

    /**
     * Records one observation and returns the firm's adoption of the technology as it stands afterwards;
     * {@link #recordAll} checks its firm and technology with the same fields and messages as {@link #check}.
     */
    @Transactional
    public Adoption record(AdoptionObserved event) {
        recordAll(List.of(event));
        return adoptions.findByFirmIdAndTechnologyCode(event.firmId(), event.technologyCode()).orElseThrow();
    }

    /**
     * Records the observations in list order, joining the caller's transaction (or opening one). Nothing
     * is written when any observation names an unknown firm (field {@code firmId}) or technology (field
     * {@code technologyCode}).
     */
    public void recordAll(List<AdoptionObserved> events) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> {
            try {
                write(status.getConnection(), events);
            } catch (SQLException e) {
                throw new IllegalStateException("recording " + events.size() + " adoption observations failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    private void write(Connection c, List<AdoptionObserved> events) throws SQLException {
        List<Long> firmIds = new ArrayList<>(new LinkedHashSet<>(events.stream().map(AdoptionObserved::firmId).toList()));
        Set<Long> knownFirms = firms.existing(firmIds);
        Set<String> knownTechnologies = new HashSet<>();
        for (AdoptionObserved e : events) {
            Check.that(knownFirms.contains(e.firmId()), "firmId", "firm " + e.firmId() + " does not exist");
            if (knownTechnologies.add(e.technologyCode())) {
                technologies.require(e.technologyCode(), "technologyCode");
            }
        }
        insertObservations(c, events);
        Map<AdoptionKey, StoredAdoption> stored = new HashMap<>();
        forFirms(c, "SELECT id, firm_id, technology_code, adopted_on, version FROM adoption WHERE firm_id IN ", firmIds,
                rs -> stored.put(new AdoptionKey(rs.getLong(2), rs.getString(3)),
                        new StoredAdoption(rs.getLong(1), rs.getDate(4).toLocalDate(), rs.getLong(5))));
        Map<AdoptionKey, AdoptionObserved> earliest = new LinkedHashMap<>();
        for (AdoptionObserved e : events) {
            earliest.merge(new AdoptionKey(e.firmId(), e.technologyCode()), e, (first, next) -> next.date().isBefore(first.date()) ? next : first);
        }
        int created = 0;
        int moved = 0;
        try (PreparedStatement insert = c.prepareStatement(INSERT_ADOPTION); PreparedStatement move = c.prepareStatement(MOVE_ADOPTION)) {
            List<AdoptionKey> movedKeys = new ArrayList<>();
            for (Map.Entry<AdoptionKey, AdoptionObserved> entry : earliest.entrySet()) {
                AdoptionObserved e = entry.getValue();
                StoredAdoption current = stored.get(entry.getKey());
                if (current == null) {
                    insert.setLong(1, e.firmId());
                    insert.setString(2, e.technologyCode());
                    setOrigin(insert, 3, e);
                    insert.addBatch();
                    created++;
                    LOG.debug("adoption created firm={} technology={} date={} source={}", e.firmId(), e.technologyCode(), e.date(), e.source());
                } else if (e.date().isBefore(current.adoptedOn())) {
                    setOrigin(move, 1, e);
                    move.setLong(5, current.id());
                    move.setLong(6, current.version());
                    move.addBatch();
                    movedKeys.add(entry.getKey());
                    moved++;
                    LOG.debug("adoption moved id={} from={} to={} source={}", current.id(), current.adoptedOn(), e.date(), e.source());
                }
            }
            if (created > 0) {
                insert.executeBatch();
            }
            if (moved > 0) {
                int[] counts = move.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        AdoptionKey key = movedKeys.get(i);
                        throw DomainException.conflict("version", "the adoption of " + key.technologyCode() + " by firm " + key.firmId()
                                + " was changed concurrently; record the observation again");
                    }
                }
            }
        }
        LOG.info("adoption evidence recorded observations={} adoptionsCreated={} adoptionsMovedEarlier={}", events.size(), created, moved);
    }

    /**
     * Inserts the observations, each identical repeat within the list once; a repeat of a stored one is
     * skipped by the database (unique key {@code uq_adoption_observation}, migration V63), so nothing is
     * read first.
     */
    private static void insertObservations(Connection c, List<AdoptionObserved> events) throws SQLException {
        Set<ObservationKey> seen = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_OBSERVATION)) {
            for (AdoptionObserved e : events) {
                if (seen.add(ObservationKey.of(e))) {
                    ps.setLong(1, e.firmId());
                    ps.setString(2, e.technologyCode());
                    setOrigin(ps, 3, e);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Sets day, source, programme and reference of the observation from parameter {@code first} on. */
    private static void setOrigin(PreparedStatement ps, int first, AdoptionObserved e) throws SQLException {
        ps.setDate(first, Date.valueOf(e.date()));
        ps.setString(first + 1, e.source().name());
        if (e.programmeId() == null) {
            ps.setNull(first + 2, Types.BIGINT);
        } else {
            ps.setLong(first + 2, e.programmeId());
        }
        ps.setString(first + 3, e.reference());
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code select + "(?, ?, …)"} for the firms, {@value #FIRMS_PER_QUERY} at a time, handing every row to the reader. */
    private static void forFirms(Connection c, String select, List<Long> firmIds, RowReader reader) throws SQLException {
        for (List<Long> chunk : Chunks.of(firmIds, FIRMS_PER_QUERY)) {
            try (PreparedStatement ps = c.prepareStatement(select + "(" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }
}
