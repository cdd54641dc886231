package dev.abkit.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's own borders. ab-server's ArchitectureTest runs these same rules again over every module,
 * next to the borders between modules.
 */
@AnalyzeClasses(packages = "dev.abkit.core", importOptions = ImportOption.DoNotIncludeTests.class)
public class CoreBoundariesTest {

    @ArchTest
    static final ArchRule the_core_depends_on_the_jdk_only = classes()
            .that().resideInAPackage("dev.abkit.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.abkit.core..", "java..")
            .because("ab-core is a plain Java library that any JVM service can embed (SPEC section 5)");

    @ArchTest
    static final ArchRule the_domain_model_knows_no_ports_services_or_adapters = classes()
            .that().resideInAPackage("dev.abkit.core.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "dev.abkit.core.model..", "dev.abkit.core.allocation..", "java..")
            .because("the model is the centre of the hexagon");

    @ArchTest
    static final ArchRule use_cases_do_not_know_the_in_memory_adapters = classes()
            .that().resideInAnyPackage("dev.abkit.core.service..", "dev.abkit.core.port..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackage("dev.abkit.core.memory..")
            .because("use cases talk to ports; which adapter sits behind them is the assembler's choice");

    @ArchTest
    static final ArchRule core_packages_are_free_of_cycles = slices()
            .matching("dev.abkit.core.(*)..")
            .should().beFreeOfCycles();
}
