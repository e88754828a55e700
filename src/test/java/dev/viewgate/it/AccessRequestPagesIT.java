package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The access-request pages in headless Chromium: the member's form and the deciders' queue. */
@ExtendWith(KeycloakExtension.class)
class AccessRequestPagesIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    AccessRequestPagesIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String form() {
        return server.viewgateUrl() + "/access-requests/form";
    }

    private String queue() {
        return server.viewgateUrl() + "/access-requests/queue";
    }

    private String newMember(String prefix, String... roles) {
        String username = prefix + "-" + System.nanoTime();
        String id = admin.createUser(REALM, username, "Paula", "Pages");
        if (roles.length > 0) {
            admin.grantRealmRoles(REALM, id, roles);
        }
        return username;
    }

    private JsonNode mine(String username) {
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        return Admin.expect(http.get(server.viewgateUrl() + "/access-requests/mine", token), 200).json();
    }

    @Test
    void aMemberSubmitsSeesPendingEditsAndWithdraws() {
        String username = newMember("page-member", "viewer");
        try (Browser browser = Browser.start("en")) {
            browser.open(form());
            browser.signIn(username, username);
            new Select(browser.element(By.id("viewgate-desired-role"))).selectByValue("builder");
            browser.element(By.id("viewgate-message-input")).sendKeys("I build dashboards for the team");
            browser.awaitText(By.id("viewgate-message-limit"), "Up to 2000 characters");
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was sent.");
            browser.awaitText(By.id("viewgate-pending-tier"), "Builder (T4)");
            browser.awaitText(By.id("viewgate-pending-message"), "I build dashboards for the team");

            WebElement message = browser.element(By.id("viewgate-message-input"));
            message.clear();
            message.sendKeys("Edited: I build and maintain dashboards");
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was updated.");
            browser.awaitText(By.id("viewgate-pending-message"), "Edited: I build and maintain dashboards");
            assertEquals("Edited: I build and maintain dashboards", mine(username).get("pending").get("message").asText());

            browser.open(server.viewgateUrl() + "/");
            browser.awaitText(By.id("viewgate-request-link"), "Request pending");

            browser.open(form());
            browser.element(By.id("viewgate-withdraw")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was withdrawn.");
            assertTrue(browser.driver().findElements(By.id("viewgate-pending")).isEmpty());
            assertTrue(mine(username).get("pending").isNull());
            browser.screenshot("access-request-form");
        }
    }

    @Test
    void adaSeesTheBadgeGrantsALowerRoleAndTheRequesterSeesTheOutcome() {
        String username = newMember("page-requester");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token,
                Map.of("desiredRole", "administrator", "message", "Let me run the place")), 201).json().get("id").asText();
        long pending = Admin.expect(http.get(server.viewgateUrl() + "/access-requests/count", http.memberToken("ada")), 200)
                .json().get("count").asLong();
        try (Browser ada = Browser.start("en")) {
            ada.open(server.viewgateUrl() + "/");
            ada.signIn("ada", "ada");
            ada.awaitText(By.id("viewgate-queue-badge"), Long.toString(pending));
            ada.element(By.id("viewgate-queue-link")).click();
            ada.awaitText(By.id("viewgate-pending-count"), Long.toString(pending));
            WebElement entry = ada.element(By.id("viewgate-request-" + id));
            assertTrue(entry.getText().contains("Administrator (T7)"), entry.getText());
            assertTrue(entry.getText().contains(username + "@viewgate.test"), entry.getText());
            Select role = new Select(entry.findElement(By.cssSelector(".viewgate-grant select")));
            assertEquals("administrator", role.getFirstSelectedOption().getAttribute("value"), "defaults to the desired tier");
            assertFalse(role.getOptions().stream().anyMatch(o -> "owner".equals(o.getAttribute("value"))), "nothing above ada's tier");
            role.selectByValue("explorer");
            entry.findElement(By.cssSelector(".viewgate-grant button")).click();
            ada.awaitText(By.id("viewgate-notice"), "The request was granted.");
            assertEquals(Long.toString(pending - 1), ada.text(By.id("viewgate-pending-count")));
            ada.screenshot("access-request-queue");
        }
        try (Browser requester = Browser.start("en")) {
            requester.open(form());
            requester.signIn(username, username);
            requester.awaitText(By.id("viewgate-outcome-text"), "Your last request was granted: you are now Explorer (T2).");
        }
    }

    @Test
    void scriptInAMessageIsShownAsText() {
        String username = newMember("page-xss");
        String attack = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">";
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("message", attack)), 201)
                .json().get("id").asText();
        try (Browser member = Browser.start("en")) {
            member.open(form());
            member.signIn(username, username);
            member.awaitText(By.id("viewgate-pending-message"), attack);
            assertNull(member.driver().executeScript("return window.pwned;"));
        }
        try (Browser ada = Browser.start("en")) {
            ada.open(queue());
            ada.signIn("ada", "ada");
            WebElement entry = ada.element(By.id("viewgate-request-" + id));
            assertEquals(attack, entry.findElement(By.cssSelector(".viewgate-request-message")).getText());
            assertNull(ada.driver().executeScript("return window.pwned;"));
        }
    }

    @Test
    void postsWithoutTheSessionsCsrfTokenAreRefused() throws Exception {
        String username = newMember("page-csrf");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("desiredRole", "explorer")), 201)
                .json().get("id").asText();
        // Another site's page that posts a grant to the queue as soon as it loads.
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = ("<html><body><form id='f' method='post' action='" + queue() + "'>"
                + "<input name='action' value='grant'><input name='id' value='" + id + "'><input name='role' value='administrator'>"
                + "</form><script>document.getElementById('f').submit()</script></body></html>").getBytes(StandardCharsets.UTF_8);
        evil.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        evil.start();
        try (Browser ada = Browser.start("en")) {
            ada.open(queue());
            ada.signIn("ada", "ada");
            ada.open("http://localhost:" + evil.getAddress().getPort() + "/");
            Await.until(Duration.ofSeconds(10), () -> ada.driver().getCurrentUrl(), url -> url.startsWith(server.baseUrl()),
                    "the cross-site form to be posted");
            assertTrue(ada.driver().getPageSource().contains("csrf") || ada.driver().getCurrentUrl().contains("/protocol/"),
                    "refused: " + ada.driver().getPageSource());

            // Same origin, signed in, but without the page's token: refused too.
            ada.open(queue());
            Object status = ada.driver().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                        body: 'action=grant&role=administrator&csrf=forged&id=' + arguments[1]}).then(r => done(r.status));
                    """, queue(), id);
            assertEquals(403L, status);
        } finally {
            evil.stop(0);
        }
        assertEquals("PENDING", mine(username).get("pending").get("status").asText(), "nothing was granted");
    }

    @Test
    void theQueueIsForDecidersOnly() {
        try (Browser bob = Browser.start("en")) {
            bob.open(queue());
            bob.signIn("bob", "bob");
            bob.awaitText(By.id("viewgate-message"), "Only administrators decide access requests.");
        }
        assertEquals(303, http.get(queue(), null).status(), "anonymous visitors are sent to the login");
    }
}
