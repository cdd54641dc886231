package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The CSV exports over real HTTP on PostgreSQL (issue 15): each parsed back with Commons CSV equals what was
 * stored, with RFC 4180 quoting and CRLF line ends; periods are half-open, months UTC; bad parameters are
 * 400 problems naming themselves, unknown experiments 404. Each test uses an experiment of its own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportsApiTest extends SystemTest {

    private static final String CSV = "text/csv; charset=utf-8; header=present";

    private void experiment(String key) {
        HttpResponse<String> created = api.createExperiment("{\"key\":\"" + key
                + "\",\"options\":[{\"value\":\"a\",\"weight\":1},{\"value\":\"b\",\"weight\":1}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> export(String path) {
        return api.admin("GET", path, null);
    }

    private static List<CSVRecord> parsed(HttpResponse<String> response, String... header) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(CSV);
        try {
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(response.body())).getRecords();
            assertThat(response.body()).startsWith(String.join(",", header) + "\r\n");
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Colons are allowed in a query as they are (RFC 3986), and instants have no other reserved character. */
    private static String query(String name, Instant instant) {
        return name + "=" + instant;
    }

    @Test
    void assignments_are_the_stored_ones_quoted_and_in_crlf_lines_and_the_period_is_half_open() {
        experiment("exp_assign");
        List<String> tokens = List.of("exp-a,1", "exp-\"quoted\"", "exp-plain", "exp-last");
        Map<String, String> answers = new LinkedHashMap<>();
        tokens.forEach(token -> answers.put(token, api.experimentsOf(token).get("exp_assign")));
        assertThat(api.admin("PUT", Api.ADMIN + "/exp_assign/overrides/exp-plain", "{\"value\":\"a\"}").statusCode())
                .isEqualTo(200);

        HttpResponse<String> response = export(Api.ADMIN + "/exp_assign/assignments.csv");
        List<CSVRecord> rows = parsed(response, "device", "option", "slot", "block", "enrolled_at", "overridden", "left_out");

        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"exp_assign-assignments.csv\"");
        assertThat(response.body()).contains("\r\n\"exp-a,1\",", "\r\n\"exp-\"\"quoted\"\"\",")
                .endsWith("\r\n").doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        assertThat(rows).extracting(row -> row.get("device")).containsExactlyElementsOf(tokens);
        assertThat(rows).extracting(row -> row.get("option")).containsExactlyElementsOf(answers.values());
        assertThat(rows).extracting(row -> row.get("slot")).containsExactly("0", "1", "2", "3");
        assertThat(rows).extracting(row -> row.get("block")).containsExactly("0", "0", "1", "1");
        assertThat(rows).extracting(row -> row.get("overridden")).containsExactly("false", "false", "true", "false");
        assertThat(rows).extracting(row -> row.get("left_out")).containsOnly("false");
        List<Instant> enrolled = rows.stream().map(row -> Instant.parse(row.get("enrolled_at"))).toList();
        assertThat(enrolled).isSorted().doesNotHaveDuplicates();

        HttpResponse<String> period = export(Api.ADMIN + "/exp_assign/assignments.csv?" + query("from", enrolled.get(1))
                + "&" + query("to", enrolled.get(3)));

        assertThat(parsed(period, "device", "option", "slot", "block", "enrolled_at", "overridden", "left_out"))
                .extracting(row -> row.get("device")).containsExactly("exp-\"quoted\"", "exp-plain");
        assertThat(period.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"exp_assign-assignments-from-"
                + enrolled.get(1).toString().replace(':', '-') + "-to-" + enrolled.get(3).toString().replace(':', '-') + ".csv\"");
    }

    @Test
    void events_are_the_stored_raw_events_with_their_properties_as_json_text() {
        experiment("exp_events");
        String device = "exp-events-1";
        api.experimentsOf(device);
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        HttpResponse<String> sent = api.post("/api/v1/events", """
                {"events":[{"id":"e-1","name":"purchase","at":"%s","value":2.5,"properties":{"sku":"a,\\"b\\"","n":1}},
                           {"id":"e-2","name":"signup","at":"%s"},
                           {"id":"e-3","name":"purchase","at":"%s","value":4}]}""".formatted(at, at.plusMillis(1), at.plusMillis(2)),
                "Device-Token", device, "Content-Type", "application/json");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

        List<CSVRecord> all = parsed(export(Api.ADMIN + "/exp_events/events.csv"),
                "device", "id", "name", "occurred_at", "received_at", "value", "properties");
        List<CSVRecord> purchases = parsed(export(Api.ADMIN + "/exp_events/events.csv?metric=purchase&" + query("from", at)
                + "&" + query("to", at.plusMillis(2))), "device", "id", "name", "occurred_at", "received_at", "value", "properties");

        assertThat(all).extracting(row -> row.get("id")).containsExactly("e-1", "e-2", "e-3");
        CSVRecord first = all.get(0);
        assertThat(first.get("device")).isEqualTo(device);
        assertThat(first.get("name")).isEqualTo("purchase");
        assertThat(Instant.parse(first.get("occurred_at"))).isEqualTo(at);
        assertThat(Instant.parse(first.get("received_at"))).isAfterOrEqualTo(at);
        assertThat(Double.parseDouble(first.get("value"))).isEqualTo(2.5);
        assertThat(api.object(first.get("properties"))).isEqualTo(Map.of("sku", "a,\"b\"", "n", 1));
        assertThat(all.get(1).get("value")).isEmpty();
        assertThat(all.get(1).get("properties")).isEmpty();
        assertThat(purchases).extracting(row -> row.get("id")).as("[from, to): at its start, not at its end")
                .containsExactly("e-1");
    }

    @Test
    void the_history_of_a_month_holds_the_enrolments_of_that_utc_month_only() throws SQLException {
        experiment("exp_history");
        assertThat(api.admin("POST", Api.ADMIN + "/exp_history/stop", null).statusCode()).isEqualTo(200);
        seed("""
                insert into device (token, first_seen) values
                  ('h-dec', timestamp with time zone '2025-12-31 23:59:59.999999+00'),
                  ('h-jan-first', timestamp with time zone '2026-01-01 00:00:00+00'),
                  ('h-jan-last', timestamp with time zone '2026-01-31 23:59:59.999999+00'),
                  ('h-feb', timestamp with time zone '2026-02-01 00:00:00+00');
                insert into assignment (device_token, experiment_key, option_value, slot) values
                  ('h-dec', 'exp_history', 'a', 0), ('h-jan-first', 'exp_history', 'b', 1),
                  ('h-jan-last', 'exp_history', null, 2), ('h-feb', 'exp_history', 'a', 3);
                """);

        HttpResponse<String> january = export("/api/v1/admin/history.csv?month=2026-01");
        List<CSVRecord> rows = parsed(january, "at", "kind", "experiment", "device", "option");

        assertThat(january.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"history-2026-01.csv\"");
        assertThat(rows).extracting(row -> row.get("at"), row -> row.get("kind"), row -> row.get("experiment"),
                        row -> row.get("device"), row -> row.get("option"))
                .as("the left-out device entered nothing").containsExactly(
                        tuple("2026-01-01T00:00:00Z", "enrolled", "exp_history", "h-jan-first", "b"));
        assertThat(parsed(export("/api/v1/admin/history.csv?month=2025-12"), "at", "kind", "experiment", "device", "option"))
                .extracting(row -> row.get("device")).containsExactly("h-dec");
    }

    @Test
    void an_experiment_ended_by_its_schedule_adds_an_ended_row_per_device_in_the_month_of_its_end() {
        Instant end = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> created = api.createExperiment("{\"key\":\"exp_ends\",\"options\":[{\"value\":\"a\",\"weight\":1}],"
                + "\"endAt\":\"" + end + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        api.experimentsOf("exp-ends-1");
        Eventually.within(Duration.ofSeconds(10), "exp_ends is stopped by its schedule",
                () -> export(Api.ADMIN + "/exp_ends").body().contains("\"STOPPED\""));

        List<CSVRecord> rows = parsed(export("/api/v1/admin/history.csv?month=" + YearMonth.from(
                end.atZone(ZoneOffset.UTC))), "at", "kind", "experiment", "device", "option");

        // The end is the instant the schedule carried it out, as the audit trail recorded it (decision 19), a
        // moment after the planned endAt.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) api.object(
                api.admin("GET", "/api/v1/admin/audit?experiment=exp_ends", null).body()).get("entries");
        Map<String, Object> stopped = entries.stream().filter(entry -> "experiment.stopped".equals(entry.get("action")))
                .findFirst().orElseThrow();
        assertThat(Instant.parse(stopped.get("at").toString())).isBetween(end, end.plusSeconds(1));
        assertThat(rows).filteredOn(row -> row.get("kind").equals("ended") && row.get("experiment").equals("exp_ends"))
                .extracting(row -> row.get("at"), row -> row.get("experiment"), row -> row.get("device"), row -> row.get("option"))
                .containsExactly(tuple(stopped.get("at"), "exp_ends", "exp-ends-1", "a"));
    }

    @Test
    void bad_parameters_are_400_problems_naming_them_and_unknown_experiments_404() {
        experiment("exp_refusals");
        Map<String, String> refused = Map.ofEntries(
                Map.entry(Api.ADMIN + "/exp_refusals/assignments.csv?from=yesterday", "from"),
                Map.entry(Api.ADMIN + "/exp_refusals/assignments.csv?to=2026-13-01T00:00:00Z", "to"),
                Map.entry(Api.ADMIN + "/exp_refusals/assignments.csv?to=%2B300000-01-01T00:00:00Z", "to"),
                Map.entry(Api.ADMIN + "/exp_refusals/assignments.csv?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
                        "from"),
                Map.entry(Api.ADMIN + "/exp_refusals/events.csv?from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", "from"),
                Map.entry(Api.ADMIN + "/exp_refusals/events.csv?metric=Not%20A%20Metric", "metric"),
                Map.entry("/api/v1/admin/history.csv", "month"),
                Map.entry("/api/v1/admin/history.csv?month=2026-13", "month"),
                Map.entry("/api/v1/admin/history.csv?month=2026-1", "month"),
                Map.entry("/api/v1/admin/history.csv?month=999999999-12", "month"),
                Map.entry("/api/v1/admin/history.csv?month=%2B300000-01", "month"),
                Map.entry("/api/v1/admin/history.csv?month=-5000-01", "month"),
                Map.entry("/api/v1/admin/history.csv?month=0000-01", "month"));

        refused.forEach((path, field) -> {
            HttpResponse<String> response = export(path);
            assertProblem(response, 400);
            assertThat(api.object(response.body())).as(path).containsEntry("field", field);
        });
        assertProblem(export(Api.ADMIN + "/no_such_key/assignments.csv"), 404);
        assertProblem(export(Api.ADMIN + "/no_such_key/events.csv"), 404);
        assertProblem(api.get(Api.ADMIN + "/exp_refusals/assignments.csv"), 401);
    }

    private void seed(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES.urlOf(databaseName()), POSTGRES.user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
