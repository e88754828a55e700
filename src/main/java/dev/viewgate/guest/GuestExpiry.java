package dev.viewgate.guest;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.TimerProvider;

/**
 * Every few seconds on every node: writes the summaries of counted guest refusals that are due ({@link GuestDenials})
 * and ends guest grants whose expiry passed. Each grant is marked by one guarded
 * update, so whichever node gets there first deletes its principal and audits {@code GUEST_GRANT_EXPIRED}, once.
 */
public final class GuestExpiry {

    private static final Logger LOG = Logger.getLogger(GuestExpiry.class);
    private static final long INTERVAL_MILLIS = 5_000;
    private static final int BATCH = 200;

    private GuestExpiry() {
    }

    public static void schedule(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(() -> run(factory), INTERVAL_MILLIS, "viewgate-guest-expiry"));
    }

    static void run(KeycloakSessionFactory factory) {
        try {
            GuestDenials.summarizeDue(factory);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Guest denial summaries deferred");
        }
        try {
            for (String realmId : KeycloakModelUtils.runJobInTransactionWithResult(factory, session ->
                    session.getProvider(org.keycloak.connections.jpa.JpaConnectionProvider.class).getEntityManager()
                            .createQuery("select distinct g.realmId from GuestGrantEntity g where g.expiredAt is null "
                                    + "and g.revokedAt is null and g.expiresAt <= :now", String.class)
                            .setParameter("now", System.currentTimeMillis())
                            .getResultList())) {
                int expired;
                do {
                    expired = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                        var realm = session.realms().getRealm(realmId);
                        if (realm == null) {
                            return 0;
                        }
                        session.getContext().setRealm(realm);
                        return new GuestGrantService(session, realm).expire(System.currentTimeMillis(), BATCH);
                    });
                    LOG.debugf("Expired %d guest grants in realm %s", expired, realmId);
                } while (expired == BATCH);
            }
        } catch (RuntimeException e) {
            // another node expiring the same grants, or the database away: the next run picks them up
            LOG.debugf(e, "Guest grant expiry deferred");
        }
    }
}
