package dev.abkit.examples.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.persistence.JdbcStorage;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A plain Java service with abkit inside, on its own connection pool to the database that abkit
 * servers use: the service and the mobile app see the same assignments. No framework.
 * <pre>
 * AB_DB_URL=jdbc:postgresql://localhost:5432/abkit AB_DB_USER=postgres \
 *   java -cp ... dev.abkit.examples.embedded.EmbeddedService device-42 device-43
 * </pre>
 */
public final class EmbeddedService implements AutoCloseable {

    private final AbKit abkit;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();

    /** abkit on {@code dataSource}, which it migrates first; the data source stays the caller's. */
    public EmbeddedService(DataSource dataSource) {
        JdbcStorage storage = JdbcStorage.migrated(dataSource);
        this.abkit = AbKit.builder()
                .experiments(storage.experiments())
                .devices(storage.devices())
                .enrollmentCounts(storage.enrollmentCounts())
                // Returning devices answered from memory, as the server does; a stop made by another
                // instance reaches them within half a second.
                .rememberDevices(64L * 1024 * 1024)
                .refreshRunningExperiments(background, Duration.ofMillis(500))
                .build();
        // Slots of failed registrations are handed out again (exact after failures): every instance checks.
        background.scheduleWithFixedDelay(storage::checkLostSlots, 1, 1, TimeUnit.SECONDS);
    }

    public List<Assignment> experimentsOf(String deviceToken) {
        return abkit.experimentsForDevice().experimentsFor(DeviceToken.of(deviceToken));
    }

    public AbKit abkit() {
        return abkit;
    }

    @Override
    public void close() {
        abkit.close();
        background.shutdownNow();
    }

    public static void main(String[] args) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(required("AB_DB_URL"));
        config.setUsername(System.getenv().getOrDefault("AB_DB_USER", ""));
        config.setPassword(System.getenv().getOrDefault("AB_DB_PASSWORD", ""));
        try (HikariDataSource pool = new HikariDataSource(config); EmbeddedService service = new EmbeddedService(pool)) {
            for (String token : args) {
                System.out.println(token + " " + service.experimentsOf(token));
            }
        }
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            System.err.println(variable + " is not set: the JDBC URL of the abkit database, e.g."
                    + " jdbc:postgresql://localhost:5432/abkit");
            System.exit(2);
        }
        return value;
    }
}
