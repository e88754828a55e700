package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.PageShots;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The themed "My access" page, in headless Chromium, signed in through Keycloak's login page. */
@ExtendWith(KeycloakExtension.class)
class MyAccessPageIT {

    private static final String REALM = KeycloakServer.REALM;

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
            String pending = Long.toString(Admin.expect(http.get(server.viewgateUrl() + "/access-requests/count",
                    http.memberToken("ada")), 200).json().get("count").asLong());
            assertEquals(pending, browser.text(By.id("viewgate-nav-badge")), "the queue's badge on every page");
            browser.screenshot("my-access-ada");
            PageShots.both(browser, "my-access");
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
            browser.awaitText(By.id("viewgate-tier"), "Gestalter (T4)");
            assertTrue(browser.driver().getTitle().startsWith("Mein Zugang"), browser.driver().getTitle());
            assertEquals("Zurück zu Ihrem Konto", back(browser).text());
            assertTrue(browser.text(By.id("viewgate-abilities")).contains("Ansichten mit Gästen teilen"));
            browser.screenshot("my-access-bob-de");
            PageShots.both(browser, "my-access-de");
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

    /** The way back as the page shows it: the link's text (without the arrow) and where it leads. */
    private record Back(String text, String href) {
    }

    private static Back back(Browser browser) {
        WebElement link = browser.element(By.id("viewgate-back"));
        return new Back(link.getText().replace("\u2190", "").strip(), link.getAttribute("href"));
    }

    private String newMember(String prefix, String first, String last, String... roles) {
        String username = prefix + "-" + System.nanoTime();
        String id = admin.createUser(REALM, username, first, last);
        if (roles.length > 0) {
            admin.grantRealmRoles(REALM, id, roles);
        }
        return username;
    }

