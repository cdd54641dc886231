package dev.abkit.examples.embedded;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.abkit.core.model.Assignment;
import dev.abkit.persistence.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded service and an abkit server (the real jar, in a process of its own) on one
 * PostgreSQL database, registering new devices at the same time: allocation stays exact across
 * both (R3), and each device gets the same answer from either (R1).
 */
class EmbeddedBesideServerTest {

    private static final Path SERVER_JAR = Path.of("../../ab-server/target/ab-server.jar");

    private final PostgresServer postgres = PostgresServer.fromEnvironment();
    private final String database = postgres.createDatabase();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        postgres.dropDatabase(database);
    }

    @Test
    void six_hundred_devices_split_exactly_between_an_embedded_service_and_a_server_that_agree_on_each()
            throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.urlOf(database));
        config.setUsername(postgres.user());
        try (HikariDataSource pool = new HikariDataSource(config); EmbeddedService service = new EmbeddedService(pool)) {
            URI abkitServer = startServer();

            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<CompletableFuture<Map<String, String>>> answers = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String token = "device-" + i;
                boolean embedded = i % 2 == 0;
                answers.add(CompletableFuture.supplyAsync(
                        () -> embedded ? asMap(service.experimentsOf(token)) : viaServer(abkitServer, token), clients));
            }
            Map<String, Map<String, String>> first = new HashMap<>();
            for (int i = 0; i < 600; i++) {
                first.put("device-" + i, answers.get(i).get(30, TimeUnit.SECONDS));
            }
            clients.shutdown();

            assertThat(countsOf(pool, "button_color")).isEqualTo(Map.of("#FF0000", 200L, "#00FF00", 200L, "#0000FF", 200L));
            assertThat(countsOf(pool, "price")).isEqualTo(Map.of("10", 450L, "20", 60L, "50", 30L, "5", 60L));
            for (int i = 0; i < 600; i += 7) {
                String token = "device-" + i;
                assertThat(viaServer(abkitServer, token)).as(token).isEqualTo(first.get(token));
                assertThat(asMap(service.experimentsOf(token))).as(token).isEqualTo(first.get(token));
            }
        }
    }

    private URI startServer() throws IOException, InterruptedException {
        assertThat(SERVER_JAR).as("the server jar; build it first: mvn -B package -DskipTests").exists();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", SERVER_JAR.toString())
                .redirectErrorStream(true);
        java.environment().put("AB_PORT", Integer.toString(port));
        java.environment().put("AB_DB_URL", postgres.urlOf(database));
        java.environment().put("AB_DB_USER", postgres.user());
        java.environment().put("AB_ADMIN_TOKEN", "example-token");
        server = java.start();
        try {
            started(server).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the abkit server did not start within 60 s", e);
        }
        URI base = URI.create("http://localhost:" + port);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("the server's health").isEqualTo(200);
        return base;
    }

    /**
     * Completes when the server says it has started (Micronaut's "Startup completed" line), fails if its
     * output ends first; keeps reading the output so that the server never blocks on a full pipe.
     */
    private static CompletableFuture<Void> started(Process process) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.contains("Startup completed")) {
                        started.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the process is gone; the future says so below
            }
            started.completeExceptionally(new IllegalStateException("the server's output ended before it started"));
        }, "abkit-server-output");
        reader.setDaemon(true);
        reader.start();
        return started;
    }

    private Map<String, String> viaServer(URI base, String token) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/experiments"))
                    .header("Device-Token", token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return flat(response.body());
        } catch (IOException e) {
            throw new AssertionError("the server did not answer " + token, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The mobile API's flat object of strings, e.g. {"button_color":"#00FF00","price":"10"}. */
    private static Map<String, String> flat(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        String body = json.trim();
        for (String pair : body.substring(1, body.length() - 1).split(",")) {
            String[] keyValue = pair.split(":", 2);
            values.put(unquoted(keyValue[0]), unquoted(keyValue[1]));
        }
        return values;
    }

    private static String unquoted(String quoted) {
        String text = quoted.trim();
        return text.substring(1, text.length() - 1);
    }

    private static Map<String, String> asMap(List<Assignment> assignments) {
        Map<String, String> values = new LinkedHashMap<>();
        assignments.forEach(assignment -> values.put(assignment.experiment().value(), assignment.value()));
        return values;
    }

    private static Map<String, Long> countsOf(HikariDataSource pool, String experiment) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select option_value, count(*) from assignment"
                     + " where experiment_key = '" + experiment + "' group by option_value")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

}
