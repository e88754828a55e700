package dev.viewgate.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.OutputType;

/**
 * Screenshots of Viewgate's pages at a desktop width (1280 px) and a phone's (390 px, emulated as a mobile viewport
 * through the DevTools protocol, so the page's viewport meta applies), saved as {@code target/it/pages-<name>-<width>.png}.
 * At each width the page must not scroll sideways.
 */
public final class PageShots {

    public static final int DESKTOP = 1280;
    public static final int PHONE = 390;

    private PageShots() {
    }

    /** Both widths; the browser is back at its own window size afterwards. */
    public static void both(Browser browser, String name) {
        at(browser, name, DESKTOP);
        at(browser, name, PHONE);
    }

    public static void at(Browser browser, String name, int width) {
        try {
            emulate(browser, width, 900);
            requireNoSidewaysScrolling(browser, width);
            long height = (Long) browser.driver().executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
            emulate(browser, width, (int) Math.min(Math.max(height, 600), 4000));
            Path dir = Path.of(System.getProperty("viewgate.it.workdir", "target/it"));
            Files.createDirectories(dir);
            Files.write(dir.resolve("pages-" + name + "-" + width + ".png"), browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** At {@code width} px, nothing on the page is wider than the viewport. */
    public static void assertNoSidewaysScrolling(Browser browser, int width) {
        try {
            emulate(browser, width, 900);
            requireNoSidewaysScrolling(browser, width);
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static void requireNoSidewaysScrolling(Browser browser, int width) {
        Object widths = browser.driver().executeScript("""
                const doc = document.documentElement;
                const widest = Math.max(doc.scrollWidth, document.body.scrollWidth);
                const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1)
                    .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ');
                return widest + ' > ' + doc.clientWidth + ': ' + wide;""");
        Object scrolls = browser.driver().executeScript(
                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) > document.documentElement.clientWidth;");
        assertTrue(Boolean.FALSE.equals(scrolls), "the page scrolls sideways at " + width + " px on "
                + browser.driver().getCurrentUrl() + ": " + widths);
    }

    private static void emulate(Browser browser, int width, int height) {
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
    }
}
