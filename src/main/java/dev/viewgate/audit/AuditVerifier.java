package dev.viewgate.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Walks a realm's sealed rows in sequence order, a page at a time, and checks that each one follows the previous
 * (consecutive sequence, previous hash) and that its hash matches its content.
 */
public final class AuditVerifier {

    /** The outcome: {@code checked} rows were intact before the first broken sequence number (null when valid). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Verification(boolean valid, long checked, Long firstBrokenSeq) {
    }

    /**
     * The chain's head without reading its rows: {@code sealed} rows kept (sequence numbers {@code prunedThrough + 1}
     * to {@code sealedThrough}) and {@code unsealed} rows the sealer has yet to link. Cheap at any size: one row by key
     * and a count over the unsealed rows, which the sealer keeps few.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChainStatus(long sealed, long sealedThrough, long prunedThrough, long unsealed) {
    }

    private static final int PAGE = 1000;

    private final EntityManager em;

    public AuditVerifier(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Verification verify(String realmId) {
        AuditChainEntity chain = em.find(AuditChainEntity.class, realmId);
        if (chain == null) {
            long sealedRows = em.createQuery("select count(e) from AuditEventEntity e where e.realmId = :r and e.seq is not null", Long.class)
                    .setParameter("r", realmId).getSingleResult();
            return sealedRows == 0 ? new Verification(true, 0, null) : new Verification(false, 0, 1L);
        }
        long expectedSeq = chain.getPrunedSeq() + 1;
        String expectedPrev = chain.getPrunedHash();
        long checked = 0;
        while (true) {
            List<AuditEventEntity> page = em.createQuery(
                            "select e from AuditEventEntity e where e.realmId = :r and e.seq >= :from and e.seq <= :last"
                                    + " order by e.seq", AuditEventEntity.class)
                    .setParameter("r", realmId)
                    .setParameter("from", expectedSeq)
                    // the head as read above: rows the sealer adds meanwhile are left for the next verification
                    .setParameter("last", chain.getLastSeq())
                    .setMaxResults(PAGE)
                    .getResultList();
            for (AuditEventEntity row : page) {
                if (row.getSeq() != expectedSeq || !expectedPrev.equals(row.getPrevHash())
                        || !AuditHash.of(expectedPrev, row).equals(row.getHash())) {
                    return new Verification(false, checked, expectedSeq);
                }
                expectedPrev = row.getHash();
                expectedSeq++;
                checked++;
            }
            em.clear();
            if (page.size() < PAGE) {
                break;
            }
        }
        // Rows removed from the end of the chain leave the head pointing past the last row.
        if (expectedSeq - 1 != chain.getLastSeq() || !expectedPrev.equals(chain.getLastHash())) {
            return new Verification(false, checked, expectedSeq);
        }
        return new Verification(true, checked, null);
    }

    public ChainStatus status(String realmId) {
        AuditChainEntity chain = em.find(AuditChainEntity.class, realmId);
        long unsealed = em.createQuery("select count(e) from AuditEventEntity e where e.seq is null and e.realmId = :r", Long.class)
                .setParameter("r", realmId).getSingleResult();
        return chain == null ? new ChainStatus(0, 0, 0, unsealed)
                : new ChainStatus(chain.getLastSeq() - chain.getPrunedSeq(), chain.getLastSeq(), chain.getPrunedSeq(), unsealed);
    }
}
