package org.i4tracker.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the house rules of STYLE.md: calculation code and the common value types are free of
 * framework and database imports, no feature depends on the demo, feature packages do not form
 * cycles, only the web package knows how errors are rendered, and the benchmark reads other features'
 * data through their read models, never their tables.
 */
class ArchitectureTest {

    private static final String[] FRAMEWORK = {"io.micronaut..", "jakarta..", "java.sql..", "javax.sql..", "io.netty.."};
    private static JavaClasses production;

    /**
     * The calculation code by feature package and class name: plain Java that computes the numbers users
     * act on, testable and benchmarked without starting the service. A new calculator is added here.
     */
    private static final Map<String, List<String>> CALCULATIONS = Map.of(
            "model", List.of("ScoringEngine", "ScoreReport", "AssessmentModel", "Dimension", "Item", "ItemScale",
                    "ChoiceOption", "Answer", "AnswerValue", "Band", "Stage", "Confidence"),
            "telemetry", List.of("OeeCalculator", "KpiWindows", "SampleChunk", "ChunkBytes", "ChunkMetrics", "ChunkAppend",
                    "ChunkPartitions", "ReadingBuckets"),
            "diffusion", List.of("BassEstimator", "BassFit", "BassCurve", "BassForecast", "BassMethod", "BassStandardErrors",
                    "HazardRates", "AdopterCategories", "AdopterCategory", "NetworkExposure", "CooperationNetworks",
                    "BassComparison", "BassFitQuality"),
            "evaluation", List.of("DiffInDiff", "DidUnit", "DidEstimate", "ControlGroup", "StaggeredDid", "StaggeredDidResult",
                    "InfluenceFunction", "PanelObservation", "OutcomeObservation", "OutcomeSource", "ParticipantGains",
                    "ConditionalDid", "LogisticRegression", "Cholesky", "EstimationMethod", "MultiplierBootstrap",
                    "GainEstimate", "AdoptionHistory"),
            "typology", List.of("LocalProductionSystemTypology", "TypologyThresholds", "TypologyResult", "LpsType",
                    "RegionIndustry"),
            "benchmark", List.of("PeerDistribution", "PeerFigures", "PeerGroups", "PeerGroupVersion", "PeerSnapshot"),
            "programme", List.of("UptakeCalculator", "UptakePeriod", "UptakeReport", "Eligibility",
                    "AdoptionOutcomes"),
            "assessment", List.of("AssessmentLifecycle", "EvidenceFileType", "EvidenceUpload"));

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.i4tracker");
    }

    @Test
    void calculationCodeHasNoFrameworkImports() {
        List<String> names = CALCULATIONS.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(name -> "org.i4tracker." + e.getKey() + "." + name)).toList();
        for (String name : names) {
            assertTrue(production.contain(name), name + " is listed as calculation code but does not exist: update CALCULATIONS");
        }
        // The classes themselves and the types nested in them.
        String calculation = names.stream().map(Pattern::quote).collect(Collectors.joining("|", "(", ")(\\$.*)?"));
        ArchRule rule = noClasses().that().haveNameMatching(calculation)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK)
                .because("calculations must be plain Java, testable without starting the service (STYLE.md)");
        rule.check(production);
    }

    @Test
    void commonValueTypesHaveNoFrameworkImports() {
        noClasses().that().resideInAPackage("org.i4tracker.common")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK)
                .check(production);
    }

    @Test
    void noFeatureDependsOnTheDemo() {
        noClasses().that().resideOutsideOfPackage("org.i4tracker.demo..")
                .should().dependOnClassesThat().resideInAPackage("org.i4tracker.demo..")
                .because("the demo region is built at the edge through the features' public services; "
                        + "the features do not know it exists")
                .check(production);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.i4tracker.(*)..").should().beFreeOfCycles().check(production);
    }

    /**
     * The benchmark's tables: the only ones its SQL may name. Assessments, firms, districts and enrolments come
     * through the owning features' read models ({@code assessment.ValidatedScores}, {@code actor.FirmPeerAttributes},
     * {@code district.DistrictRegions}, {@code programme.EnrolmentRegistry}).
     */
    private static final Set<String> BENCHMARK_TABLES = Set.of("peer_group_version", "peer_input", "peer_input_marker");
    /** The stores of the benchmark's own tables, their nested types and the bean definitions Micronaut generates for them. */
    private static final String BENCHMARK_STORE = "org\\.i4tracker\\.benchmark\\.\\$?(PeerGroupVersionStore|PeerInputStore)(\\$.*)?";

    @Test
    void benchmarkUsesJdbcOnlyForItsOwnTable() {
        noClasses().that().resideInAPackage("org.i4tracker.benchmark..")
                .and().haveNameNotMatching(BENCHMARK_STORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.micronaut.jdbc..")
                .because("only the store of the benchmark's own table runs SQL; other features' data comes through their read models")
                .check(production);
    }

    @Test
    void benchmarkSqlNamesOnlyItsOwnTables() throws IllegalAccessException {
        Pattern table = Pattern.compile("(?i)\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_][a-z0-9_]*)");
        int statements = 0;
        for (JavaClass c : production) {
            if (!c.getPackageName().startsWith("org.i4tracker.benchmark")) {
                continue;
            }
            for (Field f : c.reflect().getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
                    continue;
                }
                f.setAccessible(true);
                Object value = f.get(null);
                if (value == null) {
                    continue;
                }
                Matcher m = table.matcher((String) value);
                while (m.find()) {
                    statements++;
                    assertTrue(BENCHMARK_TABLES.contains(m.group(1).toLowerCase(Locale.ROOT)),
                            c.getName() + "." + f.getName() + " names table " + m.group(1) + ", owned by another feature");
                }
            }
        }
        assertTrue(statements > 0, "the check found no SQL in the benchmark package at all: the pattern no longer matches");
    }

    @Test
    void onlyTheWebPackageRendersErrors() {
        classes().that().implement(io.micronaut.http.server.exceptions.ExceptionHandler.class)
                .should().resideInAPackage("org.i4tracker.web")
                .because("one error mapper renders every Problem+JSON response")
                .check(production);
    }
}
