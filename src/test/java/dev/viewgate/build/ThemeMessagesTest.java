package dev.viewgate.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewgate.base.RelativeTime;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLabels;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The themed pages' and emails' messages: German says everything English says (same keys, same placeholders), every
 * key a template names exists, every error code the pages can show has its text, and the tier names of the demo
 * ladder have German names. Keycloak formats each message with {@link java.text.MessageFormat}, where a lone
 * apostrophe swallows text; none may appear.
 */
class ThemeMessagesTest {

    private static final Path THEMES = Path.of("themes");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("msg\\(\"([A-Za-z0-9_]+)\"\\s*[,)]");
    /** A code thrown ({@code ViewgateException.forbidden("code", ...)}) or a verdict's ({@code ABOVE_OWN_TIER("above_own_tier")}). */
    private static final Pattern ERROR_CODE = Pattern.compile("(?:ViewgateException\\.[a-zA-Z]+|\\b[A-Z][A-Z_]+)\\(\"([a-z_]+)\"");

    private static Properties load(String locale) throws IOException {
        Properties messages = new Properties();
        try (Reader reader = Files.newBufferedReader(THEMES.resolve("messages/messages_" + locale + ".properties"),
                StandardCharsets.UTF_8)) {
            messages.load(reader);
        }
        return messages;
    }

    private static Set<String> keys(Properties messages) {
        return messages.stringPropertyNames().stream().filter(k -> !k.startsWith(TierLabels.KEY_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void germanHasEveryKeyWithTheSamePlaceholders() throws IOException {
        Properties en = load("en");
        Properties de = load("de");
        assertEquals(keys(en), keys(de));
        for (String key : keys(en)) {
            assertEquals(placeholders(en.getProperty(key)), placeholders(de.getProperty(key)), key);
        }
    }

    @Test
    void noLoneApostropheForMessageFormat() throws IOException {
        for (String locale : List.of("en", "de")) {
            Properties messages = load(locale);
            for (String key : messages.stringPropertyNames()) {
                String text = messages.getProperty(key).replace("''", "");
                assertTrue(!text.contains("'"), locale + " " + key + ": " + messages.getProperty(key));
            }
        }
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Properties en = load("en");
        Properties de = load("de");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(THEMES.resolve("templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".ftl")).toList()) {
                Matcher keys = TEMPLATE_KEY.matcher(Files.readString(template));
                while (keys.find()) {
                    named.add(keys.group(1));
                }
            }
        }
        // Keys the templates build from a prefix.
        Stream.of("submitted", "updated", "withdrawn").forEach(n -> named.add("viewgateNotice_" + n));
        Stream.of("PENDING", "GRANTED", "DECLINED", "WITHDRAWN").forEach(s -> named.add("viewgateStatus_" + s));
        named.addAll(List.of("viewgateHistoryNote", "viewgateHistoryReason"));
        for (long seconds : new long[] {0, 60, 120, 3600, 7200, 86400, 172800, 2592000, 5184000, 31536000, 63072000}) {
            named.add(RelativeTime.of(Duration.ofSeconds(seconds)).key());
        }
        assertTrue(named.size() > 60, "found the templates' keys: " + named);
        for (String key : named) {
            assertTrue(en.containsKey(key), "en lacks " + key);
            assertTrue(de.containsKey(key), "de lacks " + key);
        }
    }

    @Test
    void everyErrorCodeOfThePagesCapabilitiesHasItsText() throws IOException {
        Properties en = load("en");
        Set<String> codes = new TreeSet<>();
        for (String pkg : List.of("request", "viewas", "tier", "adapter", "base")) {
            try (Stream<Path> sources = Files.walk(Path.of("src/main/java/dev/viewgate", pkg))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher code = ERROR_CODE.matcher(Files.readString(source));
                    while (code.find()) {
                        codes.add(code.group(1));
                    }
                }
            }
        }
        assertTrue(codes.contains("above_own_tier"), codes.toString());
        codes.forEach(code -> assertTrue(en.containsKey("viewgateError_" + code), "no text for error " + code));
    }

    @Test
    void theDemoLaddersTiersHaveGermanNamesAndEnglishKeepsTheRoleDescription() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Path.of("realm-export/viewgate-demo-realm.json").toFile());
        TierLabels german = TierLabels.of(load("de"));
        TierLabels english = TierLabels.of(load("en"));
        int tiers = 0;
        for (JsonNode role : realm.path("roles").path("realm")) {
            JsonNode level = role.path("attributes").path("viewgate.tier");
            if (level.isMissingNode()) {
                continue;
            }
            tiers++;
            Tier tier = new Tier(level.get(0).asInt(), role.get("name").asText(), role.get("description").asText());
            assertTrue(load("de").containsKey(TierLabels.KEY_PREFIX + tier.role()), "no German name for " + tier.role());
            assertEquals(tier.label() + " (T" + tier.level() + ")", english.withLevel(tier), "English is the description");
            assertTrue(german.withLevel(tier).endsWith(" (T" + tier.level() + ")"), german.withLevel(tier));
        }
        assertEquals(8, tiers);
        assertEquals("Entdecker (T2)", german.withLevel(new Tier(2, "explorer", "Explorer")));
        assertEquals("Custom tier (T9)", german.withLevel(new Tier(9, "custom", "Custom tier")), "no message: the description");
        assertEquals("", german.withLevel(Tier.NONE));
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
