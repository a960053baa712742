package org.activerecorder;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of recorder-ejb (see DESIGN.md): the domain stands alone; the application reaches the outside world
 * only through its own ports (interfaces in {@code application..} and repositories in {@code domain..}), which
 * infrastructure implements; infrastructure calls the application through its published interfaces, never its
 * implementation in {@code application.internal}; and no layer depends back on one that depends on it.
 * Only main classes are checked: tests may wire the real file-based implementations into application services.
 */
class LayeringTest {

    /** The main classes of recorder-ejb, imported once (also for {@link EnterpriseBeansTest}). */
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.activerecorder");

    @Test
    void theDomainDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("org.activerecorder.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.activerecorder.application..",
                        "org.activerecorder.infrastructure..", "org.activerecorder.interfaces..")
                .check(MAIN);
    }

    @Test
    void theApplicationReachesInfrastructureOnlyThroughItsPorts() {
        noClasses().that().resideInAPackage("org.activerecorder.application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.activerecorder.infrastructure..",
                        "org.activerecorder.interfaces..")
                .check(MAIN);
    }

    @Test
    void infrastructureCallsTheApplicationThroughItsInterfacesNotItsImplementation() {
        noClasses().that().resideInAPackage("org.activerecorder.infrastructure..")
                .should().dependOnClassesThat().resideInAPackage("org.activerecorder.application.internal..")
                .check(MAIN);
    }

    @Test
    void noCycleBetweenTheLayers() {
        slices().matching("org.activerecorder.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
