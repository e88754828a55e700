package dev.viewgate.provider;

import dev.viewgate.base.ViewgateVersion;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.token.TokenPostProcessor;
import org.keycloak.protocol.oidc.token.TokenPostProcessorFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Registers {@link GuestTokenLifetimeProcessor} with Keycloak's token-interceptor SPI. */
public final class GuestTokenLifetimeProcessorFactory implements TokenPostProcessorFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "viewgate-guest-token-lifetime";

    @Override
    public TokenPostProcessor create(KeycloakSession session) {
        return new GuestTokenLifetimeProcessor(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ViewgateVersion.operationalInfo();
    }
}
