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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The experience of the demo app's share form and guest landing, in headless Chromium: errors look like errors and
 * keep what was typed, presets tick the boxes and show what the view does not allow, the link is copied, times are
 * local and readable, destructive and public actions are confirmed (also without JavaScript), the guest is told who
 * shared what until when and, when the link stops working, the true reason; every page fits a 390 px screen and has
 * a way back. Screenshots at 1280 and 390 px land in target/it/screenshots/demo-*.png.
 */
@ExtendWith(KeycloakExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoAppShareExperienceIT {

    private static final String REPORT = "client-report";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100000, 36);

    private final KeycloakServer server;
    private final Http http;
    private final DemoAppServer app;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    DemoAppShareExperienceIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.app = DemoAppServer.start(server, http);
    }

    @AfterAll
    void stopTheApp() {
        app.close();
    }

    @Test
    void aPastExpiryIsARedErrorAndTheFormKeepsWhatWasTyped() {
        try (Browser bob = Browser.start("en")) {
            signIn(bob, "bob");
            openReport(bob);
            bob.element(By.id("share-preset-custom")).click();
            bob.element(By.id("share-perm-export")).click();
            bob.element(By.id("share-label")).sendKeys("Past auditor " + RUN);
            setValue(bob, "share-expires", "2001-02-03T04:05");
            bob.element(By.id("share-submit")).click();

            WebElement error = bob.element(By.id("share-error"));
            assertTrue(error.getText().contains("The expiry must lie in the future"), error.getText());
            assertEquals("error", error.getAttribute("data-kind"));
            assertEquals("alert", error.getAttribute("role"));
            assertTrue(error.getAttribute("class").contains("flash-error"));
            assertEquals("rgba(253, 236, 236, 1)", error.getCssValue("background-color"), "a red (danger) banner");
            assertTrue(bob.driver().findElements(By.cssSelector("[data-kind=success]")).isEmpty(), "no green banner");
            assertEquals("Not done: the guest link was not created. See why; what you typed is kept.",
                    bob.text(By.id("form-error")), "said at the top of the page too");
            assertTrue(bob.driver().findElements(By.id("share-link")).isEmpty(), "no link was made");

            assertEquals("Past auditor " + RUN, bob.element(By.id("share-label")).getAttribute("value"), "the label is kept");
            assertEquals("2001-02-03T04:05", bob.element(By.id("share-expires")).getAttribute("value"), "the expiry is kept");
            assertTrue(bob.element(By.id("share-preset-custom")).isSelected(), "the preset is kept");
            assertTrue(bob.element(By.id("share-perm-export")).isSelected(), "the ticked box is kept");
            assertFalse(bob.element(By.id("share-perm-write")).isSelected());
            assertTrue(grantsOf(REPORT).stream().noneMatch(g -> ("Past auditor " + RUN).equals(g.path("label").asText())));
            bothWidths(bob, "demo-share-error", true, "#share-error");
        }
    }

    @Test
    void theEditorPresetTicksTheBoxesAndShowsWhatTheViewDoesNotAllow() throws Exception {
        try (Browser bob = Browser.start("en")) {
            signIn(bob, "bob");
            openReport(bob);
            ensureSetting(bob, "editable", true);
            ensureSetting(bob, "addable", false);
            WebElement create = bob.element(By.id("share-perm-create"));
            assertFalse(create.isEnabled(), "create is disabled: the view is not addable");
            String reason = bob.text(By.id("share-perm-create-reason"));
            assertEquals("Not available: this view does not allow adding rows (its setting “addable” is off)", reason);
            assertEquals("share-perm-create-reason", create.getAttribute("aria-describedby"));

            bob.element(By.id("share-preset-editor")).click();
            assertTrue(bob.element(By.id("share-perm-read")).isSelected());
            assertTrue(bob.element(By.id("share-perm-write")).isSelected(), "the editor preset ticks write");
            assertFalse(bob.element(By.id("share-perm-create")).isSelected(), "create stays unticked and disabled");
            assertFalse(bob.element(By.id("share-perm-export")).isSelected());
            bothWidths(bob, "demo-share-form", true, "#share-form");

            bob.element(By.id("share-preset-read-only")).click();
            assertFalse(bob.element(By.id("share-perm-write")).isSelected(), "read only unticks write");
            bob.element(By.id("share-perm-export")).click();
            assertTrue(bob.element(By.id("share-preset-custom")).isSelected(), "changing a box makes it custom");

            bob.element(By.id("share-preset-editor")).click();
            assertFalse(bob.element(By.id("share-perm-export")).isSelected());
            String label = "Editor " + RUN;
            bob.element(By.id("share-label")).sendKeys(label);
            bob.element(By.id("share-submit")).click();
            String flash = bob.text(By.id("flash"));
            assertTrue(flash.contains(": read, write;"), flash);
            assertTrue(flash.contains("Not included: create, because this view does not allow adding rows"), flash);
            assertEquals("success", bob.element(By.id("flash")).getAttribute("data-kind"));
            assertEquals(List.of("read", "write"), texts(grant(REPORT, label).path("permissions")));

            // A forged custom form with a permission the view does not allow is refused, not cut down silently.
            HttpResponse<String> forged = post(bob, "/views/" + REPORT + "/guests", Map.of("csrf", csrfOf(bob),
                    "preset", "custom", "permission", "create", "label", "Forged " + RUN));
            assertEquals(422, forged.statusCode());
            assertTrue(forged.body().contains("“create” cannot be given: this view does not allow adding rows"), forged.body());
            assertTrue(grantsOf(REPORT).stream().noneMatch(g -> ("Forged " + RUN).equals(g.path("label").asText())));
        }
    }

    @Test
    void theLinkShownOnceHasACopyButtonThatSaysCopiedOrHowToCopy() {
        try (Browser bob = Browser.start("en")) {
            signIn(bob, "bob");
            openReport(bob);
            bob.element(By.id("share-label")).sendKeys("Copy " + RUN);
            bob.element(By.id("share-submit")).click();
            String link = bob.element(By.id("share-link")).getAttribute("value");
            WebElement copy = bob.element(By.id("share-link-copy"));
            assertTrue(copy.isDisplayed(), "the copy button is shown once the script runs");
            assertEquals("Copy link", copy.getText());

            // The clipboard API accepts: "Copied", and the link is what was copied.
            bob.driver().executeScript("window.__copied = null; Object.defineProperty(navigator, 'clipboard', {configurable: true,"
                    + " value: {writeText: function (text) { window.__copied = text; return Promise.resolve(); }}});");
            copy.click();
            Await.until(Duration.ofSeconds(5), () -> bob.text(By.id("share-link-copied")), "Copied"::equals, "Copied");
            assertEquals(link, bob.driver().executeScript("return window.__copied;"));
            bothWidths(bob, "demo-share-link-copied", true);

            // No clipboard permission and no copy command: the link is selected and the page says how to copy it.
            bob.driver().executeScript("Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText:"
                    + " function () { return Promise.reject(new DOMException('denied', 'NotAllowedError')); }}});"
                    + "document.execCommand = function () { return false; };");
            copy.click();
            Await.until(Duration.ofSeconds(5), () -> bob.text(By.id("share-link-copied")),
                    t -> t.startsWith("Could not copy automatically: the link is selected, press Ctrl+C"), "how to copy");
            assertEquals(Boolean.TRUE, bob.driver().executeScript("var i = document.getElementById('share-link');"
                    + " return document.activeElement === i && i.selectionStart === 0 && i.selectionEnd === i.value.length;"),
                    "the whole link is selected");
        }
    }

    @Test
    void theExpiryIsLocalTimeInLabelAndValueAndTheTableShowsReadableDates() {
        try (Browser bob = Browser.start("en")) {
            timeZone(bob, "Europe/Berlin");
            signIn(bob, "bob");
            openReport(bob);
            assertEquals("your time, Europe/Berlin", bob.text(By.id("share-expires-zone")));
            assertEquals("Europe/Berlin", bob.element(By.cssSelector("#share-form input[name=timeZone]")).getAttribute("value"));
            String label = "Berlin " + RUN;
            bob.element(By.id("share-label")).sendKeys(label);
            setValue(bob, "share-expires", "2030-06-01T10:00");
            bob.element(By.id("share-submit")).click();
            String flash = bob.text(By.id("flash"));
            assertTrue(flash.contains("works until 1 Jun 2030, 10:00 (Europe/Berlin)"), flash);
            assertEquals("2030-06-01T08:00:00Z", grant(REPORT, label).path("expiresAt").asText(),
                    "10:00 in Berlin's summer time is 08:00 UTC");

            WebElement row = guestRow(bob, label);
            WebElement expires = row.findElement(By.cssSelector("[data-test=guest-expires]"));
            assertEquals("2030-06-01T08:00:00Z", expires.getAttribute("title"), "the exact instant as a title");
            assertEquals("2030-06-01T08:00:00Z", expires.getAttribute("datetime"));
            assertTrue(expires.getText().startsWith("1 Jun 2030, 10:00"), "shown in the reader's time: " + expires.getText());
            WebElement created = row.findElement(By.cssSelector("[data-test=guest-created-at]"));
            assertTrue(created.getAttribute("title").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                    created.getAttribute("title"));
            assertFalse(created.getText().contains("T") && created.getText().contains("Z"), "not raw ISO: " + created.getText());
            assertTrue(created.getText().matches("\\d{1,2} [A-Z][a-z]{2,3} \\d{4}, \\d\\d:\\d\\d .+"), created.getText());
            assertEquals("never", row.findElement(By.cssSelector("[data-test=guest-last-used]")).getText());
            bothWidths(bob, "demo-share-table", true, "#guests-table");
        }
    }

    @Test
    void revokeAsksFirstWorksWithoutJavaScriptAndSaysWhichLinkWasRevoked() throws Exception {
        try (Browser bob = Browser.start("en"); Browser guest = Browser.start("en")) {
            signIn(bob, "bob");
            openReport(bob);
            String label = "Revoke me " + RUN;
            bob.element(By.id("share-label")).sendKeys(label);
            bob.element(By.id("share-submit")).click();
            String link = bob.element(By.id("share-link")).getAttribute("value");
            JsonNode grant = grant(REPORT, label);
            String hint = grant.path("secretHint").asText();

            // Without JavaScript: the confirmation is a <details> form, with its CSRF token.
            bob.driver().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            try {
                bob.driver().navigate().refresh();
                WebElement row = guestRow(bob, label);
                WebElement confirm = row.findElement(By.cssSelector("[data-test=revoke-confirm]"));
                assertFalse(confirm.isDisplayed(), "nothing is revoked by one click");
                row.findElement(By.cssSelector("[data-test=revoke]")).click();
                assertTrue(confirm.isDisplayed());
                String question = row.findElement(By.cssSelector("[data-test=revoke-details] p")).getText();
                assertTrue(question.startsWith("Revoke “" + label + "” (guest link …" + hint + ")?"), question);
                assertTrue(question.contains("loses access at once"), question);
                assertFalse(row.findElement(By.cssSelector("[data-test=revoke-details] input[name=csrf]")).getAttribute("value")
                        .isEmpty());
                assertEquals("active", grant(REPORT, label).path("status").asText(), "opening the question revokes nothing");
                bothWidths(bob, "demo-revoke-confirm", false, "[data-test=revoke-details][open]");
                confirm.click();
                String flash = bob.text(By.id("flash"));
                assertEquals("Revoked the guest link “" + label + "” (…" + hint + ", read, shared by bob) to Client Report: "
                        + "the guest can no longer open it; it stopped working at once.", flash);
                assertEquals("revoked", guestRow(bob, label).getAttribute("data-status"));
            } finally {
                bob.driver().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
            }

            // Whoever opens the revoked link is told so, truly.
            guest.open(link);
            String revoked = guest.text(By.cssSelector("[data-test=access-revoked]"));
            assertTrue(revoked.startsWith("Access revoked: bob stopped sharing “Client Report” through this link on "), revoked);
            bothWidths(guest, "demo-guest-revoked", false);
        }
    }

    @Test
    void makePublicIsItsOwnConfirmedActionWithLabelAndExpiry() throws Exception {
        try (Browser bob = Browser.start("en"); Browser visitor = Browser.start("en")) {
            timeZone(bob, "UTC");
            signIn(bob, "bob");
            openReport(bob);
            assertTrue(bob.driver().findElements(By.cssSelector("#share-form #make-public")).isEmpty(),
                    "make public is not inside the guest form");
            String label = "Website " + RUN;
            bob.element(By.id("share-label")).sendKeys("Not this " + RUN);
            bob.element(By.id("public-label")).sendKeys(label);
            setValue(bob, "public-expires", "2031-01-02T03:04");
            bob.element(By.id("make-public")).click();

            String question = bob.text(By.id("public-confirm-text"));
            assertTrue(question.startsWith("Anyone with the link can read “Client Report”, without an account and without "
                    + "signing in."), question);
            assertTrue(question.contains("Label: “" + label + "”"), question);
            assertTrue(question.contains("Works until: 2 Jan 2031, 03:04"), question);
            assertTrue(publicGrants(label).isEmpty(), "nothing is made before the confirmation");
            bothWidths(bob, "demo-public-confirm", true);
            bob.element(By.id("public-cancel")).click();
            bob.element(By.id("public-form"));
            assertTrue(publicGrants(label).isEmpty(), "cancel makes nothing");

            bob.element(By.id("public-label")).sendKeys(label);
            setValue(bob, "public-expires", "2031-01-02T03:04");
            bob.element(By.id("make-public")).click();
            bob.element(By.id("public-confirm")).click();
            String flash = bob.text(By.id("flash"));
            assertEquals("Public link “" + label + "” created for Client Report: anyone with it can read the view, until "
                    + "2 Jan 2031, 03:04 UTC.", flash);
            String link = bob.element(By.id("share-link")).getAttribute("value");
            List<JsonNode> made = publicGrants(label);
            assertEquals(1, made.size());
            assertEquals("2031-01-02T03:04:00Z", made.get(0).path("expiresAt").asText());
            assertEquals(List.of("read"), texts(made.get(0).path("permissions")));
            assertTrue(grantsOf(REPORT).stream().noneMatch(g -> ("Not this " + RUN).equals(g.path("label").asText())),
                    "the guest form's label was not used");

            // A past expiry for a public link is refused like the guest form's, keeping what was typed.
            bob.element(By.id("public-label")).sendKeys("Old " + RUN);
            setValue(bob, "public-expires", "2001-01-01T00:00");
            bob.element(By.id("make-public")).click();
            assertTrue(bob.text(By.id("public-error")).contains("The expiry must lie in the future"));
            assertEquals("Old " + RUN, bob.element(By.id("public-label")).getAttribute("value"));

            visitor.open(link);
            visitor.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
            assertEquals("Shared with you by bob as a public link: anyone who has it can read this view.",
                    visitor.text(By.id("guest-shared-by")));
            assertEquals("You can read the rows.", visitor.text(By.id("guest-permissions")));
        }
    }

    @Test
    void theGuestSeesTheAppWhoSharedWhatTheyMayDoUntilWhenAndAWayBack() throws Exception {
        try (Browser bob = Browser.start("en"); Browser guest = Browser.start("en")) {
            timeZone(bob, "UTC");
            timeZone(guest, "UTC");
            signIn(bob, "bob");
            openReport(bob);
            ensureSetting(bob, "exportable", true);
            bob.element(By.id("share-preset-custom")).click();
            bob.element(By.id("share-perm-export")).click();
            bob.element(By.id("share-label")).sendKeys("Landing " + RUN);
            setValue(bob, "share-expires", "2030-06-01T10:00");
            bob.element(By.id("share-submit")).click();
            String link = bob.element(By.id("share-link")).getAttribute("value");

            guest.open(link);
            guest.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
            assertEquals("Acme Analytics Shared view", guest.text(By.cssSelector("[data-test=guest-app]")));
            assertEquals("Shared with you by bob.", guest.text(By.id("guest-shared-by")));
            assertEquals("You can read the rows and export as CSV.", guest.text(By.id("guest-permissions")));
            assertTrue(guest.text(By.id("guest-expires")).startsWith("This link works until 1 Jun 2030, 10:00"),
                    guest.text(By.id("guest-expires")));
            assertEquals("2030-06-01T10:00:00Z", guest.element(By.cssSelector("[data-test=guest-expires-at]")).getAttribute("title"));
            assertFalse(guest.driver().getPageSource().contains("Marketing Analytics"), "nothing of the workspace");
            bothWidths(guest, "demo-guest-view", true);

            // The view stops being exportable: the page says the link allows it but the view does not right now.
            ensureSetting(bob, "exportable", false);
            guest.open(app.baseUrl() + "/guest/view");
            assertEquals("You can read the rows.", guest.text(By.id("guest-permissions")));
            assertEquals("Your link also allows you to export as CSV, but this view does not allow it at the moment.",
                    guest.text(By.cssSelector("[data-test=guest-paused]")));
            // "Not allowed" has a way back to the view.
            guest.open(app.baseUrl() + "/guest/export.csv");
            assertEquals("This link does not allow exporting.", guest.text(By.id("forbidden")));
            bothWidths(guest, "demo-guest-not-allowed", true);
            guest.element(By.id("back")).click();
            guest.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
            ensureSetting(bob, "exportable", true);
        }
    }

    @Test
    void anExpiredLinkSaysExpiredNeverRevoked() throws Exception {
        try (Browser bob = Browser.start("en"); Browser early = Browser.start("en"); Browser late = Browser.start("en")) {
            signIn(bob, "bob");
            openReport(bob);
            // The form takes seconds too (the page's field shows minutes): a link that expires 25 s from now.
            Instant expiry = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
            String label = "Short " + RUN;
            Map<String, String> form = new LinkedHashMap<>();
            form.put("csrf", csrfOf(bob));
            form.put("preset", "read-only");
            form.put("label", label);
            form.put("expiresAt", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(expiry.atZone(ZoneOffset.UTC)));
            form.put("timeZone", "UTC");
            assertEquals(303, post(bob, "/views/" + REPORT + "/guests", form).statusCode());
            openReport(bob);
            String link = bob.element(By.id("share-link")).getAttribute("value");

            early.open(link);
            early.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
            assertTrue(early.text(By.id("guest-expires")).startsWith("This link works until "));

            Await.until(Duration.ofSeconds(60), Instant::now, now -> now.isAfter(expiry.plusSeconds(1)), "the link's expiry");
            early.open(app.baseUrl() + "/guest/view");
            String expiredText = early.text(By.cssSelector("[data-test=link-expired]"));
            assertTrue(expiredText.startsWith("This link to “Client Report” expired on "), expiredText);
            assertTrue(expiredText.endsWith("Ask bob for a new link if you still need it."), expiredText);
            assertFalse(early.driver().getPageSource().toLowerCase().contains("revoked"), "an expired link is not revoked");
            assertEquals("Link expired", early.text(By.tagName("h1")));

            late.open(link);
            assertTrue(late.text(By.cssSelector("[data-test=link-expired]")).startsWith("This link to “Client Report” expired on "),
                    "also for a browser that opens the link for the first time after its expiry");
            bothWidths(late, "demo-guest-expired", true);
            Await.until(Duration.ofSeconds(20), () -> guestRow(bob, label).getAttribute("data-status"), "expired"::equals,
                    "the member's table says expired");
        }
    }

    @Test
    void anUnknownOrIncompleteLinkSaysNotValid() {
        try (Browser guest = Browser.start("en")) {
            app.requireRunning();
            guest.open(app.baseUrl() + "/guest#not-a-real-secret-" + RUN);
            assertTrue(guest.text(By.cssSelector("[data-test=link-invalid]")).startsWith("This link does not open anything here."));
            assertFalse(guest.driver().getPageSource().toLowerCase().contains("revoked"));
            bothWidths(guest, "demo-guest-link-invalid", true);
            guest.open(app.baseUrl() + "/guest");
            assertEquals("This link is incomplete: its key is missing. Check that you copied all of it.",
                    guest.text(By.cssSelector("[data-test=link-invalid]")));
        }
    }

    @Test
    void everyMemberPageFitsA390PxScreenAndHasAWayBack() {
        try (Browser bob = Browser.start("en"); Browser vera = Browser.start("en")) {
            app.requireRunning();
            bob.open(app.baseUrl() + "/");
            bothWidths(bob, "demo-signed-out", true);
            signIn(bob, "bob");
            bothWidths(bob, "demo-home", true);
            for (String view : List.of("campaign-performance", "budget-overview", REPORT)) {
                bob.open(app.baseUrl() + "/views/" + view);
                bob.element(By.cssSelector("[data-test=view-title]"));
                assertEquals(app.baseUrl() + "/", bob.element(By.id("back")).getAttribute("href"), "a way back to all views");
                bothWidths(bob, "demo-view-" + view, true);
            }
            // The view's own table scrolls inside its box at 390 px; the page does not.
            atWidth(bob, 390);
            Object boxScrolls = bob.driver().executeScript("var b = document.querySelector('[data-test=view-table-scroll]');"
                    + " return b.scrollWidth > b.clientWidth && getComputedStyle(b).overflowX === 'auto';");
            assertEquals(Boolean.TRUE, boxScrolls, "the Client Report's table scrolls in its own box");
            atWidth(bob, 1280);

            bob.open(app.baseUrl() + "/nothing-here");
            assertEquals(app.baseUrl() + "/", bob.element(By.id("back")).getAttribute("href"));
            bothWidths(bob, "demo-not-found", true);

            signIn(vera, "vera");
            vera.open(app.baseUrl() + "/views/" + REPORT + "/export.csv");
            assertEquals("You may not export this view.", vera.text(By.id("forbidden")));
            assertEquals("← Back to Client Report", vera.text(By.id("back")));
            bothWidths(vera, "demo-member-not-allowed", true);
            vera.element(By.id("back")).click();
            vera.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
        }
    }

    // ---- helpers ----

    private void signIn(Browser browser, String username) {
        app.requireRunning();
        browser.open(app.baseUrl() + "/login");
        browser.signIn(username, username);
        Await.until(Duration.ofSeconds(20), () -> browser.driver().getCurrentUrl(), u -> u.startsWith(app.baseUrl()),
                "back in the app");
        browser.awaitText(By.id("menu-username"), username);
    }

    private void openReport(Browser browser) {
        browser.open(app.baseUrl() + "/views/" + REPORT);
        browser.awaitText(By.cssSelector("[data-test=view-title]"), "Client Report");
    }

    private static void ensureSetting(Browser member, String name, boolean on) {
        if ("yes".equals(member.text(By.cssSelector("[data-test=setting-" + name + "]"))) != on) {
            member.element(By.id("toggle-" + name)).click();
            Await.until(Duration.ofSeconds(10), () -> member.text(By.cssSelector("[data-test=setting-" + name + "]")),
                    v -> v.equals(on ? "yes" : "no"), name + " " + on);
        }
    }

    /** The browser's time zone, whatever the machine's is. */
    private static void timeZone(Browser browser, String zone) {
        browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /** Sets a field's value as a person's picker would (a datetime-local's typing order depends on the locale). */
    private static void setValue(Browser browser, String id, String value) {
        browser.driver().executeScript("arguments[0].value = arguments[1];", browser.element(By.id(id)), value);
    }

    private static WebElement guestRow(Browser member, String label) {
        member.driver().navigate().refresh();
        member.element(By.id("guests-table"));
        return member.driver().findElements(By.cssSelector("[data-test=guest-row]")).stream()
                .filter(r -> label.equals(r.findElement(By.cssSelector("[data-test=guest-label]")).getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no guest row " + label));
    }

    private List<JsonNode> grantsOf(String view) {
        JsonNode grants = Admin.expect(http.get(server.viewgateUrl() + "/views/demo-app/" + view + "/guests",
                http.demoAppToken()), 200).json();
        return StreamSupport.stream(grants.spliterator(), false).toList();
    }

    private JsonNode grant(String view, String label) {
        Optional<JsonNode> found = grantsOf(view).stream().filter(g -> label.equals(g.path("label").asText())).findFirst();
        return found.orElseThrow(() -> new AssertionError("no grant labelled " + label));
    }

    private List<JsonNode> publicGrants(String label) {
        return grantsOf(REPORT).stream().filter(g -> g.path("public").asBoolean() && label.equals(g.path("label").asText()))
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String csrfOf(Browser browser) {
        return browser.element(By.cssSelector("input[name=csrf]")).getAttribute("value");
    }

    /** A form post with the browser's cookies and the app's Origin, as the page's own form sends it. */
    private HttpResponse<String> post(Browser browser, String path, Map<String, String> form) throws Exception {
        String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", app.baseUrl())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Emulates a phone-sized (390 px) or a desktop (1280 px) viewport. */
    private static void atWidth(Browser browser, int width) {
        if (width >= 1280) {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 844,
                    "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /**
     * Screenshots at 1280 and 390 px; at 390 px the page must not scroll sideways (its document is no wider than the
     * screen). {@code scripts} false: the page runs without JavaScript, so the width is measured through CDP.
     */
    private static void bothWidths(Browser browser, String name, boolean scripts) {
        bothWidths(browser, name, scripts, null);
    }

    /** The same, with the part of the page the screenshots are about ({@code focus}, a CSS selector) in view. */
    private static void bothWidths(Browser browser, String name, boolean scripts, String focus) {
        atWidth(browser, 1280);
        show(browser, focus, scripts);
        browser.screenshot(name + "-1280");
        atWidth(browser, 390);
        try {
            long width = pageWidth(browser, scripts);
            assertTrue(width <= 390, name + " is " + width + " px wide on a 390 px screen");
            show(browser, focus, scripts);
            browser.screenshot(name + "-390");
        } finally {
            atWidth(browser, 1280);
        }
    }

    private static void show(Browser browser, String focus, boolean scripts) {
        if (focus == null) {
            return;
        }
        WebElement element = browser.element(By.cssSelector(focus));
        if (scripts) {
            browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        } else {
            new Actions(browser.driver()).scrollToElement(element).perform();
        }
    }

    @SuppressWarnings("unchecked")
    private static long pageWidth(Browser browser, boolean scripts) {
        if (scripts) {
            return ((Number) browser.driver().executeScript(
                    "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);")).longValue();
        }
        Map<String, Object> metrics = browser.driver().executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        return Math.round(((Number) content.get("width")).doubleValue());
    }
}
