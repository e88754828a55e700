package dev.viewgate.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewgate.request.AccessRequestStatus;
import dev.viewgate.tier.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's shell (escaping, policy) and its packaged files (messages complete in en and de, no HTML sinks). */
class ConsoleShellTest {

    private static final Path FILES = Path.of("themes/resources/console");

    private static ConsoleShell.Config config(String realm, boolean setUp) {
        return new ConsoleShell.Config("en", realm, "viewgate-console", "http://127.0.0.1:8443",
                "/realms/" + realm + "/viewgate/console/", "/resources/ab12c", setUp, true);
    }

    @Test
    void configTravelsEscapedInDataAttributes() {
        String attack = "x\"><script>alert(1)</script>'&";
        String html = ConsoleShell.html(config(attack, true));
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("x\""), "the quote cannot end the attribute");
        assertTrue(html.contains("data-realm=\"x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&apos;&amp;\""), html);
        assertEquals(1, html.split("<script", -1).length - 1, "one script element: app.js");
        assertTrue(html.contains("<script src=\"/realms/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&apos;&amp;/viewgate/console/app.js\" defer>"), html);
    }

    @Test
    void shellCarriesThePolicyAndPatternFlyFromKeycloak() {
        String html = ConsoleShell.html(config("demo", true));
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &apos;self&apos;; "
                + "script-src &apos;self&apos;; style-src &apos;self&apos;; img-src &apos;self&apos; data:; connect-src &apos;self&apos;; "
                + "object-src &apos;none&apos;; base-uri &apos;none&apos;\">"), html);
        assertTrue(html.contains("href=\"/resources/ab12c/common/keycloak/vendor/patternfly-v5/patternfly.min.css\""), html);
        assertTrue(html.contains("data-client-id=\"viewgate-console\""), html);
        assertTrue(html.contains("data-server-url=\"http://127.0.0.1:8443\""), html);
        assertFalse(html.contains("web-crypto-shim"), "a secure context needs no shim");
        assertTrue(ConsoleShell.html(new ConsoleShell.Config("en", "demo", "viewgate-console", "http://kc.test",
                "/realms/demo/viewgate/console/", "/resources/ab12c", true, false)).contains("web-crypto-shim.js"));
    }

    @Test
    void withoutTheClientTheShellSaysToRunSetupAndLoadsNoScript() {
        String html = ConsoleShell.html(config("demo", false));
        assertTrue(html.contains("Viewgate is not set up in this realm: run setup"), html);
        assertFalse(html.contains("<script"), html);
        String german = ConsoleShell.html(new ConsoleShell.Config("de", "demo", "viewgate-console", "http://kc.test",
                "/realms/demo/viewgate/console/", "/resources/ab12c", false, true));
        assertTrue(german.contains("Viewgate ist in diesem Realm nicht eingerichtet"), german);
    }

    @Test
    void everyMessageTheScriptUsesExistsInEnglishAndGerman() throws IOException {
        String js = Files.readString(FILES.resolve("app.js"));
        Set<String> used = new TreeSet<>();
        Matcher calls = Pattern.compile("\\bt\\('([A-Za-z.]+)'").matcher(js);
        while (calls.find()) {
            used.add(calls.group(1));
        }
        Matcher refusals = Pattern.compile("'(refused\\.[a-z]+)'").matcher(js);
        while (refusals.find()) {
            used.add(refusals.group(1));
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode en = json.readTree(FILES.resolve("messages-en.json").toFile());
        JsonNode de = json.readTree(FILES.resolve("messages-de.json").toFile());
        Set<String> enKeys = new TreeSet<>();
        en.fieldNames().forEachRemaining(enKeys::add);
        Set<String> deKeys = new TreeSet<>();
        de.fieldNames().forEachRemaining(deKeys::add);
        // A key the script builds from a status ('requests.status.' + status) is used for every status.
        assertTrue(used.remove("requests.status."), "the script names requests' statuses");
        for (AccessRequestStatus status : AccessRequestStatus.values()) {
            used.add("requests.status." + status.name());
        }
        assertEquals(used, enKeys, "every key used, every used key there");
        // English setting descriptions come from the server (the catalogue); German ones from here, one per setting.
        Set<String> germanOnly = new TreeSet<>(enKeys);
        for (Setting setting : Setting.values()) {
            germanOnly.add("setting." + setting.attribute());
        }
        assertEquals(germanOnly, deKeys, "German is complete, with a description of every setting");
        deKeys.forEach(key -> assertFalse(de.get(key).asText().isBlank(), key));
    }

    @Test
    void theScriptHasNoHtmlSinksAndKeepsTokensOutOfStorage() throws IOException {
        String js = Files.readString(FILES.resolve("app.js"));
        String code = js.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
        for (String sink : new String[] {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "localStorage"}) {
            assertFalse(code.contains(sink), sink);
        }
        Matcher stored = Pattern.compile("sessionStorage\\.setItem\\(([^,]+),").matcher(code);
        while (stored.find()) {
            assertEquals("PENDING_KEY", stored.group(1).trim(), "only the sign-in round trip is kept in sessionStorage");
        }
        assertTrue(code.contains("'Bearer ' + tokens.access"));
    }
}
