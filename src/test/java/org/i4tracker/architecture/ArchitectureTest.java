package org.i4tracker.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the house rules of STYLE.md: calculation code and the common value types are free of
 * framework and database imports, no feature depends on the demo, feature packages do not form
 * cycles, and only the web package knows how errors are rendered.
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
            "telemetry", List.of("OeeCalculator", "KpiWindows"),
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
            "assessment", List.of("AssessmentLifecycle"));

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

    @Test
    void onlyTheWebPackageRendersErrors() {
        classes().that().implement(io.micronaut.http.server.exceptions.ExceptionHandler.class)
                .should().resideInAPackage("org.i4tracker.web")
                .because("one error mapper renders every Problem+JSON response")
                .check(production);
    }
}
