package dev.abkit.console;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.service.TokenService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.abkit.console.ConsoleClient.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * QA overrides in the console over real HTTP, on the in-memory core: on an experiment's page and on the
 * overrides page QA reaches by key, set and removed with the check field, errors next to their fields, and
 * what each role is offered and refused. Each test uses experiments or devices of its own: the core is shared.
 */
@MicronautTest
class OverridesTest {

    @Inject
    EmbeddedServer server;

    @Inject
    AbKit abkit;

    @Inject
    TokenService tokens;

    private List<DeviceOverride> overridesOf(String key) {
        return abkit.overrideDevices().overridesOf(ExperimentKey.of(key));
    }

    private void draft(String key, String... values) {
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of(key),
                java.util.Arrays.stream(values).map(value -> Option.of(value, 1)).toList(), true, null, null, null));
    }

    @Test
    void an_experiments_page_sets_and_removes_an_override_and_comes_back_to_itself() {
        draft("ov_page", "green", "blue");
        ConsoleClient admin = ConsoleClient.admin(server);

        Document before = page(admin.get("/admin/experiments/ov_page"));
        assertThat(before.select("select#value option").eachAttr("value")).containsExactly("", "green", "blue");
        assertThat(before.selectFirst("form.set-override").attr("action")).isEqualTo("/admin/overrides/ov_page");
        assertThat(before.selectFirst("form.set-override input[name=back]").val()).isEqualTo("experiment");

        HttpResponse<String> set = admin.postWithCheckField("/admin/overrides/ov_page",
                Map.of("device", "qa-phone-1", "value", "blue", "back", "experiment"));
        assertThat(set.statusCode()).isEqualTo(303);
        assertThat(set.headers().firstValue("Location")).contains("/admin/experiments/ov_page?done=override-set");
        assertThat(overridesOf("ov_page")).extracting(DeviceOverride::value).containsExactly("blue");

        Document after = page(admin.get("/admin/experiments/ov_page?done=override-set"));
        assertThat(after.selectFirst(".notice").text()).startsWith("Override set");
        Element row = after.selectFirst("tr.override[data-device=qa-phone-1]");
        assertThat(row.selectFirst(".value").text()).isEqualTo("blue");

        HttpResponse<String> removed = admin.postWithCheckField("/admin/overrides/ov_page/remove",
                Map.of("device", "qa-phone-1", "back", "experiment"));
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(removed.headers().firstValue("Location")).contains("/admin/experiments/ov_page?done=override-removed");
        assertThat(overridesOf("ov_page")).isEmpty();
    }

    @Test
    void qa_reaches_the_overrides_by_key_without_reading_experiments() {
        draft("ov_qa", "on", "off");
        ConsoleClient qa = ConsoleClient.as(server, tokens, "quinn", Role.QA);

        assertThat(qa.get("/admin").headers().firstValue("Location")).contains("/admin/overrides");
        assertThat(qa.get("/admin/experiments/ov_qa").statusCode()).isEqualTo(403);
        Document ask = page(qa.get("/admin/overrides"));
        assertThat(ask.select(".top nav a").eachText()).containsExactly("Overrides", "Devices");
        assertThat(ask.select("form.set-override")).isEmpty();

        Document chosen = page(qa.get("/admin/overrides?experiment=ov_qa"));
        assertThat(chosen.selectFirst("#experiment").val()).isEqualTo("ov_qa");
        assertThat(chosen.select("a.experiment")).as("no link to a page QA may not read").isEmpty();
        assertThat(chosen.selectFirst("form.set-override input[name=back]")).isNull();

        HttpResponse<String> set = qa.postWithCheckField("/admin/overrides/ov_qa", Map.of("device", "qa-tablet", "value", "off"));
        assertThat(set.headers().firstValue("Location")).contains("/admin/overrides?experiment=ov_qa&done=override-set");
        assertThat(overridesOf("ov_qa")).extracting(DeviceOverride::device).containsExactly(DeviceToken.of("qa-tablet"));
        assertThat(page(qa.get("/admin/overrides?experiment=ov_qa&done=override-set")).select("tr.override .device").eachText())
                .containsExactly("qa-tablet");
    }

    @Test
    void a_key_that_names_no_experiment_is_said_next_to_the_key_field() {
        ConsoleClient qa = ConsoleClient.as(server, tokens, "quincy", Role.QA);

        HttpResponse<String> unknown = qa.get("/admin/overrides?experiment=nothing_here");
        HttpResponse<String> notAKey = qa.get("/admin/overrides?experiment=Not+A+Key");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(page(unknown).selectFirst("#experiment-error").text()).isEqualTo("there is no experiment with this key");
        assertThat(notAKey.statusCode()).isEqualTo(400);
        assertThat(page(notAKey).selectFirst("#experiment-error").text()).startsWith("experiment key must be");
        assertThat(page(notAKey).selectFirst("#experiment").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void a_bad_device_token_and_a_value_that_is_no_option_are_shown_next_to_their_fields_on_the_page_sent_from() {
        draft("ov_errors", "a", "b");
        ConsoleClient admin = ConsoleClient.admin(server);

        HttpResponse<String> badToken = admin.postWithCheckField("/admin/overrides/ov_errors",
                Map.of("device", "has spaces", "value", "b", "back", "experiment"));
        HttpResponse<String> notAnOption = admin.postWithCheckField("/admin/overrides/ov_errors",
                Map.of("device", "qa-1", "value", "c"));
        HttpResponse<String> noValue = admin.postWithCheckField("/admin/overrides/ov_errors", Map.of("device", "qa-1"));

        assertThat(List.of(badToken.statusCode(), notAnOption.statusCode(), noValue.statusCode())).containsOnly(400);
        Document tokenPage = page(badToken);
        assertThat(tokenPage.selectFirst("h1").text()).as("back on the experiment's page it came from").isEqualTo("ov_errors");
        assertThat(tokenPage.selectFirst("#device-error").text()).startsWith("device token must be visible ASCII");
        assertThat(tokenPage.selectFirst("#device").val()).isEqualTo("has spaces");
        assertThat(tokenPage.selectFirst("#device").attr("aria-describedby")).isEqualTo("device-error");
        assertThat(tokenPage.selectFirst("#value option[selected]").val()).as("the choice kept").isEqualTo("b");
        assertThat(page(notAnOption).selectFirst("h1").text()).as("no back field: the overrides page").isEqualTo("Overrides");
        assertThat(page(notAnOption).selectFirst("#value-error").text()).isEqualTo("experiment \"ov_errors\" has no option with this value");
        assertThat(page(noValue).selectFirst("#value-error").text()).isEqualTo("choose the option this device is served");
        assertThat(overridesOf("ov_errors")).isEmpty();
    }

    @Test
    void a_stopped_experiment_offers_no_form_and_refuses_one_sent_anyway_with_the_cores_reason() {
        draft("ov_stopped", "a", "b");
        abkit.stopExperiment().stop(Principal.bootstrap(), ExperimentKey.of("ov_stopped"));
        ConsoleClient admin = ConsoleClient.admin(server);

        Document page = page(admin.get("/admin/overrides?experiment=ov_stopped"));
        assertThat(page.select("form.set-override")).isEmpty();
        assertThat(page.selectFirst("#overrides-closed").text()).contains("is STOPPED");

        HttpResponse<String> refused = admin.postWithCheckField("/admin/overrides/ov_stopped", Map.of("device", "qa-1", "value", "a"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(page(refused).selectFirst("#overrides-closed").text()).contains("served to nobody");
        assertThat(overridesOf("ov_stopped")).isEmpty();
    }

    @Test
    void removing_an_override_that_is_gone_says_so_and_changes_nothing() {
        draft("ov_gone", "a");
        HttpResponse<String> gone = ConsoleClient.admin(server).postWithCheckField("/admin/overrides/ov_gone/remove",
                Map.of("device", "never-overridden"));

        assertThat(gone.statusCode()).isEqualTo(409);
        assertThat(page(gone).selectFirst(".error.summary").text()).contains("has no override in ov_gone");
    }

    @Test
    void a_form_without_the_check_field_is_403_and_changes_nothing() {
        draft("ov_forged", "a", "b");
        abkit.overrideDevices().put(Principal.bootstrap(), ExperimentKey.of("ov_forged"), DeviceToken.of("kept"), "a");
        ConsoleClient admin = ConsoleClient.admin(server);

        HttpResponse<String> set = admin.post("/admin/overrides/ov_forged", Map.of("device", "forged", "value", "b"));
        HttpResponse<String> remove = admin.post("/admin/overrides/ov_forged/remove", Map.of("device", "kept"));

        assertThat(List.of(set.statusCode(), remove.statusCode())).containsOnly(403);
        assertThat(page(set).selectFirst("h1").text()).isEqualTo("This form was refused");
        assertThat(overridesOf("ov_forged")).extracting(DeviceOverride::device).containsExactly(DeviceToken.of("kept"));
    }

    @Test
    void an_analyst_sees_no_overrides_and_a_forged_form_is_refused() {
        draft("ov_analyst", "a", "b");
        abkit.overrideDevices().put(Principal.bootstrap(), ExperimentKey.of("ov_analyst"), DeviceToken.of("kept"), "a");
        ConsoleClient analyst = ConsoleClient.as(server, tokens, "anne", Role.ANALYST);

        Document experiment = page(analyst.get("/admin/experiments/ov_analyst"));
        assertThat(experiment.select("section.overrides, form.set-override")).isEmpty();
        assertThat(experiment.select(".top nav a").eachText()).containsExactly("Experiments");
        assertThat(analyst.get("/admin/overrides?experiment=ov_analyst").statusCode()).isEqualTo(403);

        HttpResponse<String> set = analyst.postWithCheckField("/admin/overrides/ov_analyst", Map.of("device", "x", "value", "b"));
        HttpResponse<String> remove = analyst.postWithCheckField("/admin/overrides/ov_analyst/remove", Map.of("device", "kept"));
        HttpResponse<String> unknown = analyst.postWithCheckField("/admin/overrides/nothing_here", Map.of("device", "x", "value", "b"));

        assertThat(List.of(set.statusCode(), remove.statusCode(), unknown.statusCode()))
                .as("the role first: no key is told to exist or not").containsOnly(403);
        assertThat(page(set).selectFirst(".problem").text()).contains("override_devices");
        assertThat(overridesOf("ov_analyst")).extracting(DeviceOverride::device).containsExactly(DeviceToken.of("kept"));
    }
}
