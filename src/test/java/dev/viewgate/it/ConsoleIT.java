package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Viewgate console as administrators use it, in headless Chromium: Keycloak's master admin signs in at
 * {@code /realms/master/viewgate/console/}, picks the demo realm, sees the pending count and grants a request; a
 * member is refused; an admin of another realm does not see the demo realm. Screenshots at 1280 and 390 px wide go to
 * target/it/console-*.png.
 */
@ExtendWith(KeycloakExtension.class)
class ConsoleIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    ConsoleIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String console(String realm) {
        return server.baseUrl() + "/realms/" + realm + "/viewgate/console/";
    }

    private void setUpMaster() {
        JsonNode report = Admin.expect(http.postJson(admin.realmAdminUrl("master") + "/viewgate/setup", http.adminToken(), "{}"),
                200).json();
        List<String> all = new ArrayList<>();
        report.get("created").forEach(n -> all.add(n.asText()));
        report.get("present").forEach(n -> all.add(n.asText()));
        assertTrue(all.contains("client viewgate-console"), report.toString());
    }

    private static WebDriverWait waiting(Browser browser) {
        WebDriverWait wait = new WebDriverWait(browser.driver(), WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Screenshots at 1280 and 390 px; at 390 px nothing may be wider than the window. */
    private static void shoot(Browser browser, String name) {
        for (int width : new int[] {1280, 390}) {
            browser.driver().manage().window().setSize(new Dimension(width, 900));
            waiting(browser).until(d -> ((Number) browser.driver().executeScript("return window.innerWidth;")).intValue() <= width);
            if (width == 390) {
                long scrollWidth = ((Number) browser.driver().executeScript(
                        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);")).longValue();
                long viewport = ((Number) browser.driver().executeScript("return window.innerWidth;")).longValue();
                assertTrue(scrollWidth <= 390 && scrollWidth <= viewport,
                        name + " scrolls sideways at 390 px: scrollWidth " + scrollWidth + ", window " + viewport);
            }
            try {
                Path dir = Path.of(System.getProperty("viewgate.it.workdir", "target/it"));
                Files.createDirectories(dir);
                Files.write(dir.resolve("console-" + name + "-" + width + ".png"), browser.driver().getScreenshotAs(OutputType.BYTES));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        browser.driver().manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void theShellIsStaticEscapedAndItsScriptIsJavaScript() {
        Http.Result shell = http.send(http.request(console(REALM), null).header("Accept", "text/html"));
        assertEquals(200, shell.status(), shell.body());
        assertTrue(shell.header("Content-Type").startsWith("text/html"), shell.header("Content-Type"));
        assertEquals("no-store", shell.header("Cache-Control"));
        String html = shell.body();
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;self&#39;; "
                + "script-src &#39;self&#39;; style-src &#39;self&#39;; img-src &#39;self&#39; data:; connect-src &#39;self&#39;; "
                + "object-src &#39;none&#39;; base-uri &#39;none&#39;\">"), html);
        // No inline script: only src= scripts, and the config only in data- attributes with no markup in them.
        Matcher scripts = Pattern.compile("<script([^>]*)>([^<]*)</script>").matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src=\""), scripts.group());
            assertEquals("", scripts.group(2).trim(), "no inline script");
        }
        assertEquals(1, count, html);
        Matcher data = Pattern.compile(" data-([a-z-]+)=\"([^\"]*)\"").matcher(html);
        int attributes = 0;
        while (data.find()) {
            attributes++;
            assertFalse(data.group(2).contains("<") || data.group(2).contains(">") || data.group(2).contains("'"), data.group());
        }
        assertTrue(attributes >= 4, html);
        assertTrue(html.contains("data-realm=\"" + REALM + "\""), html);
        assertTrue(html.contains("data-client-id=\"viewgate-console\""), html);
        assertTrue(html.contains("data-server-url=\"" + server.baseUrl() + "\""), html);

        Matcher css = Pattern.compile("href=\"(/resources/[0-9a-z]{5}/common/keycloak/vendor/patternfly-v5/patternfly\\.min\\.css)\"")
                .matcher(html);
        assertTrue(css.find(), "PatternFly 5 from Keycloak's tagged resources: " + html);
        Http.Result pf = http.get(server.baseUrl() + css.group(1), null);
        assertEquals(200, pf.status(), "Keycloak serves the linked PatternFly at once (the tag is this installation's)");

        Http.Result js = http.get(console(REALM) + "app.js", null);
        assertEquals(200, js.status());
        assertTrue(js.header("Content-Type").startsWith("text/javascript"), js.header("Content-Type"));
        assertTrue(js.body().contains("code_challenge_method"), "the console's script");
        Http.Result styles = http.get(console(REALM) + "app.css", null);
        assertEquals(200, styles.status());
        assertTrue(styles.header("Content-Type").startsWith("text/css"), styles.header("Content-Type"));
        for (String lang : new String[] {"en", "de"}) {
            Http.Result messages = http.get(console(REALM) + "messages-" + lang + ".json", null);
            assertEquals(200, messages.status());
            assertTrue(messages.header("Content-Type").startsWith("application/json"), messages.header("Content-Type"));
            assertNotNull(messages.json().get("console.title"));
        }
        Http.Result other = http.get(console(REALM) + "pom.xml", null);
        assertEquals(404, other.status());
        assertEquals("unknown_file", other.json().get("error").asText());

        Http.Result noSlash = http.get(server.baseUrl() + "/realms/" + REALM + "/viewgate/console", null);
        assertEquals(301, noSlash.status());
        assertEquals(console(REALM), noSlash.header("Location"));
    }

    @Test
    void aRealmWithoutTheClientSaysToRunSetup() {
        String realm = "console-bare-it";
        admin.createRealm(realm);
        try {
            Http.Result shell = http.get(console(realm), null);
            assertEquals(503, shell.status());
            assertTrue(shell.body().contains("Viewgate is not set up in this realm: run setup"), shell.body());
            assertFalse(shell.body().contains("<script"), "nothing tries to sign in");
        } finally {
            admin.deleteRealm(realm);
        }
    }

    @Test
    void masterAdminPicksTheDemoRealmAndGrantsAPendingRequest() {
        setUpMaster();
        // A fresh member asks for Explorer through the realm API, as the access-request form does.
        String username = "console-member-" + System.nanoTime();
        String userId = admin.createUser(REALM, username, "Connie", "Console");
        admin.grantRealmRoles(REALM, userId, "viewer");
        JsonNode request = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", http.memberToken(username),
                Map.of("desiredRole", "explorer", "message", "I need the explorer views <b>now</b>")), 201).json();
        String requestId = request.get("id").asText();
        long pending = Admin.expect(http.get(server.adminUrl() + "/access-requests/count?status=PENDING", http.adminToken()), 200)
                .json().get("count").asLong();

        try (Browser browser = Browser.start("en")) {
            browser.open(console("master"));
            assertTrue(browser.driver().getCurrentUrl().contains("/realms/master/protocol/openid-connect/auth"),
                    "sent to master's sign-in: " + browser.driver().getCurrentUrl());
            assertTrue(browser.driver().getCurrentUrl().contains("code_challenge_method=S256"), browser.driver().getCurrentUrl());
            browser.signIn("admin", "admin");

            // The realm picker: Keycloak's own list of the realms this admin may see.
            WebElement demo = browser.element(By.cssSelector("#vg-realm-picker a[data-realm='" + REALM + "']"));
            assertFalse(browser.driver().getCurrentUrl().contains("code="), "the code left the address bar");
            assertEquals(console("master"), browser.driver().getCurrentUrl());
            browser.awaitText(By.id("vg-user"), "admin");
            shoot(browser, "realms");
            browser.element(By.cssSelector("#vg-realm-picker a[data-realm='" + REALM + "']")).click();

            // The overview: the pending badge shows what the API counts.
            browser.awaitText(By.id("vg-pending-count"), String.valueOf(pending));
            assertEquals(console("master") + "#/realms/" + REALM, browser.driver().getCurrentUrl());
            browser.element(By.cssSelector("#vg-audit-status[data-valid='true']"));
            browser.element(By.id("vg-guest-count"));
            shoot(browser, "overview");

            // The queue, oldest first: page on until the new request shows.
            browser.element(By.id("vg-tab-requests")).click();
            By row = By.cssSelector("tr[data-request-id='" + requestId + "']");
            waiting(browser).until(d -> !d.findElements(row).isEmpty() || !d.findElements(By.id("vg-requests-next")).isEmpty());
            for (int pages = 0; browser.driver().findElements(row).isEmpty(); pages++) {
                assertTrue(pages < 100, "the request never showed in the queue");
                WebElement next = browser.element(By.id("vg-requests-next"));
                assertNull(next.getAttribute("disabled"), "the last page lacks the request");
                String range = browser.text(By.id("vg-requests-range"));
                next.click();
                waiting(browser).until(d -> !d.findElements(row).isEmpty()
                        || (!d.findElements(By.id("vg-requests-range")).isEmpty()
                        && !range.equals(d.findElement(By.id("vg-requests-range")).getText())));
            }
            WebElement mine = browser.element(row);
            String rowText = mine.getText();
            assertTrue(rowText.contains(username), rowText);
            assertTrue(rowText.contains("I need the explorer views <b>now</b>"), "the message is shown as text: " + rowText);
            assertTrue(rowText.contains("Explorer (T2)"), rowText);
            waiting(browser).until(d -> d.findElement(row).getText().contains("Viewer (T1)"));
            shoot(browser, "requests");

            // Grant Analyst instead of Explorer, and confirm.
            new Select(browser.element(row).findElement(By.cssSelector("select[data-role-select]"))).selectByValue("analyst");
            browser.element(row).findElement(By.cssSelector("button[data-action='grant']")).click();
            WebElement confirm = browser.element(By.cssSelector("tr[data-request-id='" + requestId + "'] button[data-action='confirm']"));
            assertTrue(browser.element(row).getText().contains("Grant Analyst (T3) to " + username + "?"), browser.element(row).getText());
            shoot(browser, "grant-confirm");
            browser.element(By.cssSelector("tr[data-request-id='" + requestId + "'] button[data-action='confirm']")).click();
            assertNotNull(confirm);
            browser.awaitText(By.id("vg-success"), username + " now holds the role Analyst (T3).");
            waiting(browser).until(d -> d.findElements(row).isEmpty());
            shoot(browser, "granted");
        }

        List<String> roles = new ArrayList<>();
        Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users/" + userId + "/role-mappings/realm", http.adminToken()), 200)
                .json().forEach(role -> roles.add(role.get("name").asText()));
        assertTrue(roles.contains("analyst"), roles.toString());
        assertFalse(roles.contains("viewer"), "tier roles are exclusive: " + roles);
        JsonNode rows = Admin.expect(http.get(server.adminUrl() + "/audit?type=ACCESS_REQUEST_GRANTED&subject=" + username,
                http.adminToken()), 200).json();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("analyst", rows.get(0).get("details").get("grantedRole").asText(), rows.toString());
        assertEquals("admin", rows.get(0).get("actor").get("username").asText(), rows.toString());
    }

    @Test
    void masterAdminReadsVerifiesAndFiltersTheAuditLog() {
        setUpMaster();
        String username = "console-auditee-" + System.nanoTime();
        admin.createUser(REALM, username, "Audra", "Auditee");
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", http.memberToken(username),
                Map.of("desiredRole", "explorer")), 201);
        try (Browser browser = Browser.start("de")) {
            browser.open(console("master") + "#/realms/" + REALM + "/audit");
            browser.signIn("admin", "admin");
            browser.element(By.cssSelector("#vg-audit-table tbody tr"));
            assertEquals(console("master") + "#/realms/" + REALM + "/audit", browser.driver().getCurrentUrl(),
                    "the route survived the sign-in");
            assertEquals("Audit-Protokoll, neueste zuerst", browser.text(By.cssSelector("#vg-content h2")));
            shoot(browser, "audit-de");
            browser.element(By.id("vg-audit-verify")).click();
            browser.element(By.cssSelector("#vg-audit-status[data-valid='true']"));
            new Select(browser.element(By.id("vg-audit-type"))).selectByValue("ACCESS_REQUEST_SUBMITTED");
            browser.element(By.id("vg-audit-apply")).click();
            waiting(browser).until(d -> {
                List<WebElement> types = d.findElements(By.cssSelector("#vg-audit-table tbody tr"));
                return !types.isEmpty() && types.stream().allMatch(r -> "ACCESS_REQUEST_SUBMITTED".equals(r.getAttribute("data-type")));
            });
            browser.element(By.id("vg-export-csv")).click();
            assertTrue(browser.text(By.id("vg-export-done")).startsWith("viewgate-audit-" + REALM + ".csv heruntergeladen"));
        }
    }

    @Test
    void aMemberSignsInAndIsRefused() {
        try (Browser browser = Browser.start("en")) {
            browser.open(console(REALM));
            browser.signIn("vera", "vera");
            browser.awaitText(By.cssSelector("#vg-refused .pf-v5-c-alert__title"),
                    "You may not use the Viewgate console in this realm.");
            assertEquals("403", browser.element(By.id("vg-refused")).getAttribute("data-status"), "the API answered 403");
            shoot(browser, "member-refused");
        }
        assertEquals(403, http.get(server.baseUrl() + "/admin/realms?briefRepresentation=true", http.memberToken("vera")).status());
    }

    @Test
    void anAdminOfAnotherRealmSeesOnlyThatRealm() {
        String realm = "console-other-it";
        admin.createRealm(realm);
        try {
            Admin.expect(http.postJson(admin.realmAdminUrl(realm) + "/viewgate/setup", http.adminToken(), "{}"), 200);
            String otherAdmin = admin.createUser(realm, "otheradmin", "Otto", "Other");
            admin.grantClientRole(realm, otherAdmin, "realm-management", "realm-admin");
            try (Browser browser = Browser.start("en")) {
                browser.open(console(realm));
                browser.signIn("otheradmin", "otheradmin");
                browser.element(By.cssSelector("#vg-realm-picker a[data-realm='" + realm + "']"));
                List<String> listed = browser.driver().findElements(By.cssSelector("#vg-realm-picker a[data-realm]")).stream()
                        .map(a -> a.getAttribute("data-realm")).toList();
                assertEquals(List.of(realm), listed);
                shoot(browser, "other-realm-admin");
                // Typing the demo realm into the address bar changes nothing: Keycloak refuses its token there.
                browser.driver().executeScript("location.hash = '#/realms/" + REALM + "/requests';");
                browser.awaitText(By.cssSelector("#vg-requests-error .pf-v5-c-alert__title"),
                        "You may not view access requests in this realm.");
                assertEquals("403", browser.element(By.id("vg-requests-error")).getAttribute("data-status"));
            }
        } finally {
            admin.deleteRealm(realm);
        }
    }

    private static void assertNull(Object value, String message) {
        org.junit.jupiter.api.Assertions.assertNull(value, message);
    }
}
