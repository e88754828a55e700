package dev.viewgate.tier;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * A user's direct role mappings and groups, read once; {@link #holds} answers as {@code UserModel.hasRole} does
 * (composites and parent groups count) without reading them again for every tier.
 */
public record EffectiveRoles(Set<RoleModel> directRoles, Set<GroupModel> groups) {

    public static EffectiveRoles of(UserModel user) {
        return new EffectiveRoles(user.getRoleMappingsStream().collect(Collectors.toCollection(HashSet::new)),
                user.getGroupsStream().collect(Collectors.toCollection(HashSet::new)));
    }

    public boolean holds(RoleModel role) {
        return role != null && (directRoles.stream().anyMatch(direct -> direct.equals(role) || direct.hasRole(role))
                || groups.stream().anyMatch(group -> group.hasRole(role)));
    }

    public EffectiveRoles withDirectRoles(Set<RoleModel> roles) {
        return new EffectiveRoles(Set.copyOf(roles), groups);
    }

    public EffectiveRoles withGroups(Set<GroupModel> otherGroups) {
        return new EffectiveRoles(directRoles, Set.copyOf(otherGroups));
    }
}
