package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An experiment's lifecycle end to end over HTTP on PostgreSQL: drafts no device sees, starts from
 * which on new devices join (and only they, R2), closed enrolment that keeps serving the enrolled,
 * refused transitions as 409 problems naming the status, and schedules the server carries out by
 * itself within a second.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTest extends SystemTest {

    static final String DRAFT = """
            {"key":"%s","options":[{"value":"short","weight":50},{"value":"long","weight":50}],"draft":true}""";
    static final String SCHEDULED = """
            {"key":"%s","options":[{"value":"short","weight":50},{"value":"long","weight":50}],\
            "startAt":"%s","endAt":"%s","endAction":"%s"}""";

    @Test
    void a_draft_is_seen_by_no_device_and_after_its_start_only_devices_first_seen_from_then_on_join_it() {
        HttpResponse<String> created = api.createExperiment(DRAFT.formatted("lc_draft"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(api.object(created.body())).containsEntry("status", "DRAFT").containsEntry("startedAt", null)
                .containsEntry("startAt", null).containsEntry("endAt", null).containsEntry("endAction", "STOP");
        assertThat(api.experimentsOf("lc-seen-during-draft")).doesNotContainKey("lc_draft");

        HttpResponse<String> started = api.admin("POST", Api.ADMIN + "/lc_draft/start", null);

        assertThat(started.statusCode()).isEqualTo(200);
        Map<String, Object> running = api.object(started.body());
        assertThat(running).containsEntry("status", "RUNNING");
        assertThat(Instant.parse((String) running.get("startedAt"))).isAfter(Instant.parse((String) running.get("createdAt")));
        for (int request = 0; request < 3; request++) {
            assertThat(api.experimentsOf("lc-seen-during-draft")).doesNotContainKey("lc_draft");
        }
        assertThat(api.experimentsOf("lc-first-seen-after-start")).containsKey("lc_draft");
        assertThat(api.admin("POST", Api.ADMIN + "/lc_draft/start", null).body())
                .as("starting a running experiment again changes nothing").isEqualTo(started.body());
    }

    @Test
    void after_a_close_enrolled_devices_keep_their_value_and_new_devices_do_not_join() {
        assertThat(api.createExperiment(AdminApiTest.ONBOARDING.formatted("lc_closed")).statusCode()).isEqualTo(201);
        String value = api.experimentsOf("lc-enrolled-before-close").get("lc_closed");
        assertThat(value).isIn("short", "long");

        HttpResponse<String> closed = api.admin("POST", Api.ADMIN + "/lc_closed/close", null);

        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(api.object(closed.body())).containsEntry("status", "CLOSED");
        assertThat(api.experimentsOf("lc-enrolled-before-close")).containsEntry("lc_closed", value);
        assertThat(api.experimentsOf("lc-first-seen-after-close")).doesNotContainKey("lc_closed");
        Map<String, Object> statistics = experimentStatistics("lc_closed");
        assertThat(statistics).containsEntry("status", "CLOSED").containsEntry("devices", 1);
        assertThat(statistics.get("startedAt")).isNotNull();
    }

    @Test
    void a_call_the_status_does_not_allow_is_a_409_problem_naming_the_current_status() {
        api.createExperiment(AdminApiTest.ONBOARDING.formatted("lc_refused"));
        api.admin("POST", Api.ADMIN + "/lc_refused/stop", null);
        api.createExperiment(DRAFT.formatted("lc_refused_draft"));
        api.createExperiment(AdminApiTest.ONBOARDING.formatted("lc_refused_running"));

        assertIllegalTransition(api.admin("POST", Api.ADMIN + "/lc_refused/start", null), "STOPPED");
        assertIllegalTransition(api.admin("PATCH", Api.ADMIN + "/lc_refused", "{\"endAt\":null}"), "STOPPED");
        assertIllegalTransition(api.admin("POST", Api.ADMIN + "/lc_refused_draft/close", null), "DRAFT");
        assertIllegalTransition(api.admin("POST", Api.ADMIN + "/lc_refused_running/schedule",
                "{\"startAt\":\"2099-01-01T00:00:00Z\"}"), "RUNNING");
        assertIllegalTransition(api.admin("PATCH", Api.ADMIN + "/lc_refused_running",
                "{\"options\":[{\"value\":\"short\",\"weight\":1}]}"), "RUNNING");
        assertThat(api.object(api.admin("GET", Api.ADMIN + "/lc_refused_running", null).body()).get("options"))
                .asList().hasSize(2);
    }

    @Test
    void a_draft_takes_any_change_and_a_running_experiment_only_a_new_end() {
        api.createExperiment(DRAFT.formatted("lc_edited"));

        HttpResponse<String> edited = api.admin("PATCH", Api.ADMIN + "/lc_edited", """
                {"options":[{"value":"a","weight":1},{"value":"b","weight":3}],"endAt":"2099-06-01T00:00:00Z",\
                "endAction":"CLOSE"}""");

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(api.object(edited.body())).containsEntry("status", "DRAFT").containsEntry("endAction", "CLOSE")
                .containsEntry("endAt", "2099-06-01T00:00:00Z")
                .containsEntry("options", List.of(Map.of("value", "a", "weight", 1), Map.of("value", "b", "weight", 3)));
        api.admin("POST", Api.ADMIN + "/lc_edited/start", null);
        Map<String, String> device = api.experimentsOf("lc-edited-device");
        assertThat(device.get("lc_edited")).isIn("a", "b");

        HttpResponse<String> endRemoved = api.admin("PATCH", Api.ADMIN + "/lc_edited", "{\"endAt\":null}");
        assertThat(api.object(endRemoved.body())).containsEntry("endAt", null).containsEntry("status", "RUNNING");
    }

    @Test
    void an_instant_in_the_past_or_an_end_before_the_start_is_a_400_naming_the_field() {
        assertField(api.createExperiment(SCHEDULED.formatted("lc_past", "2020-01-01T00:00:00Z",
                "2099-01-01T00:00:00Z", "STOP")), "startAt");
        assertField(api.createExperiment(SCHEDULED.formatted("lc_backwards", "2099-01-02T00:00:00Z",
                "2099-01-01T00:00:00Z", "STOP")), "endAt");
        assertField(api.createExperiment(SCHEDULED.formatted("lc_not_instant", "tomorrow",
                "2099-01-01T00:00:00Z", "STOP")), "startAt");
        assertField(api.createExperiment(SCHEDULED.formatted("lc_no_action", "2099-01-01T00:00:00Z",
                "2099-01-02T00:00:00Z", "PAUSE")), "endAction");
        assertThat(api.admin("GET", Api.ADMIN + "/lc_past", null).statusCode()).isEqualTo(404);
        api.createExperiment(DRAFT.formatted("lc_schedule_past"));
        assertField(api.admin("POST", Api.ADMIN + "/lc_schedule_past/schedule", "{\"startAt\":\"2020-01-01T00:00:00Z\"}"),
                "startAt");
        assertThat(api.object(api.admin("GET", Api.ADMIN + "/lc_schedule_past", null).body()))
                .containsEntry("status", "DRAFT");
    }

    /**
     * Real time, a few seconds ahead: the start is set once the server answers quickly (after the
     * draft's create), so that the device seen before it really is seen while it is scheduled.
     */
    @Test
    void the_server_starts_and_closes_a_scheduled_experiment_within_a_second_of_each_instant() {
        assertThat(api.createExperiment(DRAFT.formatted("lc_scheduled")).statusCode()).isEqualTo(201);
        Instant startAt = Instant.now().plusMillis(2500);
        Instant endAt = startAt.plusMillis(2000);
        assertThat(api.admin("PATCH", Api.ADMIN + "/lc_scheduled", "{\"endAction\":\"CLOSE\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> scheduled = api.admin("POST", Api.ADMIN + "/lc_scheduled/schedule",
                "{\"startAt\":\"" + startAt + "\",\"endAt\":\"" + endAt + "\"}");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        assertThat(api.object(scheduled.body())).containsEntry("status", "SCHEDULED");
        assertThat(api.experimentsOf("lc-seen-while-scheduled")).doesNotContainKey("lc_scheduled");
        assertThat(Instant.now()).as("the device above came before the start").isBefore(startAt);

        Instant seenRunning = firstSeenIn("lc_scheduled", "RUNNING");
        Map<String, Object> running = experiment("lc_scheduled");
        Instant startedAt = Instant.parse((String) running.get("startedAt"));
        assertThat(startedAt).isAfterOrEqualTo(startAt).isBefore(startAt.plusSeconds(1));
        assertThat(Duration.between(startAt, seenRunning)).isLessThan(Duration.ofSeconds(1));
        String value = api.experimentsOf("lc-seen-while-running").get("lc_scheduled");
        assertThat(value).isIn("short", "long");
        assertThat(api.experimentsOf("lc-seen-while-scheduled")).doesNotContainKey("lc_scheduled");

        Instant seenClosed = firstSeenIn("lc_scheduled", "CLOSED");
        assertThat(Duration.between(endAt, seenClosed)).isLessThan(Duration.ofSeconds(1));
        assertThat(api.experimentsOf("lc-seen-while-running")).containsEntry("lc_scheduled", value);
        assertThat(api.experimentsOf("lc-seen-after-close")).doesNotContainKey("lc_scheduled");
    }

    /** Polls the experiment until it has {@code status}; @return when that was first seen */
    private Instant firstSeenIn(String key, String status) {
        Eventually.within(Duration.ofSeconds(5), key + " becomes " + status,
                () -> status.equals(experiment(key).get("status")));
        return Instant.now();
    }

    private Map<String, Object> experiment(String key) {
        return api.object(api.admin("GET", Api.ADMIN + "/" + key, null).body());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> experimentStatistics(String key) {
        List<Map<String, Object>> experiments = (List<Map<String, Object>>) api.object(
                api.admin("GET", "/api/v1/stats", null).body()).get("experiments");
        return experiments.stream().filter(experiment -> key.equals(experiment.get("key"))).findFirst().orElseThrow();
    }

    private void assertIllegalTransition(HttpResponse<String> response, String currentStatus) {
        assertProblem(response, 409);
        Map<String, Object> problem = api.object(response.body());
        assertThat(problem).containsEntry("type", "urn:abkit:problem:illegal-transition")
                .containsEntry("currentStatus", currentStatus);
        assertThat((String) problem.get("detail")).contains("is " + currentStatus);
    }

    private void assertField(HttpResponse<String> response, String field) {
        assertProblem(response, 400);
        assertThat(api.object(response.body())).containsEntry("type", "urn:abkit:problem:invalid-input")
                .containsEntry("field", field);
    }
}
