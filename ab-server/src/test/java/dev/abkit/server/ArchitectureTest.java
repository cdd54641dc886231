package dev.abkit.server;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dev.abkit.core.CoreBoundariesTest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The borders of SPEC section 5, checked over every module at once. ab-server's test class path holds
 * all of them (as jars under {@code mvn verify}), so jars are deliberately not excluded; every layer
 * must contain classes, so a module that vanished from the class path fails here too.
 */
@AnalyzeClasses(packages = "dev.abkit",
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule adapters_never_depend_on_each_other_and_only_the_server_sees_them_all = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("core").definedBy("dev.abkit.core..")
            .layer("persistence adapter").definedBy("dev.abkit.persistence..")
            .layer("http adapter").definedBy("dev.abkit.http..")
            .layer("stats adapter").definedBy("dev.abkit.stats..")
            .layer("console adapter").definedBy("dev.abkit.console..")
            .layer("composition root").definedBy("dev.abkit.server..")
            .whereLayer("composition root").mayNotBeAccessedByAnyLayer()
            .whereLayer("persistence adapter").mayOnlyBeAccessedByLayers("composition root")
            .whereLayer("http adapter").mayOnlyBeAccessedByLayers("composition root")
            .whereLayer("stats adapter").mayOnlyBeAccessedByLayers("composition root")
            .whereLayer("console adapter").mayOnlyBeAccessedByLayers("composition root")
            .whereLayer("core").mayOnlyBeAccessedByLayers(
                    "persistence adapter", "http adapter", "stats adapter", "console adapter", "composition root")
            .because("adapters translate between the core and one technology; only the composition root wires them"
                    + " together (SPEC section 5)");

    /** The core's own rules (JDK only, no cycles, ...), here with every adapter on the class path. */
    @ArchTest
    static final ArchTests the_core_keeps_its_own_borders = ArchTests.in(CoreBoundariesTest.class);

    @ArchTest
    static final ArchRule web_adapters_call_use_cases_not_their_implementations = noClasses()
            .that().resideInAnyPackage("dev.abkit.http..", "dev.abkit.stats..", "dev.abkit.console..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.abkit.core.service..", "dev.abkit.core.allocation..", "dev.abkit.core.memory..")
            .because("the web edge talks to the use cases of port.in; deciding is the core's job");

    @ArchTest
    static final ArchRule web_adapters_never_use_the_storage_ports = noClasses()
            .that().resideInAnyPackage("dev.abkit.http..", "dev.abkit.stats..", "dev.abkit.console..")
            .should().dependOnClassesThat().resideInAPackage("dev.abkit.core.port.out..")
            .because("the web edge reaches storage only through the use cases, which own the memory of"
                    + " returning devices (decision 7)");

    @ArchTest
    static final ArchRule the_storage_adapter_implements_ports_and_calls_no_use_case = noClasses()
            .that().resideInAPackage("dev.abkit.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.abkit.core.port.in..", "dev.abkit.core.service..", "dev.abkit.core.memory..")
            .because("storage is driven by the core, it never drives it");

    @ArchTest
    static final ArchRule the_storage_adapter_is_a_plain_library_without_a_framework = noClasses()
            .that().resideInAPackage("dev.abkit.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.micronaut..", "jakarta..", "javax.inject..", "org.springframework..")
            .because("any JVM service embeds it on its own DataSource, whatever framework it runs (decision 6)");

    @ArchTest
    static final ArchRule no_cycles_between_packages = slices()
            .matching("dev.abkit.(**)")
            .should().beFreeOfCycles();
}
