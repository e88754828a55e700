package dev.viewgate.guest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A guest's access to one view. The secret is never stored: only its SHA-256 and its last four characters. */
@Entity
@Table(name = "VG_GUEST_GRANT")
public class GuestGrantEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "VIEW_ID", length = 36, nullable = false)
    private String viewId;

    @Column(name = "SECRET_HASH", length = 64, nullable = false)
    private String secretHash;

    @Column(name = "SECRET_HINT", length = 8, nullable = false)
    private String secretHint;

    @Column(name = "PERMISSIONS", length = 64, nullable = false)
    private String permissions;

    @Column(name = "PUBLIC_LINK", nullable = false)
    private boolean publicLink;

    @Column(name = "LABEL")
    private String label;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "CREATED_BY_ID", nullable = false)
    private String createdById;

    @Column(name = "CREATED_BY_USERNAME")
    private String createdByUsername;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    @Column(name = "REVOKED_BY_USERNAME")
    private String revokedByUsername;

    @Column(name = "PRINCIPAL_ID", length = 36)
    private String principalId;

    @Column(name = "USER_SESSION_ID", length = 36)
    private String userSessionId;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Column(name = "USE_COUNT", nullable = false)
    private long useCount;

    @Column(name = "EXPIRED_AT")
    private Long expiredAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getViewId() {
        return viewId;
    }

    public void setViewId(String viewId) {
        this.viewId = viewId;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public String getSecretHint() {
        return secretHint;
    }

    public void setSecretHint(String secretHint) {
        this.secretHint = secretHint;
    }

    public String getPermissions() {
        return permissions;
    }

    public void setPermissions(String permissions) {
        this.permissions = permissions;
    }

    public boolean isPublicLink() {
        return publicLink;
    }

    public void setPublicLink(boolean publicLink) {
        this.publicLink = publicLink;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getCreatedById() {
        return createdById;
    }

    public void setCreatedById(String createdById) {
        this.createdById = createdById;
    }

    public String getCreatedByUsername() {
        return createdByUsername;
    }

    public void setCreatedByUsername(String createdByUsername) {
        this.createdByUsername = createdByUsername;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Long revokedAt) {
        this.revokedAt = revokedAt;
    }

    public String getRevokedByUsername() {
        return revokedByUsername;
    }

    public void setRevokedByUsername(String revokedByUsername) {
        this.revokedByUsername = revokedByUsername;
    }

    public String getPrincipalId() {
        return principalId;
    }

    public void setPrincipalId(String principalId) {
        this.principalId = principalId;
    }

    public String getUserSessionId() {
        return userSessionId;
    }

    public void setUserSessionId(String userSessionId) {
        this.userSessionId = userSessionId;
    }

    public Long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public long getUseCount() {
        return useCount;
    }

    public void setUseCount(long useCount) {
        this.useCount = useCount;
    }

    public Long getExpiredAt() {
        return expiredAt;
    }

    public void setExpiredAt(Long expiredAt) {
        this.expiredAt = expiredAt;
    }
}
