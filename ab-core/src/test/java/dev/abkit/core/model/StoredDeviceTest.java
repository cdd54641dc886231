package dev.abkit.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredDeviceTest {

    private static final ExperimentKey PRICE = ExperimentKey.of("price");
    private static final Device DEVICE = new Device(DeviceToken.of("d"), Instant.EPOCH, DeviceAttributes.UNKNOWN,
            List.of(new Assignment(PRICE, "10")));

    @Test
    void each_assignment_has_exactly_one_slot() {
        assertThat(new StoredDevice(DEVICE, Map.of(PRICE, 7L)).slotIn(PRICE)).isEqualTo(7);
        assertThatThrownBy(() -> new StoredDevice(DEVICE, Map.of())).hasMessageContaining("exactly one slot");
        assertThatThrownBy(() -> new StoredDevice(DEVICE, Map.of(PRICE, 1L, ExperimentKey.of("other"), 2L)))
                .hasMessageContaining("exactly one slot");
        assertThatThrownBy(() -> new StoredDevice(DEVICE, Map.of(PRICE, -1L))).hasMessageContaining("never negative");
        assertThatThrownBy(() -> new StoredDevice(DEVICE, Map.of(PRICE, 7L)).slotIn(ExperimentKey.of("other")))
                .hasMessageContaining("no assignment in other");
    }
}
