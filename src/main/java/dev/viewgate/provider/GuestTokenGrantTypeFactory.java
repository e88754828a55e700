package dev.viewgate.provider;

import dev.viewgate.base.ViewgateVersion;
import dev.viewgate.guest.GuestExpiry;
import dev.viewgate.guest.GuestUseCounter;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Registers the guest grant type at the token endpoint (Keycloak finds a grant by its id, the {@code grant_type}
 * value) and starts the expiry of guest grants on every node.
 */
public final class GuestTokenGrantTypeFactory implements OAuth2GrantTypeFactory, ServerInfoAwareProviderFactory {

    public static final String GRANT_TYPE = "urn:viewgate:grant-type:guest";
    /** Encoded into every guest token's {@code jti}; two characters, unused by Keycloak's own grants. */
    static final String SHORTCUT = "vg";

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new GuestTokenGrantType();
    }

    @Override
    public String getShortcut() {
        return SHORTCUT;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                GuestExpiry.schedule(factory);
            }
        });
        factory.register(GuestUseCounter::onEvent);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return GRANT_TYPE;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ViewgateVersion.operationalInfo();
    }
}
