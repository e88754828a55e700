package dev.viewgate.guest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Refused guest secrets of one grant (client: the grant's app), or of one client for secrets matching no grant (grant
 * null): how many were audited one by one this window, how many only counted since the last summary.
 */
@Entity
@Table(name = "VG_GUEST_DENIAL")
public class GuestDenialEntity {

    /** The grant's id, or {@code <clientUuid>/*} for a client's secrets that match no grant. */
    @Id
    @Column(name = "BUDGET_KEY", length = 80)
    private String budgetKey;

    @Column(name = "CLIENT_UUID", length = 36, nullable = false)
    private String clientUuid;

    @Column(name = "GRANT_ID", length = 36)
    private String grantId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Start of the window whose first refusals are audited one by one (epoch milliseconds). */
    @Column(name = "WINDOW_START", nullable = false)
    private long windowStart;

    /** The window's length when it started, so a summary is due one window after its first unrecorded refusal. */
    @Column(name = "WINDOW_MILLIS", nullable = false)
    private long windowMillis;

    /** Refusals of this window audited one by one. */
    @Column(name = "RECORDED", nullable = false)
    private int recorded;

    /** Refusals counted, not audited, since the last summary row. */
    @Column(name = "UNRECORDED", nullable = false)
    private long unrecorded;

    @Column(name = "UNRECORDED_FROM")
    private Long unrecordedFrom;

    @Column(name = "UNRECORDED_TO")
    private Long unrecordedTo;

    public String getBudgetKey() {
        return budgetKey;
    }

    public void setBudgetKey(String budgetKey) {
        this.budgetKey = budgetKey;
    }

    public String getGrantId() {
        return grantId;
    }

    public void setGrantId(String grantId) {
        this.grantId = grantId;
    }

    public String getClientUuid() {
        return clientUuid;
    }

    public void setClientUuid(String clientUuid) {
        this.clientUuid = clientUuid;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getWindowStart() {
        return windowStart;
    }

    public void setWindowStart(long windowStart) {
        this.windowStart = windowStart;
    }

    public long getWindowMillis() {
        return windowMillis;
    }

    public void setWindowMillis(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    public int getRecorded() {
        return recorded;
    }

    public void setRecorded(int recorded) {
        this.recorded = recorded;
    }

    public long getUnrecorded() {
        return unrecorded;
    }

    public void setUnrecorded(long unrecorded) {
        this.unrecorded = unrecorded;
    }

    public Long getUnrecordedFrom() {
        return unrecordedFrom;
    }

    public void setUnrecordedFrom(Long unrecordedFrom) {
        this.unrecordedFrom = unrecordedFrom;
    }

    public Long getUnrecordedTo() {
        return unrecordedTo;
    }

    public void setUnrecordedTo(Long unrecordedTo) {
        this.unrecordedTo = unrecordedTo;
    }
}
