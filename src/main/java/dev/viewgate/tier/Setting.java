package dev.viewgate.tier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The catalogue of every realm attribute Viewgate reads: its name, meaning, default and the one rule that reads it.
 * The code that uses a setting reads it here, and the admin API validates a new value here, so the two never disagree.
 *
 * <p>A value is read trimmed. Numbers are plain decimal digits (no sign) within the setting's range; a role list is
 * comma-separated role names, at least one. An unset or blank attribute takes the default; a malformed one is
 * reported and also takes the default, so a typo never breaks requests.
 */
public enum Setting {

    VIEW_AS_TIER_MIN_TIER("viewgate.viewAsTier.minTier", "2", 1, Setting.MAX_TIER,
            "Lowest tier that may view as a tier"),
    VIEW_AS_USER_MIN_TIER("viewgate.viewAsUser.minTier", "6", 1, Setting.MAX_TIER,
            "Lowest tier that may view as a member"),
    DECIDE_MIN_TIER("viewgate.decide.minTier", "7", 1, Setting.MAX_TIER,
            "Lowest tier that decides access requests (realm-management manage-users also may)"),
    SHARE_MIN_TIER("viewgate.share.minTier", "4", 1, Setting.MAX_TIER,
            "Lowest tier that registers views and shares them with guests"),
    REQUEST_ROLES("viewgate.request.roles", "explorer,builder,administrator",
            "Roles offered in the access-request form, comma-separated"),
    VIEW_AS_MAX_MINUTES("viewgate.viewAs.maxMinutes", "60", 1, 1440,
            "How long a view as lasts, in minutes"),
    GUEST_TOKEN_SECONDS("viewgate.guest.tokenSeconds", "300", 1, 86_400,
            "Lifetime of a guest access token in seconds (never beyond its grant's expiry)"),
    AUDIT_RETENTION_DAYS("viewgate.audit.retentionDays", null, 1, 36_500,
            "Audit rows older than this many days are removed (hourly); unset keeps them forever"),
    AUDIT_TIER_CHANGE_MEMBER_LIMIT("viewgate.audit.tierChangeMemberLimit", "500", 1, 100_000,
            "Members examined per tier change made through the admin API; beyond it one summary row"),
    GUEST_DENIALS_WINDOW_SECONDS("viewgate.guest.denials.windowSeconds", "60", 1, 86_400,
            "Window of a refused-exchange budget, in seconds"),
    GUEST_DENIALS_RECORDED("viewgate.guest.denials.recorded", "10", 0, 10_000,
            "Refused exchanges per budget and window audited one by one; the rest are counted in one row");

    /** What a value may be. */
    public enum Kind { NUMBER, ROLE_LIST }

    /** Tier levels are at most six digits ({@link TierLadder}). */
    public static final int MAX_TIER = 999_999;
    /** No value of any setting is longer than this. */
    public static final int MAX_LENGTH = 1000;
    static final int MAX_ROLE_NAME = 255;

    /** A value as Viewgate reads it: its canonical form ({@code "5"}, {@code "a,b"}), or why it is refused ("must be ..."). */
    public record Reading(String canonical, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    private final String attribute;
    private final Kind kind;
    private final String defaultValue;
    private final int min;
    private final int max;
    private final String description;

    Setting(String attribute, String defaultValue, int min, int max, String description) {
        this.attribute = attribute;
        this.kind = Kind.NUMBER;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.description = description;
    }

    Setting(String attribute, String defaultValue, String description) {
        this.attribute = attribute;
        this.kind = Kind.ROLE_LIST;
        this.defaultValue = defaultValue;
        this.min = 0;
        this.max = 0;
        this.description = description;
    }

    public String attribute() {
        return attribute;
    }

    public Kind kind() {
        return kind;
    }

    /** The default, or null when unset means "off" ({@link #AUDIT_RETENTION_DAYS}: keep forever). */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The smallest value of a number; null for a role list. */
    public Integer min() {
        return kind == Kind.NUMBER ? min : null;
    }

    /** The largest value of a number; null for a role list. */
    public Integer max() {
        return kind == Kind.NUMBER ? max : null;
    }

    public static Optional<Setting> byAttribute(String name) {
        for (Setting setting : values()) {
            if (setting.attribute.equals(name)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** Reads a value someone wants to set; blank is refused (unsetting is a reset, not a value). */
    public Reading check(String value) {
        if (value == null || value.isBlank()) {
            return refuse("is empty; reset the setting to use its default");
        }
        if (value.length() > MAX_LENGTH) {
            return refuse("is longer than " + MAX_LENGTH + " characters");
        }
        String trimmed = value.strip();
        return kind == Kind.NUMBER ? checkNumber(trimmed) : checkRoles(trimmed);
    }

    /** What Viewgate uses for a stored value: the value read, or the default when unset or malformed. */
    public String effective(String stored, Consumer<String> problems) {
        if (stored == null || stored.isBlank()) {
            return defaultValue;
        }
        Reading reading = check(stored);
        if (reading.valid()) {
            return reading.canonical();
        }
        String shown = stored.length() > 40 ? stored.substring(0, 40) + "..." : stored;
        problems.accept("realm attribute " + attribute + " = '" + shown + "' " + reading.problem() + "; using "
                + (defaultValue == null ? "no value" : defaultValue));
        return defaultValue;
    }

    /** A number setting as Viewgate uses it; 0 when it is unset and has no default. */
    public int number(Function<String, String> attributes, Consumer<String> problems) {
        if (kind != Kind.NUMBER) {
            throw new IllegalStateException(attribute + " is not a number");
        }
        String effective = effective(attributes.apply(attribute), problems);
        return effective == null ? 0 : Integer.parseInt(effective);
    }

    /** A role-list setting as Viewgate uses it. */
    public List<String> roles(Function<String, String> attributes, Consumer<String> problems) {
        if (kind != Kind.ROLE_LIST) {
            throw new IllegalStateException(attribute + " is not a role list");
        }
        return List.of(effective(attributes.apply(attribute), problems).split(","));
    }

    private Reading checkNumber(String trimmed) {
        if (trimmed.length() > 9 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return refuse("must be a whole number from " + min + " to " + max);
        }
        int parsed = Integer.parseInt(trimmed);
        if (parsed < min || parsed > max) {
            return refuse("must be a whole number from " + min + " to " + max);
        }
        return new Reading(Integer.toString(parsed), null);
    }

    private Reading checkRoles(String trimmed) {
        List<String> roles = new ArrayList<>();
        for (String part : trimmed.split(",")) {
            String role = part.strip();
            if (role.isEmpty()) {
                continue;
            }
            if (role.length() > MAX_ROLE_NAME) {
                return refuse("names a role longer than " + MAX_ROLE_NAME + " characters");
            }
            if (role.chars().anyMatch(Setting::unseen)) {
                return refuse("names a role with a control, invisible or direction-changing character");
            }
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        if (roles.isEmpty()) {
            return refuse("names no role");
        }
        return new Reading(String.join(",", roles), null);
    }

    /**
     * A character that does not show as itself: controls, format characters (zero-width, bidi overrides), line and
     * paragraph separators, spaces other than the plain one (a name of no-break spaces looks empty), lone surrogates.
     */
    private static boolean unseen(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || type == Character.SPACE_SEPARATOR && c != ' ';
    }

    private Reading refuse(String why) {
        return new Reading(null, why);
    }
}
