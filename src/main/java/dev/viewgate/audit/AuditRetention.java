package dev.viewgate.audit;

import dev.viewgate.tier.Setting;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Removes sealed rows older than the realm's {@link Setting#AUDIT_RETENTION_DAYS} (default: keep forever). Only a prefix of the
 * chain is removed, and the chain head remembers the last removed row, so verification starts from the oldest
 * remaining row and stays valid.
 */
public final class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final KeycloakSession session;
    private final EntityManager em;

    public AuditRetention(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The realm's retention in days, or 0 for "keep forever" (also when the attribute is malformed). */
    public static int retentionDays(RealmModel realm) {
        return Setting.AUDIT_RETENTION_DAYS.number(realm::getAttribute,
                problem -> LOG.warnf("Viewgate, realm '%s': %s; audit rows are kept", realm.getName(), problem));
    }

    /**
     * Applies the realm's retention now, as of {@code nowMillis}; returns how many rows were removed. A run that removes
     * rows records {@code AUDIT_PRUNED} in the chain it shortened: who ran it ({@code actor} null for the hourly run),
     * how many rows, up to which sequence number, and the cutoff.
     */
    public int apply(RealmModel realm, long nowMillis, UserModel actor) {
        int days = retentionDays(realm);
        if (days == 0) {
            return 0;
        }
        long cutoff = nowMillis - Duration.ofDays(days).toMillis();
        AuditChainEntity chain = em.find(AuditChainEntity.class, realm.getId());
        if (chain == null) {
            return 0;
        }
        chain = AuditSealer.lockChain(em, realm.getId());
        List<Long> firstKept = em.createQuery("select min(e.seq) from AuditEventEntity e "
                        + "where e.realmId = :r and e.seq is not null and e.time >= :cutoff", Long.class)
                .setParameter("r", realm.getId()).setParameter("cutoff", cutoff).getResultList();
        long lastRemoved = firstKept.isEmpty() || firstKept.get(0) == null ? chain.getLastSeq() : firstKept.get(0) - 1;
        if (lastRemoved <= chain.getPrunedSeq()) {
            return 0;
        }
        String lastRemovedHash = em.createQuery("select e.hash from AuditEventEntity e where e.realmId = :r and e.seq = :seq",
                        String.class)
                .setParameter("r", realm.getId()).setParameter("seq", lastRemoved).getSingleResult();
        int removed = em.createQuery("delete from AuditEventEntity e where e.realmId = :r and e.seq is not null and e.seq <= :seq")
                .setParameter("r", realm.getId()).setParameter("seq", lastRemoved).executeUpdate();
        chain.setPrunedSeq(lastRemoved);
        chain.setPrunedHash(lastRemovedHash);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("removed", removed);
        details.put("lastRemovedSeq", lastRemoved);
        details.put("retentionDays", days);
        details.put("cutoff", Instant.ofEpochMilli(cutoff).toString());
        details.put("trigger", actor == null ? "scheduled" : "admin");
        AuditLog.recordDirect(session, realm, AuditType.AUDIT_PRUNED, actor == null ? null : actor.getId(),
                actor == null ? null : actor.getUsername(), "viewgate/audit/retention", null, details);
        LOG.debugf("Audit retention removed %s rows of realm %s up to seq %s", String.valueOf(removed), realm.getName(),
                String.valueOf(lastRemoved));
        return removed;
    }

    /**
     * Removes every audit row of a realm that is being removed. The chain head is locked first, as the sealer does:
     * rows first and head second would deadlock with a seal running at that moment and fail the realm's removal.
     */
    public void removeRealm(String realmId) {
        em.find(AuditChainEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        em.createQuery("delete from AuditEventEntity e where e.realmId = :r").setParameter("r", realmId).executeUpdate();
        em.createQuery("delete from AuditChainEntity c where c.realmId = :r").setParameter("r", realmId).executeUpdate();
    }
}
