package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/admin/devices/{deviceToken}} over real HTTP on PostgreSQL: the device as stored,
 * with the attributes of its first request and the slot of each assignment exactly as the database
 * holds them; 404 for a device never seen; 401 without the admin token.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceLookupTest extends SystemTest {

    private static final String DEVICES = "/api/v1/admin/devices/";

    @Test
    void a_device_is_shown_with_its_first_request_its_attributes_and_its_assignments_as_stored() {
        Instant before = Instant.now();
        Map<String, String> answer = api.flat(api.get(Api.EXPERIMENTS, "Device-Token", "lookup-1", "Platform", "Android",
                "App-Version", "5.1.0+build.9", "Locale", "de-de").body());
        api.get(Api.EXPERIMENTS, "Device-Token", "lookup-1", "Platform", "ios", "App-Version", "6.0.0", "Locale", "en-US");

        HttpResponse<String> response = api.admin("GET", DEVICES + "lookup-1", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> device = api.object(response.body());
        assertThat(device).containsEntry("token", "lookup-1")
                .containsEntry("attributes", Map.of("platform", "android", "appVersion", "5.1.0+build.9", "locale", "de-DE"));
        assertThat(Instant.parse((String) device.get("firstSeen"))).isBetween(before.minusSeconds(1), Instant.now());
        List<Map<String, Object>> assignments = assignmentsOf(device);
        assertThat(assignments).extracting(a -> a.get("experiment")).containsExactly("button_color", "price");
        for (Map<String, Object> assignment : assignments) {
            String experiment = (String) assignment.get("experiment");
            assertThat(assignment).containsEntry("value", answer.get(experiment)).containsEntry("status", "RUNNING")
                    .containsEntry("override", false);
            assertThat(((Number) assignment.get("slot")).longValue())
                    .isEqualTo(storedSlots("lookup-1").get(experiment));
        }
    }

    @Test
    void the_slots_shown_are_the_stored_allocation_of_each_device_and_a_stopped_experiment_stays_listed() {
        assertThat(api.createExperiment("""
                {"key":"lookup_demo","options":[{"value":"a","weight":1},{"value":"b","weight":2}]}""").statusCode())
                .isEqualTo(201);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            values.put("lookup-demo-" + i, api.experimentsOf("lookup-demo-" + i).get("lookup_demo"));
        }
        api.admin("POST", Api.ADMIN + "/lookup_demo/stop", null);

        Set<Long> slots = new HashSet<>();
        List<String> counted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String token = "lookup-demo-" + i;
            Map<String, Object> demo = assignmentsOf(api.object(api.admin("GET", DEVICES + token, null).body())).stream()
                    .filter(assignment -> assignment.get("experiment").equals("lookup_demo")).findFirst().orElseThrow();
            long slot = ((Number) demo.get("slot")).longValue();
            assertThat(demo).containsEntry("status", "STOPPED").containsEntry("value", values.get(token));
            assertThat(slot).isEqualTo(storedSlots(token).get("lookup_demo"));
            slots.add(slot);
            counted.add((String) demo.get("value"));
        }
        assertThat(slots).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(counted).as("weights 1:2, two blocks of 3").filteredOn("a"::equals).hasSize(2);
    }

    @Test
    void a_device_that_sent_no_headers_shows_null_attributes() {
        api.device("lookup-silent");

        Map<String, Object> device = api.object(api.admin("GET", DEVICES + "lookup-silent", null).body());

        Map<String, Object> attributes = new HashMap<>();
        attributes.put("platform", null);
        attributes.put("appVersion", null);
        attributes.put("locale", null);
        assertThat(device).containsEntry("attributes", attributes);
    }

    @Test
    void a_token_with_reserved_characters_is_found_percent_encoded() {
        api.device("lookup:42+x@y/z");

        HttpResponse<String> response = api.admin("GET", DEVICES + "lookup%3A42%2Bx%40y%2Fz", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api.object(response.body())).containsEntry("token", "lookup:42+x@y/z");
    }

    @Test
    void a_device_never_seen_is_a_404_problem_and_is_not_registered_by_the_lookup() {
        HttpResponse<String> unknown = api.admin("GET", DEVICES + "lookup-never-seen", null);
        HttpResponse<String> invalid = api.admin("GET", DEVICES + "two%20words", null);

        for (HttpResponse<String> response : List.of(unknown, invalid)) {
            assertProblem(response, 404);
            assertThat(api.object(response.body())).containsEntry("type", "urn:abkit:problem:unknown-device");
        }
        assertThat(storedSlots("lookup-never-seen")).isEmpty();
        assertThat(api.admin("GET", DEVICES + "lookup-never-seen", null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_lookup_needs_the_admin_token() {
        api.device("lookup-guarded");

        assertProblem(api.get(DEVICES + "lookup-guarded"), 401);
        assertProblem(api.get(DEVICES + "lookup-guarded", "Authorization", "Bearer wrong"), 401);
        assertProblem(api.get(DEVICES + "lookup-never-seen"), 401);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> assignmentsOf(Map<String, Object> device) {
        return (List<Map<String, Object>>) device.get("assignments");
    }

    /** The device's slots by experiment, read from the assignment table. */
    private Map<String, Long> storedSlots(String token) {
        try (Connection connection = POSTGRES.connectTo(databaseName());
             PreparedStatement select = connection.prepareStatement(
                     "select experiment_key, slot from assignment where device_token = ?")) {
            select.setString(1, token);
            Map<String, Long> slots = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    slots.put(rows.getString(1), rows.getLong(2));
                }
            }
            return slots;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
