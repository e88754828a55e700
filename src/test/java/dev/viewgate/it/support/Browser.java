package dev.viewgate.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven by Selenium. Both
 * paths are given explicitly, so Selenium Manager never downloads a browser or driver.
 */
public final class Browser implements AutoCloseable {

    private static final File CHROMIUM = new File(System.getProperty("viewgate.chromium", "/usr/bin/chromium"));
    private static final File CHROMEDRIVER = new File(System.getProperty("viewgate.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final File profile;

    private Browser(ChromeDriver driver, File profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser (empty profile, no cookies) that prefers the given language, e.g. "en" or "de". */
    public static Browser start(String language) {
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver packages ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); mvn verify installs them on Debian as root (src/dev/ensure-browser.sh)");
        }
        try {
            File profile = Files.createTempDirectory("viewgate-chromium").toFile();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile.getAbsolutePath(),
                    "--lang=" + language);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Navigates to {@code url}. In CI, a fresh Chromium's very first navigation to a just-started local server was
     * twice refused (net::ERR_CONNECTION_REFUSED) while the server answered other clients; it is retried once, after
     * checking that the server accepts a connection, and the second refusal fails the test.
     */
    public void open(String url) {
        try {
            driver.get(url);
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() == null || !e.getMessage().contains("ERR_CONNECTION_REFUSED")) {
                throw e;
            }
            java.net.URI target = java.net.URI.create(url);
            try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
                System.out.println("Chromium was refused by " + target.getHost() + ":" + target.getPort()
                        + ", which accepts connections; retrying once");
            } catch (IOException refusedToo) {
                throw new AssertionError("Nothing listens on " + url, refusedToo);
            }
            driver.get(url);
        }
    }

    /** Fills in Keycloak's login form (the page must be showing it) and waits until the browser has left it. */
    public void signIn(String username, String password) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.findElements(By.id("kc-login")).isEmpty());
    }

    /**
     * The element, once the page shows it. A click that submits a form returns before the next page has loaded, so
     * tests look elements up through this rather than {@code driver().findElement}.
     */
    public org.openqa.selenium.WebElement element(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(ExpectedConditions.presenceOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("No " + by + " on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    /** Waits until the element shows exactly {@code expected} (a page after a submit may still be loading). */
    public void awaitText(By by, String expected) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> expected.equals(d.findElement(by).getText()));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Expected \"" + expected + "\" in " + by + " on " + driver.getCurrentUrl() + ":\n"
                    + driver.getPageSource(), e);
        }
    }

    /** The text of the visible element, waiting for it; a page that is still replacing it is simply waited for. */
    public String text(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> {
                        var element = d.findElement(by);
                        return element.isDisplayed() ? element.getText() : null;
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("No visible " + by + " on " + driver.getCurrentUrl() + ":\n" + driver.getPageSource(), e);
        }
    }

    /** Saves what the browser shows to target/it/screenshots/{name}.png, for people to look at. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("viewgate.it.workdir", "target/it"), "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile.toPath())) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
