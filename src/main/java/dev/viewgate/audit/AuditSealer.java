package dev.viewgate.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Links unsealed audit rows into their realm's hash chain, oldest first. Writers never wait for it: they insert
 * unsealed rows; the sealer holds the realm's chain-head row lock (a database lock, so it is safe with any number
 * of nodes) while it assigns sequence numbers. Runs every second on every node.
 */
public final class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class);
    static final int BATCH = 500;

    private final KeycloakSession session;
    private final EntityManager em;

    public AuditSealer(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Realms that have unsealed rows. */
    public List<String> realmsWithPendingRows() {
        return em.createQuery("select distinct e.realmId from AuditEventEntity e where e.seq is null", String.class)
                .getResultList();
    }

    /**
     * Seals up to one batch of the realm's pending rows; returns how many. The chain head is locked before the rows
     * are read, the order a realm's removal takes too, so the two wait for each other instead of deadlocking; a head
     * is created only for rows that still exist, so a realm removed meanwhile leaves none behind.
     */
    public int sealBatch(String realmId) {
        AuditChainEntity chain = em.find(AuditChainEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        List<AuditEventEntity> pending = em.createQuery(
                        "select e from AuditEventEntity e where e.realmId = :realmId and e.seq is null order by e.time, e.id",
                        AuditEventEntity.class)
                .setParameter("realmId", realmId)
                .setMaxResults(BATCH)
                .getResultList();
        if (pending.isEmpty()) {
            return 0;
        }
        if (chain == null) {
            chain = lockChain(em, realmId);
        }
        for (AuditEventEntity row : pending) {
            row.setSeq(chain.getLastSeq() + 1);
            row.setPrevHash(chain.getLastHash());
            row.setHash(AuditHash.of(chain.getLastHash(), row));
            chain.setLastSeq(row.getSeq());
            chain.setLastHash(row.getHash());
        }
        session.getKeycloakSessionFactory().publish(new AuditRowsSealed(session, realmId, pending));
        LOG.debugf("Sealed %s audit rows of realm %s up to seq %s", String.valueOf(pending.size()), realmId,
                String.valueOf(chain.getLastSeq()));
        return pending.size();
    }

    /** The realm's chain head, locked for this transaction; created at the first seal. */
    static AuditChainEntity lockChain(EntityManager em, String realmId) {
        AuditChainEntity chain = em.find(AuditChainEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        if (chain == null) {
            // Two nodes creating it at once: one insert fails on the primary key and that run is retried later.
            chain = new AuditChainEntity();
            chain.setRealmId(realmId);
            chain.setLastHash(AuditHash.GENESIS);
            chain.setPrunedHash(AuditHash.GENESIS);
            em.persist(chain);
            em.flush();
        }
        return chain;
    }
}
