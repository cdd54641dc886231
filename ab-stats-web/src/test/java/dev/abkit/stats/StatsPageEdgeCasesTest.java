package dev.abkit.stats;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the 600-device scenario does not show: a stopped experiment, option values that look like
 * markup, counts between two block boundaries (a visible skew), overridden devices, an experiment
 * that enrols a share of the new devices (R7), and a page with no experiments.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsPageEdgeCasesTest {

    static final String MARKUP = "<script>alert('x')</script>";
    static final String AMPERSAND = "a & b \"quoted\"";

    @Inject
    AbKit abkit;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ThymeleafViewsRenderer<StatsPage> renderer;

    Document page;

    ReceivedOptions received;

    @BeforeAll
    void aStoppedExperimentAndAnOddOne() {
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("onboarding"),
                List.of(Option.of(MARKUP, "50"), Option.of(AMPERSAND, "50"))));
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("sampled"),
                List.of(Option.of("on", "1"))).withCoverage(Coverage.percent("10")));
        abkit.stopExperiment().stop(Principal.bootstrap(), ExperimentKey.of("button_color"));
        received = ReceivedOptions.enroll(abkit, "odd-device-", 7);
        abkit.overrideDevices().put(Principal.bootstrap(), ExperimentKey.of("price"), DeviceToken.of("odd-device-0"), "50");
        abkit.overrideDevices().put(Principal.bootstrap(), ExperimentKey.of("price"), DeviceToken.of("qa-phone"), "5");
        page = Jsoup.parse(client.toBlocking().retrieve(WithAdminToken.get("/stats"), String.class));
    }

    @Test
    void option_values_are_shown_as_text_never_as_markup() {
        Element onboarding = page.selectFirst("tbody.experiment[data-key=onboarding]");

        assertThat(onboarding.select("tr.option .value").eachText()).containsExactly(MARKUP, AMPERSAND);
        assertThat(page.select("script")).isEmpty();
    }

    @Test
    void a_stopped_experiment_wears_a_stopped_badge() {
        Element status = page.selectFirst("tbody.experiment[data-key=button_color] .status");

        assertThat(status.text()).isEqualTo("STOPPED");
        assertThat(status.hasClass("stopped")).isTrue();
        assertThat(status.hasClass("running")).isFalse();
        assertThat(page.selectFirst("tbody.experiment[data-key=button_color]").hasClass("stopped"))
                .as("its bars are drawn grey").isTrue();
    }

    @Test
    void between_block_boundaries_the_bar_shows_the_skew_against_the_target() {
        Element onboarding = page.selectFirst("tbody.experiment[data-key=onboarding]");

        assertThat(onboarding.selectFirst(".enrolled").text()).isEqualTo("7");
        assertThat(onboarding.select("tr.option .devices").eachText()).containsExactlyInAnyOrder("4", "3");
        assertThat(onboarding.select("tr.option .bar").eachAttr("style"))
                .containsExactlyInAnyOrder("--share:57.14%;--target:50.00%", "--share:42.86%;--target:50.00%");
        assertThat(page.selectFirst(".devices-total").text()).isEqualTo("7");
    }

    @Test
    void overridden_devices_are_shown_apart_and_enrolled_ones_still_count_under_their_slot() {
        Element price = page.selectFirst("tbody.experiment[data-key=price]");

        assertThat(price.selectFirst(".overridden").text()).isEqualTo("2");
        assertThat(price.selectFirst(".enrolled").text()).isEqualTo("7");
        assertThat(page.selectFirst("tbody.experiment[data-key=onboarding] .overridden")).as("none there").isNull();
    }

    @Test
    void an_experiment_with_coverage_shows_it_and_its_left_out_devices_beside_the_enrolled() {
        Element sampled = page.selectFirst("tbody.experiment[data-key=sampled]");
        long enrolled = received.total("sampled");

        assertThat(sampled.selectFirst(".coverage").text()).isEqualTo("10%");
        assertThat(sampled.selectFirst(".enrolled").text()).isEqualTo(Long.toString(enrolled));
        assertThat(sampled.selectFirst(".left-out").text()).isEqualTo(Long.toString(7 - enrolled));
        assertThat(enrolled).as("10 percent of 7 devices: blocks of 10 enrol one each, so at most one").isLessThanOrEqualTo(1);
        Element price = page.selectFirst("tbody.experiment[data-key=price]");
        assertThat(price.selectFirst(".coverage")).as("full coverage goes without saying").isNull();
        assertThat(price.selectFirst(".left-out")).isNull();
    }

    @Test
    void a_page_without_experiments_says_so() throws IOException {
        StatsPage empty = new StatsPage("0", new StatsPage.Moment("2026-11-26 10:15:30 UTC", "2026-11-26T10:15:30Z"),
                List.of());

        Document rendered = Jsoup.parse(render(empty));

        assertThat(rendered.select("tbody.experiment")).isEmpty();
        assertThat(rendered.selectFirst("td.empty").text()).isEqualTo("No experiments yet.");
        assertThat(rendered.selectFirst(".devices-total").text()).isEqualTo("0");
    }

    private String render(StatsPage model) throws IOException {
        Writable writable = renderer.render("stats", model, HttpRequest.GET("/stats"));
        StringWriter html = new StringWriter();
        writable.writeTo(html);
        return html.toString();
    }
}
