package dev.abkit.persistence;

import dev.abkit.core.contract.StoragePorts;
import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.model.ShippedExperiments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An unreachable database surfaces as the core's {@link StorageUnavailableException} from every
 * port, so the HTTP edge can answer 503 without knowing JDBC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionFailureTest {

    private Instance instance;
    private StoragePorts ports;

    @BeforeAll
    void startOnAClosedPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free now, and closed by the time the pool connects
        }
        instance = Instance.unmigrated(pool -> {
            pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/abkit?connectTimeout=1&loginTimeout=1");
            pool.setUsername("postgres");
            pool.setConnectionTimeout(250);
            pool.setInitializationFailTimeout(-1); // start although unreachable
            pool.setMinimumIdle(0); // no background refills that slow the close
        });
        ports = instance.ports();
    }

    @AfterAll
    void close() {
        instance.close();
    }

    @Test
    void every_port_reports_the_store_as_unavailable() {
        List<Executable> calls = List.of(
                () -> ports.experiments().running(),
                () -> ports.experiments().all(),
                () -> ports.experiments().find(ShippedExperiments.PRICE.key()),
                () -> audited(ports.experiments()).add(ShippedExperiments.PRICE),
                () -> audited(ports.experiments()).replace(ShippedExperiments.PRICE, ShippedExperiments.PRICE.stopped()),
                () -> ports.devices().find(DeviceToken.of("device")),
                () -> ports.devices().registerOnce(DeviceToken.of("device"), Instant.now(), DeviceAttributes.UNKNOWN, RunningExperiments.none(), (running, slots) -> List.of()),
                () -> ports.counts().registeredDevices(),
                () -> ports.counts().optionCounts());
        for (Executable call : calls) {
            assertThatThrownBy(call::execute)
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("cannot be reached");
        }
    }
}
