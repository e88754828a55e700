package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.Tokens;
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

    /**
     * A realm's own console with no session of that realm: it offers its sign-in or the master console; this takes
     * the sign-in.
     */
    private static void signInAtRealmConsole(Browser browser, String username, String password) {
        browser.element(By.id("vg-choice-signin")).click();
        browser.signIn(username, password);
    }

    private static WebDriverWait waiting(Browser browser) {
        WebDriverWait wait = new WebDriverWait(browser.driver(), WAIT);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Screenshots at 1280 and 390 px; at 390 px nothing may be wider than the window. */
    private static void shoot(Browser browser, String name) {
        shoot(browser, name, null);
    }

    /** A page of Keycloak's own admin console, at 1280 px only (its layout is Keycloak's, not ours). */
    private static void shootKeycloak(Browser browser, String name) {
        try {
            Path dir = Path.of(System.getProperty("viewgate.it.workdir", "target/it"));
            Files.createDirectories(dir);
            Files.write(dir.resolve("console-" + name + "-1280.png"), browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, with the element {@code focus} scrolled to the middle of the window first (when given). */
    private static void shoot(Browser browser, String name, By focus) {
        for (int width : new int[] {1280, 390}) {
            browser.driver().manage().window().setSize(new Dimension(width, 900));
            waiting(browser).until(d -> ((Number) browser.driver().executeScript("return window.innerWidth;")).intValue() <= width);
            if (focus != null) {
                browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.element(focus));
            }
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
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &apos;self&apos;; "
                + "script-src &apos;self&apos;; style-src &apos;self&apos;; img-src &apos;self&apos; data:; connect-src &apos;self&apos;; "
                + "object-src &apos;none&apos;; base-uri &apos;none&apos;\">"), html);
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
            // The script sends the browser on after loading its messages, so the address changes after the page loaded.
            waiting(browser).until(d -> d.getCurrentUrl().contains("/realms/master/protocol/openid-connect/auth"));
            assertTrue(browser.driver().getCurrentUrl().contains("code_challenge_method=S256"), browser.driver().getCurrentUrl());
            browser.signIn("admin", "admin");

            // The realm picker: Keycloak's own list of the realms this admin may see.
            WebElement demo = browser.element(By.cssSelector("#vg-realm-picker a[data-realm='" + REALM + "']"));
            assertFalse(browser.driver().getCurrentUrl().contains("code="), "the code left the address bar");
            assertEquals(console("master"), browser.driver().getCurrentUrl());
            browser.awaitText(By.id("vg-user"), "admin");
            shoot(browser, "realms");
            long sealedBefore = chainHead().get("sealed").asLong();
            browser.element(By.cssSelector("#vg-realm-picker a[data-realm='" + REALM + "']")).click();

            // The overview: the pending badge shows what the API counts.
            browser.awaitText(By.id("vg-pending-count"), String.valueOf(pending));
            assertEquals(console("master") + "#/realms/" + REALM, browser.driver().getCurrentUrl());
            // The chain's head at once (at least the request's own row is sealed or waiting); verifying when asked.
            long sealedShown = Long.parseLong(browser.element(By.id("vg-audit-sealed")).getText());
            long sealedAfter = chainHead().get("sealed").asLong();
            assertTrue(sealedBefore <= sealedShown && sealedShown <= sealedAfter,
                    sealedBefore + " <= " + sealedShown + " <= " + sealedAfter);
            browser.element(By.id("vg-overview-verify-button")).click();
            browser.element(By.cssSelector("#vg-audit-status[data-valid='true']"));
            browser.element(By.id("vg-guest-count"));
            shoot(browser, "overview");

            // The queue, oldest first: page on until the new request shows.
            browser.element(By.id("vg-tab-requests")).click();
            By row = pageToRequest(browser, requestId);
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
        Path downloads = tempDir("viewgate-downloads");
        try (Browser browser = Browser.start("de")) {
            // Downloads land in a folder of the test's own (Chromium's DevTools protocol), to be read back.
            browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
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
            // By subject, then also by time: nothing of this member's happened before 2000.
            browser.element(By.id("vg-audit-subject")).sendKeys(username);
            browser.element(By.id("vg-audit-apply")).click();
            waiting(browser).until(d -> {
                List<WebElement> rows = d.findElements(By.cssSelector("#vg-audit-table tbody tr"));
                return rows.size() == 1 && username.equals(rows.get(0).getAttribute("data-subject"));
            });
            browser.driver().executeScript("arguments[0].value = '2000-01-01T00:00:00';", browser.element(By.id("vg-audit-to")));
            browser.element(By.id("vg-audit-apply")).click();
            browser.element(By.id("vg-audit-empty"));
            browser.driver().executeScript("arguments[0].value = '';", browser.element(By.id("vg-audit-to")));
            browser.driver().executeScript("arguments[0].value = '2000-01-01T00:00:00';", browser.element(By.id("vg-audit-from")));
            browser.element(By.id("vg-audit-apply")).click();
            waiting(browser).until(d -> d.findElements(By.cssSelector("#vg-audit-table tbody tr")).size() == 1);
            browser.element(By.id("vg-export-csv")).click();
            assertTrue(browser.text(By.id("vg-export-done")).startsWith("viewgate-audit-" + REALM + ".csv heruntergeladen"));
            Path csv = downloads.resolve("viewgate-audit-" + REALM + ".csv");
            Await.until(WAIT, () -> Files.exists(csv), Boolean::booleanValue, "the CSV file in " + downloads);
            browser.element(By.id("vg-export-ndjson")).click();
            browser.awaitText(By.cssSelector("#vg-export-done .pf-v5-c-alert__title"), "viewgate-audit-" + REALM + ".ndjson heruntergeladen ("
                    + Await.until(WAIT, () -> ndjsonSize(downloads), size -> size > 0, "the NDJSON file in " + downloads) + " Bytes).");
            // The settings speak German too, their meaning included (the server's catalogue is English).
            browser.element(By.id("vg-tab-settings")).click();
            browser.awaitText(By.cssSelector("tr[data-setting='viewgate.viewAs.maxMinutes'] .vg-setting-description"),
                    "Wie lange eine „Ansicht als“ dauert, in Minuten");
            shoot(browser, "settings-de", By.cssSelector("tr[data-setting='viewgate.viewAs.maxMinutes']"));
            List<String> lines = readLines(downloads.resolve("viewgate-audit-" + REALM + ".ndjson"));
            assertFalse(lines.isEmpty());
            for (String line : lines) {
                JsonNode row = readJson(line);
                assertEquals("ACCESS_REQUEST_SUBMITTED", row.get("type").asText(), "the filter applies to the export: " + line);
            }
        }
    }

    @Test
    void aLinkWithMadeUpSignInErrorTextShowsNoneOfIt() {
        try (Browser browser = Browser.start("en")) {
            browser.open(console("master") + "?state=forged&error=temporarily_unavailable"
                    + "&error_description=Your%20session%20was%20revoked%2C%20sign%20in%20at%20evil.example");
            String shown = browser.text(By.id("vg-signin-error"));
            assertTrue(shown.contains("The sign-in answer does not belong to this page; please sign in again."), shown);
            assertFalse(shown.contains("evil.example") || shown.contains("revoked"), shown);
            assertFalse(browser.driver().getCurrentUrl().contains("error"), "the parameters left the address bar");
        }
    }

    @Test
    void aMemberSignsInAndIsRefused() {
        try (Browser browser = Browser.start("en")) {
            browser.open(console(REALM));
            signInAtRealmConsole(browser, "vera", "vera");
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
                signInAtRealmConsole(browser, "otheradmin", "otheradmin");
                browser.element(By.cssSelector("#vg-realm-picker a[data-realm='" + realm + "']"));
                List<String> listed = browser.driver().findElements(By.cssSelector("#vg-realm-picker a[data-realm]")).stream()
                        .map(a -> a.getAttribute("data-realm")).toList();
                assertEquals(List.of(realm), listed);
                shoot(browser, "other-realm-admin");
                // Opened again while the realm's session lasts, the console signs in silently: no choice, no form.
                browser.open(console(realm) + "#/realms/" + realm + "/settings");
                browser.element(By.cssSelector("#vg-settings-table, #vg-settings-error"));
                assertTrue(browser.driver().findElements(By.id("vg-choice")).isEmpty());
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

    @Test
    void aServerAdminArrivingAtTheDemoRealmsConsoleIsOfferedTheMasterConsoleAndNeedsNoPassword() {
        setUpMaster();
        long pending = Admin.expect(http.get(server.adminUrl() + "/access-requests/count?status=PENDING", http.adminToken()), 200)
                .json().get("count").asLong();
        try (Browser browser = Browser.start("en")) {
            // Signed in to master, as after Keycloak's admin console.
            browser.open(console("master"));
            browser.signIn("admin", "admin");
            browser.element(By.id("vg-realm-picker"));

            // The demo realm's own console: master's session does not hold there, so it asks which one is meant.
            browser.open(console(REALM) + "#/realms/" + REALM + "/requests");
            browser.element(By.id("vg-choice"));
            assertEquals(console(REALM), browser.driver().getCurrentUrl().replaceAll("#.*$", ""),
                    "the silent sign-in left no error in the address bar");
            assertEquals("Viewgate console of " + REALM, browser.text(By.id("vg-title")));
            String master = browser.element(By.id("vg-choice-master")).getAttribute("href");
            assertEquals(console("master") + "#/realms/" + REALM, master);
            shoot(browser, "choice");

            browser.element(By.id("vg-choice-master")).click();
            browser.awaitText(By.id("vg-pending-count"), String.valueOf(pending));
            assertTrue(browser.driver().findElements(By.id("kc-login")).isEmpty(), "no password asked");
            assertEquals(console("master") + "#/realms/" + REALM, browser.driver().getCurrentUrl());
            browser.awaitText(By.id("vg-user"), "admin");
        }
    }

    @Test
    void anAdminWhoMayOnlyViewUsersIsRefusedSettingsAndTheAuditLogButSeesTheLadderAndViewAs() {
        String username = "console-viewusers-" + System.nanoTime();
        String userId = admin.createUser(REALM, username, "Val", "Viewusers");
        admin.grantClientRole(REALM, userId, "realm-management", "view-users");
        try (Browser browser = Browser.start("en")) {
            browser.open(console(REALM) + "#/realms/" + REALM + "/settings");
            signInAtRealmConsole(browser, username, username);
            browser.awaitText(By.cssSelector("#vg-settings-error .pf-v5-c-alert__title"),
                    "You may not view Viewgate's settings in this realm.");
            assertEquals("403", browser.element(By.id("vg-settings-error")).getAttribute("data-status"));
            waiting(browser).until(d -> d.findElements(By.cssSelector("#vg-ladder-table tbody tr")).size() == 8);
            shoot(browser, "settings-refused");

            browser.element(By.id("vg-tab-audit")).click();
            browser.awaitText(By.cssSelector("#vg-audit-error .pf-v5-c-alert__title"), "You may not view the audit log in this realm.");
            assertEquals("403", browser.element(By.id("vg-audit-error")).getAttribute("data-status"));

            browser.element(By.id("vg-tab-viewas")).click();
            browser.element(By.cssSelector("#vg-viewas-table, #vg-viewas-empty"));
            assertTrue(browser.driver().findElements(By.id("vg-viewas-error")).isEmpty(), "view-users may list view as");
        }
        String token = http.passwordGrant(server.baseUrl() + "/realms/" + REALM, "admin-cli", null, username, username);
        assertEquals(403, http.get(server.adminUrl() + "/settings", token).status());
        assertEquals(403, http.get(server.adminUrl() + "/audit", token).status());
        assertEquals(200, http.get(server.adminUrl() + "/ladder", token).status());
    }

    /** The queue, oldest first: pages on until the request's row shows, and returns its locator. */
    private static By pageToRequest(Browser browser, String requestId) {
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
        return row;
    }

    @Test
    void masterAdminDeclinesARequestWithAReason() {
        setUpMaster();
        String username = "console-declined-" + System.nanoTime();
        String userId = admin.createUser(REALM, username, "Dec", "Lined");
        admin.grantRealmRoles(REALM, userId, "viewer");
        String requestId = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", http.memberToken(username),
                Map.of("desiredRole", "builder")), 201).json().get("id").asText();
        String reason = "Ask your team lead first <i>please</i>";
        try (Browser browser = Browser.start("en")) {
            browser.open(console("master") + "#/realms/" + REALM + "/requests");
            browser.signIn("admin", "admin");
            By row = pageToRequest(browser, requestId);
            browser.element(row).findElement(By.cssSelector("button[data-action='decline']")).click();
            browser.element(By.cssSelector("tr[data-request-id='" + requestId + "'] button[data-action='confirm']"));
            assertTrue(browser.element(row).getText().contains("Decline the request of " + username + "?"), browser.element(row).getText());
            WebElement reasonBox = browser.element(row).findElement(By.cssSelector("textarea.vg-reason"));
            assertTrue(reasonBox.isDisplayed(), "the reason shows with the question");
            reasonBox.sendKeys(reason);
            shoot(browser, "decline-confirm", row);
            browser.element(By.cssSelector("tr[data-request-id='" + requestId + "'] button[data-action='confirm']")).click();
            browser.awaitText(By.id("vg-success"), "The request of " + username + " was declined.");
            waiting(browser).until(d -> d.findElements(row).isEmpty());

            // Declined, the member asks again; the queue shows the earlier request, and the history shows it whole.
            String again = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", http.memberToken(username),
                    Map.of("desiredRole", "explorer")), 201).json().get("id").asText();
            browser.driver().navigate().refresh(); // the console signs in again silently and loads the queue anew
            By againRow = pageToRequest(browser, again);
            By earlier = By.cssSelector("tr[data-request-id='" + again + "'] [data-earlier] li[data-status='DECLINED']");
            assertTrue(browser.element(earlier).getText().startsWith("Declined, "), browser.element(againRow).getText());
            assertTrue(browser.driver().findElements(By.cssSelector("tr[data-request-id='" + again + "'] [data-earlier] li"))
                    .size() == 1, "only the one earlier request");
            shoot(browser, "requests-earlier", againRow);
            browser.element(By.cssSelector("tr[data-request-id='" + again + "'] a[data-earlier-link]")).click();
            By declinedRow = By.cssSelector("#vg-history-table tr[data-request-id='" + requestId + "']");
            String history = browser.element(declinedRow).getText();
            assertEquals("DECLINED", browser.element(declinedRow).getAttribute("data-status"));
            assertTrue(history.contains("Reason: " + reason), "the reason, as text: " + history);
            assertTrue(history.contains("Builder (T4)") && history.contains("by admin"), history);
            List<String> listed = browser.driver().findElements(By.cssSelector("#vg-history-table tbody tr")).stream()
                    .map(r -> r.getAttribute("data-request-id")).toList();
            assertEquals(List.of(again, requestId), listed, "this member's requests only, newest first");
            assertEquals(userId, browser.element(By.id("vg-history-requester")).getAttribute("value"));
            shoot(browser, "history", declinedRow);
            // The same filter by user name, declined only.
            browser.element(By.id("vg-history-requester")).clear();
            browser.element(By.id("vg-history-requester")).sendKeys(username);
            new Select(browser.element(By.id("vg-history-status"))).selectByValue("DECLINED");
            browser.element(By.id("vg-history-apply")).click();
            waiting(browser).until(d -> d.findElements(By.cssSelector("#vg-history-table tbody tr")).stream()
                    .map(r -> r.getAttribute("data-request-id")).toList().equals(List.of(requestId)));
        }
        JsonNode mine = Admin.expect(http.get(server.viewgateUrl() + "/access-requests/mine", http.memberToken(username)), 200).json();
        assertEquals("explorer", mine.path("pending").path("desiredRole").asText(), "asked again: " + mine);
        JsonNode last = mine.get("history").get(0);
        assertEquals(requestId, last.get("id").asText(), mine.toString());
        assertEquals("DECLINED", last.get("status").asText(), mine.toString());
        assertEquals(reason, last.get("reason").asText(), mine.toString());
    }

    /** The grant of that view with that id, as the admin API's inventory lists it. */
    private JsonNode grantOf(String viewKey, String grantId) {
        for (JsonNode grant : Admin.expect(http.get(server.adminUrl() + "/guests?client=demo-app&view=" + viewKey,
                http.adminToken()), 200).json()) {
            if (grant.get("id").asText().equals(grantId)) {
                return grant;
            }
        }
        throw new AssertionError("no grant " + grantId + " of view " + viewKey);
    }

    @Test
    void masterAdminFiltersGuestLinksSeesTheirUseAndRevokesOne() {
        setUpMaster();
        String viewKey = "console-view-" + System.nanoTime();
        String view = server.adminUrl() + "/views/demo-app/" + viewKey;
        Admin.expect(http.putJson(view, http.adminToken(),
                Map.of("name", "Console <b>Report</b>", "editable", false, "addable", false, "exportable", true)), 201);
        JsonNode used = Admin.expect(http.postJson(view + "/guests", http.adminToken(),
                Map.of("permissions", List.of("read", "export"), "label", "Used auditor")), 201).json();
        JsonNode spare = Admin.expect(http.postJson(view + "/guests", http.adminToken(),
                Map.of("permissions", List.of("read", "write"), "label", "Spare <b>auditor</b>",
                        "expiresAt", "2030-12-31T23:59:59Z")), 201).json();
        String usedId = used.get("id").asText();
        String spareId = spare.get("id").asText();
        // The app redeems the first link once (the guest grant type), so its use count becomes 1 once the audit row is sealed.
        Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "urn:viewgate:grant-type:guest", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "guest_secret", used.get("secret").asText())), 200);
        Await.until(Duration.ofSeconds(30), () -> grantOf(viewKey, usedId), g -> g.get("useCount").asLong() == 1,
                "the use count of the redeemed link");

        By usedRow = By.cssSelector("tr[data-grant-id='" + usedId + "']");
        By spareRow = By.cssSelector("tr[data-grant-id='" + spareId + "']");
        try (Browser browser = Browser.start("en")) {
            browser.open(console("master") + "#/realms/" + REALM + "/guests");
            browser.signIn("admin", "admin");
            browser.element(By.cssSelector("#vg-guests-table, #vg-guests-empty"));
            assertEquals("Guest links, newest first", browser.text(By.cssSelector("#vg-content h2")));
            browser.element(By.id("vg-guests-client")).sendKeys("demo-app");
            browser.element(By.id("vg-guests-view")).sendKeys(viewKey);
            browser.element(By.id("vg-guests-apply")).click();
            waiting(browser).until(d -> {
                List<String> ids = d.findElements(By.cssSelector("#vg-guests-table tbody tr")).stream()
                        .map(r -> r.getAttribute("data-grant-id")).toList();
                return ids.size() == 2 && ids.containsAll(List.of(spareId, usedId));
            });
            WebElement first = browser.element(usedRow);
            assertEquals("1", first.getAttribute("data-use-count"));
            assertEquals("1", first.findElement(By.cssSelector(".vg-use-count")).getText());
            String usedText = first.getText();
            assertTrue(usedText.contains("demo-app") && usedText.contains(viewKey) && usedText.contains("Used auditor"), usedText);
            assertTrue(usedText.contains("read, export") && usedText.contains("Active") && usedText.contains("Private")
                    && usedText.contains("No expiry") && usedText.contains("admin") && usedText.contains("last "), usedText);
            assertTrue(usedText.contains("Secret ends in …" + used.get("secretHint").asText()), usedText);
            // The guest's Keycloak user, linked to its page in Keycloak's admin console.
            JsonNode principal = grantOf(viewKey, usedId).get("principal");
            assertEquals("viewgate-guest-" + usedId, principal.get("username").asText());
            WebElement principalLink = first.findElement(By.cssSelector("a[data-principal]"));
            assertEquals("viewgate-guest-" + usedId, principalLink.getText());
            assertEquals(server.baseUrl() + "/admin/master/console/#/" + REALM + "/users/" + principal.get("id").asText() + "/settings",
                    principalLink.getAttribute("href"));
            String spareText = browser.element(spareRow).getText();
            assertTrue(spareText.contains("Spare <b>auditor</b>"), "the label is shown as text: " + spareText);
            assertTrue(spareText.contains("never used") && spareText.contains("Granted: read, write"), spareText);
            assertEquals("0", browser.element(spareRow).getAttribute("data-use-count"));

            // The app's views and their settings, from the row.
            browser.element(usedRow).findElement(By.cssSelector("button[data-action='views']")).click();
            WebElement viewRow = browser.element(By.cssSelector("#vg-views-card[data-client='demo-app'] tr[data-view-key='" + viewKey + "']"));
            assertEquals("Views of demo-app", browser.text(By.cssSelector("#vg-views-card h3")));
            List<String> settings = viewRow.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("Console <b>Report</b>", viewKey, "No", "No", "Yes"), settings.subList(0, 5));
            shoot(browser, "guests", usedRow);

            // Revoke the spare link, confirmed.
            browser.element(spareRow).findElement(By.cssSelector("button[data-action='revoke']")).click();
            browser.element(By.cssSelector("tr[data-grant-id='" + spareId + "'] button[data-action='confirm']"));
            assertTrue(browser.element(spareRow).getText().contains("Revoke the guest link “Spare <b>auditor</b>” to the view "
                    + viewKey + " of demo-app?"), browser.element(spareRow).getText());
            shoot(browser, "guest-revoke-confirm", spareRow);
            browser.element(By.cssSelector("tr[data-grant-id='" + spareId + "'] button[data-action='confirm']")).click();
            browser.awaitText(By.id("vg-success"), "The guest link “Spare <b>auditor</b>” to the view " + viewKey
                    + " of demo-app was revoked.");
            waiting(browser).until(d -> "revoked".equals(d.findElement(spareRow).getAttribute("data-status")));
            assertTrue(browser.element(spareRow).getText().contains("Revoked"), browser.element(spareRow).getText());
            assertTrue(browser.element(spareRow).findElements(By.cssSelector("button[data-action='revoke']")).isEmpty());
            assertTrue(browser.element(spareRow).findElements(By.cssSelector("a[data-principal]")).isEmpty(), "its user is gone");
            assertEquals("active", browser.element(usedRow).getAttribute("data-status"));
            shoot(browser, "guest-revoked", spareRow);

            // The link leads to the guest's user in Keycloak's admin console (signed in through master already), which
            // names it for what it is; so does the Users list when searched for guests.
            browser.open(browser.element(usedRow).findElement(By.cssSelector("a[data-principal]")).getAttribute("href"));
            waiting(browser).until(d -> "Guest link".equals(inputValue(browser, "firstName")));
            assertEquals("demo-app / " + viewKey, inputValue(browser, "lastName"));
            assertEquals("viewgate-guest-" + usedId, inputValue(browser, "username"));
            shootKeycloak(browser, "keycloak-guest-user");
            browser.open(server.baseUrl() + "/admin/master/console/#/" + REALM + "/users");
            WebElement search = browser.element(By.cssSelector("input[placeholder*='earch']"));
            search.sendKeys("viewgate-guest-" + usedId, org.openqa.selenium.Keys.ENTER);
            waiting(browser).until(d -> d.findElements(By.cssSelector("table tbody tr")).stream()
                    .anyMatch(r -> r.getText().contains("viewgate-guest-" + usedId) && r.getText().contains("Guest link")
                            && r.getText().contains("demo-app / " + viewKey)));
            shootKeycloak(browser, "keycloak-users-guest");
        }

        assertEquals("revoked", grantOf(viewKey, spareId).get("status").asText());
        assertTrue(grantOf(viewKey, spareId).get("principal").isNull(), "no principal once revoked");
        assertEquals("active", grantOf(viewKey, usedId).get("status").asText());
        JsonNode revocations = Admin.expect(http.get(server.adminUrl() + "/audit?type=GUEST_GRANT_REVOKED&max=1000",
                http.adminToken()), 200).json();
        List<JsonNode> forSpare = new ArrayList<>();
        revocations.forEach(row -> {
            if (spareId.equals(row.get("details").path("grantId").asText())) {
                forSpare.add(row);
            }
        });
        assertEquals(1, forSpare.size(), revocations.toString());
        assertEquals("admin", forSpare.get(0).get("actor").get("username").asText(), forSpare.toString());
    }

    @Test
    void anAdminWhoMayNotViewClientsIsRefusedTheGuestLinks() {
        String username = "console-userkeeper-" + System.nanoTime();
        String userId = admin.createUser(REALM, username, "Ursula", "Users");
        admin.grantClientRole(REALM, userId, "realm-management", "view-users");
        try (Browser browser = Browser.start("en")) {
            browser.open(console(REALM) + "#/realms/" + REALM + "/guests");
            signInAtRealmConsole(browser, username, username);
            browser.awaitText(By.cssSelector("#vg-guests-error .pf-v5-c-alert__title"), "You may not view guest links in this realm.");
            assertEquals("403", browser.element(By.id("vg-guests-error")).getAttribute("data-status"));
            // With an app filter the refusal names the app's links; what was typed stays.
            browser.element(By.id("vg-guests-client")).sendKeys("demo-app");
            browser.element(By.id("vg-guests-apply")).click();
            browser.awaitText(By.cssSelector("#vg-guests-error .pf-v5-c-alert__title"),
                    "You may not view this app's guest links in this realm.");
            assertEquals("demo-app", browser.element(By.id("vg-guests-client")).getAttribute("value"));
            shoot(browser, "guests-refused");
        }
        assertEquals(403, http.get(server.adminUrl() + "/guests", http.passwordGrant(server.baseUrl() + "/realms/" + REALM,
                "admin-cli", null, username, username)).status());
    }

    /** The admin API's view-as sessions of the demo realm, all of them. */
    private List<JsonNode> viewAsSessions() {
        List<JsonNode> all = new ArrayList<>();
        Admin.expect(http.get(server.adminUrl() + "/view-as-sessions?max=1000", http.adminToken()), 200).json().forEach(all::add);
        return all;
    }

    /** A list of the console paged 20 at a time: pages on until the row shows, and returns its locator. */
    private static By pageTo(Browser browser, By row, String idPrefix) {
        waiting(browser).until(d -> !d.findElements(row).isEmpty() || !d.findElements(By.id(idPrefix + "-next")).isEmpty());
        for (int pages = 0; browser.driver().findElements(row).isEmpty(); pages++) {
            assertTrue(pages < 100, "the row never showed: " + row);
            WebElement next = browser.element(By.id(idPrefix + "-next"));
            assertNull(next.getAttribute("disabled"), "the last page lacks " + row);
            String range = browser.text(By.id(idPrefix + "-range"));
            next.click();
            waiting(browser).until(d -> !d.findElements(row).isEmpty()
                    || (!d.findElements(By.id(idPrefix + "-range")).isEmpty()
                    && !range.equals(d.findElement(By.id(idPrefix + "-range")).getText())));
        }
        return row;
    }

    /** A fresh analyst (T3) who starts view as T2 through the realm API; the sid of the token's SSO session. */
    private String analystViewingAsTier2(String username) {
        String userId = admin.createUser(REALM, username, "Vic", "Viewas");
        admin.grantRealmRoles(REALM, userId, "analyst");
        Tokens tokens = new Tokens(server, http, username);
        Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", tokens.access(), Map.of("tier", 2)), 200);
        return Tokens.claims(tokens.access()).get("sid").asText();
    }

    private String tierLabel(int tier) {
        for (JsonNode rung : Admin.expect(http.get(server.adminUrl() + "/ladder", http.adminToken()), 200).json()) {
            if (rung.get("tier").asInt() == tier) {
                return rung.get("label").asText();
            }
        }
        throw new AssertionError("no tier " + tier);
    }

    @Test
    void masterAdminEndsAMembersViewAsAndIsToldWhenOneHadAlreadyEnded() {
        setUpMaster();
        String username = "console-viewas-" + System.nanoTime();
        String gone = "console-viewas-gone-" + System.nanoTime();
        String sid = analystViewingAsTier2(username);
        String goneSid = analystViewingAsTier2(gone);
        String as = "the tier " + tierLabel(2) + " (T2)";
        By row = By.cssSelector("tr[data-session-id='" + sid + "']");
        By goneRow = By.cssSelector("tr[data-session-id='" + goneSid + "']");
        try (Browser browser = Browser.start("en")) {
            browser.open(console("master") + "#/realms/" + REALM + "/viewas");
            browser.signIn("admin", "admin");
            assertEquals("View as in force, oldest first", browser.text(By.cssSelector("#vg-content h2")));
            pageTo(browser, row, "vg-viewas");
            String text = browser.element(row).getText();
            assertTrue(text.contains(username) && text.contains(as), text);
            assertEquals(username, browser.element(row).getAttribute("data-actor"));
            shoot(browser, "viewas", row);

            browser.element(row).findElement(By.cssSelector("button[data-action='end']")).click();
            browser.element(By.cssSelector("tr[data-session-id='" + sid + "'] button[data-action='confirm']"));
            assertTrue(browser.element(row).getText().contains("End the view as of " + username + " (" + as + ")?"),
                    browser.element(row).getText());
            shoot(browser, "viewas-confirm", row);
            browser.element(By.cssSelector("tr[data-session-id='" + sid + "'] button[data-action='confirm']")).click();
            browser.awaitText(By.cssSelector("#vg-success .pf-v5-c-alert__title"), username + " no longer views as " + as + ".");
            waiting(browser).until(d -> d.findElements(row).isEmpty());
            shoot(browser, "viewas-ended");

            // The other one ends elsewhere while the admin confirms: the console says it had already ended.
            pageTo(browser, goneRow, "vg-viewas");
            browser.element(goneRow).findElement(By.cssSelector("button[data-action='end']")).click();
            browser.element(By.cssSelector("tr[data-session-id='" + goneSid + "'] button[data-action='confirm']"));
            Admin.expect(http.delete(server.adminUrl() + "/view-as-sessions/" + goneSid, http.adminToken()), 204);
            browser.element(By.cssSelector("tr[data-session-id='" + goneSid + "'] button[data-action='confirm']")).click();
            browser.awaitText(By.cssSelector("#vg-already-ended .pf-v5-c-alert__title"),
                    "The view as of " + gone + " (" + as + ") had already ended.");
            waiting(browser).until(d -> d.findElements(goneRow).isEmpty());
        }

        assertTrue(viewAsSessions().stream().noneMatch(s -> sid.equals(s.get("sessionId").asText())), "no longer listed");
        JsonNode ended = Admin.expect(http.get(server.adminUrl() + "/audit?type=VIEW_AS_ENDED&subject=" + username,
                http.adminToken()), 200).json();
        assertEquals(1, ended.size(), ended.toString());
        assertEquals("ended_by_admin", ended.get(0).get("details").get("reason").asText(), ended.toString());
        assertEquals("admin", ended.get(0).get("actor").get("username").asText(), ended.toString());
        assertEquals("viewgate/view-as/" + sid, ended.get(0).get("resource").asText(), ended.toString());
    }

    private JsonNode setting(String name) {
        for (JsonNode setting : Admin.expect(http.get(server.adminUrl() + "/settings", http.adminToken()), 200).json()) {
            if (setting.get("name").asText().equals(name)) {
                return setting;
            }
        }
        throw new AssertionError("no setting " + name);
    }

    @Test
    void masterAdminChangesASettingIsToldWhyABadValueIsRefusedAndResetsIt() {
        setUpMaster();
        String name = "viewgate.viewAs.maxMinutes";
        assertTrue(setting(name).get("value").isNull(), "the demo realm leaves it unset");
        By row = By.cssSelector("tr[data-setting='" + name + "']");
        By input = By.cssSelector("tr[data-setting='" + name + "'] input[data-setting-input]");
        By save = By.cssSelector("tr[data-setting='" + name + "'] button[data-action='save']");
        try (Browser browser = Browser.start("en")) {
            browser.open(console("master") + "#/realms/" + REALM + "/settings");
            browser.signIn("admin", "admin");
            String text = browser.element(row).getText();
            assertTrue(text.contains(name) && text.contains("60") && text.contains("(none)"), text);
            assertTrue(browser.driver().findElements(By.cssSelector("tr[data-setting='" + name + "'] button[data-action='reset']"))
                    .isEmpty(), "nothing to reset while unset");
            shoot(browser, "settings", row);

            browser.element(input).sendKeys("30");
            browser.element(save).click();
            browser.awaitText(By.cssSelector("#vg-success .pf-v5-c-alert__title"), name + " is now 30.");
            assertEquals("30", browser.element(row).getAttribute("data-value"));
            assertEquals("30", browser.text(By.cssSelector("tr[data-setting='" + name + "'] .vg-setting-effective")));
            assertEquals("30", setting(name).get("value").asText());
            shoot(browser, "setting-saved", row);

            browser.element(input).clear();
            browser.element(input).sendKeys("abc");
            browser.element(save).click();
            By error = By.cssSelector("tr[data-setting='" + name + "'] .vg-row-error");
            browser.awaitText(By.cssSelector("tr[data-setting='" + name + "'] .vg-row-error .pf-v5-c-alert__description"),
                    name + " must be a whole number from 1 to 1440");
            assertEquals("invalid_setting", browser.element(error).getAttribute("data-error"));
            assertEquals("400", browser.element(error).getAttribute("data-status"));
            assertEquals("abc", browser.element(input).getAttribute("value"), "what was typed stays");
            assertEquals("true", browser.element(input).getAttribute("aria-invalid"));
            assertEquals("30", setting(name).get("value").asText(), "refused: unchanged");
            shoot(browser, "setting-invalid", row);

            browser.element(By.cssSelector("tr[data-setting='" + name + "'] button[data-action='reset']")).click();
            browser.element(By.cssSelector("tr[data-setting='" + name + "'] button[data-action='confirm']"));
            assertTrue(browser.element(row).getText().contains("Reset " + name + " to its default (60)?"), browser.element(row).getText());
            shoot(browser, "setting-reset-confirm", row);
            browser.element(By.cssSelector("tr[data-setting='" + name + "'] button[data-action='confirm']")).click();
            browser.awaitText(By.cssSelector("#vg-success .pf-v5-c-alert__title"), name + " was reset to its default (60).");
            assertEquals("", browser.element(row).getAttribute("data-value"));
            assertTrue(setting(name).get("value").isNull(), "unset again");
            assertEquals("60", setting(name).get("effective").asText());
        } finally {
            http.delete(server.adminUrl() + "/settings/" + name, http.adminToken());
        }
        assertTrue(setting(name).get("value").isNull());
    }

    @Test
    void theSettingsTabShowsTheDemoRealmsLadder() {
        setUpMaster();
        JsonNode ladder = Admin.expect(http.get(server.adminUrl() + "/ladder", http.adminToken()), 200).json();
        assertEquals(8, ladder.size(), ladder.toString());
        try (Browser browser = Browser.start("en")) {
            browser.open(console("master") + "#/realms/" + REALM + "/settings");
            browser.signIn("admin", "admin");
            waiting(browser).until(d -> d.findElements(By.cssSelector("#vg-ladder-table tbody tr")).size() == 8);
            // The ladder comes at once; its members are counted when asked (a census reads every member's access).
            assertEquals("", browser.driver().findElement(By.cssSelector("#vg-ladder-table .vg-ladder-members")).getText());
            browser.element(By.id("vg-ladder-count")).click();
            waiting(browser).until(d -> d.findElements(By.id("vg-ladder-count")).isEmpty()
                    && !d.findElement(By.cssSelector("#vg-ladder-table .vg-ladder-members")).getText().isEmpty());
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#vg-ladder-table tbody tr"));
            for (int i = 0; i < 8; i++) {
                JsonNode rung = ladder.get(i);
                WebElement shown = rows.get(i);
                assertEquals(String.valueOf(i + 1), shown.getAttribute("data-tier"));
                assertEquals(rung.get("role").asText(), shown.getAttribute("data-role"));
                String text = shown.getText();
                assertTrue(text.contains("T" + (i + 1)) && text.contains(rung.get("label").asText()), text);
                String members = shown.findElement(By.cssSelector(".vg-ladder-members")).getText();
                assertFalse(rung.get("capped").asBoolean(), rung.toString());
                assertEquals(rung.get("members").asText(), members, "the count the API gives for " + rung);
            }
            shoot(browser, "ladder", By.id("vg-ladder-table"));
        }
    }

    private JsonNode chainHead() {
        return Admin.expect(http.get(server.adminUrl() + "/audit/chain", http.adminToken()), 200).json();
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The size of the finished NDJSON download (0 while Chromium still writes it under another name). */
    private static long ndjsonSize(Path downloads) {
        try {
            Path file = downloads.resolve("viewgate-audit-" + REALM + ".ndjson");
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String line) {
        try {
            return Http.JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of an input of Keycloak's admin console (React sets the property, not always the attribute). */
    private static String inputValue(Browser browser, String id) {
        Object value = browser.driver().executeScript("var e = document.getElementById(arguments[0]); return e ? e.value : null;", id);
        return value == null ? null : value.toString();
    }

    private static void assertNull(Object value, String message) {
        org.junit.jupiter.api.Assertions.assertNull(value, message);
    }
}
