package dev.viewgate.provider;

import dev.viewgate.guest.GrantAndView;
import dev.viewgate.guest.GuestPrincipals;
import dev.viewgate.guest.GuestRedemption;
import dev.viewgate.guest.GuestSessionTokens;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeBase;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.AccessTokenResponse;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.UserSessionManager;
import org.keycloak.services.util.DefaultClientSessionContext;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

/**
 * {@value GuestTokenGrantTypeFactory#GRANT_TYPE}: a client presents a guest secret ({@code guest_secret}) and gets an
 * access token for the grant's principal, scoped by the guest view mapper to one view. Each grant keeps one persistent
 * user session that later exchanges reuse, so its tokens validate from the session cache and revocation ends them all.
 * No refresh token: a refreshed token would no longer be recognisable as a guest token by {@link #isTokenAllowed}.
 */
public final class GuestTokenGrantType extends OAuth2GrantTypeBase {

    static final String SECRET_PARAM = "guest_secret";
    private static final String AUTH_METHOD = "viewgate-guest";
    /** Touching the session costs a database write; doing it once a minute keeps it from idling out while in use. */
    private static final int SESSION_TOUCH_SECONDS = 60;

    private GuestRedemption redemption;
    private GuestRedemption.Redeemed redeemed;
    private UserSessionModel issuingSession;

    @Override
    public Response process(Context context) {
        setContext(context);
        if (formParams.containsKey(OAuth2Constants.SCOPE)) {
            event.detail(Details.REASON, "scope parameter with a guest secret");
            event.error(Errors.INVALID_REQUEST);
            throw new CorsErrorResponseException(cors, OAuthErrorException.INVALID_SCOPE,
                    "A guest token has the view's scope only; send no scope", Response.Status.BAD_REQUEST);
        }
        redemption = new GuestRedemption(session, realm);
        redeemed = redemption.redeem(client, formParams.getFirst(SECRET_PARAM)).orElseThrow(this::refused);
        GrantAndView grant = redeemed.grant();
        UserModel principal = redeemed.principal();
        event.user(principal).detail(Details.USERNAME, principal.getUsername());

        UserSessionModel userSession = reusableSession(grant, principal);
        ClientSessionContext clientSessionCtx;
        if (userSession == null) {
            userSession = newSession(grant, principal);
            clientSessionCtx = attach(userSession, principal);
            redemption.rememberSession(grant.grantId(), userSession.getId());
        } else {
            AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
            if (clientSession == null || !AuthenticationManager.isClientSessionValid(realm, client, userSession, clientSession)) {
                clientSessionCtx = attach(userSession, principal);
            } else {
                touch(userSession, clientSession);
                clientSessionCtx = DefaultClientSessionContext.fromClientSessionAndScopeParameter(clientSession, null, session);
            }
        }
        event.session(userSession);
        issuingSession = userSession;

        // The token's lifetime (GuestTokenLifetime) is set by the guest view mapper and GuestTokenLifetimeProcessor,
        // which bound every token of a guest session, whichever grant issues it.
        TokenManager.AccessTokenResponseBuilder builder = createTokenResponseBuilder(principal, userSession, clientSessionCtx,
                null, null);
        return createTokenResponse(builder, clientSessionCtx, true);
    }

    /** Runs once the token is signed, before the response and the success event: the use is recorded, or refused after all. */
    @Override
    protected void addCustomTokenResponseClaims(AccessTokenResponse response, ClientSessionContext clientSessionCtx) {
        if (!redemption.claimUse(client, redeemed)) {
            session.sessions().removeUserSession(realm, issuingSession);
            throw refused();
        }
    }

    private CorsErrorResponseException refused() {
        event.detail(Details.REASON, "guest secret refused");
        event.error(Errors.INVALID_CODE);
        return new CorsErrorResponseException(cors, OAuthErrorException.INVALID_GRANT, "Invalid guest secret",
                Response.Status.BAD_REQUEST);
    }

    /** The grant's session, if it is still alive and still the principal's. */
    private UserSessionModel reusableSession(GrantAndView grant, UserModel principal) {
        if (grant.userSessionId() == null) {
            return null;
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, grant.userSessionId());
        boolean usable = userSession != null && AuthenticationManager.isSessionValid(realm, userSession)
                && principal.getId().equals(userSession.getUser().getId())
                && grant.grantId().equals(GuestPrincipals.grantOf(userSession));
        return usable ? userSession : null;
    }

    private UserSessionModel newSession(GrantAndView grant, UserModel principal) {
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(null, realm, principal,
                principal.getUsername(), clientConnection.getRemoteAddr(), AUTH_METHOD, false, null, null,
                UserSessionModel.SessionPersistenceState.PERSISTENT);
        userSession.setNote(GuestPrincipals.GRANT_NOTE, grant.grantId());
        GuestSessionTokens.rememberExpiry(userSession, grant);
        return userSession;
    }

    /** Adds this client's session to the grant's user session, as Keycloak's own grants do after authentication. */
    private ClientSessionContext attach(UserSessionModel userSession, UserModel principal) {
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, false);
        AuthenticationSessionModel authSession = root.createAuthenticationSession(client);
        authSession.setAuthenticatedUser(principal);
        authSession.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        authSession.setClientNote(OIDCLoginProtocol.ISSUER,
                Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        AuthenticationManager.setClientScopesInSession(session, authSession);
        ClientSessionContext clientSessionCtx = TokenManager.attachAuthenticationSession(session, userSession, authSession);
        session.authenticationSessions().removeRootAuthenticationSession(realm, root);
        return clientSessionCtx;
    }

    private static void touch(UserSessionModel userSession, AuthenticatedClientSessionModel clientSession) {
        int now = Time.currentTime();
        if (now - userSession.getLastSessionRefresh() >= SESSION_TOUCH_SECONDS) {
            userSession.setLastSessionRefresh(now);
            clientSession.setTimestamp(now);
        }
    }

    @Override
    protected boolean useRefreshToken() {
        return false;
    }

    /** Keycloak's own APIs (account, admin) refuse guest tokens; Viewgate's endpoints answer them with 403 guest_token. */
    @Override
    public boolean isTokenAllowed(KeycloakSession session, AccessToken token) {
        RealmModel realm = session.getContext().getRealm();
        String path = session.getContext().getUri().getPath();
        return realm != null && path != null && path.startsWith("/realms/" + realm.getName() + "/" + ViewgateResourceProviderFactory.ID + "/");
    }

    @Override
    public EventType getEventType() {
        return EventType.CLIENT_LOGIN;
    }

    @Override
    public Set<String> getTokenParameterNames() {
        return Set.of();
    }
}
