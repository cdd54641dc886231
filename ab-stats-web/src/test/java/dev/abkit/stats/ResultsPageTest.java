package dev.abkit.stats;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.results.AssignmentCounts;
import dev.abkit.core.results.Confidence;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.Interval;
import dev.abkit.core.results.OptionTotals;
import dev.abkit.core.results.Proportion;
import dev.abkit.core.results.SampleSums;
import dev.abkit.core.results.SlotsHandedOut;
import dev.abkit.core.results.WilsonScore;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code GET /stats/experiments/{key}/results} over real HTTP, read with an HTML parser. The figures come from the
 * core's own calculation over totals set here: of 200 devices each, 25, 40 and none converted.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsPageTest {

    static final String COLORS = "/stats/experiments/button_color/results";

    @Inject
    AbKit abkit;

    @Inject
    ScriptedResults results;

    @Inject
    @Client("/")
    HttpClient client;

    @BeforeAll
    void purchasesAndRevenue() {
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("checkout"),
                List.of(Option.of("A", 50), Option.of("B", 50))));
        // 60 and 40 of 100: exact allocation in blocks of two never strays more than one from 50/50.
        results.put("checkout", "lost", List.of(new OptionTotals("A", 60, 6), new OptionTotals("B", 40, 4)),
                AssignmentCounts.of(Map.of("A", 60L, "B", 40L)), List.of());
        // Assigned 50/50 as the blocks give it, but the app showed B to 10 devices only: χ² 26.7, p < 0.001.
        results.put("checkout", "shown", List.of(new OptionTotals("A", 50, 5), new OptionTotals("B", 10, 1)),
                new AssignmentCounts(Map.of("A", 50L, "B", 50L), SlotsHandedOut.exactly(Map.of("A", 50L, "B", 50L)), Optional.of(Map.of("A", 50L, "B", 10L))),
                List.of());
        results.put("checkout", "sound", List.of(new OptionTotals("A", 50, 5), new OptionTotals("B", 50, 6)),
                new AssignmentCounts(Map.of("A", 50L, "B", 50L), SlotsHandedOut.exactly(Map.of("A", 50L, "B", 50L)), Optional.of(Map.of("A", 31L, "B", 29L))),
                List.of());
        results.put("button_color", "purchase", List.of(
                new OptionTotals("#FF0000", 200, 25),
                new OptionTotals("#00FF00", 200, 40),
                new OptionTotals("#0000FF", 200, 0)), threeDays());
        results.put("button_color", "revenue", List.of(
                new OptionTotals("#FF0000", 200, 25, Optional.of(new SampleSums(200, 250, 2_600))),
                new OptionTotals("#00FF00", 200, 40, Optional.of(new SampleSums(200, 500, 6_400))),
                new OptionTotals("#0000FF", 200, 0, Optional.of(new SampleSums(200, 0, 0)))), threeDays());
    }

    @Test
    void answers_html_that_loads_nothing_and_may_submit_its_form_to_itself() {
        HttpResponse<String> response = client.toBlocking().exchange(WithAdminToken.get(COLORS), String.class);

        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(response.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none';")
                .contains("form-action 'self'");
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("script, link[href], img[src], iframe, object, embed")).isEmpty();
        assertThat(page.select("style").html()).doesNotContain("url(", "@import");
    }

    @Test
    void without_a_metric_shows_the_first_with_events_against_the_first_option() {
        Document page = open(COLORS);

        assertThat(page.selectFirst(".summary .metric").text()).isEqualTo("purchase");
        assertThat(page.selectFirst(".summary .control").text()).isEqualTo("#FF0000");
        assertThat(page.selectFirst(".summary .window").text()).isEqualTo("the experiment's whole life");
        assertThat(page.select("select[name=metric] option").eachAttr("value")).containsExactly("purchase", "revenue");
        assertThat(page.selectFirst("select[name=metric] option[selected]").val()).isEqualTo("purchase");
        assertThat(page.selectFirst("select[name=control] option[selected]").val()).isEqualTo("#FF0000");
        assertThat(results.lastQuery().isWholeLife()).isTrue();
    }

    @Test
    void the_table_shows_each_option_with_rates_in_percent_and_the_control_marked() {
        Document page = open(COLORS);

        assertThat(column(page, "th.option .value")).containsExactly("#FF0000", "#00FF00", "#0000FF");
        assertThat(column(page, ".devices")).containsExactly("200", "200", "200");
        assertThat(column(page, ".conversions")).containsExactly("25", "40", "0");
        assertThat(column(page, ".rate .estimate")).containsExactly("12.5%", "20.0%", "0.0%");
        assertThat(page.select("tr.option.control").eachAttr("data-value")).containsExactly("#FF0000");
        assertThat(page.selectFirst("tr.control .control-mark").text()).isEqualTo("control");
        assertThat(column(page, ".difference .estimate")).containsExactly("—", "+7.5 pp", "−12.5 pp");
        assertThat(column(page, ".lift")).containsExactly("—", "+60.0%", "−100.0%");
        assertThat(column(page, ".p-value")).first().isEqualTo("—");
        assertThat(column(page, ".p-adjusted")).first().isEqualTo("—");
        assertThat(page.select("td.mean")).as("no mean for a metric without values").isEmpty();
    }

    @Test
    void every_estimate_has_its_interval_and_p_values_have_four_decimals() {
        Document page = open(COLORS);
        Element green = page.selectFirst("tr.option[data-value=#00FF00]");

        Interval wilson = WilsonScore.interval(new Proportion(40, 200), Confidence.NINETY_FIVE_PERCENT).orElseThrow();
        assertThat(green.selectFirst(".rate .interval").text()).isEqualTo(String.format(Locale.ROOT,
                "%.1f%% – %.1f%%", wilson.low() * 100, wilson.high() * 100));
        assertThat(green.selectFirst(".difference .interval").text()).matches("[+−]\\d+\\.\\d+ to \\+\\d+\\.\\d+ pp");
        assertThat(green.selectFirst(".p-value").text()).matches("0\\.\\d{4}");
        assertThat(page.selectFirst("tr.option[data-value=#0000FF] .p-value").text()).isEqualTo("< 0.0001");
        assertThat(page.selectFirst("tr.control .difference .interval")).as("none for the control").isNull();
    }

    @Test
    void a_value_metric_adds_the_mean_per_device_and_its_difference() {
        Document page = open(COLORS + "?metric=revenue");

        assertThat(page.selectFirst(".summary .metric").text()).isEqualTo("revenue");
        assertThat(page.select("thead th").eachText()).contains("Mean", "Mean difference");
        assertThat(column(page, ".mean .estimate")).containsExactly("1.25", "2.5", "0.0");
        assertThat(column(page, ".mean-difference .estimate")).containsExactly("—", "+1.25", "−1.25");
        assertThat(page.selectFirst("tr.option[data-value=#00FF00] .mean-difference .interval").text())
                .matches("[+−]\\d+\\.\\d+ to \\+\\d+\\.\\d+");
    }

    @Test
    void window_population_and_control_are_passed_on_and_said_in_words() {
        Document page = open(COLORS + "?metric=purchase&from=2026-11-01&to=2026-11-20T12:00:00Z&exposed=true"
                + "&control=%2300FF00");

        assertThat(results.lastQuery().from()).contains(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(results.lastQuery().to()).contains(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(results.lastQuery().exposed()).isTrue();
        assertThat(results.lastQuery().control()).contains("#00FF00");
        assertThat(page.selectFirst(".summary .window").text())
                .isEqualTo("from 2026-11-01 00:00 UTC to before 2026-11-20 12:00 UTC");
        assertThat(page.selectFirst(".summary .population").text()).startsWith("exposed devices");
        assertThat(page.select("tr.option.control").eachAttr("data-value")).containsExactly("#00FF00");
        assertThat(page.selectFirst("select[name=control] option[selected]").val()).isEqualTo("#00FF00");
        assertThat(page.selectFirst("input[name=from]").val()).isEqualTo("2026-11-01");
        assertThat(page.selectFirst("input[name=exposed]").hasAttr("checked")).isTrue();
    }

    @Test
    void the_form_is_a_plain_get_to_this_page() {
        Element form = open(COLORS).selectFirst("form.query");

        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.attr("action")).isEqualTo(COLORS);
        assertThat(form.select("[name]").eachAttr("name"))
                .containsExactlyInAnyOrder("metric", "from", "to", "control", "exposed");
    }

    @Test
    void invalid_parameters_are_a_400_page_that_names_them() {
        assertRefused(COLORS + "?from=yesterday", "from: must be an ISO-8601 instant");
        assertRefused(COLORS + "?exposed=maybe", "exposed: must be true or false");
        assertRefused(COLORS + "?control=purple", "control: \"purple\" is not an option");
        assertRefused(COLORS + "?metric=Purchase", "metric: metric name must be");
        assertRefused(COLORS + "?from=2026-11-02&to=2026-11-01", "from: the window [from, to) must not be empty");
        assertRefused(COLORS + "?from=2026-11-01T00:00:00.0000001Z&to=2026-11-01T00:00:00.0000002Z",
                "from: the window [from, to) must not be empty"); // the same microsecond, as the API reads them
        assertRefused(COLORS + "?to=%2B300000-01-01T00:00:00Z", "to: must lie in the years 0001 to 9999");
    }

    @Test
    void a_refused_request_keeps_what_was_typed_so_it_can_be_fixed() {
        Document page = refused(COLORS + "?from=yesterday&exposed=true", HttpStatus.BAD_REQUEST);

        assertThat(page.selectFirst("input[name=from]").val()).isEqualTo("yesterday");
        assertThat(page.selectFirst("input[name=exposed]").hasAttr("checked")).isTrue();
        assertThat(page.select("select[name=control] option").eachAttr("value"))
                .containsExactly("#FF0000", "#00FF00", "#0000FF");
    }

    @Test
    void a_metric_refused_or_without_events_stays_in_a_text_field_beside_the_metrics_with_events() {
        for (Document page : List.of(refused(COLORS + "?metric=Purchase", HttpStatus.BAD_REQUEST),
                open(COLORS + "?metric=purchse"))) {
            assertThat(page.select("select[name=metric]")).isEmpty();
            assertThat(page.select("input[name=metric]")).singleElement()
                    .satisfies(field -> assertThat(field.val()).isIn("Purchase", "purchse"));
            assertThat(page.selectFirst(".metrics-with-events").text()).isEqualTo("with events: purchase, revenue");
        }
    }

    /** A valid name no event has (mistyped, or not sent yet) is answered, all zeros, and the page says why. */
    @Test
    void a_metric_without_events_is_answered_with_zeros_and_a_notice() {
        Document page = open(COLORS + "?metric=purchse");

        assertThat(page.selectFirst(".no-events-of-metric").text())
                .startsWith("No event named purchse is counted in this experiment yet");
        assertThat(column(page, ".conversions")).containsOnly("0");
        assertThat(open(COLORS + "?metric=purchase").select(".no-events-of-metric")).isEmpty();
    }

    @Test
    void a_window_end_with_seconds_is_said_to_the_second() {
        Document page = open(COLORS + "?from=2026-11-01T10:30:45Z&to=2026-11-02T08:00:00.250Z");

        assertThat(page.selectFirst(".summary .window").text())
                .isEqualTo("from 2026-11-01 10:30:45 UTC to before 2026-11-02 08:00:00.25 UTC");
    }

    @Test
    void an_unknown_experiment_is_a_404_page() {
        for (String key : List.of("no_such_experiment", "Not-A-Key")) {
            Document page = refused("/stats/experiments/" + key + "/results", HttpStatus.NOT_FOUND);

            assertThat(page.selectFirst(".problem").text()).isEqualTo("There is no experiment with key \"" + key + "\".");
            assertThat(page.select("form")).isEmpty();
        }
    }

    @Test
    void an_experiment_without_events_says_so() {
        Document page = open("/stats/experiments/price/results");

        assertThat(page.selectFirst(".no-events").text()).startsWith("No events yet");
        assertThat(page.select("table.results, svg")).isEmpty();
        assertThat(page.selectFirst("select[name=control] option[selected]").val()).isEqualTo("10");
    }

    @Test
    void needs_the_admin_token_like_the_statistics_page() {
        HttpClientResponseException refused = assertThrows(
                HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET(COLORS), String.class));

        assertThat(refused.getStatus().getCode()).isEqualTo(401);
        String challenge = refused.getResponse().header(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge).startsWith("Basic");
    }

    @Test
    void each_experiment_of_the_statistics_page_links_to_its_results() {
        Document stats = open("/stats");

        assertThat(stats.select("tbody.experiment .results-link").eachAttr("href"))
                .containsExactly(COLORS, "/stats/experiments/price/results", "/stats/experiments/checkout/results");
    }

    @Test
    void the_charts_are_inline_svg_with_a_title_and_a_description() {
        Document page = open(COLORS);
        Element forest = page.selectFirst("svg.forest-plot");
        Element history = page.selectFirst("svg.history-chart");

        assertThat(forest.attr("viewBox")).isEqualTo(forest.attr("viewbox")).startsWith("0 0 360 ");
        assertThat(forest.attr("width")).isEqualTo("100%");
        assertThat(forest.attr("role")).isEqualTo("img");
        assertThat(forest.selectFirst("title").text()).isEqualTo("Difference from the control, #FF0000");
        assertThat(forest.selectFirst("desc").text()).contains("#00FF00 +7.5 pp", "#0000FF −12.5 pp");
        assertThat(forest.select("g.row").eachAttr("data-value")).containsExactly("#00FF00", "#0000FF");
        assertThat(forest.select("g.row.below")).as("nobody converted: clearly below").hasSize(1);
        assertThat(history.select("g.series").eachAttr("data-value")).containsExactly("#FF0000", "#00FF00", "#0000FF");
        assertThat(history.select("g.series path").eachAttr("d")).allMatch(d -> d.matches("M[\\d.]+ [\\d.]+( L[\\d.]+ [\\d.]+){2}"));
        assertThat(history.selectFirst("desc").text()).contains("from 2026-11-24 to 2026-11-26");
        assertThat(page.select("ul.legend li").eachText()).containsExactly("#FF0000 12.5%", "#00FF00 20.0%", "#0000FF 0.0%");
    }

    @Test
    void counts_that_exact_allocation_cannot_produce_raise_the_data_loss_alarm() {
        Element ratio = open("/stats/experiments/checkout/results?metric=lost").selectFirst("section.sample-ratio");

        assertThat(ratio.hasClass("alarm")).isTrue();
        assertThat(ratio.selectFirst(".ratio-verdict").text()).startsWith("Sample ratio alarm");
        assertThat(ratio.selectFirst(".block-alarm").text()).contains("more than one allocation block");
        assertThat(ratio.selectFirst(".mismatch-alarm")).isNull();
        assertThat(ratio.select("td.expected").eachText()).containsExactly("50.0", "50.0");
        assertThat(ratio.select("td.observed").eachText()).containsExactly("60", "40");
    }

    @Test
    void exposed_counts_against_the_weights_raise_the_mismatch_alarm() {
        Element ratio = open("/stats/experiments/checkout/results?metric=shown").selectFirst("section.sample-ratio");

        assertThat(ratio.hasClass("alarm")).isTrue();
        assertThat(ratio.selectFirst(".mismatch-alarm").text()).contains("p < 0.001");
        assertThat(ratio.selectFirst(".block-alarm")).isNull();
        assertThat(ratio.selectFirst(".chi-square").text()).isEqualTo("26.67");
        assertThat(ratio.selectFirst(".ratio-p").text()).isEqualTo("< 0.0001");
    }

    @Test
    void sound_counts_raise_no_alarm() {
        Element ratio = open("/stats/experiments/checkout/results?metric=sound").selectFirst("section.sample-ratio");

        assertThat(ratio.hasClass("alarm")).isFalse();
        assertThat(ratio.selectFirst(".ratio-verdict").text()).isEqualTo("Assignments match the weights.");
        assertThat(ratio.select(".block-alarm, .mismatch-alarm")).isEmpty();
        assertThat(ratio.selectFirst(".ratio-p").text()).matches("0\\.\\d{4}");
    }

    @Test
    void without_any_day_of_history_the_chart_says_so() {
        Document page = open("/stats/experiments/checkout/results?metric=sound");

        assertThat(page.select("svg.history-chart")).isEmpty();
        assertThat(page.selectFirst("figure.history .empty").text()).isEqualTo("No devices assigned yet.");
        assertThat(page.select("svg.forest-plot g.row").eachAttr("data-value")).containsExactly("B");
    }

    private static List<ConversionHistory.Day> threeDays() {
        return List.of(
                ScriptedResults.day("2026-11-24", 50, 5, 50, 6, 50, 0),
                ScriptedResults.day("2026-11-25", 120, 14, 120, 22, 120, 0),
                ScriptedResults.day("2026-11-26", 200, 25, 200, 40, 200, 0));
    }

    private Document open(String path) {
        return Jsoup.parse(client.toBlocking().retrieve(WithAdminToken.get(path), String.class));
    }

    private Document refused(String path, HttpStatus status) {
        HttpClientResponseException refused = assertThrows(
                HttpClientResponseException.class,
                () -> client.toBlocking().exchange(WithAdminToken.get(path), String.class));
        assertThat(refused.getStatus().getCode()).as(path).isEqualTo(status.getCode());
        String contentType = refused.getResponse().header(HttpHeaders.CONTENT_TYPE);
        assertThat(contentType).as(path).startsWith("text/html");
        String body = refused.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).as("no stack trace").doesNotContain("Exception", "\tat ");
        return Jsoup.parse(body);
    }

    private void assertRefused(String path, String message) {
        Document page = refused(path, HttpStatus.BAD_REQUEST);
        assertThat(page.selectFirst(".problem").text()).as(path).startsWith(message);
        assertThat(page.select("table.results")).as(path).isEmpty();
        assertThat(page.select("form.query")).as(path).hasSize(1);
    }

    private static List<String> column(Document page, String cell) {
        return page.select("tr.option").stream().map(row -> row.selectFirst(cell).text()).toList();
    }
}
