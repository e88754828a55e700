package dev.viewgate.audit;

import java.util.Map;

/**
 * A change Keycloak reported that may have moved members' tiers: what caused it ({@code cause}, plus what the rows
 * say about it in {@code details}) and whose tier it may have moved.
 *
 * @param tierRoleMapped a tier role itself was mapped to or removed from the one user in scope: recorded even when
 *                       another route keeps the member's tier where it was, because their tier roles did change
 */
record TierChange(String cause, Map<String, Object> details, TierScope scope, boolean tierRoleMapped) {

    static final String ROLE_MAPPING = "role-mapping";
    static final String GROUP = "group";
    static final String COMPOSITE = "composite";
    static final String ROLE_ATTRIBUTE = "role-attribute";
    static final String ROLE_DELETED = "role-deleted";
    static final String CLIENT_DELETED = "client-deleted";
    static final String USER_CREATED = "user-created";

    boolean movesOneUser() {
        return scope instanceof TierScope.OneUser;
    }
}
