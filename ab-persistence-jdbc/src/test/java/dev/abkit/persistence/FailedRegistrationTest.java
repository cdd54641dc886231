package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.Enrollment;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import dev.abkit.core.error.StorageFailureException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * R6 where only a database can fail: a constraint the database enforces breaks the registration
 * after its device row and slots were taken, and nothing of it is left behind.
 */
class FailedRegistrationTest {

    private static final DeviceToken TOKEN = DeviceToken.of("half-registered?");

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_assignment_the_schema_rejects_rolls_back_the_whole_registration(Kind kind) {
        Enrollment unknownOption = (running, slots) -> {
            slots.take(ShippedExperiments.BUTTON_COLOR.key());
            slots.take(ShippedExperiments.PRICE.key());
            return List.of(new Assignment(ShippedExperiments.BUTTON_COLOR.key(), "#FF0000"),
                    new Assignment(ShippedExperiments.PRICE.key(), "no such option")); // foreign key fails
        };
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            StoragePorts ports = instance.ports();

            assertThatThrownBy(() -> ports.devices().registerOnce(TOKEN, Instant.now(), DeviceAttributes.UNKNOWN, ports.experiments().running(), unknownOption))
                    .isInstanceOf(StorageFailureException.class); // a failing statement, not an outage

            assertNothingStored(store, ports);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void an_assignment_without_a_slot_is_refused_and_rolled_back(Kind kind) {
        Enrollment withoutSlot = (running, slots) -> List.of(new Assignment(ShippedExperiments.BUTTON_COLOR.key(), "#FF0000"));
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            StoragePorts ports = instance.ports();

            assertThatThrownBy(() -> ports.devices().registerOnce(TOKEN, Instant.now(), DeviceAttributes.UNKNOWN, ports.experiments().running(), withoutSlot))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("without taking a slot");

            assertNothingStored(store, ports);
        }
    }

    /** Every statement of the store script is checked, on H2 too, where a script reports only its first count. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_counter_row_that_is_missing_fails_the_registration_instead_of_losing_the_count(Kind kind) throws Exception {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            StoragePorts ports = instance.ports();
            store.execute("delete from option_count where experiment_key = 'price'");
            DeviceEnrollmentService service = new DeviceEnrollmentService(ports.experiments(), ports.devices(),
                    Clock.systemUTC());

            assertThatThrownBy(() -> service.experimentsFor(TOKEN))
                    .isInstanceOf(StorageFailureException.class)
                    .hasMessageContaining("option_count").hasMessageContaining("schema is damaged");

            assertNothingStored(store, ports);
        }
    }

    private static void assertNothingStored(TestStore store, StoragePorts ports) {
        assertThat(ports.devices().find(TOKEN)).isEmpty();
        assertThat(store.count("select count(*) from device")).isZero();
        assertThat(store.count("select count(*) from assignment")).isZero();
        assertThat(store.count("select coalesce(sum(devices), 0) from device_count")).isZero();
        assertThat(store.count("select coalesce(sum(devices), 0) from option_count")).isZero();
        assertThat(store.count("select coalesce(sum(devices), 0) from option_day_count")).isZero();
    }
}
