package org.i4tracker.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.i4tracker.common.Calculation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Keeps the house rules of STYLE.md: calculation code and the common value types are free of
 * framework and database imports, feature packages do not form cycles, and only the web package
 * knows how errors are rendered.
 */
class ArchitectureTest {

    private static final String[] FRAMEWORK = {"io.micronaut..", "jakarta..", "java.sql..", "javax.sql..", "io.netty.."};
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.i4tracker");
    }

    @Test
    void calculationCodeHasNoFrameworkImports() {
        assertFalse(production.stream().noneMatch(c -> c.isAnnotatedWith(Calculation.class)),
                "no class is marked @Calculation: the rule below would check nothing");
        ArchRule rule = noClasses().that().areAnnotatedWith(Calculation.class)
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
