package com.callbackdesk.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The import graph of the production code, checked on every build: dependencies point one way
 * (adapters → application layer → domain and storage → planning), no package cycle, the planning
 * rules carry no storage, Quartz or Camel, the IVR knows nothing of Camel, and no production code
 * reaches into the simulated PBX or the demo.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the modules' shared test fixtures arrive as *-tests.jar: not production code
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("com.callbackdesk");
    }

    @Test
    void noPackageCycles() {
        slices().matching("com.callbackdesk.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void planningIsPure() {
        noClasses().that().resideInAPackage("com.callbackdesk.planning..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "com.callbackdesk.planning..", "java..", "javax.annotation..",
                        "com.google.i18n.phonenumbers..", "com.fasterxml.jackson..", "jakarta.validation..",
                        "org.apache.logging.log4j..")
                .check(production);
    }

    @Test
    void whatIfUsesPlanningOnly() {
        noClasses().that().resideInAPackage("com.callbackdesk.whatif..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.callbackdesk.callback..", "com.callbackdesk.queue..", "com.callbackdesk.storage..",
                        "com.callbackdesk.scheduling..", "com.callbackdesk.desk..", "org.quartz..",
                        "org.flywaydb..", "java.sql..")
                .check(production);
    }

    @Test
    void theIvrKnowsNothingOfCamel() {
        noClasses().that().resideInAPackage("com.callbackdesk.ivr..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "com.callbackdesk.routes..")
                .check(production);
    }

    @Test
    void productionCodeDoesNotDependOnTheSimulatorOrTheDemo() {
        noClasses().that().resideOutsideOfPackages("com.callbackdesk.pbxsim..", "com.callbackdesk.demo..",
                        "com.callbackdesk.app..")
                .should().dependOnClassesThat().resideInAnyPackage("com.callbackdesk.pbxsim..", "com.callbackdesk.demo..")
                .check(production);
    }

    @Test
    void theApplicationLayerKnowsNoAdapter() {
        noClasses().that().resideInAPackage("com.callbackdesk.desk..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..", "com.callbackdesk.routes..",
                        "com.callbackdesk.http..", "com.callbackdesk.server..", "org.asteriskjava..")
                .check(production);
    }
}
