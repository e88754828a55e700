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
import dev.viewgate.it.support.PageShots;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The access-request pages in headless Chromium: the member's form (only higher tiers offered, the current tier shown,
 * errors that keep what was typed, the outcome of the last request) and the deciders' queue (the pending badge,
 * labelled fields, relative ages, earlier requests, and every decision confirmed before it is made).
 */
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

    /** A new member, "Paula Pages" unless named otherwise, with the given roles; password = username. */
    private String newMember(String prefix, String... roles) {
        return newPerson(prefix, "Paula", "Pages", roles);
    }

    private String newPerson(String prefix, String first, String last, String... roles) {
        String username = prefix + "-" + System.nanoTime();
        String id = admin.createUser(REALM, username, first, last);
        if (roles.length > 0) {
            admin.grantRealmRoles(REALM, id, roles);
        }
        return username;
    }

    private String tokenOf(String username) {
        return http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
    }

    private JsonNode mine(String username) {
        return Admin.expect(http.get(server.viewgateUrl() + "/access-requests/mine", tokenOf(username)), 200).json();
    }

    private String ask(String username, Map<String, String> request) {
        Http.Result submitted = http.postJson(server.viewgateUrl() + "/access-requests", tokenOf(username), request);
        assertTrue(submitted.status() == 200 || submitted.status() == 201, submitted.body());
        return submitted.json().get("id").asText();
    }

    private long pendingCount() {
        return Admin.expect(http.get(server.viewgateUrl() + "/access-requests/count", http.memberToken("ada")), 200)
                .json().get("count").asLong();
    }

    private static List<String> optionValues(Browser browser, By select) {
        return new Select(browser.element(select)).getOptions().stream().map(o -> o.getAttribute("value")).toList();
    }

    @Test
    void aMemberSubmitsSeesPendingEditsAndWithdraws() {
        String username = newMember("page-member", "viewer");
        try (Browser browser = Browser.start("en")) {
            browser.open(form());
            browser.signIn(username, username);
            browser.awaitText(By.id("viewgate-current-tier"), "Your current tier: Viewer (T1)");
            new Select(browser.element(By.id("viewgate-desired-role"))).selectByValue("builder");
            browser.element(By.id("viewgate-message-input")).sendKeys("I build dashboards for the team");
            browser.awaitText(By.id("viewgate-message-limit"), "Up to 2000 characters");
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was sent.");
            browser.awaitText(By.id("viewgate-pending-tier"), "Builder (T4)");
            browser.awaitText(By.id("viewgate-pending-message"), "I build dashboards for the team");
            browser.awaitText(By.id("viewgate-pending-since"), "Sent just now; an administrator has not decided yet.");
            PageShots.both(browser, "form-pending");

            WebElement message = browser.element(By.id("viewgate-message-input"));
            message.clear();
            message.sendKeys("Edited: I build and maintain dashboards");
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was updated.");
            browser.awaitText(By.id("viewgate-pending-message"), "Edited: I build and maintain dashboards");
            assertEquals("Edited: I build and maintain dashboards", mine(username).get("pending").get("message").asText());

            browser.open(server.viewgateUrl() + "/");
            browser.awaitText(By.id("viewgate-request-link"), "Request pending");
            browser.awaitText(By.id("viewgate-last-request-text"),
                    "Your request for Builder (T4), sent just now, is waiting for an administrator.");

            browser.open(form());
            browser.element(By.id("viewgate-withdraw")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was withdrawn.");
            assertTrue(browser.driver().findElements(By.id("viewgate-pending")).isEmpty());
            assertTrue(mine(username).get("pending").isNull());
        }
    }

    /** eric's case (T2): his own tier is not offered, only those above it; an administrator is offered none. */
    @Test
    void anExplorerIsOfferedOnlyTiersAboveHisOwnAndSeesHisTier() {
        String eric = newPerson("page-eric", "Eric", "Explorer", "explorer");
        try (Browser browser = Browser.start("en")) {
            browser.open(form());
            browser.signIn(eric, eric);
            browser.awaitText(By.id("viewgate-current-tier"), "Your current tier: Explorer (T2)");
            assertEquals(List.of("", "builder", "administrator"), optionValues(browser, By.id("viewgate-desired-role")));
            assertEquals("Only tiers above your own are offered. The administrator decides which role you get.",
                    browser.text(By.id("viewgate-tier-hint")));
            PageShots.both(browser, "form-offered");

            // A post naming his own tier anyway (as a tampered form would) is refused on the form, nothing written.
            browser.driver().executeScript("""
                    const select = document.getElementById('viewgate-desired-role');
                    select.add(new Option('Explorer (T2)', 'explorer')); select.value = 'explorer';""");
            browser.element(By.id("viewgate-message-input")).sendKeys("Keep me where I am");
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-error"), "Choose one of the offered tiers.");
            assertEquals("Your request was not sent.", browser.text(By.id("viewgate-error-title")));
            assertEquals("Keep me where I am", browser.element(By.id("viewgate-message-input")).getAttribute("value"));
            assertEquals("true", browser.element(By.id("viewgate-desired-role")).getAttribute("aria-invalid"));
            assertTrue(mine(eric).get("pending").isNull(), "nothing was written");
        }
        String administrator = newMember("page-admin", "administrator");
        try (Browser browser = Browser.start("en")) {
            browser.open(form());
            browser.signIn(administrator, administrator);
            browser.awaitText(By.id("viewgate-current-tier"), "Your current tier: Administrator (T7)");
            assertEquals(List.of(""), optionValues(browser, By.id("viewgate-desired-role")));
            assertEquals("There is no higher tier to ask for here; you can still send a message to the administrators.",
                    browser.text(By.id("viewgate-tier-hint")));
        }
        String newcomer = newMember("page-newcomer");
        try (Browser browser = Browser.start("en")) {
            browser.open(form());
            browser.signIn(newcomer, newcomer);
            browser.awaitText(By.id("viewgate-current-tier"), "You have no tier yet: you are not a member of this workspace.");
            assertEquals(List.of("", "explorer", "builder", "administrator"), optionValues(browser, By.id("viewgate-desired-role")));
        }
    }

    @Test
    void errorsLookLikeErrorsAndKeepWhatWasTyped() {
        String username = newMember("page-error", "viewer");
        String tooLong = "x".repeat(2001);
        try (Browser browser = Browser.start("en")) {
            browser.open(form());
            browser.signIn(username, username);
            new Select(browser.element(By.id("viewgate-desired-role"))).selectByValue("builder");
            // The field stops typing at 2000 characters; a browser that ignores maxlength still gets an answer.
            browser.driver().executeScript("""
                    const text = document.getElementById('viewgate-message-input');
                    text.removeAttribute('maxlength'); text.value = arguments[0];""", tooLong);
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-error"), "The message is too long.");
            assertEquals("Your request was not sent.", browser.text(By.id("viewgate-error-title")));
            WebElement box = browser.element(By.id("viewgate-error-box"));
            assertEquals("alert", box.getAttribute("role"));
            assertEquals("rgba(166, 27, 27, 1)", box.getCssValue("border-left-color"), "an error looks like one");
            WebElement text = browser.element(By.id("viewgate-message-input"));
            assertEquals(tooLong, text.getAttribute("value"), "what was typed is kept");
            assertEquals("true", text.getAttribute("aria-invalid"));
            assertEquals("builder", new Select(browser.element(By.id("viewgate-desired-role"))).getFirstSelectedOption()
                    .getAttribute("value"), "the chosen tier is kept");
            assertTrue(browser.driver().findElements(By.id("viewgate-notice")).isEmpty());
            PageShots.both(browser, "form-error");
            assertTrue(mine(username).get("pending").isNull(), "nothing was written");

            // Withdrawing when nothing is pending says so instead of claiming a withdrawal.
            Object status = browser.driver().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                        body: 'action=withdraw&csrf=' + encodeURIComponent(document.querySelector('[name=csrf]').value)})
                        .then(r => r.text().then(t => done(r.status + ' ' + t)));""", form());
            assertTrue(String.valueOf(status).startsWith("409 "), String.valueOf(status));
            assertTrue(String.valueOf(status).contains("You have no pending request to withdraw."), String.valueOf(status));
        }
    }

    @Test
    void adaSeesTheBadgeConfirmsAGrantOfALowerRoleAndTheRequesterSeesTheOutcome() {
        String username = newMember("page-requester");
        String id = ask(username, Map.of("desiredRole", "administrator", "message", "Let me run the place"));
        long pending = pendingCount();
        try (Browser ada = Browser.start("en")) {
            ada.open(server.viewgateUrl() + "/");
            ada.signIn("ada", "ada");
            ada.awaitText(By.id("viewgate-queue-badge"), Long.toString(pending));
            ada.awaitText(By.id("viewgate-nav-badge"), Long.toString(pending));
            ada.element(By.id("viewgate-queue-link")).click();
            ada.awaitText(By.id("viewgate-pending-count"), Long.toString(pending));
            assertEquals(pending + " pending", ada.element(By.id("viewgate-pending-count")).getAttribute("title"));
            WebElement entry = ada.element(By.id("viewgate-request-" + id));
            assertTrue(entry.getText().contains("Administrator (T7)"), entry.getText());
            assertTrue(entry.getText().contains(username + "@viewgate.test"), entry.getText());
            assertEquals("just now", entry.findElement(By.cssSelector(".viewgate-asked time")).getText());
            assertEquals("Role to grant", entry.findElement(By.cssSelector("label[for=viewgate-role-" + id + "]")).getText());
            assertEquals("Note to Paula Pages (optional; Paula Pages will see it)",
                    entry.findElement(By.cssSelector("label[for=viewgate-note-" + id + "]")).getText());
            assertEquals("Reason for declining (optional; Paula Pages will see it)",
                    entry.findElement(By.cssSelector("label[for=viewgate-reason-" + id + "]")).getText());
            Select role = new Select(entry.findElement(By.id("viewgate-role-" + id)));
            assertEquals("administrator", role.getFirstSelectedOption().getAttribute("value"), "defaults to the desired tier");
            assertFalse(role.getOptions().stream().anyMatch(o -> "owner".equals(o.getAttribute("value"))), "nothing above ada's tier");
            PageShots.both(ada, "queue");

            // Grant: confirmed first, and cancelling changes nothing.
            role.selectByValue("explorer");
            entry.findElement(By.id("viewgate-note-" + id)).sendKeys("Welcome to the team");
            entry.findElement(By.id("viewgate-grant-" + id)).click();
            ada.awaitText(By.id("viewgate-confirm-text"), "Grant Explorer (T2) to Paula Pages (" + username + ")?");
            assertEquals("None", ada.text(By.id("viewgate-confirm-current")));
            assertEquals("Explorer (T2)", ada.text(By.id("viewgate-confirm-new")));
            assertEquals("Welcome to the team", ada.text(By.id("viewgate-confirm-quote")));
            assertEquals("Grant Explorer (T2) to Paula Pages", ada.text(By.id("viewgate-confirm-button")));
            PageShots.both(ada, "queue-confirm-grant");
            ada.element(By.id("viewgate-confirm-cancel")).click();
            ada.element(By.id("viewgate-request-" + id));
            assertEquals("PENDING", mine(username).get("pending").get("status").asText(), "cancelled: still pending");

            entry = ada.element(By.id("viewgate-request-" + id));
            new Select(entry.findElement(By.id("viewgate-role-" + id))).selectByValue("explorer");
            entry.findElement(By.id("viewgate-note-" + id)).sendKeys("Welcome to the team");
            entry.findElement(By.id("viewgate-grant-" + id)).click();
            ada.element(By.id("viewgate-confirm-button")).click();
            ada.awaitText(By.id("viewgate-notice"), "Granted Explorer (T2) to Paula Pages (" + username + ").");
            assertEquals(Long.toString(pending - 1), ada.text(By.id("viewgate-pending-count")));
            assertTrue(ada.driver().findElements(By.id("viewgate-request-" + id)).isEmpty(), "no longer in the queue");
            PageShots.both(ada, "queue-granted");
        }
        try (Browser requester = Browser.start("en")) {
            requester.open(form());
            requester.signIn(username, username);
            requester.awaitText(By.id("viewgate-outcome-text"), "Your last request was granted: you are now Explorer (T2).");
            assertEquals("Welcome to the team", requester.text(By.id("viewgate-outcome-reason")));
            requester.awaitText(By.id("viewgate-current-tier"), "Your current tier: Explorer (T2)");
            requester.open(server.viewgateUrl() + "/");
            requester.awaitText(By.id("viewgate-last-request-text"), "Your last request was granted: you are now Explorer (T2).");
        }
    }

    /** nora's case: declined, she sees the outcome with the reason and that she may ask again; ada sees it next time. */
    @Test
    void aDeclinedMemberSeesTheOutcomeAndTheReasonAndMayAskAgain() {
        String nora = newPerson("page-nora", "Nora", "Newcomer");
        String first = ask(nora, Map.of("desiredRole", "explorer", "message", "I want to explore the reports"));
        try (Browser ada = Browser.start("en")) {
            ada.open(queue());
            ada.signIn("ada", "ada");
            WebElement entry = ada.element(By.id("viewgate-request-" + first));
            entry.findElement(By.id("viewgate-reason-" + first)).sendKeys("Not this quarter");
            entry.findElement(By.id("viewgate-decline-" + first)).click();
            ada.awaitText(By.id("viewgate-confirm-text"), "Decline the request of Nora Newcomer (" + nora + ") for Explorer (T2)?");
            assertEquals("They stay without a tier; they may ask again.", ada.text(By.id("viewgate-confirm-keeps")));
            assertEquals("Nora Newcomer will read your text:", ada.text(By.cssSelector("#viewgate-confirm .viewgate-quote-label")));
            assertEquals("Not this quarter", ada.text(By.id("viewgate-confirm-quote")));
            PageShots.both(ada, "queue-confirm-decline");
            ada.element(By.id("viewgate-confirm-button")).click();
            ada.awaitText(By.id("viewgate-notice"), "Declined the request of Nora Newcomer (" + nora
                    + "). Their access stays as it was; they may ask again.");
        }
        assertEquals("DECLINED", mine(nora).get("history").get(0).get("status").asText());
        try (Browser browser = Browser.start("en")) {
            browser.open(server.viewgateUrl() + "/");
            browser.signIn(nora, nora);
            browser.awaitText(By.id("viewgate-tier"), "No tier: you are not a member of this workspace yet");
            browser.awaitText(By.id("viewgate-last-request-text"), "Your request for Explorer (T2) was declined just now.");
            assertEquals("Not this quarter", browser.text(By.id("viewgate-last-request-reason")));
            assertEquals("You may ask again: a new request starts fresh.", browser.text(By.id("viewgate-last-request-again")));
            assertEquals("Ask again", browser.text(By.id("viewgate-request-link")));
            PageShots.both(browser, "my-access-declined");

            browser.element(By.id("viewgate-request-link")).click();
            browser.awaitText(By.id("viewgate-outcome-text"), "Your request for Explorer (T2) was declined just now.");
            assertEquals("Not this quarter", browser.text(By.id("viewgate-outcome-reason")));
            assertEquals("You may ask again: a new request starts fresh.", browser.text(By.id("viewgate-ask-again-hint")));
            PageShots.both(browser, "form-declined");
            browser.element(By.id("viewgate-message-input")).sendKeys("Second try: the client reports need me");
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was sent.");
        }
        String second = mine(nora).get("pending").get("id").asText();
        try (Browser ada = Browser.start("en")) {
            ada.open(queue());
            ada.signIn("ada", "ada");
            WebElement history = ada.element(By.id("viewgate-history-" + second));
            assertEquals("Earlier requests (1)", history.findElement(By.tagName("summary")).getText());
            String earlier = ada.text(By.id("viewgate-history-entry-" + first));
            assertTrue(earlier.startsWith("Declined just now · asked for Explorer (T2)"), earlier);
            assertTrue(earlier.contains("Reason: \u201cNot this quarter\u201d"), earlier);
            assertEquals("viewer", new Select(ada.element(By.id("viewgate-role-" + second))).getFirstSelectedOption()
                    .getAttribute("value"), "no tier asked for: the choice starts at the first tier above her own (none)");
            ada.driver().executeScript("arguments[0].scrollIntoView()", history);
            PageShots.at(ada, "queue-history", PageShots.DESKTOP);
        }
    }

    @Test
    void theQueueSpeaksGermanWithGermanTierNames() {
        String decider = newPerson("page-de-admin", "Dora", "Deutsch", "administrator");
        String requester = newPerson("page-de-member", "Emil", "Entdecker", "explorer");
        String id = ask(requester, Map.of("desiredRole", "builder", "message", "Ich baue Berichte"));
        try (Browser browser = Browser.start("de")) {
            browser.open(queue());
            browser.signIn(decider, decider);
            browser.awaitText(By.cssSelector("h1.viewgate-title"), "Zugangsanfragen " + browser.text(By.id("viewgate-pending-count")));
            WebElement entry = browser.element(By.id("viewgate-request-" + id));
            String text = entry.getText();
            assertTrue(text.contains("Entdecker (T2)") && text.contains("Gestalter (T4)"), text);
            assertEquals("gerade eben", entry.findElement(By.cssSelector(".viewgate-asked time")).getText());
            assertEquals("Zu vergebende Rolle", entry.findElement(By.cssSelector("label[for=viewgate-role-" + id + "]")).getText());
            assertEquals("Notiz an Emil Entdecker (optional; Emil Entdecker sieht sie)",
                    entry.findElement(By.cssSelector("label[for=viewgate-note-" + id + "]")).getText());
            assertEquals("Zurück zu Ihrem Konto", browser.text(By.id("viewgate-back")).replace("\u2190", "").strip());
            assertTrue(browser.driver().getPageSource().contains("lang=\"de\""));
            PageShots.both(browser, "queue-de");
            new Select(entry.findElement(By.id("viewgate-role-" + id))).selectByValue("analyst");
            entry.findElement(By.id("viewgate-grant-" + id)).click();
            browser.awaitText(By.id("viewgate-confirm-text"), "Analyst (T3) an Emil Entdecker (" + requester + ") vergeben?");
            assertEquals("Entdecker (T2)", browser.text(By.id("viewgate-confirm-current")));
            PageShots.both(browser, "queue-confirm-de");
            browser.element(By.id("viewgate-confirm-button")).click();
            browser.awaitText(By.id("viewgate-notice"), "Analyst (T3) an Emil Entdecker (" + requester + ") vergeben.");
        }
        try (Browser browser = Browser.start("de")) {
            browser.open(form());
            browser.signIn(requester, requester);
            browser.awaitText(By.id("viewgate-outcome-text"), "Ihre letzte Anfrage wurde bewilligt: Sie sind jetzt Analyst (T3).");
            browser.awaitText(By.id("viewgate-current-tier"), "Ihre aktuelle Stufe: Analyst (T3)");
            List<String> labels = new Select(browser.element(By.id("viewgate-desired-role"))).getOptions().stream()
                    .map(WebElement::getText).toList();
            assertEquals(List.of("Keine Vorgabe", "Gestalter (T4)", "Administrator (T7)"), labels);
            PageShots.both(browser, "form-de");
        }
    }

    @Test
    void theQueuePagesThroughMoreThanFiftyOldestFirst() {
        // At least 51 pending: the newest (asked last) is on the second page, never lost beyond the first 50.
        List<String> asked = new java.util.ArrayList<>();
        for (long missing = Math.max(1, 51 - pendingCount()); missing > 0; missing--) {
            asked.add(ask(newMember("page-many"), Map.of("message", "one of many")));
        }
        String newest = asked.get(asked.size() - 1);
        try {
            pagesThrough(newest);
        } finally {
            // Declined again, so that the other tests find their requests on the first page.
            String ada = http.memberToken("ada");
            asked.forEach(id -> Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/decline", ada,
                    Map.of("reason", "paging test")), 200));
        }
    }

    private void pagesThrough(String newest) {
        long pending = pendingCount();
        JsonNode second = Admin.expect(http.get(server.viewgateUrl() + "/access-requests?status=PENDING&first=50&max=50",
                http.memberToken("ada")), 200).json();
        try (Browser browser = Browser.start("en")) {
            browser.open(queue());
            browser.signIn("ada", "ada");
            assertEquals("Requests 1–50 of " + pending + ", oldest first", browser.text(By.id("viewgate-queue-range")));
            assertEquals(50, browser.driver().findElements(By.cssSelector("article.viewgate-request")).size());
            assertTrue(browser.driver().findElements(By.id("viewgate-queue-previous")).isEmpty());
            assertTrue(browser.driver().findElements(By.id("viewgate-request-" + newest)).isEmpty(), "the newest waits on page 2");
            browser.element(By.id("viewgate-queue-next")).click();
            browser.awaitText(By.id("viewgate-queue-range"), "Requests 51–" + (50 + second.size()) + " of " + pending + ", oldest first");
            browser.element(By.id("viewgate-request-" + newest));
            assertEquals(second.get(0).get("id").asText(), browser.driver().findElements(By.cssSelector("article.viewgate-request"))
                    .get(0).getAttribute("id").substring("viewgate-request-".length()), "the API's page 2, in its order");
            PageShots.both(browser, "queue-page-2");
            browser.element(By.id("viewgate-queue-previous")).click();
            browser.awaitText(By.id("viewgate-queue-range"), "Requests 1–50 of " + pending + ", oldest first");
            // A malformed page number is the first page, not an error.
            browser.open(queue() + "?first=%EF%BC%95%EF%BC%90");
            browser.awaitText(By.id("viewgate-queue-range"), "Requests 1–50 of " + pending + ", oldest first");
        }
    }

    @Test
    void decisionNoticesShowOnlyDecisionsThisDeciderMade() {
        String username = newMember("page-notice");
        String pendingId = ask(username, Map.of("message", "still pending"));
        String other = newMember("page-notice-other");
        String byOlga = ask(other, Map.of("message", "olga decides"));
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + byOlga + "/grant", http.memberToken("olga"),
                Map.of("role", "viewer")), 200);
        try (Browser ada = Browser.start("en")) {
            ada.open(queue());
            ada.signIn("ada", "ada");
            for (String query : List.of("done=granted&request=" + pendingId, "done=declined&request=" + byOlga,
                    "done=granted&request=" + byOlga, "done=granted", "done=declined",
                    "done=granted&request=" + URLEncoder.encode("' or 1=1 --", StandardCharsets.UTF_8),
                    "done=granted&request=" + "9".repeat(5000))) {
                ada.open(queue() + "?" + query);
                ada.element(By.id("viewgate-pending-count"));
                assertTrue(ada.driver().findElements(By.id("viewgate-notice")).isEmpty(), query + ": no notice claims a decision");
            }
        }
        assertEquals("PENDING", mine(username).get("pending").get("status").asText());
    }

    @Test
    void scriptInAMessageIsShownAsText() {
        String username = newMember("page-xss");
        String attack = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">";
        String id = ask(username, Map.of("message", attack));
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
            entry.findElement(By.id("viewgate-reason-" + id)).sendKeys(attack);
            entry.findElement(By.id("viewgate-decline-" + id)).click();
            ada.awaitText(By.id("viewgate-confirm-quote"), attack);
            assertEquals(attack, ada.element(By.cssSelector("#viewgate-confirm input[name=reason]")).getAttribute("value"));
            assertNull(ada.driver().executeScript("return window.pwned;"));
            ada.element(By.id("viewgate-confirm-cancel")).click();
            ada.element(By.id("viewgate-request-" + id));
            assertNull(ada.driver().executeScript("return window.pwned;"));
        }
    }

    @Test
    void postsWithoutTheSessionsCsrfTokenAreRefused() throws Exception {
        String username = newMember("page-csrf");
        String id = ask(username, Map.of("desiredRole", "explorer"));
        // Another site's page that posts a confirmed grant to the queue as soon as it loads.
        HttpServer evil = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = ("<html><body><form id='f' method='post' action='" + queue() + "'>"
                + "<input name='action' value='grant'><input name='id' value='" + id + "'><input name='role' value='administrator'>"
                + "<input name='confirm' value='yes'></form><script>document.getElementById('f').submit()</script></body></html>")
                .getBytes(StandardCharsets.UTF_8);
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
                        body: 'action=grant&role=administrator&confirm=yes&csrf=forged&id=' + arguments[1]}).then(r => done(r.status));
                    """, queue(), id);
            assertEquals(403L, status);
        } finally {
            evil.stop(0);
        }
        assertEquals("PENDING", mine(username).get("pending").get("status").asText(), "nothing was granted");
    }

    @Test
    void theQueueIsForDecidersOnly() {
        String username = newMember("page-not-decider");
        String id = ask(username, Map.of("message", "decide me"));
        try (Browser bob = Browser.start("en")) {
            bob.open(queue());
            bob.signIn("bob", "bob");
            bob.awaitText(By.id("viewgate-message"), "Only administrators decide access requests.");
            assertTrue(bob.driver().findElements(By.id("viewgate-nav-queue")).isEmpty(), "no queue link for non-deciders");
            PageShots.both(bob, "message-forbidden");
            // A signed-in member with a valid token of their own, posting a confirmed decision: refused, nothing decided.
            bob.open(form());
            Object answer = bob.driver().executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                        body: 'action=decline&confirm=yes&id=' + arguments[1] + '&csrf='
                            + encodeURIComponent(document.querySelector('[name=csrf]').value)})
                        .then(r => r.text().then(t => done(r.status + ' ' + t)));""", queue(), id);
            assertTrue(String.valueOf(answer).startsWith("403 "), String.valueOf(answer));
            assertFalse(String.valueOf(answer).contains("decide me"), "the queue is not shown");
        }
        assertEquals("PENDING", mine(username).get("pending").get("status").asText());
        assertEquals(303, http.get(queue(), null).status(), "anonymous visitors are sent to the login");
    }
}
