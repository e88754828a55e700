package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.DemoAppServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The demo app (Acme Analytics) in headless Chromium, the way its users work: a builder shares a view with a guest,
 * the guest uses it with no account, the view's settings and a revocation reach the guest at once, a public link,
 * view as, and an access request decided by an administrator. Screenshots land in target/it/screenshots/demo-*.png.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoAppIT {

    private static final String REPORT = "client-report";

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private final DemoAppServer app;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    DemoAppIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
        this.app = DemoAppServer.start(server, http);
    }

    @AfterAll
    void stopTheApp() {
        app.close();
    }

    @Test
    void bobSharesTheClientReportTheGuestUsesItUntilTheSettingsAndTheRevocationSayOtherwise() throws Exception {
        try (Browser bob = Browser.start("en"); Browser guest = Browser.start("en")) {
            signIn(bob, "bob");
            bob.open(app.baseUrl() + "/views/" + REPORT);
            ensureSetting(bob, "exportable", true);
            bob.element(By.id("share-preset-custom")).click();
            bob.element(By.id("share-perm-export")).click();
            bob.element(By.id("share-label")).sendKeys("ACME auditor");
            bob.element(By.id("share-submit")).click();
            String link = bob.element(By.id("share-link")).getAttribute("value");
            assertTrue(link.startsWith(app.baseUrl() + "/guest#"), link);
            WebElement row = guestRow(bob, "ACME auditor");
            assertEquals("read, export", row.findElement(By.cssSelector("[data-test=guest-permissions]")).getText());
            assertEquals("bob", row.findElement(By.cssSelector("[data-test=guest-created-by]")).getText());

            // A second browser with no account opens the link and sees only that view.
            guest.open(link);
            guest.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
            assertFalse(guest.driver().getCurrentUrl().contains("#"), "the secret left the address bar");
            String page = guest.driver().getPageSource();
            assertFalse(page.contains("Campaign Performance") || page.contains("Budget Overview") || page.contains("Marketing Analytics"),
                    "a guest sees nothing of the workspace");
            assertTrue(guest.driver().findElements(By.cssSelector("[data-test=edit-form]")).isEmpty(), "no editing");
            assertTrue(guest.driver().findElements(By.cssSelector("[data-test=add-row-form]")).isEmpty(), "no adding");
            guest.screenshot("demo-guest-view");
            HttpResponse<String> export = fetch(guest, "/guest/export.csv", null);
            assertEquals(200, export.statusCode());
            assertTrue(export.body().lines().count() > 1, export.body());
            assertEquals(403, fetch(guest, "/guest/rows/1", Map.of("csrf", csrfOf(guest))).statusCode(),
                    "the server refuses an edit the page does not offer");
            String secret = link.substring(link.indexOf('#') + 1);
            assertFalse(app.log().contains(secret) || server.log().contains(secret), "the secret is in no log");
            assertEquals(List.of("no-referrer"), headers(guest, "/guest/view", "Referrer-Policy"));
            assertEquals(List.of("no-store"), headers(guest, "/guest/view", "Cache-Control"));

            // bob makes the view non-exportable: the guest's export disappears at the next request.
            bob.open(app.baseUrl() + "/views/" + REPORT);
            ensureSetting(bob, "exportable", false);
            guest.open(app.baseUrl() + "/guest/view");
            guest.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
            assertTrue(guest.driver().findElements(By.id("export-link")).isEmpty(), "export gone with the view's setting");
            assertEquals(403, fetch(guest, "/guest/export.csv", null).statusCode());

            // bob revokes: the guest is refused at the next request.
            bob.open(app.baseUrl() + "/views/" + REPORT);
            WebElement toRevoke = guestRow(bob, "ACME auditor");
            toRevoke.findElement(By.cssSelector("[data-test=revoke]")).click();
            toRevoke.findElement(By.cssSelector("[data-test=revoke-confirm]")).click();
            assertTrue(bob.text(By.id("flash")).startsWith("Revoked the guest link “ACME auditor”"));
            Await.until(Duration.ofSeconds(10), () -> guestRow(bob, "ACME auditor").getAttribute("data-status"),
                    "revoked"::equals, "the grant shown as revoked");
            guest.open(app.baseUrl() + "/guest/view");
            assertTrue(guest.text(By.cssSelector("[data-test=access-revoked]")).contains("Access revoked"));
            ensureSetting(bob, "exportable", true);
        }
    }

    @Test
    void aPublicLinkWorksSignedOutAndRefusesWrites() throws Exception {
        try (Browser bob = Browser.start("en"); Browser visitor = Browser.start("en")) {
            signIn(bob, "bob");
            bob.open(app.baseUrl() + "/views/" + REPORT);
            bob.element(By.id("make-public")).click();
            bob.element(By.id("public-confirm")).click();
            String link = bob.element(By.id("share-link")).getAttribute("value");

            visitor.open(link);
            visitor.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
            assertTrue(visitor.driver().findElements(By.cssSelector("[data-test=edit-form]")).isEmpty(),
                    "read-only although the view is editable");
            assertTrue(visitor.driver().findElements(By.id("export-link")).isEmpty(), "a public link only reads");
            assertEquals(403, fetch(visitor, "/guest/rows/1", Map.of("csrf", csrfOf(visitor), "cell0", "x")).statusCode());
            assertEquals(403, fetch(visitor, "/guest/rows", Map.of("csrf", csrfOf(visitor), "cell0", "x")).statusCode());
        }
    }

    @Test
    void adaViewsAsExplorerSeesTheBannerAndFewerActionsThenExits() {
        try (Browser ada = Browser.start("en")) {
            signIn(ada, "ada");
            ada.open(app.baseUrl() + "/views/" + REPORT);
            assertFalse(ada.driver().findElements(By.id("export-link")).isEmpty(), "ada (T7) exports");
            ada.element(By.id("view-as-link")).click();
            ada.element(By.id("viewgate-tier-2")).click();
            ada.awaitText(By.cssSelector("[data-test=view-as-text]"), "Viewing as Explorer (T2)");
            ada.awaitText(By.id("menu-tier"), "Explorer (T2)");
            ada.open(app.baseUrl() + "/views/" + REPORT);
            assertTrue(ada.driver().findElements(By.id("export-link")).isEmpty(), "an Explorer does not export");
            assertTrue(ada.driver().findElements(By.id("share-form")).isEmpty(), "nor share");
            assertTrue(ada.driver().findElements(By.cssSelector("[data-test=edit-form]")).isEmpty(), "nor edit");
            assertEquals("Viewing as Explorer (T2)", ada.text(By.cssSelector("[data-test=view-as-text]")), "on every page");
            ada.screenshot("demo-view-as-banner");
            ada.element(By.id("view-as-exit")).click();
            Await.until(Duration.ofSeconds(10), () -> ada.text(By.id("menu-tier")), "Administrator (T7)"::equals, "back to T7");
            assertTrue(ada.driver().findElements(By.id("view-as-banner")).isEmpty());

            // Started again, and ended on a Keycloak page instead: the app's very next page knows it.
            ada.element(By.id("view-as-link")).click();
            ada.element(By.id("viewgate-tier-2")).click();
            ada.awaitText(By.cssSelector("[data-test=view-as-text]"), "Viewing as Explorer (T2)");
            ada.open(server.viewgateUrl() + "/");
            ada.element(By.id("viewgate-view-as-exit")).click();
            Await.until(Duration.ofSeconds(10), () -> ada.driver().findElements(By.id("viewgate-view-as-exit")).isEmpty(),
                    Boolean.TRUE::equals, "ended on Keycloak's page");
            ada.open(app.baseUrl() + "/views/" + REPORT);
            assertEquals("Administrator (T7)", ada.text(By.id("menu-tier")), "the first page after the exit");
            assertTrue(ada.driver().findElements(By.id("view-as-banner")).isEmpty());
            assertFalse(ada.driver().findElements(By.id("export-link")).isEmpty(), "ada exports again");
        }
    }

    @Test
    void ericAsksForBuilderAdaGrantsAnalystFromTheAppsQueueLinkAndEricsNextPageShowsIt() {
        String ericId = admin.userId(KeycloakServer.REALM, "eric");
        try (Browser eric = Browser.start("en"); Browser ada = Browser.start("en")) {
            signIn(eric, "eric");
            eric.awaitText(By.id("menu-tier"), "Explorer (T2)");
            assertTrue(eric.driver().findElements(By.id("queue-link")).isEmpty(), "eric decides nothing: no queue link");
            eric.element(By.id("request-access-link")).click();
            new Select(eric.element(By.id("viewgate-desired-role"))).selectByValue("builder");
            eric.element(By.id("viewgate-message-input")).sendKeys("I build the client reports");
            eric.element(By.id("viewgate-submit")).click();
            eric.awaitText(By.id("viewgate-notice"), "Your request was sent.");
            // The way back from Keycloak's page is the app, named.
            assertEquals("← Back to Acme Analytics (demo app)", eric.text(By.id("viewgate-back")));
            eric.element(By.id("viewgate-back")).click();
            eric.awaitText(By.id("menu-pending"), "request pending");

            // ada reaches the queue from the app: the badge counts what the API counts.
            signIn(ada, "ada");
            long waiting = Admin.expect(http.get(server.viewgateUrl() + "/access-requests/count?status=PENDING",
                    http.memberToken("ada")), 200).json().get("count").asLong();
            ada.awaitText(By.id("queue-count"), String.valueOf(waiting));
            ada.screenshot("demo-queue-badge");
            ada.element(By.id("queue-link")).click();
            JsonNode pending = Admin.expect(http.get(server.viewgateUrl() + "/access-requests?status=PENDING&max=100",
                    http.memberToken("ada")), 200).json();
            String requestId = null;
            for (JsonNode request : pending) {
                if ("eric".equals(request.path("requester").path("username").asText())) {
                    requestId = request.get("id").asText();
                }
            }
            WebElement entry = ada.element(By.id("viewgate-request-" + requestId));
            new Select(entry.findElement(By.cssSelector(".viewgate-grant select"))).selectByValue("analyst");
            entry.findElement(By.cssSelector(".viewgate-grant button")).click();
            ada.element(By.id("viewgate-confirm-button")).click();
            ada.awaitText(By.id("viewgate-notice"), "Granted Analyst (T3) to Eric Explorer (eric).");
            ada.element(By.id("viewgate-back")).click();
            ada.awaitText(By.id("queue-count"), String.valueOf(waiting - 1));

            // eric's next page: the new tier and the outcome at once, without signing in again or waiting for expiry.
            eric.open(app.baseUrl() + "/");
            eric.awaitText(By.id("menu-tier"), "Analyst (T3)");
            assertEquals("Your access request was granted: you are now Analyst (T3).", eric.text(By.id("request-outcome")));
            assertTrue(eric.driver().findElements(By.id("menu-pending")).isEmpty());
            eric.screenshot("demo-request-granted");
        } finally {
            // Other ITs count on eric being an Explorer.
            admin.setRealmRoles(KeycloakServer.REALM, ericId, List.of("analyst", "builder"), List.of("explorer"));
        }
    }

    @Test
    void aDeclineShowsItsReasonAtTheMembersNextPageAndTheyMayAskAgain() {
        String username = "nora-" + System.nanoTime();
        admin.createUser(KeycloakServer.REALM, username, "Nora", "Newcomer");
        try (Browser nora = Browser.start("en")) {
            signIn(nora, username);
            nora.element(By.id("no-access"));
            String id = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", http.memberToken(username),
                    Map.of("desiredRole", "explorer")), 201).json().get("id").asText();
            nora.open(app.baseUrl() + "/");
            nora.awaitText(By.id("menu-pending"), "request pending");
            Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/decline", http.memberToken("ada"),
                    Map.of("reason", "Ask your team lead first")), 200);
            nora.open(app.baseUrl() + "/");
            WebElement outcome = nora.element(By.id("request-outcome"));
            assertEquals("DECLINED", outcome.getAttribute("data-status"));
            assertTrue(outcome.getText().contains("Your access request was declined: “Ask your team lead first”"), outcome.getText());
            assertTrue(outcome.getText().contains("You may ask again"), outcome.getText());
            assertTrue(nora.driver().findElements(By.id("menu-pending")).isEmpty());
            nora.element(By.id("request-access-link"));
        }
    }

    private void signIn(Browser browser, String username) {
        app.requireRunning();
        browser.open(app.baseUrl() + "/login");
        browser.signIn(username, username);
        Await.until(Duration.ofSeconds(20), () -> browser.driver().getCurrentUrl(), u -> u.startsWith(app.baseUrl()),
                "back in the app");
        browser.awaitText(By.id("menu-username"), username);
    }

    private static void ensureSetting(Browser member, String name, boolean on) {
        if ("yes".equals(member.text(By.cssSelector("[data-test=setting-" + name + "]"))) != on) {
            member.element(By.id("toggle-" + name)).click();
            Await.until(Duration.ofSeconds(10), () -> member.text(By.cssSelector("[data-test=setting-" + name + "]")),
                    v -> v.equals(on ? "yes" : "no"), name + " " + on);
        }
    }

    private static WebElement guestRow(Browser member, String label) {
        member.driver().navigate().refresh();
        return member.driver().findElements(By.cssSelector("[data-test=guest-row]")).stream()
                .filter(r -> label.equals(r.findElement(By.cssSelector("[data-test=guest-label]")).getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no guest row " + label));
    }

    private static String csrfOf(Browser browser) {
        List<WebElement> fields = browser.driver().findElements(By.cssSelector("input[name=csrf]"));
        return fields.isEmpty() ? "none-on-this-page" : fields.get(0).getAttribute("value");
    }

    /** A request with the browser's cookies, as a script of the page could send it: a form post when a form is given. */
    private HttpResponse<String> fetch(Browser browser, String path, Map<String, String> form) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Cookie", cookies);
        if (form != null) {
            String body = form.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                    java.nio.charset.StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            request.header("Content-Type", "application/x-www-form-urlencoded").header("Origin", app.baseUrl())
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> headers(Browser browser, String path, String name) throws Exception {
        return fetch(browser, path, null).headers().allValues(name);
    }
}
