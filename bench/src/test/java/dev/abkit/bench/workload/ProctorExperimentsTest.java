package dev.abkit.bench.workload;

import com.indeed.proctor.common.Identifiers;
import com.indeed.proctor.common.Proctor;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.ExperimentsForDevice;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both sides of the embedded comparison answer the same experiments with the same shares. */
class ProctorExperimentsTest {

    private final Proctor proctor = ProctorExperiments.of(ShippedExperiments.all());
    private final String[] ids = RandomDeviceIds.first(RandomDeviceIds.COUNT, RandomDeviceIds.SEED);

    @Test
    void proctor_answers_both_shipped_experiments_in_their_weights_shares() {
        WeightShares shares = new WeightShares(ShippedExperiments.all());
        for (String id : ids) {
            shares.add(proctorAnswer(id));
        }

        assertThatCode(() -> shares.requireMatch("Proctor")).doesNotThrowAnyException();
    }

    @Test
    void proctor_answers_an_id_the_same_every_time_as_a_returning_device_needs() {
        for (int i = 0; i < 100; i++) {
            assertThat(proctorAnswer(ids[i])).isEqualTo(proctorAnswer(ids[i]))
                    .containsOnlyKeys("button_color", "price");
        }
    }

    @Test
    void abkit_answers_the_same_keys_and_is_held_to_the_same_shares() {
        ExperimentsForDevice abkit = AbKit.inMemory().experimentsForDevice();
        WeightShares shares = new WeightShares(ShippedExperiments.all());
        for (String id : ids) {
            shares.add(AnswerMaps.of(abkit.experimentsFor(DeviceToken.of(id))));
        }

        assertThatCode(() -> shares.requireMatch("abkit")).doesNotThrowAnyException();
        assertThat(AnswerMaps.of(abkit.experimentsFor(DeviceToken.of(ids[0]))).keySet())
                .isEqualTo(proctorAnswer(ids[0]).keySet());
    }

    @Test
    void everyone_in_one_option_is_refused_so_a_broken_matrix_cannot_be_measured() {
        WeightShares shares = new WeightShares(ShippedExperiments.all());
        for (int i = 0; i < 1_000; i++) {
            shares.add(Map.of("button_color", "#FF0000", "price", "10"));
        }

        assertThatThrownBy(() -> shares.requireMatch("skewed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("skewed: button_color=#FF0000");
    }

    @Test
    void an_answer_without_every_experiment_is_refused() {
        WeightShares shares = new WeightShares(ShippedExperiments.all());

        assertThatThrownBy(() -> shares.add(Map.of("button_color", "#FF0000")))
                .isInstanceOf(IllegalStateException.class);
    }

    private Map<String, String> proctorAnswer(String id) {
        return AnswerMaps.of(proctor.determineTestGroups(
                Identifiers.of(ProctorExperiments.DEVICE, id), Map.of(), Map.of()));
    }
}
