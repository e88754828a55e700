package dev.viewgate.audit;

import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.timer.TimerProvider;

/**
 * The global {@value #ID} listener (no per-realm enablement needed), plus the audit log's housekeeping: the sealer
 * every second, retention every hour (both as database-locked, cluster-safe work), and removal of a realm's rows
 * with the realm.
 */
public final class AuditEventListenerProviderFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "viewgate-audit";
    private static final Logger LOG = Logger.getLogger(AuditEventListenerProviderFactory.class);
    private static final long SEAL_INTERVAL_MILLIS = 1000;
    private static final long RETENTION_INTERVAL_MILLIS = 3_600_000;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditEventListenerProvider(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    TimerProvider timer = session.getProvider(TimerProvider.class);
                    timer.schedule(() -> sealAll(factory), SEAL_INTERVAL_MILLIS, "viewgate-audit-sealer");
                    timer.scheduleTask(AuditEventListenerProviderFactory::applyRetention, RETENTION_INTERVAL_MILLIS,
                            "viewgate-audit-retention");
                });
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new AuditRetention(removed.getKeycloakSession()).removeRealm(removed.getRealm().getId());
            }
        });
    }

    /** Each realm in its own transaction, a batch at a time, so one realm's backlog never holds the others. */
    private static void sealAll(KeycloakSessionFactory factory) {
        try {
            for (String realmId : KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> new AuditSealer(session).realmsWithPendingRows())) {
                int sealed;
                do {
                    sealed = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                            session -> new AuditSealer(session).sealBatch(realmId));
                } while (sealed == AuditSealer.BATCH);
            }
        } catch (RuntimeException e) {
            // Another node sealing the same realm, or the database away: the next run picks the rows up.
            LOG.debugf(e, "Audit sealing deferred");
        }
    }

    private static void applyRetention(KeycloakSession session) {
        AuditRetention retention = new AuditRetention(session);
        session.realms().getRealmsStream()
                .filter(realm -> AuditRetention.retentionDays(realm) > 0)
                .forEach(realm -> retention.apply(realm, System.currentTimeMillis(), null));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return dev.viewgate.base.ViewgateVersion.operationalInfo();
    }
}
