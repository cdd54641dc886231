package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Platform;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.DeviceReport;
import dev.abkit.core.port.in.DeviceReport.AssignmentFigures;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DeviceLookupServiceTest {

    private static final Instant START = Instant.parse("2026-12-02T04:00:00Z");

    private final TickingClock clock = new TickingClock(START);
    private final AbKit abkit = AbKit.inMemory(clock);

    @Test
    void a_device_is_shown_with_its_first_request_its_attributes_and_each_assignment_with_status_and_slot() {
        DeviceAttributes attributes = new DeviceAttributes(Platform.IOS, AppVersion.of("2.3.0"), LocaleTag.of("ru-RU"));
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("first"));
        clock.advance(Duration.ofSeconds(5));
        List<Assignment> received = abkit.experimentsForDevice().experimentsFor(DeviceToken.of("second"), attributes);
        abkit.stopExperiment().stop(ADMIN, ShippedExperiments.PRICE.key());

        DeviceReport report = abkit.findDevice().find(DeviceToken.of("second"));

        assertThat(report.token()).isEqualTo(DeviceToken.of("second"));
        assertThat(report.firstSeen()).isEqualTo(START.plusSeconds(5));
        assertThat(report.attributes()).isEqualTo(attributes);
        assertThat(report.assignments()).containsExactly(
                new AssignmentFigures(ShippedExperiments.BUTTON_COLOR.key(), received.get(0).value(), ExperimentStatus.RUNNING, 1L, false),
                new AssignmentFigures(ShippedExperiments.PRICE.key(), received.get(1).value(), ExperimentStatus.STOPPED, 1L, false));
    }

    @Test
    void assignments_are_listed_in_the_order_the_experiments_were_created_and_only_those_the_device_has() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("early"));
        abkit.createExperiment().create(ADMIN, new NewExperiment(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50))));
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("late"));

        assertThat(abkit.findDevice().find(DeviceToken.of("early")).assignments()).extracting(AssignmentFigures::experiment)
                .containsExactly(ShippedExperiments.BUTTON_COLOR.key(), ShippedExperiments.PRICE.key());
        assertThat(abkit.findDevice().find(DeviceToken.of("late")).assignments())
                .extracting(figures -> figures.experiment().value(), AssignmentFigures::slot)
                .containsExactly(tuple("button_color", 1L),
                        tuple("price", 1L), tuple("onboarding", 0L));
    }

    @Test
    void a_device_that_the_coverage_left_out_is_shown_left_out_with_its_slot_and_no_value() {
        ExperimentKey tenth = ExperimentKey.of("tenth");
        abkit.createExperiment().create(ADMIN, new NewExperiment(tenth, List.of(Option.of("short", 50), Option.of("long", 50)))
                .withCoverage(Coverage.percent("10")));
        for (int i = 0; i < 10; i++) {
            abkit.experimentsForDevice().experimentsFor(DeviceToken.of("device-" + i));
        }

        List<AssignmentFigures> inTenth = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            abkit.findDevice().find(DeviceToken.of("device-" + i)).assignments().stream()
                    .filter(figures -> figures.experiment().equals(tenth)).forEach(inTenth::add);
        }

        assertThat(inTenth).hasSize(10).extracting(AssignmentFigures::slot)
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(inTenth).filteredOn(AssignmentFigures::leftOut).hasSize(9)
                .allSatisfy(figures -> assertThat(figures.value()).isNull());
        assertThat(inTenth).filteredOn(figures -> !figures.leftOut()).singleElement()
                .satisfies(figures -> assertThat(figures.value()).isIn("short", "long"));
    }

    @Test
    void a_device_that_sent_nothing_shows_unknown_attributes() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("silent"));

        assertThat(abkit.findDevice().find(DeviceToken.of("silent")).attributes()).isEqualTo(DeviceAttributes.UNKNOWN);
    }

    @Test
    void a_device_never_seen_is_unknown_and_looking_does_not_register_it() {
        assertThatThrownBy(() -> abkit.findDevice().find(DeviceToken.of("ghost")))
                .isInstanceOf(UnknownDeviceException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> abkit.findDevice().find(DeviceToken.of("ghost")))
                .isInstanceOf(UnknownDeviceException.class);
        assertThat(abkit.statistics().report().devices()).isZero();
    }
}
