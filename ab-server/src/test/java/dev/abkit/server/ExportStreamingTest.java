package dev.abkit.server;

import dev.abkit.persistence.PostgresServer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exports stream (issue 15): a server in a JVM of its own with a 64 MiB heap exports more CSV than that
 * heap could hold (about 100 MB of 400,000 rows), complete; and a database failure after the first bytes cuts
 * the response off, so that the client sees an error instead of a shorter file, while one before the first
 * byte is a 503 problem.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportStreamingTest {

    private static final PostgresServer POSTGRES = PostgresServer.fromEnvironment();
    private static final int ROWS = 400_000;
    /** Long tokens make the rows big: ROWS of them are far more than the server's heap. */
    private static final int TOKEN_LENGTH = 180;
    private static final String TOKEN = "admin-token-of-the-streaming-test";

    private Path directory;
    private String database;
    private ServerProcess server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    void startSmallServerOnManyRows() throws Exception {
        directory = Files.createTempDirectory("abkit-export-streaming");
        database = POSTGRES.createDatabase();
        server = ServerProcess.startWith(directory, Map.of("AB_DB_URL", POSTGRES.urlOf(database), "AB_ADMIN_TOKEN", TOKEN),
                List.of("-Xmx64m"));
        assertThat(send("POST", "/api/v1/admin/experiments",
                "{\"key\":\"big\",\"options\":[{\"value\":\"a\",\"weight\":1},{\"value\":\"b\",\"weight\":1}]}").statusCode())
                .isEqualTo(201);
        // Stopped, so no device registered meanwhile takes one of the seeded slots.
        assertThat(send("POST", "/api/v1/admin/experiments/big/stop", null).statusCode()).isEqualTo(200);
        sql("insert into device (token, first_seen) select lpad(i::text, " + TOKEN_LENGTH + ", 'd'),"
                + " timestamp with time zone '2026-01-01 00:00:00+00' + i * interval '1 millisecond'"
                + " from generate_series(0, " + (ROWS - 1) + ") i");
        sql("insert into assignment (device_token, experiment_key, option_value, slot)"
                + " select lpad(i::text, " + TOKEN_LENGTH + ", 'd'), 'big', case when i % 2 = 0 then 'a' else 'b' end, i"
                + " from generate_series(0, " + (ROWS - 1) + ") i");
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            POSTGRES.dropDatabase(database);
        }
    }

    @Test
    void an_export_larger_than_the_servers_heap_arrives_whole() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = stream("/api/v1/admin/experiments/big/assignments.csv");
        assertThat(response.statusCode()).isEqualTo(200);

        long rows = 0;
        long bytes = 0;
        String lastSlot = null;
        try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (CSVRecord record : csv) {
                rows++;
                bytes += record.get("device").length() + 60L;
                lastSlot = record.get("slot");
            }
        }

        assertThat(rows).isEqualTo(ROWS);
        assertThat(lastSlot).isEqualTo(Integer.toString(ROWS - 1));
        assertThat(bytes).as("more CSV than the heap of 64 MiB").isGreaterThan(64L * 1024 * 1024);
        assertThat(server.log()).doesNotContain("OutOfMemoryError");
        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_database_failure_after_the_first_bytes_cuts_the_response_off() throws Exception {
        HttpResponse<InputStream> response = stream("/api/v1/admin/experiments/big/assignments.csv");
        assertThat(response.statusCode()).isEqualTo(200);
        InputStream body = response.body();
        assertThat(body.readNBytes(1024)).hasSize(1024);

        sql("select pg_terminate_backend(pid) from pg_stat_activity"
                + " where datname = current_database() and pid <> pg_backend_pid() and query like '%from assignment a%'");

        assertThatThrownBy(() -> {
            try (body) {
                body.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }).as("a cut-off download ends with an error, never as a shorter file").isInstanceOf(IOException.class);
    }

    @Test
    void a_database_failure_before_the_first_byte_is_a_503_problem() throws Exception {
        POSTGRES.cutOff(database);
        try {
            HttpResponse<String> response = send("GET", "/api/v1/admin/experiments/big/events.csv", null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        } finally {
            POSTGRES.reconnect(database);
        }
    }

    private HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(URI.create(path)))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES.urlOf(database), POSTGRES.user(), "");
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
