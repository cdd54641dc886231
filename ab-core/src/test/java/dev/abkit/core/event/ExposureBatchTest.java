package dev.abkit.core.event;

import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExposureBatchTest {

    private static final DeviceToken DEVICE = DeviceToken.of("device-1");
    private static final Instant RECEIVED = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void exposures_are_timed_by_the_same_rule_as_events() {
        Instant sentAt = RECEIVED.minus(Duration.ofHours(1));
        ExposureBatch batch = ExposureBatch.of(DEVICE, List.of(
                new ExposureInput("button_color", null),
                new ExposureInput("price", sentAt.minusSeconds(30)),
                new ExposureInput("price", sentAt.plusSeconds(30))), new Receipt(RECEIVED, sentAt));

        assertThat(batch.exposures()).containsExactly(
                new Exposure(DEVICE, ExperimentKey.of("button_color"), RECEIVED),
                new Exposure(DEVICE, ExperimentKey.of("price"), RECEIVED.minusSeconds(30)),
                new Exposure(DEVICE, ExperimentKey.of("price"), RECEIVED));
    }

    @Test
    void an_invalid_exposure_is_named_by_its_index_and_refuses_the_batch() {
        List<ExposureInput> badKey = List.of(new ExposureInput("ok", null), new ExposureInput("Bad-Key", null));
        List<ExposureInput> tooOld = List.of(new ExposureInput("ok", RECEIVED.minus(Duration.ofDays(30)).minusNanos(1_000)));

        assertThatThrownBy(() -> ExposureBatch.of(DEVICE, badKey, Receipt.at(RECEIVED)))
                .isInstanceOfSatisfying(InvalidEventException.class,
                        e -> assertThat(e.field()).isEqualTo("exposures[1].experiment"))
                .hasMessage("exposures[1].experiment: experiment key must be 1-64 characters of a-z, 0-9 and _"
                        + " (got \"Bad-Key\")");
        assertThatThrownBy(() -> ExposureBatch.of(DEVICE, tooOld, Receipt.at(RECEIVED)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("exposures[0].at"))
                .hasMessageContaining("30 days");
    }

    @Test
    void a_batch_holds_1_to_1000_exposures() {
        List<ExposureInput> thousand = Collections.nCopies(1000, new ExposureInput("price", null));
        List<ExposureInput> tooMany = new ArrayList<>(thousand);
        tooMany.add(new ExposureInput("price", null));

        assertThat(ExposureBatch.of(DEVICE, thousand, Receipt.at(RECEIVED)).exposures()).hasSize(1000);
        assertThatThrownBy(() -> ExposureBatch.of(DEVICE, tooMany, Receipt.at(RECEIVED)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("exposures"))
                .hasMessage("exposures: a batch must hold 1 to 1000 exposures (got 1001)");
        assertThatThrownBy(() -> ExposureBatch.of(DEVICE, List.of(), Receipt.at(RECEIVED)))
                .hasMessage("exposures: a batch must hold 1 to 1000 exposures (got 0)");
    }

    @Test
    void a_single_exposure_names_its_fields_without_an_index() {
        assertThat(ExposureBatch.single(DEVICE, new ExposureInput("price", null), Receipt.at(RECEIVED)).exposures())
                .containsExactly(new Exposure(DEVICE, ExperimentKey.of("price"), RECEIVED));
        assertThatThrownBy(() -> ExposureBatch.single(DEVICE, new ExposureInput(null, null), Receipt.at(RECEIVED)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("experiment"))
                .hasMessageEndingWith("(got nothing)");
    }

    @Test
    void a_batch_remembers_its_form_to_name_the_experiment_field_as_the_client_wrote_it() {
        ExposureBatch batch = ExposureBatch.of(DEVICE, List.of(new ExposureInput("price", null),
                new ExposureInput("button_color", null)), Receipt.at(RECEIVED));
        ExposureBatch single = ExposureBatch.single(DEVICE, new ExposureInput("price", null), Receipt.at(RECEIVED));

        assertThat(batch.experimentField(1)).isEqualTo("exposures[1].experiment");
        assertThat(single.experimentField(0)).isEqualTo("experiment");
    }
}
