package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Data survives closing and reopening the database: every device keeps its assignments (R1). */
class RestartTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_restarted_instance_finds_every_device_as_registered_and_keeps_counting(Kind kind) {
        try (TestStore store = TestStore.open(kind, directory)) {
            List<Device> registered = new ArrayList<>();
            long countedBefore;
            try (Instance before = store.start()) {
                StoragePorts ports = before.ports();
                DeviceEnrollmentService service = service(ports);
                for (int i = 0; i < 30; i++) {
                    service.experimentsFor(token(i));
                    registered.add(ports.devices().find(token(i)).orElseThrow());
                }
                countedBefore = ports.counts().registeredDevices();
            }

            try (Instance after = store.start()) {
                StoragePorts ports = after.ports();
                for (Device device : registered) {
                    assertThat(ports.devices().find(device.token())).contains(device);
                }
                assertThat(ports.experiments().all()).containsExactlyElementsOf(ShippedExperiments.all());
                assertThat(countedBefore).isEqualTo(30);
                assertThat(ports.counts().registeredDevices()).isEqualTo(30);

                // the slot sequences went on where they were: device 31 takes slot 30, the first of block 11
                service(ports).experimentsFor(token(30));
                assertThat(store.count("select slot from assignment where device_token = 'device-30'"
                        + " and experiment_key = 'button_color'")).isEqualTo(30);
            }
        }
    }

    private static DeviceEnrollmentService service(StoragePorts ports) {
        return new DeviceEnrollmentService(ports.experiments(), ports.devices(), Clock.systemUTC());
    }

    private static DeviceToken token(int i) {
        return DeviceToken.of("device-" + i);
    }
}
