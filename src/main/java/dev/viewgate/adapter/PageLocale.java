package dev.viewgate.adapter;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.locale.LocaleUpdaterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The language of Viewgate's pages, chosen the way Keycloak's own pages choose it ({@code LocaleSelectorProvider}):
 * {@code ?kc_locale=de} on any page, when the realm has internationalization on and offers that locale. As on
 * Keycloak's login page, a signed-in person's choice is kept as their {@code locale} attribute (and Keycloak's locale
 * cookie), so every later page, Keycloak's included, speaks it; without a choice the attribute, the cookie, the
 * browser's languages and the realm's default apply, in Keycloak's order.
 */
public final class PageLocale {

    public static final String PARAM = LocaleSelectorProvider.KC_LOCALE_PARAM;
    /**
     * What a language link leaves out of the page's address: the choice itself, one-time notices, and the way back
     * as the request gave it (it is carried on only once verified).
     */
    private static final Set<String> NOT_CARRIED = Set.of(PARAM, "done", "request", WayBack.CLIENT_ID, WayBack.REDIRECT_URI);

    private PageLocale() {
    }

    /** The realm's supported locale that {@code kc_locale} names (compared as Keycloak's tags, ignoring case). */
    public static Optional<String> requested(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        String asked = session.getContext().getUri().getQueryParameters().getFirst(PARAM);
        if (!realm.isInternationalizationEnabled() || asked == null || asked.isBlank() || asked.length() > 35) {
            return Optional.empty();
        }
        return realm.getSupportedLocalesStream().filter(tag -> tag.equalsIgnoreCase(asked.strip())).findFirst();
    }

    /**
     * Applies this request's {@code kc_locale} for {@code user}: this page renders in it (the request attribute that
     * Keycloak's selector reads first) and it is stored as Keycloak's login stores a choice made on its page.
     */
    public static void apply(KeycloakSession session, UserModel user) {
        requested(session).ifPresent(tag -> {
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, tag);
            session.getProvider(LocaleUpdaterProvider.class).updateUsersLocale(user, tag);
        });
    }

    /**
     * The language switch: each locale the realm offers, named in its own language, with this page's address
     * (its query kept, so the way back and a search survive) choosing it. Empty when the realm has one language.
     */
    public static List<Map<String, Object>> choices(KeycloakSession session, Locale current) {
        RealmModel realm = session.getContext().getRealm();
        if (!realm.isInternationalizationEnabled()) {
            return List.of();
        }
        List<String> tags = realm.getSupportedLocalesStream().sorted().toList();
        if (tags.size() < 2) {
            return List.of();
        }
        URI kept = Pages.requestUriWithout(session, NOT_CARRIED);
        URI page = WayBack.ofRequest(session).map(back -> Pages.withQuery(kept, back.query())).orElse(kept);
        String separator = page.getRawQuery() == null ? "?" : "&";
        return tags.stream().map(tag -> {
            Locale locale = Locale.forLanguageTag(tag);
            String name = locale.getDisplayName(locale);
            String label = name.isEmpty() ? tag : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
            return Map.<String, Object>of("tag", tag, "label", label,
                    "url", page + separator + PARAM + "=" + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8),
                    "current", tag.equalsIgnoreCase(current.toLanguageTag()));
        }).toList();
    }
}
