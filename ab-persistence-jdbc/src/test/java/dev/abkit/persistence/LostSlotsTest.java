package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the lost slots are found: a run at the first slot the checks have not passed yet, runs between
 * stored slots, and the slots handed out last; a slot already waiting in {@code free_slot} is not put
 * there twice. The database finds the runs (a query of gaps, not every slot read into the server).
 */
class LostSlotsTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_slot_handed_out_and_not_stored_waits_once_in_free_slot(Kind kind) throws Exception {
        try (TestStore store = TestStore.open(kind, directory); Instance instance = store.start()) {
            StoragePorts ports = instance.ports();
            DeviceEnrollmentService service = new DeviceEnrollmentService(ports.experiments(), ports.devices(), Clock.systemUTC());
            for (int i = 0; i < 10; i++) {
                service.experimentsFor(DeviceToken.of("stored-" + i)); // slots 0..9 of both experiments
            }
            for (int i = 0; i < 3; i++) { // slots 10, 11, 12: taken, never stored
                DeviceToken failed = DeviceToken.of("failed-" + i);
                assertThatThrownBy(() -> ports.devices().registerOnce(failed, Instant.now(), DeviceAttributes.UNKNOWN,
                        ports.experiments().running(), (running, slots) -> {
                            slots.takeEach(List.of(ShippedExperiments.BUTTON_COLOR.key(), ShippedExperiments.PRICE.key()));
                            throw new IllegalStateException("failed after taking its slots");
                        })).hasMessageContaining("after taking its slots");
            }
            // As if the registrations of slots 0, 4, 5 and 6 of button_color had been lost, 5 found already.
            store.execute("delete from assignment where experiment_key = 'button_color' and slot in (0, 4, 5, 6)");
            store.execute("insert into free_slot (experiment_key, slot) values ('button_color', 5)");
            store.execute("update slot_check set checked_below = 0");

            instance.storage().recoverLostSlots();

            assertThat(freeSlots(store, "button_color")).containsExactly(0L, 4L, 5L, 6L, 10L, 11L, 12L);
            assertThat(freeSlots(store, "price")).containsExactly(10L, 11L, 12L);
            assertThat(store.count("select min(checked_below) from slot_check where experiment_key in ('button_color', 'price')"))
                    .as("the check moves past the slots it has accounted for").isEqualTo(13);
        }
    }

    private static List<Long> freeSlots(TestStore store, String experiment) {
        long waiting = store.count("select count(*) from free_slot where experiment_key = '" + experiment + "'");
        List<Long> slots = new ArrayList<>();
        for (long slot = 0; slot < 20; slot++) {
            long times = store.count("select count(*) from free_slot where experiment_key = '" + experiment + "' and slot = " + slot);
            for (long k = 0; k < times; k++) {
                slots.add(slot);
            }
        }
        assertThat(slots).as("free slots below 20").hasSize((int) waiting);
        return slots;
    }
}
