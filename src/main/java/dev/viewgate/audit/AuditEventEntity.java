package dev.viewgate.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One audit row. Written with {@code seq} and {@code hash} null inside the transaction of the change it records;
 * the {@link AuditSealer} later gives it its place in the realm's hash chain. Sealed rows are never changed.
 */
@Entity
@Table(name = "VG_AUDIT_EVENT")
public class AuditEventEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SEQ")
    private Long seq;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    @Column(name = "EVENT_TYPE", length = 64, nullable = false)
    private String type;

    @Column(name = "ACTOR_ID")
    private String actorId;

    @Column(name = "ACTOR_USERNAME")
    private String actorUsername;

    @Column(name = "SUBJECT_ID")
    private String subjectId;

    @Column(name = "SUBJECT_USERNAME")
    private String subjectUsername;

    @Column(name = "RESOURCE_PATH", length = 1024)
    private String resource;

    @Column(name = "DETAILS")
    private String details;

    @Column(name = "IP_ADDRESS", length = 64)
    private String ip;

    @Column(name = "PREV_HASH", length = 64)
    private String prevHash;

    @Column(name = "HASH", length = 64)
    private String hash;

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

    public Long getSeq() {
        return seq;
    }

    public void setSeq(Long seq) {
        this.seq = seq;
    }

    public long getTime() {
        return time;
    }

    public void setTime(long time) {
        this.time = time;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getActorId() {
        return actorId;
    }

    public void setActorId(String actorId) {
        this.actorId = actorId;
    }

    public String getActorUsername() {
        return actorUsername;
    }

    public void setActorUsername(String actorUsername) {
        this.actorUsername = actorUsername;
    }

    public String getSubjectId() {
        return subjectId;
    }

    public void setSubjectId(String subjectId) {
        this.subjectId = subjectId;
    }

    public String getSubjectUsername() {
        return subjectUsername;
    }

    public void setSubjectUsername(String subjectUsername) {
        this.subjectUsername = subjectUsername;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getDetails() {
        return details;
    }

    public void setDetails(String details) {
        this.details = details;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public void setPrevHash(String prevHash) {
        this.prevHash = prevHash;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }
}
