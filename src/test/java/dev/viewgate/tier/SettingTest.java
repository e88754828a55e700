package dev.viewgate.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings catalogue's rule table: what each setting accepts, its canonical form, and what a stored value gives. */
class SettingTest {

    @ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            // setting                        | value                 | canonical (NULL: refused)
            "VIEW_AS_TIER_MIN_TIER            | 2                     | 2",
            "VIEW_AS_TIER_MIN_TIER            | ' 7 '                 | 7",
            "VIEW_AS_TIER_MIN_TIER            | 007                   | 7",
            "VIEW_AS_TIER_MIN_TIER            | 999999                | 999999",
            "VIEW_AS_TIER_MIN_TIER            | 1000000               | NULL",
            "VIEW_AS_TIER_MIN_TIER            | 0                     | NULL",
            "VIEW_AS_TIER_MIN_TIER            | -1                    | NULL",
            "VIEW_AS_TIER_MIN_TIER            | +3                    | NULL",
            "VIEW_AS_TIER_MIN_TIER            | four                  | NULL",
            "VIEW_AS_TIER_MIN_TIER            | 2.5                   | NULL",
            "VIEW_AS_TIER_MIN_TIER            | 1e3                   | NULL",
            "VIEW_AS_TIER_MIN_TIER            | ٣                     | NULL",
            "DECIDE_MIN_TIER                  | 8                     | 8",
            "SHARE_MIN_TIER                   | 99999999999999999999  | NULL",
            "VIEW_AS_USER_MIN_TIER            | 2147483648            | NULL",
            "VIEW_AS_MAX_MINUTES              | 1                     | 1",
            "VIEW_AS_MAX_MINUTES              | 1440                  | 1440",
            "VIEW_AS_MAX_MINUTES              | 1441                  | NULL",
            "VIEW_AS_MAX_MINUTES              | 0                     | NULL",
            "GUEST_TOKEN_SECONDS              | 86400                 | 86400",
            "GUEST_TOKEN_SECONDS              | 86401                 | NULL",
            "AUDIT_RETENTION_DAYS             | 3                     | 3",
            "AUDIT_RETENTION_DAYS             | 0                     | NULL",
            "AUDIT_RETENTION_DAYS             | 36501                 | NULL",
            "AUDIT_TIER_CHANGE_MEMBER_LIMIT   | 100000                | 100000",
            "AUDIT_TIER_CHANGE_MEMBER_LIMIT   | 100001                | NULL",
            "GUEST_DENIALS_WINDOW_SECONDS     | 0                     | NULL",
            "GUEST_DENIALS_WINDOW_SECONDS     | 86400                 | 86400",
            "GUEST_DENIALS_RECORDED           | 0                     | 0",
            "GUEST_DENIALS_RECORDED           | 10000                 | 10000",
            "GUEST_DENIALS_RECORDED           | 10001                 | NULL",
            "REQUEST_ROLES                    | viewer                | viewer",
            "REQUEST_ROLES                    | ' viewer , owner ,'   | viewer,owner",
            "REQUEST_ROLES                    | 'viewer,viewer,owner' | viewer,owner",
            "REQUEST_ROLES                    | ' , '                 | NULL",
            "REQUEST_ROLES                    | ','                   | NULL",
    })
    void checksEachValueAsViewgateReadsIt(Setting setting, String value, String canonical) {
        Setting.Reading reading = setting.check(value);
        assertEquals(canonical, reading.canonical(), String.valueOf(reading.problem()));
        assertEquals(canonical == null, !reading.valid());
        if (canonical == null) {
            assertNotNull(reading.problem());
        }
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void emptyBlankAndHugeValuesAreRefusedForEverySetting(Setting setting) {
        assertFalse(setting.check(null).valid());
        assertFalse(setting.check("").valid());
        assertFalse(setting.check("   ").valid());
        assertFalse(setting.check("1".repeat(10_240)).valid(), "10 kB");
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everyDefaultPassesItsOwnRule(Setting setting) {
        assertTrue(setting.attribute().startsWith("viewgate."));
        assertFalse(setting.description().isBlank());
        if (setting.defaultValue() != null) {
            assertEquals(setting.defaultValue(), setting.check(setting.defaultValue()).canonical());
        }
    }

    static Stream<Arguments> stored() {
        return Stream.of(
                Arguments.of(Setting.DECIDE_MIN_TIER, null, "7", 0),
                Arguments.of(Setting.DECIDE_MIN_TIER, "  ", "7", 0),
                Arguments.of(Setting.DECIDE_MIN_TIER, " 8 ", "8", 0),
                Arguments.of(Setting.DECIDE_MIN_TIER, "eight", "7", 1),
                Arguments.of(Setting.AUDIT_RETENTION_DAYS, null, null, 0),
                Arguments.of(Setting.AUDIT_RETENTION_DAYS, "-3", null, 1),
                Arguments.of(Setting.REQUEST_ROLES, ",", "explorer,builder,administrator", 1));
    }

    @ParameterizedTest
    @MethodSource("stored")
    void aStoredValueIsUsedWhenValidAndReportedWhenNot(Setting setting, String stored, String effective, int problems) {
        List<String> reported = new ArrayList<>();
        assertEquals(effective, setting.effective(stored, reported::add));
        assertEquals(problems, reported.size(), reported.toString());
    }

    @ParameterizedTest(name = "role name {0} is refused")
    @ValueSource(strings = {"\u00A0\u00A0", "vie\u200Bwer", "\u202Eresu", "view\u2028er", "a\u0007b", "x\uD800y",
            "owner,ad\u2009min"})
    void roleNamesThatDoNotShowAsThemselvesAreRefused(String value) {
        Setting.Reading reading = Setting.REQUEST_ROLES.check(value);
        assertFalse(reading.valid(), value);
        assertEquals("names a role with a control, invisible or direction-changing character", reading.problem());
    }

    @Test
    void aMalformedValueIsNotEchoedInFull() {
        List<String> reported = new ArrayList<>();
        Setting.SHARE_MIN_TIER.effective("x".repeat(10_000), reported::add);
        assertTrue(reported.get(0).length() < 300, reported.get(0));
    }

    @Test
    void numbersAsTheCodeUsesThem() {
        Map<String, String> attributes = Map.of("viewgate.audit.retentionDays", "30", "viewgate.guest.denials.recorded", "0");
        assertEquals(30, Setting.AUDIT_RETENTION_DAYS.number(attributes::get, p -> { throw new AssertionError(p); }));
        assertEquals(0, Setting.GUEST_DENIALS_RECORDED.number(attributes::get, p -> { throw new AssertionError(p); }));
        assertEquals(0, Setting.AUDIT_RETENTION_DAYS.number(Map.<String, String>of()::get, p -> { throw new AssertionError(p); }),
                "unset retention: keep forever");
        assertEquals(500, Setting.AUDIT_TIER_CHANGE_MEMBER_LIMIT.number(Map.<String, String>of()::get, p -> { }));
    }

    @Test
    void namesAreUniqueAndFoundByAttribute() {
        assertEquals(Setting.values().length, Arrays.stream(Setting.values()).map(Setting::attribute).distinct().count());
        for (Setting setting : Setting.values()) {
            assertEquals(setting, Setting.byAttribute(setting.attribute()).orElseThrow());
        }
        assertTrue(Setting.byAttribute("viewgate.nope").isEmpty());
        assertTrue(Setting.byAttribute(null).isEmpty());
    }

    @Test
    void theCatalogueHoldsEveryAttributeTheReadmeDocuments() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(
                java.nio.file.Path.of(System.getProperty("viewgate.project.dir", "."), "README.md"));
        List<String> documented = new ArrayList<>();
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(viewgate\\.[A-Za-z.]+)` \\|").matcher(readme);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(documented, Arrays.stream(Setting.values()).map(Setting::attribute).toList());
        assertNull(Setting.AUDIT_RETENTION_DAYS.defaultValue());
    }
}
