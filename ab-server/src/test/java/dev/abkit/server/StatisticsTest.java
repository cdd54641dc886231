package dev.abkit.server;

import dev.abkit.testing.browser.HeadlessChromium;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics on the whole server, its storage and its admin-token filter: after 600 new devices
 * over the mobile API, {@code /api/v1/stats} (Bearer) and {@code /stats} (Basic, as a browser sends
 * it) show exactly what the devices received, 200/200/200 and 450/60/30/60; and a real browser
 * without the token gets the Basic challenge instead of the figures.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsTest extends SystemTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path profile;

    /** Per experiment and option value, how many of the 600 devices received it over the mobile API. */
    final Map<String, Map<String, Long>> received = new LinkedHashMap<>();

    ChromeDriver browser;

    @BeforeAll
    void sixHundredNewDevices() {
        Api devices = new Api(server.getURI(), json);
        for (int i = 0; i < 600; i++) {
            devices.experimentsOf("stats-device-" + i).forEach((key, value) ->
                    received.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(value, 1L, Long::sum));
        }
        assertThat(received.get("button_color")).containsOnly(
                Map.entry("#FF0000", 200L), Map.entry("#00FF00", 200L), Map.entry("#0000FF", 200L));
        assertThat(received.get("price")).containsOnly(
                Map.entry("10", 450L), Map.entry("20", 60L), Map.entry("50", 30L), Map.entry("5", 60L));
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void the_results_view_reads_the_devices_from_the_database_event_store() throws Exception {
        // A plain client: this test starts its own server on a database of its own, without the Api helper.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.getURI().resolve("/stats/experiments/button_color/results?metric=purchase"))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("tr.option").stream().map(row -> row.selectFirst(".devices").text()))
                .as("the devices of each option, none converted yet").containsExactly("200", "200", "200");
    }

    @Test
    void the_json_shows_what_the_devices_received() {
        HttpResponse<String> response = api.get("/api/v1/stats", "Authorization", "Bearer " + Api.ADMIN_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> stats = api.object(response.body());
        assertThat(stats.get("devices")).isEqualTo(600);
        assertThat(Instant.parse((String) stats.get("takenAt"))).isBeforeOrEqualTo(Instant.now());
        List<Map<String, Object>> experiments = list(stats.get("experiments"));
        assertThat(experiments).extracting(experiment -> experiment.get("key")).containsExactly("button_color", "price");
        for (Map<String, Object> experiment : experiments) {
            String key = (String) experiment.get("key");
            assertThat(experiment.get("status")).isEqualTo("RUNNING");
            assertThat(experiment.get("devices")).isEqualTo(600);
            for (Map<String, Object> option : list(experiment.get("options"))) {
                assertThat(((Number) option.get("devices")).longValue()).as(key + " " + option.get("value"))
                        .isEqualTo(received.get(key).get((String) option.get("value")));
            }
        }
        assertThat(response.body()).contains(
                "\"createdAt\":\"2026-01-01T00:00:00Z\"",
                "{\"value\":\"#FF0000\",\"weight\":33.3,\"devices\":200,\"share\":0.3333}",
                "{\"value\":\"10\",\"weight\":75,\"devices\":450,\"share\":0.7500}");
    }

    @Test
    void the_page_shows_what_the_devices_received_to_basic_with_the_token_as_password() {
        HttpResponse<String> response = api.get("/stats", "Authorization", "Basic " + basic("analyst", Api.ADMIN_TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst(".devices-total").text()).isEqualTo("600");
        for (Map.Entry<String, Map<String, Long>> experiment : received.entrySet()) {
            Element rows = page.selectFirst("tbody.experiment[data-key=" + experiment.getKey() + "]");
            assertThat(rows.selectFirst(".enrolled").text()).isEqualTo("600");
            for (Element option : rows.select("tr.option")) {
                String value = option.selectFirst(".value").text();
                assertThat(option.selectFirst(".devices").text()).as(experiment.getKey() + " " + value)
                        .isEqualTo(Long.toString(experiment.getValue().get(value)));
            }
        }
    }

    @Test
    void a_browser_is_challenged_and_with_the_token_as_basic_password_sees_the_table() throws IOException {
        HeadlessChromium.requireInstalled();
        browser = HeadlessChromium.start(profile, 1280, 800);
        URI stats = server.getURI().resolve("/stats");

        browser.get(stats.toString());
        assertThat(browser.findElements(By.cssSelector("table.stats"))).as("no figures without the token").isEmpty();

        browser.get("http://analyst:" + Api.ADMIN_TOKEN + "@" + stats.getHost() + ":" + stats.getPort() + "/stats");
        assertThat(cells("button_color", ".devices")).containsExactly("200", "200", "200");
        assertThat(cells("price", ".devices")).containsExactly("450", "60", "30", "60");
        assertThat(browser.findElement(By.cssSelector(".devices-total")).getText()).isEqualTo("600");

        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("stats-with-basic.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private List<String> cells(String experiment, String cell) {
        return browser.findElements(By.cssSelector("tbody[data-key=" + experiment + "] tr.option " + cell))
                .stream().map(WebElement::getText).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object json) {
        return (List<Map<String, Object>>) json;
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
