package dev.viewgate.viewas;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Bookkeeping of an active view-as, one row per SSO session. The state that tokens use lives in the session's
 * notes; this row lets Viewgate notice, on any node, that the session ended or the view-as expired, and audit it once.
 */
@Entity
@Table(name = "VG_VIEW_AS")
public class ViewAsEntity {

    @Id
    @Column(name = "SESSION_ID", length = 64)
    private String sessionId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    public String getSessionId() {
        return sessionId;
    }

    public void setSessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
