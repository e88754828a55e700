package dev.viewgate.tier;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Viewgate's per-realm settings, read from realm attributes. A missing value takes the documented default; a
 * malformed one is reported and also takes the default, so a typo in the console never breaks requests.
 */
public record ViewgateSettings(
        int viewAsTierMinTier,
        int viewAsUserMinTier,
        int decideMinTier,
        int shareMinTier,
        List<String> requestRoles,
        int viewAsMaxMinutes,
        int guestTokenSeconds) {

    public static final String VIEW_AS_TIER_MIN_TIER = "viewgate.viewAsTier.minTier";
    public static final String VIEW_AS_USER_MIN_TIER = "viewgate.viewAsUser.minTier";
    public static final String DECIDE_MIN_TIER = "viewgate.decide.minTier";
    public static final String SHARE_MIN_TIER = "viewgate.share.minTier";
    public static final String REQUEST_ROLES = "viewgate.request.roles";
    public static final String VIEW_AS_MAX_MINUTES = "viewgate.viewAs.maxMinutes";
    public static final String GUEST_TOKEN_SECONDS = "viewgate.guest.tokenSeconds";

    public static final ViewgateSettings DEFAULTS = new ViewgateSettings(
            2, 6, 7, 4, List.of("explorer", "builder", "administrator"), 60, 300);

    public static ViewgateSettings from(Function<String, String> attribute, Consumer<String> problems) {
        Reader reader = new Reader(attribute, problems);
        return new ViewgateSettings(
                reader.positiveInt(VIEW_AS_TIER_MIN_TIER, DEFAULTS.viewAsTierMinTier),
                reader.positiveInt(VIEW_AS_USER_MIN_TIER, DEFAULTS.viewAsUserMinTier),
                reader.positiveInt(DECIDE_MIN_TIER, DEFAULTS.decideMinTier),
                reader.positiveInt(SHARE_MIN_TIER, DEFAULTS.shareMinTier),
                reader.roleList(REQUEST_ROLES, DEFAULTS.requestRoles),
                reader.positiveInt(VIEW_AS_MAX_MINUTES, DEFAULTS.viewAsMaxMinutes),
                reader.positiveInt(GUEST_TOKEN_SECONDS, DEFAULTS.guestTokenSeconds));
    }

    private record Reader(Function<String, String> attribute, Consumer<String> problems) {

        int positiveInt(String name, int fallback) {
            String value = attribute.apply(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            int parsed = TierLadder.parseLevel(value);
            if (parsed <= 0) {
                problems.accept("realm attribute " + name + " = '" + value + "' is not a positive integer; using " + fallback);
                return fallback;
            }
            return parsed;
        }

        List<String> roleList(String name, List<String> fallback) {
            String value = attribute.apply(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            List<String> roles = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (roles.isEmpty()) {
                problems.accept("realm attribute " + name + " = '" + value + "' names no role; using " + fallback);
                return fallback;
            }
            return roles;
        }
    }
}
