package dev.abkit.core;

import dev.abkit.core.audit.Actor;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedding example of the README, kept here so it always compiles and does what it says. */
class EmbeddingExampleTest {

    @Test
    void the_readme_example_works() {
        // --- README example start ---
        AbKit abkit = AbKit.inMemory();   // in-memory ports, shipped experiments running
        Principal us = Principal.service("onboarding-service");   // who the audit trail says made the change

        abkit.createExperiment().create(us, new NewExperiment(
                ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50))));

        List<Assignment> mine = abkit.experimentsForDevice().experimentsFor(DeviceToken.of("device-42"));
        // [Assignment[experiment=button_color, value=#00FF00], Assignment[experiment=price, value=10],
        //  Assignment[experiment=onboarding, value=long]]
        // --- README example end ---

        assertThat(mine).extracting(a -> a.experiment().value()).containsExactly("button_color", "price", "onboarding");
        assertThat(abkit.readAudit().read(us, AuditQuery.all()).entries()).singleElement()
                .satisfies(record -> assertThat(record.entry().actor()).isEqualTo(new Actor("onboarding-service", "admin")));
        assertThat(abkit.experimentsForDevice().experimentsFor(DeviceToken.of("device-42"))).isEqualTo(mine);
    }
}
