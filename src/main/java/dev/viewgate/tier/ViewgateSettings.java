package dev.viewgate.tier;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The tier and view-as settings of a realm, read from realm attributes through {@link Setting}, the one catalogue of
 * names, defaults and rules. A missing value takes the documented default; a malformed one is reported and also
 * takes the default, so a typo in the console never breaks requests.
 */
public record ViewgateSettings(
        int viewAsTierMinTier,
        int viewAsUserMinTier,
        int decideMinTier,
        int shareMinTier,
        List<String> requestRoles,
        int viewAsMaxMinutes,
        int guestTokenSeconds) {

    public static final String VIEW_AS_TIER_MIN_TIER = Setting.VIEW_AS_TIER_MIN_TIER.attribute();
    public static final String VIEW_AS_USER_MIN_TIER = Setting.VIEW_AS_USER_MIN_TIER.attribute();
    public static final String DECIDE_MIN_TIER = Setting.DECIDE_MIN_TIER.attribute();
    public static final String SHARE_MIN_TIER = Setting.SHARE_MIN_TIER.attribute();
    public static final String REQUEST_ROLES = Setting.REQUEST_ROLES.attribute();
    public static final String VIEW_AS_MAX_MINUTES = Setting.VIEW_AS_MAX_MINUTES.attribute();
    public static final String GUEST_TOKEN_SECONDS = Setting.GUEST_TOKEN_SECONDS.attribute();

    public static final ViewgateSettings DEFAULTS = from(name -> null, problem -> {
        throw new IllegalStateException(problem);
    });

    public static ViewgateSettings from(Function<String, String> attribute, Consumer<String> problems) {
        return new ViewgateSettings(
                Setting.VIEW_AS_TIER_MIN_TIER.number(attribute, problems),
                Setting.VIEW_AS_USER_MIN_TIER.number(attribute, problems),
                Setting.DECIDE_MIN_TIER.number(attribute, problems),
                Setting.SHARE_MIN_TIER.number(attribute, problems),
                Setting.REQUEST_ROLES.roles(attribute, problems),
                Setting.VIEW_AS_MAX_MINUTES.number(attribute, problems),
                Setting.GUEST_TOKEN_SECONDS.number(attribute, problems));
    }
}
