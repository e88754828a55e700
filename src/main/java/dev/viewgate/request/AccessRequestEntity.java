package dev.viewgate.request;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An access request. {@code openKey} holds the requester's id while the request is PENDING and null afterwards;
 * its unique constraint is what makes "one pending request per member" hold under concurrency.
 */
@Entity
@Table(name = "VG_ACCESS_REQUEST")
public class AccessRequestEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REQUESTER_ID", length = 36, nullable = false)
    private String requesterId;

    @Column(name = "OPEN_KEY", length = 36)
    private String openKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "STATUS", length = 16, nullable = false)
    private AccessRequestStatus status;

    @Column(name = "DESIRED_ROLE")
    private String desiredRole;

    @Column(name = "MESSAGE", length = 2000)
    private String message;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "DECIDED_BY_ID")
    private String decidedById;

    @Column(name = "DECIDED_BY_USERNAME")
    private String decidedByUsername;

    @Column(name = "PREVIOUS_ROLE")
    private String previousRole;

    @Column(name = "GRANTED_ROLE")
    private String grantedRole;

    @Column(name = "REASON", length = 2000)
    private String reason;

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

    public String getRequesterId() {
        return requesterId;
    }

    public void setRequesterId(String requesterId) {
        this.requesterId = requesterId;
    }

    public String getOpenKey() {
        return openKey;
    }

    public void setOpenKey(String openKey) {
        this.openKey = openKey;
    }

    public AccessRequestStatus getStatus() {
        return status;
    }

    public void setStatus(AccessRequestStatus status) {
        this.status = status;
    }

    public String getDesiredRole() {
        return desiredRole;
    }

    public void setDesiredRole(String desiredRole) {
        this.desiredRole = desiredRole;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Long getDecidedAt() {
        return decidedAt;
    }

    public void setDecidedAt(Long decidedAt) {
        this.decidedAt = decidedAt;
    }

    public String getDecidedById() {
        return decidedById;
    }

    public void setDecidedById(String decidedById) {
        this.decidedById = decidedById;
    }

    public String getDecidedByUsername() {
        return decidedByUsername;
    }

    public void setDecidedByUsername(String decidedByUsername) {
        this.decidedByUsername = decidedByUsername;
    }

    public String getPreviousRole() {
        return previousRole;
    }

    public void setPreviousRole(String previousRole) {
        this.previousRole = previousRole;
    }

    public String getGrantedRole() {
        return grantedRole;
    }

    public void setGrantedRole(String grantedRole) {
        this.grantedRole = grantedRole;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
