package dev.viewgate.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The head of a realm's audit hash chain: the last sealed row, and the last row removed by retention (so that
 * verification can start from the oldest remaining row). Locked by the sealer and by retention, never by writers.
 */
@Entity
@Table(name = "VG_AUDIT_CHAIN")
public class AuditChainEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    @Column(name = "LAST_HASH", length = 64, nullable = false)
    private String lastHash;

    @Column(name = "PRUNED_SEQ", nullable = false)
    private long prunedSeq;

    @Column(name = "PRUNED_HASH", length = 64, nullable = false)
    private String prunedHash;

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getLastSeq() {
        return lastSeq;
    }

    public void setLastSeq(long lastSeq) {
        this.lastSeq = lastSeq;
    }

    public String getLastHash() {
        return lastHash;
    }

    public void setLastHash(String lastHash) {
        this.lastHash = lastHash;
    }

    public long getPrunedSeq() {
        return prunedSeq;
    }

    public void setPrunedSeq(long prunedSeq) {
        this.prunedSeq = prunedSeq;
    }

    public String getPrunedHash() {
        return prunedHash;
    }

    public void setPrunedHash(String prunedHash) {
        this.prunedHash = prunedHash;
    }
}
