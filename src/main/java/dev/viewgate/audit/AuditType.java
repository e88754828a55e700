package dev.viewgate.audit;

import java.util.Optional;

/** What an audit row records. Viewgate emits each as a Keycloak admin event of resource type {@code VIEWGATE_<TYPE>}. */
public enum AuditType {
    ACCESS_REQUEST_SUBMITTED,
    ACCESS_REQUEST_UPDATED,
    ACCESS_REQUEST_WITHDRAWN,
    ACCESS_REQUEST_GRANTED,
    ACCESS_REQUEST_DECLINED,
    VIEW_AS_STARTED,
    VIEW_AS_ENDED,
    VIEW_UPDATED,
    GUEST_GRANT_CREATED,
    GUEST_GRANT_REVOKED,
    GUEST_GRANT_EXPIRED,
    GUEST_TOKEN_ISSUED,
    GUEST_TOKEN_DENIED,
    TIER_ROLE_CHANGED,
    SETTING_CHANGED,
    AUDIT_PRUNED;

    static final String RESOURCE_TYPE_PREFIX = "VIEWGATE_";

    public String resourceType() {
        return RESOURCE_TYPE_PREFIX + name();
    }

    /** The type of an admin event's resource type, if it is one of Viewgate's. */
    public static Optional<AuditType> fromResourceType(String resourceType) {
        if (resourceType == null || !resourceType.startsWith(RESOURCE_TYPE_PREFIX)) {
            return Optional.empty();
        }
        return parse(resourceType.substring(RESOURCE_TYPE_PREFIX.length()));
    }

    public static Optional<AuditType> parse(String name) {
        for (AuditType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
