package dev.viewgate.jpa;

import dev.viewgate.audit.AuditChainEntity;
import dev.viewgate.audit.AuditEventEntity;
import dev.viewgate.guest.GuestDenialEntity;
import dev.viewgate.guest.GuestGrantEntity;
import dev.viewgate.guest.ViewEntity;
import dev.viewgate.request.AccessRequestEntity;
import dev.viewgate.request.PendingCountEntity;
import dev.viewgate.viewas.ViewAsEntity;
import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Viewgate's tables, in Keycloak's own datasource and transaction; Liquibase creates them from the changelog. */
public final class ViewgateEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        // Ignored by the Quarkus distribution (it finds @Entity classes at build time), but required by the SPI.
        return List.of(AuditEventEntity.class, AuditChainEntity.class, AccessRequestEntity.class, ViewAsEntity.class,
                ViewEntity.class, GuestGrantEntity.class, PendingCountEntity.class, GuestDenialEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/viewgate-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ViewgateEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
