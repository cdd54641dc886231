package dev.abkit.console;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.core.annotation.Introspected;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The console translates between forms and pages and the core's use cases, and nothing more. */
@AnalyzeClasses(packages = "dev.abkit.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {

    @ArchTest
    static final ArchRule pages_carry_no_domain_types =
            fields().that().areDeclaredInClassesThat().areAnnotatedWith(Introspected.class).and().areNotStatic()
                    .should(involveNoTypeOf("dev.abkit.core"))
                    .because("domain types never reach a template: the pages speak in their own records");

    @ArchTest
    static final ArchRule every_record_is_a_view_model =
            classes().that().areRecords().should().beAnnotatedWith(Introspected.class)
                    .because("Thymeleaf reads @Introspected view models without reflection");

    @ArchTest
    static final ArchRule depends_on_no_other_adapter =
            noClasses().should().dependOnClassesThat().resideInAnyPackage(
                            "dev.abkit.http..", "dev.abkit.stats..", "dev.abkit.persistence..", "dev.abkit.server..")
                    .because("adapters depend on ab-core only; the composition root in ab-server wires them");

    private static ArchCondition<JavaField> involveNoTypeOf(String packagePrefix) {
        return new ArchCondition<>("involve no type of " + packagePrefix) {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                for (JavaClass type : field.getType().getAllInvolvedRawTypes()) {
                    if (type.getPackageName().startsWith(packagePrefix)) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " carries " + type.getName()));
                    }
                }
            }
        };
    }
}
