package dev.viewgate.provider;

import dev.viewgate.guest.GuestSessionTokens;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorContext;

/**
 * Runs inside Keycloak's token response builder for every grant (authorization code, refresh, client credentials,
 * token exchange, ours), after the protocol mappers and before the tokens are signed: tokens of a guest session end
 * with their grant however they were obtained, whatever client scopes the requesting client has.
 */
final class GuestTokenLifetimeProcessor implements TokenPostProcessor {

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
        GuestSessionTokens.cap(session, clientSessionCtx.getClientSession().getUserSession(), context.accessToken(),
                context.refreshToken());
    }
}
