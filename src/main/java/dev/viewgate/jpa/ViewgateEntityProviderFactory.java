package dev.viewgate.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers Viewgate's changelog; its changelog table is DATABASECHANGELOG_VIEWGATE_E. */
public final class ViewgateEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "viewgate-entities";
    private static final ViewgateEntityProvider PROVIDER = new ViewgateEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
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
