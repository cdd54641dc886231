package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QA overrides (R9) end to end over HTTP on PostgreSQL, with a second server on the same database:
 * the admin calls and their statuses, what overridden devices are served (also from the memory of
 * returning devices, also for drafts and devices first seen before the experiment), that an override
 * takes no slot so the split stays exact, the device lookup and the statistics, and that the other
 * server serves an override within its refresh period.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverridesApiTest extends TwoServersSystemTest {

    private static final String DEVICES = "/api/v1/admin/devices/";

    private static String overrides(String experiment) {
        return Api.ADMIN + "/" + experiment + "/overrides";
    }

    private HttpResponse<String> put(String experiment, String token, String body) {
        return api.admin("PUT", overrides(experiment) + "/" + token, body);
    }

    private HttpResponse<String> delete(String experiment, String token) {
        return api.admin("DELETE", overrides(experiment) + "/" + token, null);
    }

    @Test
    void an_override_is_put_listed_replaced_and_deleted_with_the_statuses_of_the_contract() {
        Instant before = Instant.now();
        HttpResponse<String> first = put("price", "crud-phone", "{\"value\":\"5\"}");
        put("price", "crud-other", "{\"value\":\"20\"}");
        HttpResponse<String> replaced = put("price", "crud-phone", "{\"value\":\"50\"}");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        Map<String, Object> kept = api.object(replaced.body());
        assertThat(kept).containsEntry("deviceToken", "crud-phone").containsEntry("value", "50");
        assertThat(Instant.parse((String) kept.get("createdAt"))).isAfterOrEqualTo(before.minusSeconds(1));
        List<Map<String, Object>> listed = api.list(api.admin("GET", overrides("price"), null).body());
        assertThat(listed).extracting(o -> o.get("deviceToken"), o -> o.get("value"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("crud-other", "20"),
                        org.assertj.core.groups.Tuple.tuple("crud-phone", "50"));

        assertThat(delete("price", "crud-phone").statusCode()).isEqualTo(204);
        assertThat(delete("price", "crud-other").statusCode()).isEqualTo(204);
        assertThat(api.list(api.admin("GET", overrides("price"), null).body())).isEmpty();
        HttpResponse<String> gone = delete("price", "crud-phone");
        assertProblem(gone, 404);
        assertThat(api.object(gone.body())).containsEntry("type", "urn:abkit:problem:unknown-override");
    }

    @Test
    void unknown_experiments_values_the_experiment_lacks_and_stopped_experiments_are_problems() {
        for (HttpResponse<String> unknown : List.of(put("no_such", "qa", "{\"value\":\"x\"}"),
                api.admin("GET", overrides("no_such"), null), delete("no_such", "qa"))) {
            assertProblem(unknown, 404);
            assertThat(api.object(unknown.body())).containsEntry("type", "urn:abkit:problem:unknown-experiment");
        }
        HttpResponse<String> badValue = put("price", "qa", "{\"value\":\"51\"}");
        assertProblem(badValue, 400);
        assertThat(api.object(badValue.body())).containsEntry("field", "value");
        HttpResponse<String> noValue = put("price", "qa", "{}");
        assertProblem(noValue, 400);
        assertThat(api.object(noValue.body())).containsEntry("field", "value");
        assertProblem(put("price", "qa", "{\"value\":50}"), 400);

        assertThat(api.createExperiment("""
                {"key":"ov_stopped","options":[{"value":"a","weight":1},{"value":"b","weight":1}]}""").statusCode())
                .isEqualTo(201);
        put("ov_stopped", "stopped-phone", "{\"value\":\"a\"}");
        api.admin("POST", Api.ADMIN + "/ov_stopped/stop", null);
        HttpResponse<String> stopped = put("ov_stopped", "stopped-phone", "{\"value\":\"b\"}");
        assertProblem(stopped, 409);
        assertThat(api.object(stopped.body())).containsEntry("currentStatus", "STOPPED");
        assertThat(api.experimentsOf("stopped-phone")).doesNotContainKey("ov_stopped");
    }

    @Test
    void an_enrolled_device_overridden_keeps_its_slot_the_split_stays_exact_and_memory_does_not_hide_it() {
        assertThat(api.createExperiment("""
                {"key":"ov_split","options":[{"value":"a","weight":1},{"value":"b","weight":1}]}""").statusCode())
                .isEqualTo(201);
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            own.add(api.experimentsOf("split-" + i).get("ov_split"));
        }
        String forced = own.get(0).equals("a") ? "b" : "a";
        api.experimentsOf("split-0"); // remembered: answered from memory from now on

        assertThat(put("ov_split", "split-0", "{\"value\":\"" + forced + "\"}").statusCode()).isEqualTo(200);
        assertThat(put("ov_split", "split-new", "{\"value\":\"a\"}").statusCode()).isEqualTo(200);

        assertThat(api.experimentsOf("split-0")).containsEntry("ov_split", forced);
        assertThat(api.experimentsOf("split-new")).containsEntry("ov_split", "a");
        Map<String, Object> lookedUp = assignmentIn(api.object(api.admin("GET", DEVICES + "split-0", null).body()), "ov_split");
        assertThat(lookedUp).containsEntry("value", forced).containsEntry("override", true);
        assertThat(((Number) lookedUp.get("slot")).longValue()).isEqualTo(storedSlot("split-0", "ov_split"));
        Map<String, Object> newcomer = assignmentIn(api.object(api.admin("GET", DEVICES + "split-new", null).body()), "ov_split");
        assertThat(newcomer).containsEntry("slot", null).containsEntry("override", true);
        assertThat(storedSlot("split-new", "ov_split")).as("an override takes no slot").isNull();

        Map<String, Object> stats = api.object(api.admin("GET", "/api/v1/stats", null).body());
        assertThat(Counts.inStatistics(stats, "ov_split")).isEqualTo(Map.of("a", 5L, "b", 5L));
        assertThat(((Number) statisticsOf(stats, "ov_split").get("overridden")).longValue()).isEqualTo(2);
        assertThat(((Number) statisticsOf(stats, "ov_split").get("devices")).longValue()).isEqualTo(10);

        assertThat(delete("ov_split", "split-0").statusCode()).isEqualTo(204);
        assertThat(delete("ov_split", "split-new").statusCode()).isEqualTo(204);
        assertThat(api.experimentsOf("split-0")).containsEntry("ov_split", own.get(0));
        assertThat(api.experimentsOf("split-new")).doesNotContainKey("ov_split");
    }

    @Test
    void a_draft_is_served_to_overridden_devices_only_also_to_one_first_seen_before_it() {
        api.experimentsOf("draft-old-phone");
        api.experimentsOf("draft-plain-phone");
        assertThat(api.createExperiment("""
                {"key":"ov_draft","options":[{"value":"short","weight":1},{"value":"long","weight":1}],"draft":true}""")
                .statusCode()).isEqualTo(201);

        assertThat(put("ov_draft", "draft-old-phone", "{\"value\":\"long\"}").statusCode()).isEqualTo(200);

        assertThat(api.experimentsOf("draft-old-phone")).containsEntry("ov_draft", "long");
        assertThat(List.copyOf(api.experimentsOf("draft-old-phone").keySet())).endsWith("ov_draft");
        assertThat(api.experimentsOf("draft-plain-phone")).doesNotContainKey("ov_draft");
        assertThat(api.experimentsOf("draft-new-phone")).doesNotContainKey("ov_draft");
        assertThat(assignmentIn(api.object(api.admin("GET", DEVICES + "draft-old-phone", null).body()), "ov_draft"))
                .containsEntry("status", "DRAFT").containsEntry("slot", null).containsEntry("override", true);
    }

    @Test
    void the_other_server_serves_an_override_and_its_removal_within_its_refresh_period() {
        Map<String, String> own = other.experimentsOf("two-servers-phone");
        other.experimentsOf("two-servers-phone"); // remembered there
        String forced = own.get("price").equals("50") ? "20" : "50";

        assertThat(put("price", "two-servers-phone", "{\"value\":\"" + forced + "\"}").statusCode()).isEqualTo(200);

        Eventually.within(Duration.ofSeconds(5), "the other server serves the override",
                () -> forced.equals(other.experimentsOf("two-servers-phone").get("price")));

        assertThat(delete("price", "two-servers-phone").statusCode()).isEqualTo(204);

        Eventually.within(Duration.ofSeconds(5), "the other server serves the device's own value again",
                () -> own.equals(other.experimentsOf("two-servers-phone")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> assignmentIn(Map<String, Object> device, String experiment) {
        return ((List<Map<String, Object>>) device.get("assignments")).stream()
                .filter(assignment -> assignment.get("experiment").equals(experiment)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statisticsOf(Map<String, Object> stats, String experiment) {
        return ((List<Map<String, Object>>) stats.get("experiments")).stream()
                .filter(row -> row.get("key").equals(experiment)).findFirst().orElseThrow();
    }

    /** The device's slot in the experiment, read from the assignment table; null if it holds none. */
    private Long storedSlot(String token, String experiment) {
        try (Connection connection = POSTGRES.connectTo(databaseName());
             PreparedStatement select = connection.prepareStatement(
                     "select slot from assignment where device_token = ? and experiment_key = ?")) {
            select.setString(1, token);
            select.setString(2, experiment);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
