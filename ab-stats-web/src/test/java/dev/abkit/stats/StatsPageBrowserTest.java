package dev.abkit.stats;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.AbKit;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.testing.browser.HeadlessChromium;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * A real browser opens {@code /stats} after 600 new devices, reads the table as a person sees it and
 * saves screenshots, wide and phone-sized, under {@code target/screenshots}. Needs Debian's chromium
 * and chromium-driver ({@code .ci/run} installs them); without them the test fails, it is never skipped.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsPageBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Inject
    AbKit abkit;

    @Inject
    EmbeddedServer server;

    @TempDir
    static Path profile;

    ChromeDriver browser;

    @BeforeAll
    void sixHundredNewDevicesAndABrowser() {
        HeadlessChromium.requireInstalled();
        // A tenth of the new devices: 60 of the 600 enrolled (30/30), 540 left out.
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50))).withCoverage(Coverage.percent("10")));
        ReceivedOptions.enroll(abkit, "browser-device-", 600);
        browser = HeadlessChromium.start(profile, 1280, 800);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shows_200_200_200_and_450_60_30_60_with_their_bars() throws IOException {
        HeadlessChromium.viewport(browser, 1280, 800, false);
        browser.get(WithAdminToken.browserAddress(server.getURL(), "/stats"));

        assertThat(browser.getTitle()).contains("statistics");
        assertThat(browser.findElement(By.cssSelector(".devices-total")).getText()).isEqualTo("600");
        assertThat(optionCells("button_color", ".devices")).containsExactly("200", "200", "200");
        assertThat(optionCells("price", ".devices")).containsExactly("450", "60", "30", "60");
        assertThat(optionCells("price", ".share-actual")).containsExactly("75.00%", "10.00%", "5.00%", "10.00%");

        List<Number> bar = bar("tbody[data-key=price] tr.option .bar");
        double track = bar.get(0).doubleValue();
        assertThat(track).isGreaterThan(100);
        assertThat(bar.get(1).doubleValue() / track).as("actual share drawn").isCloseTo(0.75, offset(0.01));
        assertThat(bar.get(2).doubleValue() / track).as("target mark drawn").isCloseTo(0.75, offset(0.01));

        screenshot("stats-page.png", 1280, false);
    }

    @Test
    void shows_the_coverage_and_the_devices_it_left_out() {
        HeadlessChromium.viewport(browser, 1280, 800, false);
        browser.get(WithAdminToken.browserAddress(server.getURL(), "/stats"));

        WebElement onboarding = browser.findElement(By.cssSelector("tbody[data-key=onboarding]"));
        assertThat(onboarding.findElement(By.cssSelector(".enrolled")).getText()).isEqualTo("60");
        assertThat(onboarding.findElement(By.cssSelector(".coverage")).getText()).isEqualTo("10%");
        assertThat(onboarding.findElement(By.cssSelector(".left-out")).getText()).isEqualTo("540");
        assertThat(optionCells("onboarding", ".devices")).containsExactly("30", "30");
        assertThat(browser.findElements(By.cssSelector("tbody[data-key=price] .coverage")))
                .as("full coverage is not worth a mention").isEmpty();
    }

    @Test
    void fits_a_phone_screen_without_sideways_scrolling() throws IOException {
        HeadlessChromium.viewport(browser, 390, 844, true);
        browser.get(WithAdminToken.browserAddress(server.getURL(), "/stats"));

        long pageWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth");
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.clientWidth");
        assertThat(pageWidth).isLessThanOrEqualTo(viewport);
        assertThat(optionCells("price", ".devices")).containsExactly("450", "60", "30", "60");

        screenshot("stats-page-phone.png", 390, true);
    }

    @Test
    void each_experiment_links_to_its_results_view() {
        HeadlessChromium.viewport(browser, 1280, 800, false);
        browser.get(WithAdminToken.browserAddress(server.getURL(), "/stats"));

        HeadlessChromium.follow(browser, By.cssSelector("tbody[data-key=price] .results-link"));

        assertThat(browser.getCurrentUrl()).endsWith("/stats/experiments/price/results");
        assertThat(browser.getTitle()).isEqualTo("abkit · results of price");
        assertThat(browser.findElement(By.cssSelector(".no-events")).getText()).startsWith("No events yet");
    }

    private List<String> optionCells(String experiment, String cell) {
        return browser.findElements(By.cssSelector("tbody[data-key=" + experiment + "] tr.option " + cell))
                .stream().map(WebElement::getText).toList();
    }

    /** Width of the bar's track, of its fill (actual share) and the position of its target mark, in pixels. */
    @SuppressWarnings("unchecked")
    private List<Number> bar(String selector) {
        return (List<Number>) ((JavascriptExecutor) browser).executeScript("""
                const bar = document.querySelector(arguments[0]);
                return [bar.getBoundingClientRect().width,
                        parseFloat(getComputedStyle(bar, '::before').width),
                        parseFloat(getComputedStyle(bar, '::after').left)];""", selector);
    }

    /** The whole page: the viewport is first grown to the document's height. */
    private void screenshot(String name, int width, boolean phone) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight");
        HeadlessChromium.viewport(browser, width, (int) height, phone);
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
