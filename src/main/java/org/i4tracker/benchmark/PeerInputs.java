package org.i4tracker.benchmark;

import jakarta.inject.Singleton;
import org.i4tracker.actor.FirmPeerAttributes;
import org.i4tracker.assessment.ValidatedScores;
import org.i4tracker.common.NaceCode;
import org.i4tracker.common.SizeClass;
import org.i4tracker.district.DistrictRegions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What the peer statistics read, each part from the feature that owns it: validated scores from the assessment
 * feature ({@link ValidatedScores}), a firm's district, NACE division and size class from the registry
 * ({@link FirmPeerAttributes}), a district's region from the district feature ({@link DistrictRegions}). A firm
 * whose district is unknown is in no peer group.
 */
@Singleton
class PeerInputs {

    /**
     * What changes whenever peer statistics may change: the validated scores' marker (validated assessments of the
     * version only ever grow in number), and every firm or district update bumps its optimistic-lock version.
     */
    record Marker(long validated, Instant lastValidatedAt, long firms, long firmVersions, long districtVersions) {

        /** Whether only validations happened between {@code this} and {@code later}: firms and districts unchanged. */
        boolean onlyValidationsBefore(Marker later) {
            return firms == later.firms && firmVersions == later.firmVersions && districtVersions == later.districtVersions
                    && later.validated >= validated;
        }
    }

    /** A firm's current validated assessment with its dimension scores (dimension code → score, null kept). */
    record ScoredAssessment(long assessmentId, int waveNumber, Double overall, PeerGroups.Member member, Map<String, Double> scores) {
    }

    private final ValidatedScores scores;
    private final FirmPeerAttributes firms;
    private final DistrictRegions districts;

    PeerInputs(ValidatedScores scores, FirmPeerAttributes firms, DistrictRegions districts) {
        this.scores = scores;
        this.firms = firms;
        this.districts = districts;
    }

    Marker marker(String modelId, String version) {
        ValidatedScores.Marker validated = scores.marker(modelId, version);
        FirmPeerAttributes.Marker firm = firms.marker();
        return new Marker(validated.validated(), validated.lastValidatedAt(), firm.firms(), firm.versions(), districts.marker());
    }

    /** Per firm, its latest (highest-wave) current validated assessment of the version. */
    List<ScoredAssessment> latestValidated(String modelId, String version) {
        Map<Long, FirmPeerAttributes.Attributes> attributes = firms.all();
        Map<Long, Long> regions = districts.regionByDistrict();
        List<ValidatedScores.Scored> latest = scores.latestPerFirm(modelId, version);
        List<ScoredAssessment> result = new ArrayList<>(latest.size());
        for (ValidatedScores.Scored s : latest) {
            PeerGroups.Member member = member(attributes.get(s.firmId()), regions);
            if (member != null) {
                result.add(new ScoredAssessment(s.assessmentId(), s.waveNumber(), s.overall(), member, s.scores()));
            }
        }
        return result;
    }

    /**
     * The current validated assessments of the version validated at or after {@code since}, each with its firm as it is
     * now; several per firm possible (the caller keeps the highest wave). {@code known} gives the firm's entry in the
     * previous snapshot (or null): an assessment it already holds is skipped, and its firm is taken from it rather than
     * read again (the caller uses this only while no firm or district changed).
     */
    List<ScoredAssessment> validatedSince(String modelId, String version, Instant since, LongFunction<PeerSnapshot.Entry> known) {
        List<ValidatedScores.Scored> since0 = scores.validatedSince(modelId, version, since, (firmId, assessmentId) -> {
            PeerSnapshot.Entry previous = known.apply(firmId);
            return previous != null && previous.assessmentId() == assessmentId;
        });
        List<ScoredAssessment> result = new ArrayList<>(since0.size());
        Map<Long, Long> regions = null;
        for (ValidatedScores.Scored s : since0) {
            PeerSnapshot.Entry previous = known.apply(s.firmId());
            PeerGroups.Member member = previous == null ? null : previous.member();
            if (member == null) {
                if (regions == null) {
                    regions = districts.regionByDistrict();
                }
                member = member(firms.of(s.firmId()).orElse(null), regions);
                if (member == null) {
                    continue;
                }
            }
            result.add(new ScoredAssessment(s.assessmentId(), s.waveNumber(), s.overall(), member, s.scores()));
        }
        return result;
    }

    /** The model versions that have validated assessments. */
    List<ValidatedScores.ModelVersion> modelVersionsWithValidated() {
        return scores.modelVersionsWithValidated();
    }

    private static PeerGroups.Member member(FirmPeerAttributes.Attributes firm, Map<Long, Long> regions) {
        if (firm == null) {
            return null;
        }
        Long region = regions.get(firm.districtId());
        if (region == null) {
            return null;
        }
        return new PeerGroups.Member(firm.firmId(), region, firm.districtId(), new NaceCode(firm.naceCode()).division(), SizeClass.of(firm.employees()));
    }
}
