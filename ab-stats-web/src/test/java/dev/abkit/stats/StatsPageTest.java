package dev.abkit.stats;

import dev.abkit.core.AbKit;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /stats} over real HTTP after 600 new devices, read with an HTML parser: the table holds
 * the counts the devices actually received, 200/200/200 and 450/60/30/60, with their bars.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsPageTest {

    @Inject
    AbKit abkit;

    @Inject
    @Client("/")
    HttpClient client;

    ReceivedOptions received;
    Document page;

    @BeforeAll
    void sixHundredNewDevicesThenOpenThePage() {
        received = ReceivedOptions.enroll(abkit, "page-device-", 600);
        HttpResponse<String> response = client.toBlocking().exchange(WithAdminToken.get("/stats"), String.class);
        assertThat(response.header(HttpHeaders.CONTENT_TYPE)).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(response.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none';");
        page = Jsoup.parse(response.body());
    }

    @Test
    void says_how_many_devices_are_registered_and_when_the_figures_were_taken() {
        assertThat(page.title()).contains("statistics");
        assertThat(page.selectFirst(".devices-total").text()).isEqualTo("600");
        Element takenAt = page.selectFirst("time.taken-at");
        assertThat(takenAt.attr("datetime")).isEqualTo("2026-11-26T10:15:30Z");
        assertThat(takenAt.text()).isEqualTo("2026-11-26 10:15:30 UTC");
    }

    @Test
    void one_table_with_the_experiments_in_creation_order() {
        assertThat(page.select("table")).hasSize(1);
        assertThat(page.select("table.stats > tbody.experiment").eachAttr("data-key"))
                .containsExactly("button_color", "price");
    }

    @Test
    void each_experiment_shows_key_status_creation_date_and_devices_enrolled() {
        Element colors = experiment("button_color");
        assertThat(colors.selectFirst("tr.experiment-head .key").text()).isEqualTo("button_color");
        assertThat(colors.selectFirst(".status").text()).isEqualTo("RUNNING");
        assertThat(colors.selectFirst(".status").hasClass("running")).isTrue();
        assertThat(colors.selectFirst("time.created").text()).isEqualTo("2026-01-01");
        assertThat(colors.selectFirst("time.created").attr("datetime")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(colors.selectFirst(".enrolled").text()).isEqualTo("600");
        assertThat(experiment("price").selectFirst("time.created").attr("datetime")).isEqualTo("2026-01-01T00:00:01Z");
    }

    @Test
    void button_colors_are_200_200_200_as_the_devices_received_them() {
        Elements rows = experiment("button_color").select("tr.option");

        assertThat(rows.eachText()).hasSize(3);
        assertThat(column(rows, ".value")).containsExactly("#FF0000", "#00FF00", "#0000FF");
        assertThat(column(rows, ".weight")).containsExactly("33.3", "33.3", "33.3");
        assertThat(column(rows, ".devices")).containsExactly("200", "200", "200");
        assertThat(column(rows, ".share-actual")).containsExactly("33.33%", "33.33%", "33.33%");
        assertThat(column(rows, ".share-target")).containsExactly("target 33.33%", "target 33.33%", "target 33.33%");
        assertMatchesWhatDevicesReceived("button_color", rows);
    }

    @Test
    void prices_are_450_60_30_60_as_the_devices_received_them() {
        Elements rows = experiment("price").select("tr.option");

        assertThat(column(rows, ".value")).containsExactly("10", "20", "50", "5");
        assertThat(column(rows, ".weight")).containsExactly("75", "10", "5", "10");
        assertThat(column(rows, ".devices")).containsExactly("450", "60", "30", "60");
        assertThat(column(rows, ".share-actual")).containsExactly("75.00%", "10.00%", "5.00%", "10.00%");
        assertMatchesWhatDevicesReceived("price", rows);
    }

    @Test
    void every_option_has_a_bar_of_its_actual_share_with_a_mark_at_its_target() {
        Elements bars = experiment("price").select("tr.option .bar");

        assertThat(bars).hasSize(4);
        assertThat(bars.eachAttr("style")).containsExactly(
                "--share:75.00%;--target:75.00%",
                "--share:10.00%;--target:10.00%",
                "--share:5.00%;--target:5.00%",
                "--share:10.00%;--target:10.00%");
        assertThat(bars.eachAttr("aria-hidden")).as("the bar repeats the row's figures").containsOnly("true");
    }

    @Test
    void loads_nothing_from_elsewhere_and_runs_no_script() {
        assertThat(page.select("script")).isEmpty();
        assertThat(page.select("link[href], img[src], iframe, object, embed")).isEmpty();
        assertThat(page.select("style").html()).doesNotContain("url(", "@import");
        assertThat(page.selectFirst("meta[name=viewport]").attr("content")).contains("width=device-width");
    }

    private Element experiment(String key) {
        return page.selectFirst("tbody.experiment[data-key=" + key + "]");
    }

    private static List<String> column(Elements rows, String cell) {
        return rows.stream().map(row -> row.selectFirst(cell).text()).toList();
    }

    private void assertMatchesWhatDevicesReceived(String key, Elements rows) {
        assertThat(experiment(key).selectFirst(".enrolled").text()).isEqualTo(Long.toString(received.total(key)));
        for (Element row : rows) {
            String value = row.selectFirst(".value").text();
            assertThat(row.selectFirst(".devices").text()).as(key + " " + value)
                    .isEqualTo(Long.toString(received.of(key, value)));
        }
    }
}
