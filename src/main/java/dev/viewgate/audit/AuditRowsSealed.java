package dev.viewgate.audit;

import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderEvent;

/**
 * Published in the sealing transaction once a batch of a realm's rows is sealed. A row is sealed exactly once, so a
 * listener that writes in this transaction sees each recorded change exactly once, and it never slows the writer.
 */
public record AuditRowsSealed(KeycloakSession session, String realmId, List<AuditEventEntity> rows) implements ProviderEvent {

    @Override
    public KeycloakSession getKeycloakSession() {
        return session;
    }
}
