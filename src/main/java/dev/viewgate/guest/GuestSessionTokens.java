package dev.viewgate.guest;

import dev.viewgate.tier.TierService;
import java.util.Optional;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.RefreshToken;

/**
 * Bounds every token of a guest session by {@link GuestTokenLifetime}, whichever Keycloak grant issues it: the guest
 * exchange, a standard token exchange of a guest token, a refresh of a refresh token obtained that way. Member
 * sessions are left alone at the cost of reading one session note.
 */
public final class GuestSessionTokens {

    /** User-session note with the grant's expiry (epoch milliseconds, or {@value #NEVER}). */
    static final String EXPIRES_NOTE = "viewgate.guest.expiresAt";
    private static final String NEVER = "never";

    private GuestSessionTokens() {
    }

    /** Keeps the grant's expiry in its session, so later tokens of the session are bounded without a query. */
    public static void rememberExpiry(UserSessionModel userSession, GrantAndView grant) {
        userSession.setNote(EXPIRES_NOTE, grant.expiresAt() == null ? NEVER : Long.toString(grant.expiresAt()));
    }

    /**
     * Caps the tokens about to be issued in {@code userSession}; nothing happens for a member's session. True when the
     * access token had to be shortened here, i.e. no Viewgate mapper of the requesting client bounded it before.
     */
    public static boolean cap(KeycloakSession session, UserSessionModel userSession, AccessToken access, RefreshToken refresh) {
        String grantId = GuestPrincipals.grantOf(userSession);
        if (grantId == null) {
            return false;
        }
        long end = end(session, userSession.getRealm(), expiryOf(session, userSession, grantId));
        boolean shortened = false;
        if (access != null) {
            long capped = GuestTokenLifetime.capped(access.getExp(), end);
            shortened = access.getExp() == null || capped != access.getExp();
            access.exp(capped);
        }
        if (refresh != null) {
            refresh.exp(GuestTokenLifetime.capped(refresh.getExp(), end));
        }
        return shortened;
    }

    /** The last second a token of a grant with this expiry may live, issued now. */
    static long end(KeycloakSession session, RealmModel realm, Long grantExpiresAtMillis) {
        return GuestTokenLifetime.end(Time.currentTime(), new TierService(session, realm).settings().guestTokenSeconds(),
                grantExpiresAtMillis);
    }

    /** The grant's expiry: from the session note, else from the grant (a grant that is gone counts as long expired). */
    private static Long expiryOf(KeycloakSession session, UserSessionModel userSession, String grantId) {
        String note = userSession.getNote(EXPIRES_NOTE);
        if (NEVER.equals(note)) {
            return null;
        }
        if (note != null) {
            try {
                return Long.parseLong(note);
            } catch (NumberFormatException malformed) {
                // read from the grant below
            }
        }
        GrantAndView issuing = session.getAttribute(GuestViewClaims.ISSUING_ATTRIBUTE, GrantAndView.class);
        Optional<GrantAndView> grant = issuing != null && issuing.grantId().equals(grantId) ? Optional.of(issuing)
                : GrantAndView.byId(session.getProvider(JpaConnectionProvider.class).getEntityManager(), grantId);
        return grant.isPresent() ? grant.get().expiresAt() : Long.valueOf(0);
    }
}
