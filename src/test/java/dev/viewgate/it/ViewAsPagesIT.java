package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

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
            ada.element(By.id("viewgate-tier-2")).click();
            ada.awaitText(By.id("viewgate-view-as-text"), "Viewing as Explorer (T2)");
            assertEquals("Explorer (T2)", ada.text(By.id("viewgate-tier")), "My access shows the simulated tier");
            ada.screenshot("view-as-banner");
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
}
