package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.PageShots;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The view-as chooser and banner in headless Chromium. */
@ExtendWith(KeycloakExtension.class)
class ViewAsPagesIT {

    private final KeycloakServer server;

    ViewAsPagesIT(KeycloakServer server) {
        this.server = server;
    }

    @Test
    void adaChoosesExplorerSeesTheBannerAndExits() {
        try (Browser ada = Browser.start("en")) {
            ada.open(server.viewgateUrl() + "/");
            ada.signIn("ada", "ada");
            ada.element(By.id("viewgate-view-as-link")).click();
            ada.element(By.id("viewgate-tier-2"));
            PageShots.both(ada, "view-as");
            ada.element(By.id("viewgate-tier-2")).click();
            ada.awaitText(By.id("viewgate-view-as-text"), "Viewing as Explorer (T2)");
            assertEquals("Explorer (T2)", ada.text(By.id("viewgate-tier")), "My access shows the simulated tier");
            ada.screenshot("view-as-banner");
            PageShots.both(ada, "view-as-banner");
            ada.element(By.id("viewgate-view-as-exit")).click();
            ada.awaitText(By.id("viewgate-tier"), "Administrator (T7)");
            assertTrue(ada.driver().findElements(By.id("viewgate-view-as-banner")).isEmpty(), "banner gone after exit");
        }
    }

    @Test
    void theChooserReturnsOnlyToARegisteredRedirectOfTheApp() {
        String select = server.viewgateUrl() + "/view-as/select?client_id=demo-app&redirect_uri=";
        try (Browser arch = Browser.start("en")) {
            arch.open(server.viewgateUrl() + "/");
            arch.signIn("arch", "arch");
            for (String evil : List.of("//evil.example", "https:evil.example", "https://legit@evil.example",
                    "https%3A%2F%2Fevil.example", "http://localhost:8081.evil.example/", "http://localhost:8081@evil.example/",
                    "http://\uFF4C\uFF4F\uFF43\uFF41\uFF4C\uFF48\uFF4F\uFF53\uFF54:8081/", "http://localhost%3A8081/",
                    "javascript:alert(1)", "http://localhost:8082/", "")) {
                String url = select + URLEncoder.encode(evil, StandardCharsets.UTF_8);
                arch.open(url);
                assertEquals("This link does not lead back to a registered address of the app, so view as was not opened.",
                        arch.text(By.id("viewgate-message")), evil);
                assertTrue(arch.driver().getCurrentUrl().startsWith(server.baseUrl()), evil + " -> " + arch.driver().getCurrentUrl());
            }
            arch.open(server.viewgateUrl() + "/view-as/select?client_id=no-such-client&redirect_uri="
                    + URLEncoder.encode("http://localhost:8081/", StandardCharsets.UTF_8));
            assertTrue(arch.text(By.id("viewgate-message")).startsWith("This link does not lead back"));

            String back = "http://localhost:8081/after-view-as";
            arch.open(select + URLEncoder.encode(back, StandardCharsets.UTF_8));
            arch.element(By.id("viewgate-member-search")).sendKeys("bob");
            arch.element(By.id("viewgate-member-search-button")).click();
            arch.element(By.id("viewgate-member-bob")).click();
            Await.until(Duration.ofSeconds(10), () -> arch.driver().getCurrentUrl(), u -> u.startsWith(back),
                    "back at the app's registered redirect");
            arch.open(server.viewgateUrl() + "/");
            arch.awaitText(By.id("viewgate-view-as-text"), "Viewing as bob");
            arch.element(By.id("viewgate-view-as-exit")).click();
            arch.awaitText(By.id("viewgate-tier"), "Architect (T6)");
        }
    }

    @Test
    void theChooserAndTheBannerLeadBackToTheAppAndSpeakGerman() {
        String back = "http://localhost:8081/views/client-report";
        String context = "client_id=demo-app&redirect_uri=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
        try (Browser arch = Browser.start("de")) {
            arch.open(server.viewgateUrl() + "/view-as/select?" + context);
            arch.signIn("arch", "arch");
            arch.awaitText(By.cssSelector("h1.viewgate-title"), "Ansicht als");
            WebElement link = arch.element(By.id("viewgate-back"));
            assertEquals("Zurück zu Acme Analytics (demo app)", link.getText().replace("\u2190", "").strip());
            assertEquals(back, link.getAttribute("href"));
            assertEquals("Entdecker (T2)", arch.text(By.id("viewgate-tier-2")));
            assertEquals("Architekt (T6)", arch.text(By.id("viewgate-tier-6")));
            assertTrue(arch.element(By.id("viewgate-lang-en")).getAttribute("href").contains(context), "the switch keeps the app");
            arch.element(By.id("viewgate-member-search")).sendKeys("bob");
            arch.element(By.id("viewgate-member-search-button")).click();
            arch.awaitText(By.id("viewgate-member-bob"), "Bob Builder (bob) · Gestalter (T4)");
            PageShots.both(arch, "view-as-de");
            arch.element(By.id("viewgate-member-search")).clear();
            arch.element(By.id("viewgate-member-search")).sendKeys("nobody-is-called-this");
            arch.element(By.id("viewgate-member-search-button")).click();
            arch.awaitText(By.id("viewgate-no-member"), "Kein Mitglied passt zu \u201enobody-is-called-this\u201c");

            arch.element(By.id("viewgate-tier-4")).click();
            Await.until(Duration.ofSeconds(10), () -> arch.driver().getCurrentUrl(), u -> u.startsWith(back), "back at the app");
            // On a Viewgate page with the app's way back, the banner speaks German and its exit keeps the way back.
            arch.open(server.viewgateUrl() + "/?" + context);
            arch.awaitText(By.id("viewgate-view-as-text"), "Ansicht als Gestalter (T4)");
            PageShots.both(arch, "view-as-banner-de");
            arch.element(By.id("viewgate-view-as-exit")).click();
            arch.awaitText(By.id("viewgate-tier"), "Architekt (T6)");
            assertTrue(arch.driver().getCurrentUrl().contains(context), arch.driver().getCurrentUrl());
            assertEquals(back, arch.element(By.id("viewgate-back")).getAttribute("href"));
        }
    }
}
