package org.i4tracker.diffusion;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.i4tracker.common.AdoptionObserved;
import org.i4tracker.common.AdoptionsObserved;
import org.i4tracker.common.DomainException;
import org.i4tracker.testing.Api;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link AdoptionRecorder#recordAll} must leave exactly what recording the same observations one by one
 * leaves: the same adoptions (day, source, reference) and the same observation history. The reference
 * is the one-by-one path itself, run on a twin firm with the same prior state.
 */
@MicronautTest(transactional = false)
class AdoptionRecorderBatchTest {

    private static final AdoptionObserved.Source A = AdoptionObserved.Source.ASSESSMENT;
    private static final AdoptionObserved.Source T = AdoptionObserved.Source.TELEMETRY;
    private static final AdoptionObserved.Source M = AdoptionObserved.Source.MANUAL;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    AdoptionRecorder recorder;

    @Inject
    ApplicationEventPublisher<AdoptionsObserved> batches;

    @Inject
    AdoptionRepository adoptions;

    @Inject
    AdoptionObservationRepository observations;

    private long[] twinFirms() {
        Api api = new Api(http);
        long region = api.create("/api/v1/regions", "{\"code\":\"B" + System.nanoTime() + "\",\"name\":\"Region\"}");
        long district = api.create("/api/v1/districts", "{\"regionId\":" + region + ",\"name\":\"Tiles\",\"naceCode\":\"23.31\"}");
        long[] firms = new long[2];
        for (int i = 0; i < 2; i++) {
            firms[i] = api.create("/api/v1/firms", "{\"districtId\":" + district + ",\"code\":\"F" + i + "\",\"name\":\"Firm " + i
                    + "\",\"naceCode\":\"23.31\",\"employees\":20}");
        }
        return firms;
    }

    private static AdoptionObserved on(long firm, String technology, String day, AdoptionObserved.Source source, String reference) {
        return new AdoptionObserved(firm, technology, LocalDate.parse(day), source, null, reference);
    }

    private static List<AdoptionObserved> forFirm(long firm, List<AdoptionObserved> template) {
        return template.stream().map(e -> new AdoptionObserved(firm, e.technologyCode(), e.date(), e.source(), e.programmeId(), e.reference())).toList();
    }

    /** The firm's adoptions and observation history without ids, comparable between the twins. */
    private List<String> state(long firm) {
        List<String> lines = new ArrayList<>();
        adoptions.findByFirmId(firm).stream().sorted(Comparator.comparing(Adoption::technologyCode)).forEach(a -> {
            lines.add("adoption " + a.technologyCode() + " " + a.adoptedOn() + " " + a.source() + " " + a.reference());
            observations.findByFirmIdAndTechnologyCodeOrderByObservedOn(firm, a.technologyCode()).stream()
                    .map(o -> "  observed " + o.observedOn() + " " + o.source() + " " + o.reference())
                    .sorted().forEach(lines::add);
        });
        return lines;
    }

    @Test
    void aListLeavesWhatOneByOneLeavesWithRepeatsTiesEarlierDaysAndStoredAdoptions() {
        long[] twins = twinFirms();
        List<AdoptionObserved> prior = List.of(on(0, "ROBOTICS", "2021-06-01", M, null), on(0, "CLOUD", "2019-01-01", M, "contract"));
        List<AdoptionObserved> batch = List.of(
                on(0, "ROBOTICS", "2022-01-01", A, "assessment 1 item DR4"),   // later than the stored adoption: history only
                on(0, "ROBOTICS", "2020-02-01", A, "assessment 2 item DR4"),   // earlier: moves the stored adoption
                on(0, "ROBOTICS", "2020-02-01", T, "machine M1"),              // same earliest day later in the list: does not win
                on(0, "CLOUD", "2019-01-01", A, "assessment 2 item DR5"),      // same day as the stored one: stored one stays
                on(0, "ERP_MES", "2023-05-05", A, null),                       // new adoption, null reference
                on(0, "ERP_MES", "2023-05-05", A, null),                       // identical repeat: stored once
                on(0, "ERP_MES", "2021-05-05", T, "machine M2"),               // earlier within the list: wins
                on(0, "CLOUD", "2019-01-01", M, "contract"));                  // repeat of a stored observation
        for (AdoptionObserved e : forFirm(twins[0], prior)) {
            recorder.record(e);
        }
        for (AdoptionObserved e : forFirm(twins[1], prior)) {
            recorder.record(e);
        }
        forFirm(twins[0], batch).forEach(recorder::record);
        batches.publishEvent(new AdoptionsObserved(forFirm(twins[1], batch)));

        List<String> expected = state(twins[0]);
        assertEquals(List.of(
                "adoption CLOUD 2019-01-01 MANUAL contract",
                "  observed 2019-01-01 ASSESSMENT assessment 2 item DR5",
                "  observed 2019-01-01 MANUAL contract",
                "adoption ERP_MES 2021-05-05 TELEMETRY machine M2",
                "  observed 2021-05-05 TELEMETRY machine M2",
                "  observed 2023-05-05 ASSESSMENT null",
                "adoption ROBOTICS 2020-02-01 ASSESSMENT assessment 2 item DR4",
                "  observed 2020-02-01 ASSESSMENT assessment 2 item DR4",
                "  observed 2020-02-01 TELEMETRY machine M1",
                "  observed 2021-06-01 MANUAL null",
                "  observed 2022-01-01 ASSESSMENT assessment 1 item DR4"), expected, "the one-by-one reference, worked out by hand");
        assertEquals(expected, state(twins[1]));
    }

    @Test
    void randomListsAgreeWithOneByOne() {
        long[] twins = twinFirms();
        Random random = new Random(20261123);
        String[] technologies = {"ROBOTICS", "CLOUD", "ERP_MES", "DIGITAL_TWIN"};
        AdoptionObserved.Source[] sources = AdoptionObserved.Source.values();
        for (int round = 0; round < 5; round++) {
            List<AdoptionObserved> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                batch.add(on(0, technologies[random.nextInt(technologies.length)], LocalDate.of(2018, 1, 1).plusDays(random.nextInt(60)).toString(),
                        sources[random.nextInt(sources.length)], random.nextBoolean() ? null : "ref " + random.nextInt(3)));
            }
            forFirm(twins[0], batch).forEach(recorder::record);
            recorder.recordAll(forFirm(twins[1], batch));
            assertEquals(state(twins[0]), state(twins[1]), "after round " + round);
        }
    }

    @Test
    void anUnknownFirmOrTechnologyAnywhereInTheListWritesNothing() {
        long firm = twinFirms()[0];
        DomainException unknownFirm = assertThrows(DomainException.class, () -> recorder.recordAll(List.of(
                on(firm, "ROBOTICS", "2020-01-01", A, null), on(987_654_321L, "ROBOTICS", "2020-01-01", A, null))));
        assertEquals("firmId", unknownFirm.errors().get(0).field());
        DomainException unknownTechnology = assertThrows(DomainException.class, () -> recorder.recordAll(List.of(
                on(firm, "ROBOTICS", "2020-01-01", A, null), on(firm, "TELEPORTATION", "2020-01-01", A, null))));
        assertEquals("technologyCode", unknownTechnology.errors().get(0).field());
        assertEquals(List.of(), state(firm));
    }
}
