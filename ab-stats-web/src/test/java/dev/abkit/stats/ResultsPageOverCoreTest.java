package dev.abkit.stats;

import dev.abkit.core.AbKit;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventInput;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The results view the whole way, over the core's own results use case: 600 devices join, every fifth buys
 * (revenue 12.5 each), and the page counts exactly the buyers each option had.
 */
@MicronautTest(environments = InMemoryCoreFactory.CORE_RESULTS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsPageOverCoreTest {

    static final String COLORS = "/stats/experiments/button_color/results";
    static final List<String> OPTIONS = List.of("#FF0000", "#00FF00", "#0000FF");

    @Inject
    AbKit abkit;

    @Inject
    @Client("/")
    HttpClient client;

    final Map<String, Long> buyers = new LinkedHashMap<>();

    @BeforeAll
    void sixHundredDevicesEveryFifthBuys() {
        OPTIONS.forEach(option -> buyers.put(option, 0L));
        for (int i = 0; i < 600; i++) {
            DeviceToken device = DeviceToken.of("core-device-" + i);
            List<Assignment> assignments = abkit.experimentsForDevice().experimentsFor(device);
            if (i % 5 == 0) {
                String option = assignments.stream()
                        .filter(assignment -> assignment.experiment().equals(ExperimentKey.of("button_color")))
                        .findFirst().orElseThrow().value();
                buyers.merge(option, 1L, Long::sum);
                abkit.recordEvents().record(EventBatch.of(device, List.of(
                        new EventInput("buy-" + i, "purchase", null, null, null),
                        new EventInput("pay-" + i, "revenue", null, 12.5, null)), Receipt.at(InMemoryCoreFactory.NOW)));
            }
        }
    }

    @Test
    void counts_the_buyers_of_each_option_among_its_devices() {
        Document page = open(COLORS + "?metric=purchase");

        assertThat(page.select("tr.option").eachAttr("data-value")).containsExactlyElementsOf(OPTIONS);
        assertThat(column(page, ".devices")).containsExactly("200", "200", "200");
        List<String> conversions = new ArrayList<>();
        List<String> rates = new ArrayList<>();
        for (String option : OPTIONS) {
            conversions.add(Long.toString(buyers.get(option)));
            rates.add(Figures.percent(OptionalDouble.of(buyers.get(option) / 200.0)));
        }
        assertThat(column(page, ".conversions")).containsExactlyElementsOf(conversions);
        assertThat(column(page, ".rate .estimate")).containsExactlyElementsOf(rates);
        assertThat(buyers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(120);
        assertThat(page.selectFirst("section.sample-ratio").hasClass("alarm")).as("200/200/200 as allocated").isFalse();
    }

    @Test
    void offers_the_metrics_with_events_and_shows_a_mean_for_the_one_with_values() {
        Document page = open(COLORS + "?metric=revenue");

        assertThat(page.select("select[name=metric] option").eachAttr("value")).containsExactly("purchase", "revenue");
        assertThat(column(page, ".mean .estimate")).containsExactlyElementsOf(OPTIONS.stream()
                .map(option -> Figures.amount(OptionalDouble.of(buyers.get(option) * 12.5 / 200))).toList());
    }

    @Test
    void draws_the_one_day_so_far_as_a_dot_per_option() {
        Document page = open(COLORS);

        assertThat(page.select("svg.history-chart g.series").eachAttr("data-value")).containsExactlyElementsOf(OPTIONS);
        assertThat(page.select("svg.history-chart g.series circle")).hasSize(3);
        assertThat(page.select("svg.history-chart .x-tick").eachText()).containsExactly("Nov 26");
        assertThat(page.select("svg.forest-plot g.row")).hasSize(2);
    }

    @Test
    void a_window_after_the_events_counts_no_buyer() {
        Document page = open(COLORS + "?metric=purchase&from=2026-11-27");

        assertThat(column(page, ".devices")).containsExactly("200", "200", "200");
        assertThat(column(page, ".conversions")).containsExactly("0", "0", "0");
    }

    @Test
    void only_exposed_devices_count_none_without_exposures() {
        Document page = open(COLORS + "?metric=purchase&exposed=true");

        assertThat(column(page, ".devices")).containsExactly("0", "0", "0");
        assertThat(column(page, ".rate .estimate")).containsOnly("—");
    }

    @Test
    void a_control_the_core_refuses_is_a_400_page_naming_it() {
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(WithAdminToken.get(COLORS + "?control=purple"), String.class));

        assertThat(refused.getStatus().getCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.getResponse().getBody(String.class).orElseThrow());
        assertThat(page.selectFirst(".problem").text()).startsWith("control:").contains("purple");
    }

    private Document open(String path) {
        return Jsoup.parse(client.toBlocking().retrieve(WithAdminToken.get(path), String.class));
    }

    private static List<String> column(Document page, String cell) {
        return page.select("tr.option").stream().map(row -> row.selectFirst(cell).text()).toList();
    }
}
