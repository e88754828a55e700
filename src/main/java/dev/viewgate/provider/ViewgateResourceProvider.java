package dev.viewgate.provider;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

public final class ViewgateResourceProvider implements RealmResourceProvider {

    private final KeycloakSession session;

    ViewgateResourceProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return new ViewgateRealmResource(session);
    }

    @Override
    public void close() {
    }
}
