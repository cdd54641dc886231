package dev.abkit.server;

import dev.abkit.testing.browser.HeadlessChromium;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's journey, in a real browser on the whole server and a PostgreSQL database of its own: a person signs in
 * at {@code /admin} with the admin token, creates an experiment with three options (a bad weight first, said next to
 * its field, then fixed), starts it from its confirmation page, and watches new devices arrive over the mobile API:
 * the experiment's page counts exactly what the devices were given. Then stops it from its confirmation page, the
 * mobile API no longer serves it, and {@code /stats}, in the same browser, shows it STOPPED with the same counts.
 * Each page is waited for (a link or button followed until the page it was on is gone), never slept on. Needs
 * Debian's chromium and chromium-driver ({@code .ci/run} installs them); without them it fails, never skips.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleJourneyBrowserTest extends SystemTest {

    static final String KEY = "checkout_journey";

    @TempDir
    static Path profile;

    ChromeDriver browser;

    /** Per option value, how many devices the mobile API gave it; the figures every page must show. */
    final Map<String, Long> given = new TreeMap<>();

    int devicesSoFar;

    @BeforeAll
    void aBrowser() {
        browser = HeadlessChromium.startWaitingForElements(profile, 1280, 900);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void sign_in_create_fix_a_bad_weight_start_watch_devices_arrive_stop_and_find_it_stopped_in_the_statistics() {
        open("/admin");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/sign-in");
        type("token", Api.ADMIN_TOKEN);
        follow("form button[type=submit]");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/experiments");

        follow("a.create");
        type("key", KEY);
        type("options-0-value", "green");
        type("options-0-weight", "50");
        type("options-1-value", "blue");
        type("options-1-weight", "30");
        type("options-2-value", "orange");
        type("options-2-weight", "0");
        follow("button.create");
        WebElement error = browser.findElement(By.id("options-2-weight-error"));
        assertThat(error.getText()).isEqualTo("weight must be greater than 0 (got 0)");
        assertThat(error.findElement(By.xpath("..")).findElement(By.tagName("input")).getAttribute("id"))
                .as("the error sits with its own field").isEqualTo("options-2-weight");
        assertThat(api.admin("GET", Api.ADMIN + "/" + KEY, null).statusCode()).as("nothing created").isEqualTo(404);

        type("options-2-weight", "20");
        follow("button.create");
        assertThat(browser.getCurrentUrl()).endsWith("/admin/experiments/" + KEY + "?done=created");
        assertThat(text(".status")).isEqualTo("DRAFT");

        follow("a.action.start");
        assertThat(text(".consequence")).contains("from now on join it");
        follow("button.confirm");
        assertThat(text(".notice")).startsWith("Started");
        assertThat(text(".status")).isEqualTo("RUNNING");

        // 50/30/20 is a block of ten slots (5/3/2): the counts are exact after 10 and after 30 new devices, and
        // differ per option, so a page that showed one option's count on another's row would fail.
        newDevicesArrive(10);
        assertThat(given).containsExactly(Map.entry("blue", 3L), Map.entry("green", 5L), Map.entry("orange", 2L));
        browser.navigate().refresh(); // the page is a GET (the start answered with a 303): a reload repeats nothing
        assertThat(shownOnTheExperimentPage()).isEqualTo(given);
        assertThat(text("dd.devices")).isEqualTo("10");
        newDevicesArrive(20);
        assertThat(given).containsExactly(Map.entry("blue", 9L), Map.entry("green", 15L), Map.entry("orange", 6L));
        browser.navigate().refresh();
        assertThat(shownOnTheExperimentPage()).isEqualTo(given);
        assertThat(text("dd.devices")).isEqualTo("30");

        follow("a.action.stop");
        assertThat(text(".consequence")).startsWith("No device is served it any more");
        follow("button.confirm");
        assertThat(text(".notice")).startsWith("Stopped");
        assertThat(text(".status")).isEqualTo("STOPPED");
        assertThat(shownOnTheExperimentPage()).as("stopping changes no count").isEqualTo(given);
        assertThat(api.experimentsOf("journey-device-0")).as("an enrolled device").doesNotContainKey(KEY)
                .containsKey("button_color");
        assertThat(api.experimentsOf("journey-device-after-the-stop")).as("a new device").doesNotContainKey(KEY)
                .containsKey("button_color");

        // The console's sign-in holds for the statistics' pages too: its results link and /stats open without
        // the browser's password prompt (which a headless browser could not answer anyway).
        follow("a.results");
        assertThat(text("h1")).contains(KEY);
        open("/stats");
        WebElement experiment = browser.findElement(By.cssSelector("tbody.experiment[data-key=" + KEY + "]"));
        assertThat(experiment.findElement(By.cssSelector(".status")).getText()).isEqualTo("STOPPED");
        assertThat(experiment.findElement(By.cssSelector(".enrolled")).getText()).isEqualTo("30");
        assertThat(optionCounts(experiment)).isEqualTo(given);
    }

    /**
     * {@code count} devices never seen before ask the mobile API for their experiments, a few at a time as app
     * starts would; what each was given in the journey's experiment is added to {@link #given}.
     */
    private void newDevicesArrive(int count) {
        List<String> tokens = IntStream.range(devicesSoFar, devicesSoFar + count).mapToObj(i -> "journey-device-" + i).toList();
        devicesSoFar += count;
        api.experimentsOfEach(tokens, 4).forEach((device, experiments) -> {
            assertThat(experiments).as(device).containsKey(KEY);
            given.merge(experiments.get(KEY), 1L, Long::sum);
        });
    }

    private Map<String, Long> shownOnTheExperimentPage() {
        return optionCounts(browser.findElement(By.cssSelector("table.options")));
    }

    /** The devices of each option row under {@code table}, by option value: the console's and /stats' rows alike. */
    private static Map<String, Long> optionCounts(SearchContext table) {
        Map<String, Long> counts = new TreeMap<>();
        for (WebElement row : table.findElements(By.cssSelector("tr.option"))) {
            counts.put(row.findElement(By.cssSelector(".value")).getText(),
                    Long.parseLong(row.findElement(By.cssSelector(".devices")).getText()));
        }
        return counts;
    }

    private void open(String path) {
        browser.get(server.getURI().resolve(path).toString());
    }

    private void follow(String selector) {
        HeadlessChromium.follow(browser, By.cssSelector(selector));
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }
}
