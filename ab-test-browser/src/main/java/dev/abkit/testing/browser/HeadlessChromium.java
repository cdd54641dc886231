package dev.abkit.testing.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths: Selenium is
 * handed the driver and the browser binary, so Selenium Manager has nothing to look up and nothing
 * is downloaded. Install them with {@code apt-get install chromium chromium-driver}; CI's
 * {@code .ci/run} does when they are missing. One copy for every module's browser tests (ab-stats-web's,
 * ab-admin-web's, ab-server's), each of which depends on this module in test scope only.
 */
public final class HeadlessChromium {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Fails the calling test, with the command that fixes it, when the browser is not installed: a
     * missing browser is a reason to install it, never to test less. {@code .ci/run} installs it.
     */
    public static void requireInstalled() {
        if (!installed()) {
            throw new IllegalStateException("the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver");
        }
    }

    /**
     * Sets the page's viewport exactly, as a phone or a desktop screen would have it (through the
     * DevTools protocol: a window size would include the browser's own frame).
     */
    public static void viewport(ChromeDriver browser, int width, int height, boolean phone) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
    }

    /**
     * Clicks a button or link that loads another page, and waits until the page it was on is gone: a click
     * may return before the browser has replaced the page, and a look at the old one would fail or, worse, pass.
     * Asked while the page is being replaced, Chromium may answer "Node with given id does not belong to the
     * document" rather than that the element is stale: asked again, it says stale.
     */
    public static void follow(WebDriver browser, By selector) {
        WebElement element = browser.findElement(selector);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(element));
    }

    /**
     * {@link #start}, checked installed first, and waiting up to 5 s for an element a page still loading has not
     * shown yet (polled), rather than missing it: for tests that walk through pages.
     */
    public static ChromeDriver startWaitingForElements(Path profile, int width, int height) {
        requireInstalled();
        ChromeDriver browser = start(profile, width, height);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return browser;
    }

    /** A fresh browser with its own profile in {@code profile}, a viewport of the given size, no network chatter. */
    public static ChromeDriver start(Path profile, int width, int height) {
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + new File(profile.toFile(), "chromium-profile").getAbsolutePath());
        return new ChromeDriver(service, options);
    }
}
