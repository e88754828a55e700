package dev.viewgate.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewgateSettingsTest {

    @Test
    void missingAttributesTakeTheDocumentedDefaults() {
        List<String> problems = new ArrayList<>();
        ViewgateSettings settings = ViewgateSettings.from(Map.<String, String>of()::get, problems::add);
        assertEquals(new ViewgateSettings(2, 6, 7, 4, List.of("explorer", "builder", "administrator"), 60, 300), settings);
        assertEquals(List.of(), problems);
    }

    @Test
    void attributesOverrideDefaults() {
        ViewgateSettings settings = ViewgateSettings.from(Map.of(
                ViewgateSettings.DECIDE_MIN_TIER, "8",
                ViewgateSettings.REQUEST_ROLES, " viewer , owner ,",
                ViewgateSettings.VIEW_AS_MAX_MINUTES, "15")::get, p -> { throw new AssertionError(p); });
        assertEquals(8, settings.decideMinTier());
        assertEquals(List.of("viewer", "owner"), settings.requestRoles());
        assertEquals(15, settings.viewAsMaxMinutes());
        assertEquals(4, settings.shareMinTier());
    }

    @Test
    void malformedValuesAreReportedAndFallBack() {
        List<String> problems = new ArrayList<>();
        ViewgateSettings settings = ViewgateSettings.from(Map.of(
                ViewgateSettings.SHARE_MIN_TIER, "four",
                ViewgateSettings.GUEST_TOKEN_SECONDS, "0",
                ViewgateSettings.REQUEST_ROLES, " , ")::get, problems::add);
        assertEquals(ViewgateSettings.DEFAULTS, settings);
        assertEquals(3, problems.size(), problems.toString());
    }
}
