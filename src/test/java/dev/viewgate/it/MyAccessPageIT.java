package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The themed "My access" page, in headless Chromium, signed in through Keycloak's login page. */
@ExtendWith(KeycloakExtension.class)
class MyAccessPageIT {

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    MyAccessPageIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String page() {
        return server.viewgateUrl() + "/";
    }

    @Test
    void administratorSignsInAndSeesTheirTier() {
        try (Browser browser = Browser.start("en")) {
            browser.open(page());
            assertTrue(browser.driver().getCurrentUrl().contains("/protocol/openid-connect/auth"), "sent to the login");
            browser.signIn("ada", "ada");
            browser.awaitText(By.id("viewgate-tier"), "Administrator (T7)");
            browser.awaitText(By.id("viewgate-name"), "Ada Admin");
            browser.awaitText(By.id("viewgate-email"), "ada@viewgate.test");
            assertEquals(page(), browser.driver().getCurrentUrl(), "back on the page, the code dropped from the URL");
            assertTrue(browser.driver().getTitle().startsWith("My access"), browser.driver().getTitle());
            String abilities = browser.text(By.id("viewgate-abilities"));
            assertTrue(abilities.contains("Decide access requests"), abilities);
            browser.screenshot("my-access-ada");
        }
    }

    @Test
    void memberWithoutTierSeesNoTier() {
        try (Browser browser = Browser.start("en")) {
            browser.open(page());
            browser.signIn("nora", "nora");
            browser.awaitText(By.id("viewgate-tier"), "No tier: you are not a member of this workspace yet");
            String abilities = browser.text(By.id("viewgate-abilities"));
            assertFalse(abilities.contains("Decide access requests"), abilities);
            assertTrue(abilities.contains("Ask for more access"), abilities);
        }
    }

    @Test
    void pageSpeaksGerman() {
        try (Browser browser = Browser.start("de")) {
            browser.open(page());
            browser.signIn("bob", "bob");
            browser.awaitText(By.id("viewgate-tier"), "Builder (T4)");
            assertTrue(browser.driver().getTitle().startsWith("Mein Zugang"), browser.driver().getTitle());
            browser.screenshot("my-access-bob-de");
        }
    }

    @Test
    void markupInATierLabelIsShownAsText() {
        // Keycloak's user profile refuses markup in names, but a role description (the tier label) takes any text.
        String realm = "page-xss-it";
        String attack = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        admin.createRealm(realm);
        try {
            Admin.expect(http.postJson(admin.realmAdminUrl(realm) + "/viewgate/setup", http.adminToken(), "{}"), 200);
            admin.createRealmRole(realm, java.util.Map.of("name", "member", "description", attack,
                    "attributes", java.util.Map.of("viewgate.tier", java.util.List.of("1"))));
            String user = admin.createUser(realm, "mallory", "Mallory", "Markup");
            admin.grantRealmRoles(realm, user, "member");
            try (Browser browser = Browser.start("en")) {
                browser.open(server.baseUrl() + "/realms/" + realm + "/viewgate/");
                browser.signIn("mallory", "mallory");
                assertEquals(attack + " (T1)", browser.text(By.id("viewgate-tier")));
                String source = browser.driver().getPageSource();
                assertFalse(source.contains("<img src=x"), "the label is escaped in the HTML");
                assertFalse(source.contains("<script>alert(2)"), "the label is escaped in the HTML");
                assertTrue(browser.driver().findElements(By.cssSelector("main img, main script")).isEmpty());
            }
        } finally {
            admin.deleteRealm(realm);
        }
    }

    @Test
    void anonymousVisitIsRedirectedToTheRealmLoginThroughViewgatePages() {
        Http.Result result = http.get(page(), null);
        assertEquals(303, result.status());
        URI login = URI.create(result.header("Location"));
        assertEquals(server.realmUrl() + "/protocol/openid-connect/auth",
                login.getScheme() + "://" + login.getAuthority() + login.getPath());
        String query = URLDecoder.decode(login.getRawQuery(), StandardCharsets.UTF_8);
        assertTrue(query.contains("client_id=viewgate-pages"), query);
        assertTrue(query.contains("redirect_uri=" + page() + "&"), query);
    }

    @Test
    void aCallbackWithoutSessionShowsAnErrorInsteadOfLooping() {
        Http.Result result = http.send(http.request(page() + "?code=forged&state=x", null).header("Accept", "text/html"));
        assertEquals(401, result.status());
        assertTrue(result.body().contains("Sign-in did not complete"), result.body());
    }
}
