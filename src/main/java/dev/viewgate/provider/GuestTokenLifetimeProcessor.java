package dev.viewgate.provider;

import dev.viewgate.guest.GuestSessionTokens;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;
import org.keycloak.representations.RefreshToken;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.util.TokenUtil;

/**
 * Runs inside Keycloak's token response builder for every grant (authorization code, refresh, client credentials,
 * token exchange, ours), after the protocol mappers and before the tokens are signed: tokens of a guest session end
 * with their grant however they were obtained, whatever client scopes the requesting client has.
 * <p>
 * An ID token is the one token it cannot reach: Keycloak copies the access token's {@code exp} into it before post
 * processors run. A client with Viewgate's scope bounds the access token earlier (its mapper), so its ID tokens are
 * bounded too; for any other client a guest session's request that would carry an ID token is refused.
 */
final class GuestTokenLifetimeProcessor implements TokenPostProcessor {

    private static final Logger LOG = Logger.getLogger(GuestTokenLifetimeProcessor.class);

    private final KeycloakSession session;

    GuestTokenLifetimeProcessor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void process(TokenPostProcessorContext context) {
        ClientSessionContext clientSessionCtx = context.clientSessionCtx();
        if (clientSessionCtx == null || clientSessionCtx.getClientSession() == null) {
            return;
        }
        boolean shortened = GuestSessionTokens.cap(session, clientSessionCtx.getClientSession().getUserSession(),
                context.accessToken(), context.refreshToken());
        if (shortened && carriesIdToken(context.requestRefreshToken())) {
            LOG.debugf("Refused an ID token of guest session %s to client %s: it would outlive the guest grant",
                    clientSessionCtx.getClientSession().getUserSession().getId(),
                    clientSessionCtx.getClientSession().getClient().getClientId());
            throw new ErrorResponseException(OAuthErrorException.INVALID_REQUEST, "A guest token yields no ID token for a "
                    + "client without the viewgate client scope", Response.Status.BAD_REQUEST);
        }
    }

    /** Whether Keycloak builds an ID token for this request: {@code openid} asked for, or an ID token exchanged for. */
    private boolean carriesIdToken(RefreshToken requestRefreshToken) {
        MultivaluedMap<String, String> form = session.getContext().getHttpRequest().getDecodedFormParameters();
        return OAuth2Constants.ID_TOKEN_TYPE.equals(form.getFirst(OAuth2Constants.REQUESTED_TOKEN_TYPE))
                || TokenUtil.isOIDCRequest(form.getFirst(OAuth2Constants.SCOPE))
                || (requestRefreshToken != null && TokenUtil.isOIDCRequest(requestRefreshToken.getScope()));
    }
}
