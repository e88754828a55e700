package dev.viewgate.adapter;

import dev.viewgate.base.Caller;
import dev.viewgate.base.GuestMarks;
import dev.viewgate.base.ViewAsNotes;
import dev.viewgate.base.ViewgateException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** Establishes the caller of a realm endpoint: from a Bearer access token (JSON API) or the SSO cookie (pages). */
public final class RequestAuth {

    static final String STATE_CHECKER = "state_checker";

    private RequestAuth() {
    }

    /**
     * The caller of a JSON endpoint; 401 unless a valid access token of this realm is presented, 403 when the
     * request's Origin is not one the token's client allows. Adds the CORS headers.
     */
    public static Caller bearer(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        String header = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ViewgateException.unauthorized("not_authenticated",
                    "A Bearer access token of realm '" + realm.getName() + "' is required");
        }
        AuthResult result;
        try {
            result = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        } catch (NotAuthorizedException e) {
            result = null; // an Authorization header that is not a Bearer token
        }
        if (result == null) {
            throw ViewgateException.unauthorized(ViewgateException.INVALID_TOKEN,
                    "The access token is malformed, expired, revoked or not issued by realm '" + realm.getName() + "'");
        }
        Caller caller = new Caller(realm, result.user(), result.session(), result.token(), result.client());
        ApiCors.allow(caller);
        requireNotGuest(caller); // a guest's token is for its view in the app, never for Viewgate's own API
        return caller;
    }

    /**
     * A member acting as themselves: a bearer caller not previewing with less access (a view-as session). Asking for
     * access and withdrawing need this.
     */
    public static Caller member(KeycloakSession session) {
        Caller caller = bearer(session);
        requireActingAsThemselves(caller);
        return caller;
    }

    /** 403 for view-as sessions (guests never get this far: {@link #bearer} and {@link #browser} refuse them). */
    public static void requireActingAsThemselves(Caller caller) {
        if (ViewAsNotes.active(caller.session()).isPresent()) {
            throw ViewgateException.forbidden("view_as_active", "Exit view as first: this needs your own access");
        }
    }

    /** 403 for a guest's token, or for a guest principal however it signed in. */
    private static void requireNotGuest(Caller caller) {
        if (GuestMarks.isGuestToken(caller.token()) || GuestMarks.isGuest(caller.user())) {
            throw ViewgateException.forbidden("guest_token", "Guest tokens cannot do this");
        }
    }

    /** The caller of a page, from the realm's SSO cookie; empty when there is no valid browser session. */
    public static Optional<Caller> browser(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        AuthResult result = new AppAuthManager().authenticateIdentityCookie(session, realm);
        if (result == null) {
            return Optional.empty();
        }
        Caller caller = new Caller(realm, result.user(), result.session(), result.token(), null);
        requireNotGuest(caller); // only if an admin gave a guest principal a password: it is still no member
        return Optional.of(caller);
    }

    /**
     * The CSRF token of a page form: the identity cookie's per-SSO-session random {@code state_checker}. The cookie
     * is SameSite=None, so a cross-site form post carries it, but another site can never read this value.
     */
    public static String csrfToken(Caller caller) {
        Object value = caller.token().getOtherClaims().get(STATE_CHECKER);
        return value == null ? "" : value.toString();
    }

    /** 403 unless {@code submitted} equals the caller's CSRF token (compared in constant time). */
    public static void requireCsrf(Caller caller, String submitted) {
        String expected = csrfToken(caller);
        boolean valid = !expected.isEmpty() && submitted != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            throw ViewgateException.forbidden("csrf", "The form is stale or was not sent by this site: reload the page");
        }
    }
}
