package dev.abkit.console;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.testing.browser.HeadlessChromium;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person in a real browser, with no script on any page: signs in, creates an experiment with three options,
 * sees the error of a bad weight next to that weight, fixes it, creates it, starts it after its confirmation,
 * and finds it running in the list. Needs Debian's chromium and chromium-driver ({@code .ci/run} installs
 * them); without them the test fails, it is never skipped.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Inject
    EmbeddedServer server;

    @Inject
    AbKit abkit;

    @TempDir
    static Path profile;

    ChromeDriver browser;

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

    /** Each test starts signed out (the cookie is only visible from a page below /admin). */
    @BeforeEach
    void signedOut() {
        browser.get(address(Paths.SIGN_IN));
        browser.manage().deleteAllCookies();
    }

    private String address(String path) {
        return server.getURL() + path;
    }

    /**
     * What the browser shows, under {@code target/screenshots}, for a person to look at; docs/console.png and
     * docs/console-phone.png are two of them, made small (README, "Admin console").
     */
    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clicks a button or link that loads another page, and waits until the page it was on is gone. */
    private void follow(By selector) {
        HeadlessChromium.follow(browser, selector);
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void sign_in_create_with_three_options_fix_a_bad_weight_start_and_see_it_running() {
        browser.get(address("/admin"));
        assertThat(browser.getCurrentUrl()).endsWith("/admin/sign-in");
        type("token", InMemoryConsoleFactory.ADMIN_TOKEN);
        follow(By.cssSelector("form button[type=submit]"));
        assertThat(browser.getCurrentUrl()).endsWith("/admin/experiments");
        assertThat(browser.findElement(By.cssSelector(".who .name")).getText()).isEqualTo("bootstrap");

        follow(By.cssSelector("a.create"));
        type("key", "checkout_button");
        type("options-0-value", "green");
        type("options-0-weight", "40");
        type("options-1-value", "blue");
        type("options-1-weight", "40");
        type("options-2-value", "orange");
        type("options-2-weight", "twenty");
        follow(By.cssSelector("button.create"));

        WebElement error = browser.findElement(By.id("options-2-weight-error"));
        assertThat(error.getText()).isEqualTo("weight must be a decimal number (got \"twenty\")");
        assertThat(error.findElement(By.xpath("..")).findElement(By.tagName("input")).getAttribute("id"))
                .as("the error sits with its own field").isEqualTo("options-2-weight");
        assertThat(browser.findElement(By.id("options-1-value")).getAttribute("value")).isEqualTo("blue");
        assertThat(abkit.findExperiments().all()).noneMatch(experiment -> experiment.key().value().equals("checkout_button"));
        screenshot("console-create-error.png");

        type("options-2-weight", "20");
        follow(By.cssSelector("button.create"));
        assertThat(browser.getCurrentUrl()).endsWith("/admin/experiments/checkout_button?done=created");
        assertThat(browser.findElement(By.cssSelector(".status")).getText()).isEqualTo("DRAFT");
        assertThat(browser.findElements(By.cssSelector("tr.option .value")).stream().map(WebElement::getText))
                .containsExactly("green", "blue", "orange");

        follow(By.cssSelector("a.edit"));
        assertThat(browser.findElement(By.id("options-2-weight")).getAttribute("value")).isEqualTo("20");
        type("options-2-weight", "30");
        follow(By.cssSelector("button.save"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Changes saved.");
        assertThat(browser.findElements(By.cssSelector("tr.option .weight")).stream().map(WebElement::getText))
                .containsExactly("40", "40", "30");

        follow(By.cssSelector("a.action.start"));
        assertThat(browser.findElement(By.cssSelector(".consequence")).getText()).contains("from now on join it");
        follow(By.cssSelector("button.confirm"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith("Started");
        assertThat(abkit.findExperiments().get(ExperimentKey.of("checkout_button")).status())
                .isEqualTo(ExperimentStatus.RUNNING);

        // Devices arrive over the mobile API, so that the list shows counts as it would in use.
        for (int device = 0; device < 240; device++) {
            abkit.experimentsForDevice().experimentsFor(DeviceToken.of("browser-device-" + device));
        }
        follow(By.cssSelector(".top nav a"));
        WebElement row = browser.findElement(By.cssSelector("tr.experiment[data-key=checkout_button]"));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("RUNNING");
        assertThat(Long.parseLong(row.findElement(By.cssSelector(".devices")).getText())).isPositive();
        HeadlessChromium.viewport(browser, 1280, 480, false);
        try {
            screenshot("console-list.png");
        } finally {
            HeadlessChromium.viewport(browser, 1280, 900, false);
        }
        assertThat(((JavascriptExecutor) browser).executeScript("return document.scripts.length")).isEqualTo(0L);
    }

    @Test
    void every_page_fits_a_phone_screen_without_sideways_scrolling() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("browser-phone"));
        abkit.overrideDevices().put(Principal.bootstrap(), ExperimentKey.of("price"), DeviceToken.of("browser-phone"), "50");
        abkit.createExperiment().create(Principal.bootstrap(), new NewExperiment(ExperimentKey.of("phone_draft"),
                List.of(Option.of("a", 1), Option.of("b", 1)), true, null, null, null));
        browser.get(address("/admin/sign-in"));
        type("token", InMemoryConsoleFactory.ADMIN_TOKEN);
        follow(By.cssSelector("form button[type=submit]"));
        HeadlessChromium.viewport(browser, 390, 844, true);
        try {
            for (String path : new String[] {"/admin/experiments", "/admin/experiments/new", "/admin/experiments/price",
                    "/admin/experiments/phone_draft", "/admin/experiments/phone_draft/edit",
                    "/admin/experiments/phone_draft/history", "/admin/experiments/price/edit",
                    "/admin/overrides?experiment=price", "/admin/devices?token=browser-phone", "/admin/tokens"}) {
                browser.get(address(path));
                long pageWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
                long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
                assertThat(pageWidth).as(path).isLessThanOrEqualTo(viewport);
                screenshot("console-phone" + path.replaceAll("[^a-z0-9]+", "-") + ".png");
            }
        } finally {
            HeadlessChromium.viewport(browser, 1280, 900, false);
        }
    }
}
