package dev.viewgate.audit;

import java.util.Set;

/**
 * Whose tier a change may have moved, named so that it can be looked up both in the world before the change and in
 * the world after it (a deleted role or group exists only before, a moved group in both).
 */
sealed interface TierScope {

    /** One user: their own role mapping or group membership changed. */
    record OneUser(String userId) implements TierScope {
    }

    /** Every member of a group and of its subgroups, at any depth. */
    record GroupSubtree(String groupId) implements TierScope {
    }

    /** Everyone holding one of these roles: directly, through a composite, through a group or a parent group. */
    record RoleHolders(Set<String> roleIds) implements TierScope {
    }

    /** Everyone holding one of a client's roles (the client is being removed with its roles). */
    record ClientRoleHolders(String clientUuid) implements TierScope {
    }
}
