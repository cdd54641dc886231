package dev.abkit.stats;

import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.OptionTotals;
import dev.abkit.core.results.SampleSums;
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
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * A real browser opens the results view of an experiment two weeks into its life, wide and phone-sized: the table
 * reads as a person sees it, both charts are drawn, fill their box and keep their text legible, the phone needs no
 * sideways scrolling, and the form really submits. Screenshots go to {@code target/screenshots}, as the statistics
 * page's do. Needs Debian's chromium and chromium-driver; without them the test fails, it is never skipped.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsViewBrowserTest {

    static final String COLORS = "/stats/experiments/button_color/results";
    static final int DAYS = 14;

    @Inject
    ScriptedResults results;

    @Inject
    EmbeddedServer server;

    @TempDir
    static Path profile;

    ChromeDriver browser;

    @BeforeAll
    void twoWeeksOfPurchasesAndABrowser() {
        HeadlessChromium.requireInstalled();
        results.put("button_color", "purchase", List.of(
                new OptionTotals("#FF0000", 2_000, 250),
                new OptionTotals("#00FF00", 2_000, 302),
                new OptionTotals("#0000FF", 2_000, 231)), history(250, 302, 231));
        results.put("button_color", "revenue", List.of(
                new OptionTotals("#FF0000", 2_000, 250, Optional.of(new SampleSums(2_000, 5_000, 150_000))),
                new OptionTotals("#00FF00", 2_000, 302, Optional.of(new SampleSums(2_000, 6_200, 190_000))),
                new OptionTotals("#0000FF", 2_000, 231, Optional.of(new SampleSums(2_000, 4_700, 140_000)))),
                history(250, 302, 231));
        browser = HeadlessChromium.start(profile, 1280, 800);
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shows_the_table_and_both_charts_on_a_wide_screen() throws IOException {
        HeadlessChromium.viewport(browser, 1280, 800, false);
        browser.get(WithAdminToken.browserAddress(server.getURL(), COLORS));

        assertThat(browser.getTitle()).isEqualTo("abkit · results of button_color");
        assertThat(cells(".rate .estimate")).containsExactly("12.5%", "15.1%", "11.6%");
        assertThat(cells(".lift")).containsExactly("—", "+20.8%", "−7.6%");
        assertThat(browser.findElement(By.cssSelector("tr.control .control-mark")).isDisplayed()).isTrue();
        for (String chart : List.of("svg.forest-plot", "svg.history-chart")) {
            Map<String, Object> box = box(chart);
            assertThat(number(box, "width")).as(chart).isGreaterThan(400);
            assertThat(number(box, "height") / number(box, "width")).as(chart + " keeps its aspect ratio")
                    .isCloseTo(number(box, "viewBoxHeight") / number(box, "viewBoxWidth"), offset(0.02));
            assertThat(number(box, "smallestText")).as(chart + " text in px").isGreaterThanOrEqualTo(12);
        }
        assertThat(browser.findElements(By.cssSelector("svg.history-chart g.series path"))).hasSize(3)
                .allMatch(WebElement::isDisplayed);
        // A horizontal line has no height, which Selenium's isDisplayed takes for hidden: measure its length.
        assertThat((List<?>) script("return [...document.querySelectorAll('svg.forest-plot .interval-line')]"
                + ".map(line => line.getBoundingClientRect().width)")).hasSize(2)
                .allSatisfy(width -> assertThat(((Number) width).doubleValue()).isGreaterThan(20));

        screenshot("results-view.png", 1280, false);
    }

    @Test
    void fits_a_phone_screen_with_legible_charts_and_no_sideways_scrolling() throws IOException {
        HeadlessChromium.viewport(browser, 390, 844, true);
        browser.get(WithAdminToken.browserAddress(server.getURL(), COLORS));

        long pageWidth = (Long) script("return document.documentElement.scrollWidth");
        long viewport = (Long) script("return document.documentElement.clientWidth");
        assertThat(pageWidth).isLessThanOrEqualTo(viewport);
        for (String chart : List.of("svg.forest-plot", "svg.history-chart")) {
            Map<String, Object> box = box(chart);
            assertThat(number(box, "width")).as(chart).isBetween(300.0, 390.0);
            assertThat(number(box, "right")).as(chart + " inside the screen").isLessThanOrEqualTo(390);
            assertThat(number(box, "smallestText")).as(chart + " text in px").isGreaterThanOrEqualTo(10);
        }
        assertThat(cells(".rate .estimate")).containsExactly("12.5%", "15.1%", "11.6%");
        assertThat(script("return getComputedStyle(document.querySelector(\"tr.option[data-value='#00FF00'] td.rate\"),"
                + " '::before').content")).as("each figure labelled on its card").isEqualTo("\"Rate\"");

        screenshot("results-view-phone.png", 390, true);
    }

    @Test
    void the_form_submits_a_plain_get_without_any_script() {
        HeadlessChromium.viewport(browser, 1280, 800, false);
        browser.get(WithAdminToken.browserAddress(server.getURL(), COLORS));

        new Select(browser.findElement(By.name("metric"))).selectByValue("revenue");
        new Select(browser.findElement(By.name("control"))).selectByValue("#00FF00");
        browser.findElement(By.name("from")).sendKeys("2026-11-01");
        HeadlessChromium.follow(browser, By.cssSelector("form.query button[type=submit]"));

        assertThat(browser.getCurrentUrl()).contains(COLORS + "?metric=revenue&from=2026-11-01&to=&control=%2300FF00");
        assertThat(browser.findElement(By.cssSelector(".summary .metric")).getText()).isEqualTo("revenue");
        assertThat(cells(".mean .estimate")).containsExactly("2.5", "3.1", "2.35");
        assertThat(browser.findElements(By.cssSelector("tr.option.control")).get(0).getAttribute("data-value"))
                .isEqualTo("#00FF00");
    }

    /** Two weeks in which the three options reach 2,000 devices each and the given conversions, evenly. */
    private static List<ConversionHistory.Day> history(long... conversions) {
        List<ConversionHistory.Day> days = new ArrayList<>();
        for (int day = 1; day <= DAYS; day++) {
            long devices = 2_000L * day / DAYS;
            long[] figures = new long[conversions.length * 2];
            for (int option = 0; option < conversions.length; option++) {
                figures[2 * option] = devices;
                // Early days wobble, as small samples do; by the last day each option has its final count.
                long wobble = day < DAYS ? (day * (option + 3) % 7 - 3) * devices / 400 : 0;
                figures[2 * option + 1] = Math.max(0, conversions[option] * day / DAYS + wobble);
            }
            days.add(ScriptedResults.day("2026-11-" + (12 + day), figures));
        }
        return days;
    }

    private List<String> cells(String cell) {
        return browser.findElements(By.cssSelector("tr.option " + cell)).stream().map(WebElement::getText).toList();
    }

    /**
     * The chart's box on screen, its viewBox, and the smallest of its texts as drawn, in CSS pixels: its font size
     * times the scale from the viewBox to the screen.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> box(String selector) {
        return (Map<String, Object>) script("""
                const svg = document.querySelector(arguments[0]);
                const box = svg.getBoundingClientRect();
                const scale = svg.getScreenCTM().a;
                const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
                return {width: box.width, height: box.height, right: box.right,
                        viewBoxWidth: svg.viewBox.baseVal.width, viewBoxHeight: svg.viewBox.baseVal.height,
                        smallestText: Math.min(...sizes)};""", selector);
    }

    private static double number(Map<String, Object> box, String key) {
        return ((Number) box.get(key)).doubleValue();
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    /** The whole page: the viewport is first grown to the document's height. */
    private void screenshot(String name, int width, boolean phone) throws IOException {
        long height = (Long) script("return document.documentElement.scrollHeight");
        HeadlessChromium.viewport(browser, width, (int) height, phone);
        Files.createDirectories(StatsPageBrowserTest.SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, StatsPageBrowserTest.SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
