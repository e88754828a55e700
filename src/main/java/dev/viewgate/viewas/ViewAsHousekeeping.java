package dev.viewgate.viewas;

import dev.viewgate.base.ViewgateVersion;
import dev.viewgate.tier.SimulationOutgrown;
import dev.viewgate.tier.TierService;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.timer.TimerProvider;

/**
 * Notices that a view-as ended without an exit: the member logged out (their LOGOUT event, in its transaction), or,
 * found by a sweep every few seconds on every node, the session is gone, the view-as expired or it exceeds what its
 * member really holds now (also ended at its next use, {@link SimulationOutgrown}). Each end is audited once, by
 * whichever node deletes the bookkeeping row.
 */
public final class ViewAsHousekeeping implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "viewgate-view-as";
    private static final Logger LOG = Logger.getLogger(ViewAsHousekeeping.class);
    private static final long SWEEP_INTERVAL_MILLIS = 10_000;
    private static final int SWEEP_BATCH = 200;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (event.getType() == EventType.LOGOUT && event.getSessionId() != null) {
                    endOnLogout(session, event);
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    private static void endOnLogout(KeycloakSession session, Event event) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        ViewAsService viewAs = new ViewAsService(session, realm);
        if (viewAs.deleteRow(event.getSessionId())) {
            UserModel user = event.getUserId() == null ? null : session.users().getUserById(realm, event.getUserId());
            if (user != null) {
                viewAs.audit(viewAs.memberCaller(user), event.getSessionId(), ViewAsService.EndReason.LOGOUT, null, null);
            }
        }
    }

    /** Rows whose view-as expired or whose session is gone. */
    static void sweep(KeycloakSession session) {
        long now = System.currentTimeMillis();
        List<ViewAsEntity> rows = session.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager()
                .createQuery("select v from ViewAsEntity v order by v.expiresAt", ViewAsEntity.class)
                .setMaxResults(SWEEP_BATCH).getResultList();
        for (ViewAsEntity row : rows) {
            RealmModel realm = session.realms().getRealm(row.getRealmId());
            if (realm == null) {
                continue;
            }
            session.getContext().setRealm(realm);
            ViewAsService viewAs = new ViewAsService(session, realm);
            UserSessionModel userSession = session.sessions().getUserSession(realm, row.getSessionId());
            UserModel user = session.users().getUserById(realm, row.getUserId());
            if (userSession == null) {
                if (viewAs.deleteRow(row.getSessionId()) && user != null) {
                    viewAs.audit(viewAs.memberCaller(user), row.getSessionId(), ViewAsService.EndReason.LOGOUT, null, null);
                }
            } else if (row.getExpiresAt() <= now && user != null) {
                viewAs.end(viewAs.memberCaller(user), userSession, ViewAsService.EndReason.EXPIRED, null);
            } else if (user != null) {
                // a view-as nobody uses is recomputed here, so that a demotion ends it even without a next token
                new TierService(session, realm).accessOf(user, userSession);
            }
        }
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
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                        .schedule(() -> runSweep(factory), SWEEP_INTERVAL_MILLIS, "viewgate-view-as-sweep"));
            } else if (event instanceof SimulationOutgrown outgrown) {
                new ViewAsService(outgrown.session(), outgrown.realm()).endOutgrown(outgrown);
            } else if (event instanceof UserModel.UserRemovedEvent removed) {
                new ViewAsService(removed.getKeycloakSession(), removed.getRealm()).endAllOf(removed.getUser());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                removed.getKeycloakSession().getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager()
                        .createQuery("delete from ViewAsEntity v where v.realmId = :r")
                        .setParameter("r", removed.getRealm().getId()).executeUpdate();
            }
        });
    }

    private static void runSweep(KeycloakSessionFactory factory) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, ViewAsHousekeeping::sweep);
        } catch (RuntimeException e) {
            // another node ended the same view-as at the same moment, or the database is away: the next sweep retries
            LOG.debugf(e, "View-as sweep deferred");
        }
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
        return ViewgateVersion.operationalInfo();
    }
}
