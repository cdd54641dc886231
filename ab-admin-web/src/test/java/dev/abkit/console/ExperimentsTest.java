package dev.abkit.console;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Platform;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.AbKit;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.service.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.abkit.console.ConsoleClient.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The experiments in the console over real HTTP, on the in-memory core: the list, the form that creates one
 * with its errors next to their fields, the lifecycle calls behind their confirmations, and what each role
 * is offered and refused. Each test uses keys of its own: the core is shared by the class.
 */
@MicronautTest
class ExperimentsTest {

    @Inject
    EmbeddedServer server;

    @Inject
    AbKit abkit;

    @Inject
    TokenService tokens;

    private ConsoleClient admin() {
        return ConsoleClient.admin(server);
    }

    private ConsoleClient as(String name, Role role) {
        return ConsoleClient.as(server, tokens, name, role);
    }

    private boolean exists(String key) {
        return abkit.findExperiments().all().stream().anyMatch(experiment -> experiment.key().value().equals(key));
    }

    private static Map<String, Object> form(String key, String... valuesAndWeights) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("rows", "6");
        for (int i = 0; i < valuesAndWeights.length / 2; i++) {
            fields.put(ExperimentForm.value(i), valuesAndWeights[2 * i]);
            fields.put(ExperimentForm.weight(i), valuesAndWeights[2 * i + 1]);
        }
        return fields;
    }

    @Test
    void the_list_shows_each_experiment_with_status_schedule_coverage_and_devices() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("list-device-1"));

        Document list = page(admin().get(Paths.EXPERIMENTS));

        Element price = list.selectFirst("tr.experiment[data-key=price]");
        assertThat(price.selectFirst(".status").text()).isEqualTo("RUNNING");
        assertThat(price.selectFirst(".schedule").text()).startsWith("running since ");
        assertThat(price.selectFirst(".coverage").text()).isEqualTo("100%");
        assertThat(Long.parseLong(price.selectFirst(".devices").text())).isPositive();
        assertThat(price.selectFirst("a").attr("href")).isEqualTo("/admin/experiments/price");
        assertThat(list.select("a.create")).hasSize(1);
    }

    @Test
    void the_status_filter_shows_only_that_status() {
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("filtered_draft"),
                List.of(Option.of("a", 1)), true, null, null, null));

        Document drafts = page(admin().get(Paths.EXPERIMENTS + "?status=DRAFT"));

        assertThat(drafts.select("tr.experiment").eachAttr("data-key")).contains("filtered_draft")
                .doesNotContain("price", "button_color");
        assertThat(drafts.selectFirst("#status option[selected]").val()).isEqualTo("DRAFT");
        Document closed = page(admin().get(Paths.EXPERIMENTS + "?status=CLOSED"));
        assertThat(closed.select("tr.experiment .status").eachText()).allMatch("CLOSED"::equals);
        assertThat(closed.select("tr.experiment").eachAttr("data-key")).doesNotContain("filtered_draft", "price");
    }

    @Test
    void a_bad_weight_is_shown_next_to_its_field_with_everything_entered_kept_and_nothing_created() {
        HttpResponse<String> response = admin().postWithCheckField(Paths.EXPERIMENTS,
                form("bad_weight", "red", "1", "green", "1", "blue", "-2"));

        assertThat(response.statusCode()).isEqualTo(400);
        Document page = page(response);
        Element weight = page.selectFirst("#options-2-weight");
        assertThat(weight.val()).isEqualTo("-2");
        assertThat(weight.attr("aria-invalid")).isEqualTo("true");
        assertThat(weight.attr("aria-describedby")).isEqualTo("options-2-weight-error");
        assertThat(weight.parent().selectFirst(".error").id()).isEqualTo("options-2-weight-error");
        assertThat(page.selectFirst("#options-2-weight-error").text()).isEqualTo("weight must be greater than 0 (got -2)");
        assertThat(page.select(".field .error")).hasSize(1);
        assertThat(page.selectFirst("#key").val()).isEqualTo("bad_weight");
        assertThat(page.selectFirst("#options-0-value").val()).isEqualTo("red");
        assertThat(exists("bad_weight")).isFalse();
    }

    @Test
    void each_field_gets_its_own_error_named_as_the_api_names_it() {
        Map<String, Object> fields = form("Bad Key!", "same", "1", "", "abc");
        fields.put("coverage", "0");
        fields.put("audience.minAppVersion", "3.0.0");
        fields.put("audience.maxAppVersion", "2.0.0");
        fields.put("start", "scheduled");
        fields.put("endAt", "tomorrow");

        Document page = page(admin().postWithCheckField(Paths.EXPERIMENTS, fields));

        assertThat(page.selectFirst("#key-error").text()).startsWith("experiment key must be 1-64 characters");
        assertThat(page.selectFirst("#options-1-weight-error").text()).startsWith("weight must be a decimal number");
        assertThat(page.selectFirst("#options-1-value-error")).as("an empty value with a weight").isNotNull();
        assertThat(page.selectFirst("#coverage-error")).isNotNull();
        assertThat(page.selectFirst("#audience-maxAppVersion-error").text()).startsWith("minAppVersion must be below");
        assertThat(page.selectFirst("#startAt-error").text()).startsWith("give the time it starts");
        assertThat(page.selectFirst("#endAt-error").text()).startsWith("must be a date and time in UTC");
        assertThat(page.selectFirst(".error.summary").text()).isEqualTo("7 fields need a change: see below.");
    }

    @Test
    void options_that_do_not_go_together_and_a_used_key_are_refused_with_their_reason() {
        Document twice = page(admin().postWithCheckField(Paths.EXPERIMENTS, form("twice", "same", "1", "same", "2")));
        assertThat(twice.selectFirst("#options-error").text()).startsWith("option values must be distinct");

        Document used = page(admin().postWithCheckField(Paths.EXPERIMENTS, form("price", "a", "1")));
        assertThat(used.selectFirst("#key-error").text()).contains("a key is never used twice");
    }

    @Test
    void more_rows_shows_the_form_again_with_three_more_and_creates_nothing() {
        Map<String, Object> fields = form("more_rows", "a", "1");
        fields.put(ExperimentForm.MORE, "rows");

        HttpResponse<String> response = admin().postWithCheckField(Paths.EXPERIMENTS, fields);

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = page(response);
        assertThat(page.select(".option-row")).hasSize(9);
        assertThat(page.selectFirst("input[name=rows]").val()).isEqualTo("9");
        assertThat(page.selectFirst("#options-0-value").val()).isEqualTo("a");
        assertThat(page.select(".error")).isEmpty();
        assertThat(exists("more_rows")).isFalse();
    }

    @Test
    void removing_an_option_row_moves_the_rows_below_up_keeps_everything_else_and_creates_nothing() {
        Map<String, Object> fields = form("fewer_rows", "a", "1", "b", "2", "c", "3");
        fields.put("coverage", "40");
        Document form = page(admin().get(Paths.NEW_EXPERIMENT));
        assertThat(form.select("button.remove").eachAttr("value")).containsExactly("1", "2", "3", "4", "5", "6");

        fields.put(ExperimentForm.REMOVE, "2");
        HttpResponse<String> response = admin().postWithCheckField(Paths.EXPERIMENTS, fields);

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = page(response);
        assertThat(page.select(".option-row")).hasSize(5);
        assertThat(page.selectFirst("input[name=rows]").val()).isEqualTo("5");
        assertThat(page.select(".option-row input[name$=.value]").eachAttr("value")).containsExactly("a", "c", "", "", "");
        assertThat(page.select(".option-row input[name$=.weight]").eachAttr("value")).containsExactly("1", "3", "", "", "");
        assertThat(page.selectFirst("#coverage").val()).isEqualTo("40");
        assertThat(page.select(".error")).isEmpty();
        assertThat(exists("fewer_rows")).isFalse();

        Map<String, Object> lastRow = form("one_row", "only", "1");
        lastRow.put("rows", "1");
        lastRow.put(ExperimentForm.REMOVE, "1");
        Document single = page(admin().postWithCheckField(Paths.EXPERIMENTS, lastRow));
        assertThat(single.select(".option-row")).as("a form keeps one row").hasSize(1);
        assertThat(single.select("button.remove")).as("and offers no removal of it").isEmpty();
    }

    @Test
    void a_created_draft_is_started_closed_and_stopped_each_after_a_page_that_says_what_happens_to_devices() {
        ConsoleClient console = admin();
        Map<String, Object> fields = form("lifecycle", "short", "50", "long", "50");
        fields.put("coverage", "10");
        fields.put("audience.platforms", List.of("ios", "android"));

        HttpResponse<String> created = console.postWithCheckField(Paths.EXPERIMENTS, fields);
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).contains("/admin/experiments/lifecycle?done=created");
        Document draft = page(console.get("/admin/experiments/lifecycle?done=created"));
        assertThat(draft.selectFirst(".status").text()).isEqualTo("DRAFT");
        assertThat(draft.selectFirst(".coverage").text()).isEqualTo("10%");
        assertThat(draft.selectFirst(".audience").text()).isEqualTo("ios, android · unknown excluded");
        assertThat(draft.select("tr.option .value").eachText()).containsExactly("short", "long");
        assertThat(draft.select("a.action").eachText()).containsExactly("Start", "Stop");

        Document confirmStart = page(console.get("/admin/experiments/lifecycle/start"));
        assertThat(confirmStart.selectFirst(".consequence").text()).contains("for the first time from now on join it")
                .contains("seen before now never join it");
        assertThat(abkit.findExperiments().get(ExperimentKey.of("lifecycle")).status())
                .as("the confirmation page changes nothing").isEqualTo(ExperimentStatus.DRAFT);
        change(console, "lifecycle", "start");
        assertThat(abkit.findExperiments().get(ExperimentKey.of("lifecycle")).status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(page(console.get("/admin/experiments/lifecycle?done=start")).selectFirst(".notice").text())
                .startsWith("Started");

        assertThat(page(console.get("/admin/experiments/lifecycle/close")).selectFirst(".consequence").text())
                .contains("No new device joins").contains("keep their option");
        change(console, "lifecycle", "close");
        assertThat(abkit.findExperiments().get(ExperimentKey.of("lifecycle")).status()).isEqualTo(ExperimentStatus.CLOSED);

        assertThat(page(console.get("/admin/experiments/lifecycle/stop")).selectFirst(".consequence").text())
                .contains("No device is served it any more").contains("cannot be restarted");
        change(console, "lifecycle", "stop");
        assertThat(abkit.findExperiments().get(ExperimentKey.of("lifecycle")).status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(page(console.get("/admin/experiments/lifecycle")).select("a.action")).as("nothing left to do").isEmpty();
    }

    private static void change(ConsoleClient console, String key, String call) {
        HttpResponse<String> done = console.postWithCheckField("/admin/experiments/" + key + "/" + call, Map.of());
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("/admin/experiments/" + key + "?done=" + call);
    }

    @Test
    void a_call_the_experiment_no_longer_allows_is_refused_with_the_reason_and_not_offered_again() {
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("already_stopped"),
                List.of(Option.of("a", 1))));
        ConsoleClient console = admin();
        abkit.stopExperiment().stop(Principal.bootstrap(), ExperimentKey.of("already_stopped"));

        HttpResponse<String> refused = console.postWithCheckField("/admin/experiments/already_stopped/close", Map.of());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(page(refused).selectFirst(".error").text()).isEqualTo("already_stopped is STOPPED: there is nothing to close.");
        assertThat(page(refused).select("button.confirm")).as("nothing is offered").isEmpty();
    }

    @Test
    void a_call_that_would_change_nothing_is_not_offered_on_its_confirmation_page() {
        Document startRunning = page(admin().get("/admin/experiments/price/start"));

        assertThat(startRunning.selectFirst(".error").text()).isEqualTo("price is RUNNING: there is nothing to start.");
        assertThat(startRunning.select("form.actions, button.confirm")).isEmpty();
        assertThat(startRunning.selectFirst("a.button").attr("href")).isEqualTo("/admin/experiments/price");
    }

    @Test
    void a_post_without_the_check_field_or_with_a_wrong_one_is_403_and_changes_nothing() {
        ConsoleClient console = admin();

        HttpResponse<String> without = console.post(Paths.EXPERIMENTS, form("no_csrf", "a", "1"));
        Map<String, Object> wrong = form("wrong_csrf", "a", "1");
        wrong.put(CsrfField.NAME, CsrfField.of("another-token"));
        HttpResponse<String> withWrong = console.post(Paths.EXPERIMENTS, wrong);
        HttpResponse<String> stop = console.post("/admin/experiments/button_color/stop", Map.of());

        assertThat(List.of(without.statusCode(), withWrong.statusCode(), stop.statusCode())).containsOnly(403);
        assertThat(page(without).selectFirst("h1").text()).isEqualTo("This form was refused");
        assertThat(exists("no_csrf")).isFalse();
        assertThat(exists("wrong_csrf")).isFalse();
        assertThat(abkit.findExperiments().get(ExperimentKey.of("button_color")).status()).isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void an_analyst_is_offered_no_change_and_a_forged_one_is_refused_by_the_core() {
        ConsoleClient analyst = as("ana", Role.ANALYST);

        Document list = page(analyst.get(Paths.EXPERIMENTS));
        assertThat(list.select("tr.experiment")).isNotEmpty();
        assertThat(list.select("a.create")).isEmpty();
        assertThat(list.select("a[href=/admin/experiments/new]")).isEmpty();
        assertThat(page(analyst.get("/admin/experiments/price")).select("a.action")).isEmpty();
        assertThat(analyst.get(Paths.NEW_EXPERIMENT).statusCode()).isEqualTo(403);
        assertThat(analyst.get("/admin/experiments/price/stop").statusCode()).isEqualTo(403);

        HttpResponse<String> forgedCreate = analyst.postWithCheckField(Paths.EXPERIMENTS, form("forged", "a", "1"));
        HttpResponse<String> forgedStop = analyst.postWithCheckField("/admin/experiments/price/stop", Map.of());

        assertThat(forgedCreate.statusCode()).isEqualTo(403);
        assertThat(page(forgedCreate).selectFirst(".problem").text()).contains("change_experiments")
                .contains("has the role analyst");
        assertThat(exists("forged")).isFalse();
        assertThat(forgedStop.statusCode()).isEqualTo(403);
        assertThat(abkit.findExperiments().get(ExperimentKey.of("price")).status()).isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void an_editor_may_change_experiments_but_sees_no_statistics() {
        ConsoleClient editor = as("eddie", Role.EDITOR);

        Document list = page(editor.get(Paths.EXPERIMENTS));

        assertThat(list.select("a.create")).hasSize(1);
        assertThat(list.select("td.devices")).isEmpty();
        assertThat(page(editor.get("/admin/experiments/price")).select(".devices")).isEmpty();
    }

    @Test
    void an_experiments_page_links_its_results_view_for_roles_that_read_statistics_only() {
        Document analysts = page(as("alan", Role.ANALYST).get("/admin/experiments/price"));
        Document admins = page(admin().get("/admin/experiments/price"));
        Document editors = page(as("eden", Role.EDITOR).get("/admin/experiments/price"));

        assertThat(analysts.selectFirst("a.results").attr("href")).isEqualTo("/stats/experiments/price/results");
        assertThat(admins.select("a.results")).hasSize(1);
        assertThat(editors.select("a.results, a[href^=/stats]")).isEmpty();
    }

    @Test
    void a_role_that_may_not_read_experiments_is_told_so() {
        HttpResponse<String> response = as("quinn", Role.QA).get(Paths.EXPERIMENTS);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(page(response).selectFirst(".problem").text()).contains("read_experiments");
        assertThat(page(response).select("form.who")).as("the person can still sign out").hasSize(1);
        ConsoleClient analyst = as("ann", Role.ANALYST);
        assertThat(analyst.get("/admin/experiments/nothing_here/stop").statusCode())
                .as("refused before the key is looked up: no telling which keys exist").isEqualTo(403);
        assertThat(analyst.get("/admin/experiments/price/stop").statusCode()).isEqualTo(403);
    }

    private ExperimentKey draft(String key) {
        return abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of(key),
                List.of(Option.of("a", 1), Option.of("b", 1)), true, null, null, null)).key();
    }

    /** A time as a browser's datetime-local sends it (UTC, to the minute), {@code days} from now. */
    private static String inDays(int days) {
        return LocalDateTime.now(ZoneOffset.UTC).plusDays(days).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    @Test
    void a_draft_is_scheduled_from_its_page() {
        ExperimentKey key = draft("to_schedule");
        ConsoleClient console = admin();
        Document before = page(console.get("/admin/experiments/to_schedule"));
        assertThat(before.selectFirst("form.set-schedule").attr("action")).isEqualTo("/admin/experiments/to_schedule/schedule");
        assertThat(before.selectFirst("#startAt").val()).as("a draft has no start yet").isEmpty();

        HttpResponse<String> asked = console.postWithCheckField("/admin/experiments/to_schedule/schedule",
                Map.of("startAt", inDays(2), "endAt", inDays(9)));
        assertThat(asked.statusCode()).isEqualTo(200);
        Document confirmation = page(asked);
        assertThat(confirmation.selectFirst("h1").text()).isEqualTo("Schedule to_schedule?");
        assertThat(confirmation.selectFirst(".consequence").text())
                .startsWith("It starts by itself at " + inDays(2).replace('T', ' ') + " UTC: devices that reach abkit for"
                        + " the first time from then on join it").contains("devices seen before never join it")
                .endsWith("At " + inDays(9).replace('T', ' ') + " UTC it stops: no device is served it any more.");
        assertThat(abkit.findExperiments().get(key).status()).as("nothing done before it is confirmed")
                .isEqualTo(ExperimentStatus.DRAFT);
        Map<String, Object> confirmed = new LinkedHashMap<>();
        confirmation.select("form.actions input[type=hidden]").forEach(input -> confirmed.put(input.attr("name"), input.val()));
        assertThat(confirmed).containsEntry("startAt", inDays(2)).containsEntry("endAt", inDays(9))
                .containsEntry(ExperimentForm.CONFIRMED, "yes").containsKey(CsrfField.NAME);

        HttpResponse<String> scheduled = console.post("/admin/experiments/to_schedule/schedule", confirmed);

        assertThat(scheduled.statusCode()).isEqualTo(303);
        assertThat(scheduled.headers().firstValue("Location")).contains("/admin/experiments/to_schedule?done=scheduled");
        Experiment experiment = abkit.findExperiments().get(key);
        assertThat(experiment.status()).isEqualTo(ExperimentStatus.SCHEDULED);
        assertThat(experiment.lifecycle().startAt()).isEqualTo(LocalDateTime.parse(inDays(2)).toInstant(ZoneOffset.UTC));
        assertThat(experiment.lifecycle().endAt()).isEqualTo(LocalDateTime.parse(inDays(9)).toInstant(ZoneOffset.UTC));
        Document after = page(console.get("/admin/experiments/to_schedule?done=scheduled"));
        assertThat(after.selectFirst(".notice").text()).startsWith("Scheduled");
        assertThat(after.selectFirst("dd.schedule").text()).startsWith("starts ");
        assertThat(after.selectFirst("#startAt").val()).as("a scheduled one may be moved, from where it is")
                .isEqualTo(inDays(2));
    }

    @Test
    void a_start_in_the_past_is_refused_next_to_its_field_and_changes_nothing() {
        ExperimentKey key = draft("past_start");

        HttpResponse<String> refused = admin().postWithCheckField("/admin/experiments/past_start/schedule",
                Map.of("startAt", "2020-01-01T00:00", ExperimentForm.CONFIRMED, "yes"));

        assertThat(refused.statusCode()).isEqualTo(409);
        Element startAt = page(refused).selectFirst("#startAt");
        assertThat(startAt.val()).isEqualTo("2020-01-01T00:00");
        assertThat(startAt.attr("aria-describedby")).isEqualTo("startAt-error");
        assertThat(page(refused).selectFirst("#startAt-error").text())
                .startsWith("startAt 2020-01-01T00:00:00Z is not in the future");
        assertThat(abkit.findExperiments().get(key).status()).isEqualTo(ExperimentStatus.DRAFT);

        HttpResponse<String> notAsked = admin().postWithCheckField("/admin/experiments/past_start/schedule",
                Map.of("startAt", "2020-01-01T00:00"));
        assertThat(notAsked.statusCode()).as("refused before the confirmation page, not after").isEqualTo(409);
        assertThat(page(notAsked).selectFirst("#startAt-error").text()).startsWith("startAt 2020-01-01T00:00:00Z is not in the future");
        assertThat(page(notAsked).select("input[name=" + ExperimentForm.CONFIRMED + "]")).isEmpty();

        Document unreadable = page(admin().postWithCheckField("/admin/experiments/past_start/schedule",
                Map.of("startAt", "", "endAt", "soon")));
        assertThat(unreadable.selectFirst("#startAt-error").text()).isEqualTo("give the time it starts (UTC)");
        assertThat(unreadable.selectFirst("#endAt-error").text()).startsWith("must be a date and time in UTC");
    }

    @Test
    void a_running_experiment_offers_no_schedule_and_a_forged_one_is_refused_at_the_top() {
        assertThat(page(admin().get("/admin/experiments/price")).select("form.set-schedule")).isEmpty();

        HttpResponse<String> refused = admin().postWithCheckField("/admin/experiments/price/schedule",
                Map.of("startAt", inDays(1)));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(page(refused).selectFirst(".error.refused").text()).contains("schedule is allowed only from DRAFT, SCHEDULED");
        assertThat(page(refused).select("form.set-schedule")).isEmpty();
        assertThat(abkit.findExperiments().get(ExperimentKey.of("price")).status()).isEqualTo(ExperimentStatus.RUNNING);
    }

    @Test
    void a_schedule_without_the_check_field_is_403_and_an_analyst_is_refused() {
        ExperimentKey key = draft("unscheduled");

        HttpResponse<String> forged = admin().post("/admin/experiments/unscheduled/schedule", Map.of("startAt", inDays(1)));
        ConsoleClient analyst = as("anita", Role.ANALYST);
        HttpResponse<String> byAnalyst = analyst.postWithCheckField("/admin/experiments/unscheduled/schedule",
                Map.of("startAt", inDays(1)));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(page(forged).selectFirst("h1").text()).isEqualTo("This form was refused");
        assertThat(byAnalyst.statusCode()).isEqualTo(403);
        assertThat(page(byAnalyst).selectFirst(".problem").text()).contains("change_experiments");
        assertThat(analyst.postWithCheckField("/admin/experiments/nothing_here/schedule", Map.of()).statusCode())
                .as("refused before the key is looked up").isEqualTo(403);
        assertThat(page(analyst.get("/admin/experiments/unscheduled")).select("form.set-schedule")).isEmpty();
        assertThat(abkit.findExperiments().get(key).status()).isEqualTo(ExperimentStatus.DRAFT);
    }

    /** The fields a browser would send from the page's form, as the page fills them in (its check field included). */
    private static Map<String, Object> filledIn(Element form) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name]")) {
            boolean box = input.is("[type=checkbox], [type=radio]");
            if (box && !input.hasAttr("checked")) {
                continue;
            }
            String value = input.is("select") ? input.select("option[selected]").val() : input.val();
            fields.merge(input.attr("name"), value, (one, more) -> Stream.concat(
                    one instanceof List<?> list ? list.stream() : Stream.of(one), Stream.of(more)).toList());
        }
        return fields;
    }

    @Test
    void a_drafts_edit_form_is_filled_in_with_what_it_has_and_saves_its_changes() {
        ExperimentKey key = abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(
                ExperimentKey.of("to_edit"), List.of(Option.of("a", 1), Option.of("b", 3)), true, null, null, null))
                .key();
        ConsoleClient console = admin();
        assertThat(page(console.get("/admin/experiments/to_edit")).selectFirst("a.edit").attr("href"))
                .isEqualTo("/admin/experiments/to_edit/edit");

        Element form = page(console.get("/admin/experiments/to_edit/edit")).selectFirst("form.edit");
        assertThat(form.attr("action")).isEqualTo("/admin/experiments/to_edit/edit");
        assertThat(form.selectFirst("#options-1-value").val()).isEqualTo("b");
        assertThat(form.selectFirst("#options-1-weight").val()).isEqualTo("3");
        assertThat(form.selectFirst("#coverage").val()).isEqualTo("100");
        assertThat(form.select("#key, [name=start], #startAt")).as("the key never changes; the start is scheduled").isEmpty();
        assertThat(console.post("/admin/experiments/to_edit/edit", filledIn(form)).statusCode())
                .as("sent back as filled in, it changes nothing").isEqualTo(303);
        assertThat(abkit.findExperiments().get(key).options()).containsExactly(Option.of("a", 1), Option.of("b", 3));

        Map<String, Object> changed = filledIn(form);
        changed.putAll(Map.of(ExperimentForm.value(0), "red", ExperimentForm.weight(0), "30",
                ExperimentForm.value(1), "green", ExperimentForm.weight(1), "70", "coverage", "50",
                "audience.platforms", List.of("ios"), "endAt", inDays(5), "endAction", "CLOSE"));
        HttpResponse<String> saved = console.post("/admin/experiments/to_edit/edit", changed);

        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains("/admin/experiments/to_edit?done=edited");
        Experiment edited = abkit.findExperiments().get(key);
        assertThat(edited.options()).containsExactly(Option.of("red", 30), Option.of("green", 70));
        assertThat(edited.coverage().toString()).isEqualTo("50%");
        assertThat(edited.audience().platforms()).extracting(Platform::text).containsExactly("ios");
        assertThat(edited.lifecycle().endAt()).isEqualTo(LocalDateTime.parse(inDays(5)).toInstant(ZoneOffset.UTC));
        assertThat(edited.lifecycle().endAction()).isEqualTo(EndAction.CLOSE);
        assertThat(edited.status()).isEqualTo(ExperimentStatus.DRAFT);
        assertThat(page(console.get("/admin/experiments/to_edit?done=edited")).selectFirst(".notice").text())
                .isEqualTo("Changes saved.");
    }

    @Test
    void a_bad_weight_in_the_edit_form_is_shown_next_to_its_field_and_changes_nothing() {
        ExperimentKey key = draft("bad_edit");
        Map<String, Object> fields = filledIn(page(admin().get("/admin/experiments/bad_edit/edit")).selectFirst("form.edit"));
        fields.put(ExperimentForm.weight(1), "-1");

        HttpResponse<String> refused = admin().post("/admin/experiments/bad_edit/edit", fields);

        assertThat(refused.statusCode()).isEqualTo(400);
        Element weight = page(refused).selectFirst("#options-1-weight");
        assertThat(weight.val()).isEqualTo("-1");
        assertThat(weight.attr("aria-describedby")).isEqualTo("options-1-weight-error");
        assertThat(page(refused).selectFirst("#options-1-weight-error").text()).isEqualTo("weight must be greater than 0 (got -1)");
        assertThat(page(refused).selectFirst("h1").text()).isEqualTo("Edit bad_edit");
        assertThat(abkit.findExperiments().get(key).options()).containsExactly(Option.of("a", 1), Option.of("b", 1));

        fields.put(ExperimentForm.MORE, "rows");
        Document more = page(admin().post("/admin/experiments/bad_edit/edit", fields));
        assertThat(more.select(".option-row")).hasSize(9);
        assertThat(more.selectFirst("#options-1-weight").val()).isEqualTo("-1");
    }

    @Test
    void an_edit_without_the_check_field_is_403_and_only_a_draft_is_edited_by_a_role_that_may() {
        ExperimentKey key = draft("forged_edit");
        Map<String, Object> fields = form("forged_edit", "changed", "1");

        HttpResponse<String> forged = admin().post("/admin/experiments/forged_edit/edit", fields);
        ConsoleClient analyst = as("andy", Role.ANALYST);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(page(forged).selectFirst("h1").text()).isEqualTo("This form was refused");
        assertThat(analyst.get("/admin/experiments/forged_edit/edit").statusCode()).isEqualTo(403);
        assertThat(analyst.postWithCheckField("/admin/experiments/forged_edit/edit", fields).statusCode()).isEqualTo(403);
        assertThat(analyst.get("/admin/experiments/nothing_here/edit").statusCode())
                .as("refused before the key is looked up").isEqualTo(403);
        assertThat(page(analyst.get("/admin/experiments/forged_edit")).select("a.edit")).isEmpty();
        assertThat(abkit.findExperiments().get(key).options()).containsExactly(Option.of("a", 1), Option.of("b", 1));

        assertThat(admin().get("/admin/experiments/nothing_here/edit").statusCode()).isEqualTo(404);
    }

    @Test
    void a_drafts_form_sent_after_it_was_started_is_refused_by_the_core_and_changes_nothing() {
        ExperimentKey key = draft("started_meanwhile");
        ConsoleClient console = admin();
        Map<String, Object> fields = filledIn(page(console.get("/admin/experiments/started_meanwhile/edit"))
                .selectFirst("form.edit"));
        fields.put(ExperimentForm.value(0), "x");
        abkit.startExperiment().start(Principal.bootstrap(), key);

        HttpResponse<String> refused = console.post("/admin/experiments/started_meanwhile/edit", fields);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(page(refused).selectFirst(".problem").text())
                .contains("is RUNNING: options and weights change only while it is a DRAFT").contains("Nothing was changed");
        assertThat(abkit.findExperiments().get(key).options()).containsExactly(Option.of("a", 1), Option.of("b", 1));
    }

    /** An experiment of its own, started (RUNNING), closed or stopped, or scheduled to start in two days. */
    private ExperimentKey inStatus(String key, ExperimentStatus status) {
        ExperimentKey created = abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(
                ExperimentKey.of(key), List.of(Option.of("a", 1), Option.of("b", 1)), false,
                status == ExperimentStatus.SCHEDULED ? LocalDateTime.parse(inDays(2)).toInstant(ZoneOffset.UTC) : null,
                LocalDateTime.parse(inDays(5)).toInstant(ZoneOffset.UTC), EndAction.STOP)).key();
        if (status == ExperimentStatus.CLOSED) {
            abkit.closeExperiment().close(Principal.bootstrap(), created);
        } else if (status == ExperimentStatus.STOPPED) {
            abkit.stopExperiment().stop(Principal.bootstrap(), created);
        }
        assertThat(abkit.findExperiments().get(created).status()).isEqualTo(status);
        return created;
    }

    @Test
    void a_running_experiments_coverage_and_end_are_changed_from_a_form_of_only_those() {
        ExperimentKey key = inStatus("running_edit", ExperimentStatus.RUNNING);
        ConsoleClient console = admin();
        Element link = page(console.get("/admin/experiments/running_edit")).selectFirst("a.edit");
        assertThat(link.text()).isEqualTo("Change end or coverage");
        assertThat(link.attr("href")).isEqualTo("/admin/experiments/running_edit/edit");

        Document editPage = page(console.get("/admin/experiments/running_edit/edit"));
        Element form = editPage.selectFirst("form.edit");
        assertThat(form.selectFirst("#coverage").val()).isEqualTo("100");
        assertThat(form.selectFirst("#endAt").val()).isEqualTo(inDays(5));
        assertThat(form.select(".option-row, [name^=options], [name^=audience], [name=rows], button.more, #startAt"))
                .as("its options, audience and start no longer change").isEmpty();
        assertThat(editPage.selectFirst("p.hint").text()).contains("its coverage").contains("and its end still do");
        Map<String, Object> fields = filledIn(form);
        fields.putAll(Map.of("coverage", "25", "endAt", inDays(3), "endAction", "CLOSE"));

        HttpResponse<String> saved = console.post("/admin/experiments/running_edit/edit", fields);

        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains("/admin/experiments/running_edit?done=edited");
        Experiment edited = abkit.findExperiments().get(key);
        assertThat(edited.coverage().toString()).isEqualTo("25%");
        assertThat(edited.lifecycle().endAt()).isEqualTo(LocalDateTime.parse(inDays(3)).toInstant(ZoneOffset.UTC));
        assertThat(edited.lifecycle().endAction()).isEqualTo(EndAction.CLOSE);
        assertThat(edited.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(edited.options()).containsExactly(Option.of("a", 1), Option.of("b", 1));
        Document after = page(console.get("/admin/experiments/running_edit?done=edited"));
        assertThat(after.selectFirst(".coverage").text()).isEqualTo("25%");
        assertThat(after.selectFirst("dd.schedule").text())
                .endsWith("closes " + inDays(3).replace('T', ' ') + " UTC");
    }

    @Test
    void a_coverage_cleared_on_the_edit_form_is_an_error_not_every_new_device() {
        ExperimentKey key = inStatus("cleared_coverage", ExperimentStatus.RUNNING);
        ConsoleClient console = admin();
        Map<String, Object> fields = filledIn(page(console.get("/admin/experiments/cleared_coverage/edit")).selectFirst("form.edit"));
        fields.put("coverage", "40");
        assertThat(console.post("/admin/experiments/cleared_coverage/edit", fields).statusCode()).isEqualTo(303);
        fields.put("coverage", "");

        HttpResponse<String> refused = console.post("/admin/experiments/cleared_coverage/edit", fields);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(page(refused).selectFirst("#coverage-error").text()).contains("100 enrols every eligible new device");
        assertThat(abkit.findExperiments().get(key).coverage().toString()).isEqualTo("40%");
    }

    @Test
    void a_forged_row_number_out_of_any_form_s_range_is_no_failure() {
        Map<String, Object> fields = form("forged_rows", "a", "1");
        fields.put("options[99999999999].value", "x");
        fields.put(ExperimentForm.REMOVE, "1");

        HttpResponse<String> response = admin().postWithCheckField(Paths.EXPERIMENTS, fields);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(exists("forged_rows")).isFalse();
    }

    @Test
    void a_scheduled_experiments_end_is_removed_by_leaving_it_empty() {
        ExperimentKey key = inStatus("scheduled_end", ExperimentStatus.SCHEDULED);
        ConsoleClient console = admin();
        assertThat(page(console.get("/admin/experiments/scheduled_end")).selectFirst("a.edit").text())
                .isEqualTo("Change end or coverage");
        Map<String, Object> fields = filledIn(page(console.get("/admin/experiments/scheduled_end/edit")).selectFirst("form.edit"));
        assertThat(fields).containsEntry("endAt", inDays(5));
        fields.put("endAt", "");

        HttpResponse<String> saved = console.post("/admin/experiments/scheduled_end/edit", fields);

        assertThat(saved.statusCode()).isEqualTo(303);
        Experiment edited = abkit.findExperiments().get(key);
        assertThat(edited.lifecycle().endAt()).isNull();
        assertThat(edited.status()).isEqualTo(ExperimentStatus.SCHEDULED);
        assertThat(edited.lifecycle().startAt()).as("the start stays").isEqualTo(LocalDateTime.parse(inDays(2)).toInstant(ZoneOffset.UTC));
        assertThat(page(console.get("/admin/experiments/scheduled_end")).selectFirst("dd.schedule").text())
                .startsWith("starts ").doesNotContain("stops");
    }

    @Test
    void a_closed_experiment_offers_only_its_end_and_a_stopped_one_nothing() {
        ExperimentKey closed = inStatus("closed_edit", ExperimentStatus.CLOSED);
        ExperimentKey stopped = inStatus("stopped_edit", ExperimentStatus.STOPPED);
        ConsoleClient console = admin();

        assertThat(page(console.get("/admin/experiments/closed_edit")).selectFirst("a.edit").text()).isEqualTo("Change end");
        Element form = page(console.get("/admin/experiments/closed_edit/edit")).selectFirst("form.edit");
        assertThat(form.select("#endAt, #endAction")).hasSize(2);
        assertThat(form.select("#coverage, [name^=options], [name^=audience]")).as("it enrols no new device").isEmpty();
        Map<String, Object> fields = filledIn(form);
        fields.put("endAt", "");
        assertThat(console.post("/admin/experiments/closed_edit/edit", fields).statusCode()).isEqualTo(303);
        assertThat(abkit.findExperiments().get(closed).lifecycle().endAt()).isNull();

        assertThat(page(console.get("/admin/experiments/stopped_edit")).select("a.edit")).isEmpty();
        HttpResponse<String> opened = console.get("/admin/experiments/stopped_edit/edit");
        assertThat(opened.statusCode()).isEqualTo(409);
        assertThat(page(opened).selectFirst(".problem").text()).isEqualTo("stopped_edit is STOPPED: it is final, and"
                + " nothing about it changes any more.");
        assertThat(page(opened).select("form.edit")).isEmpty();
        HttpResponse<String> forged = console.postWithCheckField("/admin/experiments/stopped_edit/edit",
                Map.of("endAt", inDays(9)));
        assertThat(forged.statusCode()).isEqualTo(409);
        assertThat(page(forged).selectFirst(".problem").text()).contains("a stopped experiment is final");
        assertThat(abkit.findExperiments().get(stopped).lifecycle().endAt())
                .isEqualTo(LocalDateTime.parse(inDays(5)).toInstant(ZoneOffset.UTC));
    }

    @Test
    void a_field_its_status_does_not_let_change_is_refused_by_the_core_and_nothing_changes() {
        ExperimentKey key = inStatus("forged_fields", ExperimentStatus.RUNNING);
        ConsoleClient console = admin();
        Map<String, Object> fields = filledIn(page(console.get("/admin/experiments/forged_fields/edit")).selectFirst("form.edit"));
        fields.put("coverage", "30");
        Map<String, Object> withOptions = new LinkedHashMap<>(fields);
        withOptions.putAll(Map.of(ExperimentForm.value(0), "x", ExperimentForm.weight(0), "1"));
        Map<String, Object> withAudience = new LinkedHashMap<>(fields);
        withAudience.put("audience.platforms", "ios");

        HttpResponse<String> options = console.post("/admin/experiments/forged_fields/edit", withOptions);
        HttpResponse<String> audience = console.post("/admin/experiments/forged_fields/edit", withAudience);

        assertThat(options.statusCode()).isEqualTo(409);
        assertThat(page(options).selectFirst(".problem").text())
                .startsWith("experiment \"forged_fields\" is RUNNING: options and weights change only while it is a DRAFT");
        assertThat(audience.statusCode()).isEqualTo(409);
        assertThat(page(audience).selectFirst(".problem").text()).contains("the audience changes only while it is a DRAFT");
        Experiment unchanged = abkit.findExperiments().get(key);
        assertThat(unchanged.options()).containsExactly(Option.of("a", 1), Option.of("b", 1));
        assertThat(unchanged.audience().isEveryone()).isTrue();
        assertThat(unchanged.coverage().toString()).as("nothing of the form is saved").isEqualTo("100%");
    }

    @Test
    void an_end_in_the_past_is_said_next_to_its_field_and_changes_nothing() {
        ExperimentKey key = inStatus("past_end", ExperimentStatus.RUNNING);
        ConsoleClient console = admin();
        Map<String, Object> fields = filledIn(page(console.get("/admin/experiments/past_end/edit")).selectFirst("form.edit"));
        fields.putAll(Map.of("endAt", "2020-01-01T00:00", "coverage", "50"));

        HttpResponse<String> refused = console.post("/admin/experiments/past_end/edit", fields);

        assertThat(refused.statusCode()).isEqualTo(409);
        Document page = page(refused);
        assertThat(page.selectFirst("#endAt").val()).isEqualTo("2020-01-01T00:00");
        assertThat(page.selectFirst("#endAt").attr("aria-describedby")).isEqualTo("endAt-error");
        assertThat(page.selectFirst("#endAt-error").text()).startsWith("endAt 2020-01-01T00:00:00Z is not in the future");
        assertThat(page.selectFirst("#coverage").val()).as("as sent").isEqualTo("50");
        assertThat(page.select("[name^=options]")).as("still the form of a running experiment").isEmpty();
        Experiment unchanged = abkit.findExperiments().get(key);
        assertThat(unchanged.coverage().toString()).isEqualTo("100%");
        assertThat(unchanged.lifecycle().endAt()).isEqualTo(LocalDateTime.parse(inDays(5)).toInstant(ZoneOffset.UTC));
    }

    @Test
    void a_started_experiments_edit_is_refused_without_the_check_field_and_to_a_role_that_may_not_change_it() {
        ExperimentKey key = inStatus("guarded_edit", ExperimentStatus.RUNNING);
        Map<String, Object> fields = Map.of("coverage", "10", "endAt", "", "endAction", "STOP");
        ConsoleClient analyst = as("anna", Role.ANALYST);

        HttpResponse<String> forged = admin().post("/admin/experiments/guarded_edit/edit", fields);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(page(forged).selectFirst("h1").text()).isEqualTo("This form was refused");
        assertThat(page(analyst.get("/admin/experiments/guarded_edit")).select("a.edit")).isEmpty();
        assertThat(analyst.get("/admin/experiments/guarded_edit/edit").statusCode()).isEqualTo(403);
        HttpResponse<String> byAnalyst = analyst.postWithCheckField("/admin/experiments/guarded_edit/edit", fields);
        assertThat(byAnalyst.statusCode()).isEqualTo(403);
        assertThat(page(byAnalyst).selectFirst(".problem").text()).contains("change_experiments");
        Experiment unchanged = abkit.findExperiments().get(key);
        assertThat(unchanged.coverage().toString()).isEqualTo("100%");
        assertThat(unchanged.lifecycle().endAt()).isNotNull();
    }

    @Test
    void an_unknown_experiment_or_call_is_a_404_page() {
        ConsoleClient console = admin();

        assertThat(console.get("/admin/experiments/nothing_here").statusCode()).isEqualTo(404);
        assertThat(console.get("/admin/experiments/NOT-A-KEY").statusCode()).isEqualTo(404);
        assertThat(console.get("/admin/experiments/price/explode").statusCode()).isEqualTo(404);
        assertThat(console.postWithCheckField("/admin/experiments/nothing_here/stop", Map.of()).statusCode()).isEqualTo(404);
    }
}
