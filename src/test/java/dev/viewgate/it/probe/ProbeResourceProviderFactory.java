package dev.viewgate.it.probe;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Test-only provider, packed by the IT harness into its own jar and deployed only to the IT server:
 * {@code /realms/{r}/viewgate-it-probe}. It never ships in the Viewgate jar.
 */
public final class ProbeResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "viewgate-it-probe";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new ProbeResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
