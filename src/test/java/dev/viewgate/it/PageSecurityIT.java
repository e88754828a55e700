package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Viewgate's pages under attack: stored XSS in every text a user controls stays inert in a real browser, form posts
 * with another session's token or as text/plain are refused, and every page carries the browser security headers.
 */
@ExtendWith(KeycloakExtension.class)
class PageSecurityIT {

    private static final String REALM = KeycloakServer.REALM;
    /** Each part sets window.__xss if it ever runs; none may. */
    private static final String PAYLOAD = "\"'><img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>"
            + "<svg onload=window.__xss=1></svg>${7*7}<#assign x=1>javascript:window.__xss=1";

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    PageSecurityIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @Test
    void storedScriptInMessagesReasonsAndSearchesNeverRuns() {
        String username = "xss-" + System.nanoTime();
        admin.createUser(REALM, username, "Xavier", "Script");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String first = submit(token, PAYLOAD);
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + first + "/decline", http.memberToken("ada"),
                Map.of("reason", PAYLOAD)), 200);
        try (Browser requester = Browser.start("en")) {
            requester.open(server.viewgateUrl() + "/access-requests/form");
            requester.signIn(username, username);
            assertTrue(requester.text(By.id("viewgate-outcome-reason")).contains("<script>window.__xss=1</script>"),
                    "shown as text");
            assertInert(requester);
            requester.open(server.viewgateUrl() + "/");
            assertTrue(requester.text(By.id("viewgate-last-request-reason")).contains("${7*7}<#assign x=1>"), "shown as typed");
            assertInert(requester);
        }
        String second = submit(token, PAYLOAD);
        try (Browser ada = Browser.start("en")) {
            ada.open(server.viewgateUrl() + "/access-requests/queue");
            ada.signIn("ada", "ada");
            assertTrue(ada.text(By.cssSelector("#viewgate-request-" + second + " .viewgate-request-message")).contains("${7*7}"),
                    "template syntax is not evaluated");
            assertTrue(ada.text(By.id("viewgate-history-entry-" + first)).contains("${7*7}<#assign x=1>"),
                    "the earlier decline's reason, shown as typed (never a message argument)");
            assertInert(ada);
            // The confirmation repeats the reason typed for the decision, as text.
            ada.element(By.id("viewgate-reason-" + second)).sendKeys(PAYLOAD);
            ada.element(By.id("viewgate-decline-" + second)).click();
            assertEquals(PAYLOAD, ada.text(By.id("viewgate-confirm-quote")));
            assertInert(ada);
            ada.open(server.viewgateUrl() + "/view-as/select?q=" + URLEncoder.encode(PAYLOAD, StandardCharsets.UTF_8));
            assertTrue(ada.text(By.id("viewgate-no-member")).contains("${7*7}"), "a search is shown as typed");
            assertInert(ada);
            ada.open(server.viewgateUrl() + "/view-as/select?search=" + URLEncoder.encode(PAYLOAD, StandardCharsets.UTF_8));
            assertInert(ada);
            ada.open(server.viewgateUrl() + "/");
            assertInert(ada);
        }
    }

    @Test
    void postsWithAnotherSessionsTokenOrAsTextPlainAreRefused() throws Exception {
        String username = "csrf-" + System.nanoTime();
        admin.createUser(REALM, username, "Cora", "Forge");
        String requesterToken = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = submit(requesterToken, "please");
        String queue = server.viewgateUrl() + "/access-requests/queue";
        try (Browser bob = Browser.start("en"); Browser ada = Browser.start("en")) {
            bob.open(server.viewgateUrl() + "/access-requests/form");
            bob.signIn("bob", "bob");
            String bobsToken = bob.element(By.name("csrf")).getAttribute("value");
            ada.open(queue);
            ada.signIn("ada", "ada");
            String adasToken = ada.element(By.name("csrf")).getAttribute("value");

            assertEquals(403L, post(ada, queue, "application/x-www-form-urlencoded",
                    "action=decline&id=" + id + "&csrf=" + bobsToken), "another session's token");
            assertEquals(403L, post(ada, queue, "application/x-www-form-urlencoded", "action=decline&id=" + id),
                    "no token");
            long plain = post(ada, queue, "text/plain", "action=decline&id=" + id + "&csrf=" + adasToken);
            assertTrue(plain >= 400 && plain < 500, "a text/plain post is no form post: " + plain);
            assertEquals(400L, post(ada, queue, "application/x-www-form-urlencoded",
                    "action=decline&id=" + id + "&csrf=" + adasToken + "&reason=a%00b"), "NUL, which PostgreSQL cannot store");
        }
        JsonNode mine = Admin.expect(http.get(server.viewgateUrl() + "/access-requests/mine", requesterToken), 200).json();
        assertEquals(id, mine.path("pending").path("id").asText(), "the request is still pending: " + mine);
    }

    @Test
    void everyPageCarriesTheBrowserSecurityHeaders() throws Exception {
        try (Browser ada = Browser.start("en")) {
            ada.open(server.viewgateUrl() + "/");
            ada.signIn("ada", "ada");
            String cookies = ada.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> nul = client.send(HttpRequest.newBuilder(URI.create(server.viewgateUrl()
                    + "/view-as/select?search=a%00b")).header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, nul.statusCode(), "Keycloak itself blocks NUL in query parameters: " + nul.body());
            for (String page : List.of("/", "/access-requests/form", "/access-requests/queue", "/view-as/select",
                    "/view-as/select?search=%E2%80%AE%E2%80%8B", "/?kc_locale=zz", "/access-requests/form?kc_locale=%7Bx%7D",
                    "/?client_id=demo-app&redirect_uri=" + URLEncoder.encode("http://evil.example/", StandardCharsets.UTF_8),
                    "/access-requests/queue?done=granted&request=%7Bx%7D&client_id=%7Bx%7D",
                    "/view-as/select?q=%7Bx%7D&unknown=%7By%7D",
                    "/view-as/select?client_id=demo-app&redirect_uri=" + URLEncoder.encode("http://evil.example/", StandardCharsets.UTF_8))) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.viewgateUrl() + page))
                        .header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(answer.statusCode() == 200 || answer.statusCode() == 400, page + ": " + answer.statusCode());
                assertTrue(answer.body().contains("<html"), page + ": " + answer.statusCode() + " " + answer.body());
                Map<String, String> expected = Map.of("X-Frame-Options", "SAMEORIGIN", "X-Content-Type-Options", "nosniff",
                        "Referrer-Policy", "no-referrer", "Cache-Control", "no-store");
                expected.forEach((name, value) -> assertEquals(value, answer.headers().firstValue(name).orElse(null), page + " " + name));
                assertTrue(answer.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'self'"),
                        page + " CSP " + answer.headers().firstValue("Content-Security-Policy"));
            }
        }
    }

    private String submit(String token, String message) {
        Http.Result submitted = http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("message", message));
        assertTrue(submitted.status() == 200 || submitted.status() == 201, submitted.body());
        return submitted.json().get("id").asText();
    }

    /** The status of a same-origin post sent by the page's own script (with its cookies), as an attacker's script would. */
    private static long post(Browser browser, String url, String contentType, String body) {
        Object status = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', redirect: 'manual', headers: {'Content-Type': arguments[1]}, body: arguments[2]})
                    .then(r => done(r.status), e => done(-1));
                """, url, contentType, body);
        return (Long) status;
    }

    private static void assertInert(Browser browser) {
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("a dialog opened on " + browser.driver().getCurrentUrl());
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        assertNull(browser.driver().executeScript("return window.__xss === undefined ? null : 'ran';"),
                "a payload ran on " + browser.driver().getCurrentUrl());
    }
}