    /** The user's stored {@code locale} attribute, as Keycloak's admin API shows it; null when unset. */
    private String storedLocale(String username) {
        JsonNode user = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users?exact=true&username=" + username,
                http.adminToken()), 200).json().get(0);
        JsonNode locale = user.path("attributes").path("locale");
        return locale.isMissingNode() ? null : locale.get(0).asText();
    }

    @Test
    void kcLocaleChoosesTheLanguageAsOnKeycloaksOwnPagesAndTheSwitchKeepsIt() {
        String username = newMember("page-locale", "Lena", "Locale", "explorer");
        try (Browser browser = Browser.start("en")) {
            browser.open(page() + "?kc_locale=de");
            Await.until(Duration.ofSeconds(20), () -> browser.element(By.tagName("html")).getAttribute("lang"), "de"::equals,
                    "Keycloak's login in German");
            browser.signIn(username, username);
            browser.awaitText(By.id("viewgate-tier"), "Entdecker (T2)");
            assertTrue(browser.driver().getTitle().startsWith("Mein Zugang"), browser.driver().getTitle());
            assertEquals("de", browser.element(By.tagName("html")).getAttribute("lang"));
            assertEquals("true", browser.element(By.id("viewgate-lang-de")).getAttribute("aria-current"));
            assertEquals("Deutsch", browser.text(By.id("viewgate-lang-de")));
            assertEquals("English", browser.text(By.id("viewgate-lang-en")));
            assertEquals("de", storedLocale(username), "kept as Keycloak's login keeps a choice made on its page");
            PageShots.both(browser, "my-access-language");

            browser.element(By.id("viewgate-lang-en")).click();
            browser.awaitText(By.id("viewgate-tier"), "Explorer (T2)");
            assertEquals("en", storedLocale(username));
            browser.open(server.viewgateUrl() + "/access-requests/form");
            browser.awaitText(By.cssSelector("h1.viewgate-title"), "Request more access");
            browser.element(By.id("viewgate-lang-de")).click();
            browser.awaitText(By.cssSelector("h1.viewgate-title"), "Mehr Zugang anfragen");
            assertEquals("Ihre aktuelle Stufe: Entdecker (T2)", browser.text(By.id("viewgate-current-tier")));
            browser.open(page());
            browser.awaitText(By.id("viewgate-tier"), "Entdecker (T2)");

            // What the realm does not offer, or is no locale at all, changes nothing and is shown nowhere.
            for (String value : List.of("fr", "xx-evil", "\"><script>window.__xss=1</script>", "de\r\nX-Evil: 1", "", "en-",
                    "%", "{x}", "d".repeat(3000))) {
                browser.open(page() + "?kc_locale=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                browser.awaitText(By.id("viewgate-tier"), "Entdecker (T2)");
                assertEquals("de", storedLocale(username), value);
                assertNull(browser.driver().executeScript("return window.__xss === undefined ? null : 'ran';"), value);
                assertFalse(browser.driver().getPageSource().contains("<script>window.__xss"), value);
            }
            browser.open(page() + "?kc_locale=EN");
            browser.awaitText(By.id("viewgate-tier"), "Explorer (T2)");
            assertEquals("en", storedLocale(username), "tags compare as Keycloak's do, ignoring case");
        }
    }

    @Test
    void everyPageLeadsBackToTheAppItCameFromElseToTheAccount() {
        String username = newMember("page-back", "Ben", "Back", "viewer");
        String app = "http://localhost:8081/views/client-report";
        String context = "client_id=demo-app&redirect_uri=" + URLEncoder.encode(app, StandardCharsets.UTF_8);
        try (Browser browser = Browser.start("en")) {
            browser.open(page() + "?" + context);
            browser.signIn(username, username);
            browser.awaitText(By.id("viewgate-tier"), "Viewer (T1)");
            assertEquals(new Back("Back to Acme Analytics (demo app)", app), back(browser));
            for (String link : List.of("viewgate-nav-home", "viewgate-brand", "viewgate-request-link", "viewgate-lang-de")) {
                String href = browser.element(By.id(link)).getAttribute("href");
                assertTrue(href.contains(context), link + " carries the way back on: " + href);
            }
            PageShots.both(browser, "my-access-back");

            browser.element(By.id("viewgate-request-link")).click();
            browser.awaitText(By.cssSelector("h1.viewgate-title"), "Request more access");
            assertEquals(new Back("Back to Acme Analytics (demo app)", app), back(browser));
            new Select(browser.element(By.id("viewgate-desired-role"))).selectByValue("explorer");
            browser.element(By.id("viewgate-submit")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was sent.");
            assertTrue(browser.driver().getCurrentUrl().contains(context), "kept through the post: " + browser.driver().getCurrentUrl());
            assertEquals(new Back("Back to Acme Analytics (demo app)", app), back(browser));
            browser.element(By.id("viewgate-withdraw")).click();
            browser.awaitText(By.id("viewgate-notice"), "Your request was withdrawn.");
            assertEquals(new Back("Back to Acme Analytics (demo app)", app), back(browser));

            browser.open(page() + "?client_id=demo-app");
            assertEquals(new Back("Back to Acme Analytics (demo app)", "http://localhost:8081/"), back(browser),
                    "without a redirect URI: the app's registered base URL");

            browser.open(page());
            assertEquals(new Back("Back to your account", server.realmUrl() + "/account/"), back(browser));
            browser.element(By.id("viewgate-back")).click();
            Await.until(Duration.ofSeconds(20), () -> browser.driver().getCurrentUrl(),
                    url -> url.startsWith(server.realmUrl() + "/account"), "Keycloak's account page");
        }
    }

    @Test
    void foreignAddressesAreNeverOfferedAsTheWayBack() throws Exception {
        String username = newMember("page-foreign", "Fritz", "Foreign", "viewer");
        List<String> foreign = List.of("http://evil.example/", "//evil.example", "https:evil.example", "https://legit@evil.example",
                "https%3A%2F%2Fevil.example", "http://localhost:8081.evil.example/", "http://localhost:8081@evil.example/",
                "http://\uFF4C\uFF4F\uFF43\uFF41\uFF4C\uFF48\uFF4F\uFF53\uFF54:8081/", "http://localhost%3A8081/",
                "javascript:alert(1)//evil.example", "http://localhost:8082/evil.example", "http://localhost:8081/?code=evil.example",
                "http://localhost:8081/{evil.example}", "data:text/html,evil.example");
        try (Browser browser = Browser.start("en")) {
            browser.open(page());
            browser.signIn(username, username);
            String account = server.realmUrl() + "/account/";
            for (String redirect : foreign) {
                for (String path : List.of("/", "/access-requests/form")) {
                    browser.open(server.viewgateUrl() + path + "?client_id=demo-app&redirect_uri="
                            + URLEncoder.encode(redirect, StandardCharsets.UTF_8));
                    assertEquals(new Back("Back to your account", account), back(browser), redirect);
                    assertFalse(browser.driver().getPageSource().contains("evil.example"), redirect + " appears on " + path);
                }
            }
            for (String client : List.of("no-such-client", "evil.example", "\"><script>window.__xss=1</script>", "{x}")) {
                browser.open(page() + "?client_id=" + URLEncoder.encode(client, StandardCharsets.UTF_8) + "&redirect_uri="
                        + URLEncoder.encode("http://localhost:8081/", StandardCharsets.UTF_8));
                assertEquals(new Back("Back to your account", account), back(browser), client);
                assertNull(browser.driver().executeScript("return window.__xss === undefined ? null : 'ran';"), client);
            }

            // After a form post the redirect carries only a way back that verified.
            String cookies = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; "));
            browser.open(server.viewgateUrl() + "/access-requests/form");
            String csrf = browser.element(By.name("csrf")).getAttribute("value");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (Map.Entry<String, Boolean> query : Map.of(
                    "client_id=demo-app&redirect_uri=" + URLEncoder.encode("http://evil.example/", StandardCharsets.UTF_8), false,
                    "client_id=demo-app&redirect_uri=" + URLEncoder.encode("http://localhost:8081/ok", StandardCharsets.UTF_8), true)
                    .entrySet()) {
                HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(server.viewgateUrl()
                                + "/access-requests/form?" + query.getKey())).header("Cookie", cookies)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("action=submit&message=hello&csrf=" + csrf)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(303, posted.statusCode(), posted.body());
                String location = posted.headers().firstValue("Location").orElseThrow();
                assertFalse(location.contains("evil"), location);
                assertEquals(query.getValue(), location.contains("client_id=demo-app"), location);
            }
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
