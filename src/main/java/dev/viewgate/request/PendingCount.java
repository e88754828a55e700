package dev.viewgate.request;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * A realm's pending count in one row, so the queue reads it instead of counting 100,000 index entries. Every
 * transaction that opens or closes a pending request changes the row before it commits, after it has locked the
 * request (one lock order, so no deadlock). A missing row is created in a transaction of its own from the committed
 * requests: no change can commit before the row exists, so each is either in that count or applied to it afterwards.
 */
final class PendingCount {

    private static final Logger LOG = Logger.getLogger(PendingCount.class);

    private final KeycloakSession session;
    private final EntityManager em;

    PendingCount(KeycloakSession session) {
        this.session = session;
        this.em = em(session);
    }

    long of(String realmId) {
        PendingCountEntity row = em.find(PendingCountEntity.class, realmId);
        if (row == null) {
            create(realmId);
            row = em.find(PendingCountEntity.class, realmId);
            if (row == null) {
                throw new IllegalStateException("No pending count for realm " + realmId + " after creating it");
            }
        }
        return row.getPending();
    }

    void add(String realmId, long delta) {
        if (delta == 0) {
            return;
        }
        if (update(realmId, delta) == 0) {
            create(realmId);
            if (update(realmId, delta) == 0) {
                throw new IllegalStateException("No pending count for realm " + realmId + " after creating it");
            }
        }
    }

    void forget(String realmId) {
        em.createQuery("delete from PendingCountEntity c where c.realmId = :realm").setParameter("realm", realmId).executeUpdate();
    }

    private int update(String realmId, long delta) {
        return em.createQuery("update PendingCountEntity c set c.pending = c.pending + :delta where c.realmId = :realm")
                .setParameter("delta", delta)
                .setParameter("realm", realmId)
                .executeUpdate();
    }

    private void create(String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                EntityManager ownEm = em(own);
                PendingCountEntity row = new PendingCountEntity();
                row.setRealmId(realmId);
                row.setPending(AccessRequestService.countRows(ownEm, realmId, AccessRequestStatus.PENDING));
                ownEm.persist(row);
                ownEm.flush();
            });
        } catch (ModelDuplicateException | PersistenceException e) {
            LOG.debugf("Pending count of realm %s was created by another transaction at the same moment", realmId);
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
