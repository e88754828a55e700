package dev.viewgate.audit;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RoleModel;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Recognizes, from the admin event Keycloak sends after a change made through its admin API or console, a change that
 * may have moved members' tiers, and says whose: a user's role mapping or group membership; a group's role mapping,
 * removal or move; a role's composites, attributes or removal; a client's removal (its roles go with it); a new user
 * (created in groups, or given default roles that carry a tier).
 */
final class TierChangeDetector {

    private static final Set<ResourceType> MAY_MOVE_TIERS = EnumSet.of(ResourceType.REALM_ROLE_MAPPING,
            ResourceType.CLIENT_ROLE_MAPPING, ResourceType.GROUP_MEMBERSHIP, ResourceType.REALM_ROLE,
            ResourceType.CLIENT_ROLE, ResourceType.GROUP, ResourceType.CLIENT, ResourceType.USER);

    private final TierWorld after;

    TierChangeDetector(TierWorld after) {
        this.after = after;
    }

    /** Whether the event is of a kind that can move a tier at all: most admin events are not, and cost nothing. */
    static boolean mayMoveTiers(AdminEvent event) {
        return event.getResourceType() != null && event.getResourcePath() != null
                && MAY_MOVE_TIERS.contains(event.getResourceType())
                && (event.getResourceType() != ResourceType.USER || event.getOperationType() == OperationType.CREATE);
    }

    Optional<TierChange> detect(AdminEvent event) {
        String path = event.getResourcePath();
        OperationType operation = event.getOperationType();
        if (path == null || event.getResourceType() == null) {
            return Optional.empty();
        }
        String[] segments = path.split("/");
        return switch (event.getResourceType()) {
            case REALM_ROLE_MAPPING, CLIENT_ROLE_MAPPING -> roleMapping(segments, operation, event.getRepresentation());
            case GROUP_MEMBERSHIP -> groupMembership(segments, operation);
            case REALM_ROLE -> role(segments, operation, event.getRepresentation(), true);
            case CLIENT_ROLE -> role(segments, operation, event.getRepresentation(), false);
            case GROUP -> group(segments, operation, event.getRepresentation());
            case CLIENT -> client(segments, operation);
            case USER -> userCreated(segments, operation);
            default -> Optional.empty();
        };
    }

    /** {@code users|groups/{id}/role-mappings/realm} or {@code .../role-mappings/clients/{client}}. */
    private Optional<TierChange> roleMapping(String[] segments, OperationType operation, String representation) {
        if (segments.length < 4 || !segments[2].equals("role-mappings") || !isCreateOrDelete(operation)) {
            return Optional.empty();
        }
        List<RoleModel> changed = roles(representation);
        if (changed.stream().noneMatch(after::carriesTier)) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(operation == OperationType.CREATE ? "rolesAdded" : "rolesRemoved", names(changed));
        if (segments[0].equals("users")) {
            details.put("via", TierChange.ROLE_MAPPING);
            Set<String> tierRoleIds = after.levelsByRoleId().keySet();
            boolean tierRoleMapped = changed.stream().anyMatch(role -> tierRoleIds.contains(role.getId()));
            return Optional.of(new TierChange(TierChange.ROLE_MAPPING, details, new TierScope.OneUser(segments[1]), tierRoleMapped));
        }
        if (segments[0].equals("groups")) {
            GroupModel group = after.realm().getGroupById(segments[1]);
            details.put("via", "group-role-mapping");
            details.put("group", group == null ? null : group.getName());
            details.put("groupId", segments[1]);
            return Optional.of(new TierChange(TierChange.GROUP, details, new TierScope.GroupSubtree(segments[1]), false));
        }
        return Optional.empty();
    }

    /** {@code users/{id}/groups/{group}}. */
    private Optional<TierChange> groupMembership(String[] segments, OperationType operation) {
        if (segments.length < 4 || !segments[0].equals("users") || !segments[2].equals("groups") || !isCreateOrDelete(operation)) {
            return Optional.empty();
        }
        GroupModel group = after.realm().getGroupById(segments[3]);
        if (group == null || !carriesTier(group)) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", operation == OperationType.CREATE ? "group-joined" : "group-left");
        details.put("group", group.getName());
        details.put("groupId", group.getId());
        return Optional.of(new TierChange(TierChange.GROUP, details, new TierScope.OneUser(segments[1]), false));
    }

    /**
     * {@code roles/{name}}, {@code roles-by-id/{id}} or {@code clients/{client}/roles/{name}}, each with an optional
     * {@code /composites}; {@code roles} or {@code clients/{client}/roles} for a new role.
     */
    private Optional<TierChange> role(String[] segments, OperationType operation, String representation, boolean realmRole) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (segments[segments.length - 1].equals("composites")) {
            RoleModel parent = roleAt(segments);
            List<RoleModel> children = roles(representation);
            if (parent == null || !isCreateOrDelete(operation) || children.stream().noneMatch(after::carriesTier)) {
                return Optional.empty();
            }
            details.put("via", operation == OperationType.CREATE ? "composite-added" : "composite-removed");
            details.put("role", parent.getName());
            details.put("roleId", parent.getId());
            details.put(operation == OperationType.CREATE ? "rolesAdded" : "rolesRemoved", names(children));
            return Optional.of(new TierChange(TierChange.COMPOSITE, details, new TierScope.RoleHolders(Set.of(parent.getId())), false));
        }
        RoleRepresentation rep = role(representation);
        if (operation == OperationType.DELETE) {
            String id = segments[0].equals("roles-by-id") && segments.length > 1 ? segments[1] : rep == null ? null : rep.getId();
            if (id == null) {
                return Optional.empty();
            }
            details.put("via", "role-deleted");
            details.put("role", rep == null ? null : rep.getName());
            details.put("roleId", id);
            // The role exists only in the world before: its holders are looked up there.
            return Optional.of(new TierChange(TierChange.ROLE_DELETED, details, new TierScope.RoleHolders(Set.of(id)), false));
        }
        if (realmRole && (operation == OperationType.UPDATE || operation == OperationType.CREATE)) {
            // Who moves follows from the ladder before and after (a changed viewgate.tier, or a level claimed anew).
            details.put("via", operation == OperationType.CREATE ? "role-created" : "role-updated");
            details.put("role", rep == null ? null : rep.getName());
            return Optional.of(new TierChange(TierChange.ROLE_ATTRIBUTE, details, new TierScope.RoleHolders(Set.of()), false));
        }
        return Optional.empty();
    }

    /** {@code groups/{id}} removed; {@code groups/{parent}/children} or {@code groups} with an existing group: moved. */
    private Optional<TierChange> group(String[] segments, OperationType operation, String representation) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (operation == OperationType.DELETE && segments.length == 2 && segments[0].equals("groups")) {
            GroupRepresentation rep = group(representation);
            details.put("via", "group-deleted");
            details.put("group", rep == null ? null : rep.getName());
            details.put("groupId", segments[1]);
            return Optional.of(new TierChange(TierChange.GROUP, details, new TierScope.GroupSubtree(segments[1]), false));
        }
        boolean moved = operation == OperationType.UPDATE && segments[0].equals("groups")
                && (segments.length == 1 || (segments.length == 3 && segments[2].equals("children")));
        GroupRepresentation rep = moved ? group(representation) : null;
        if (rep == null || rep.getId() == null) {
            return Optional.empty();
        }
        GroupModel group = after.realm().getGroupById(rep.getId());
        details.put("via", "group-moved");
        details.put("group", group == null ? rep.getName() : group.getName());
        details.put("groupId", rep.getId());
        details.put("parentGroupId", segments.length == 3 ? segments[1] : null);
        return Optional.of(new TierChange(TierChange.GROUP, details, new TierScope.GroupSubtree(rep.getId()), false));
    }

    /** {@code users/{id}} created: the new user may hold a tier at once, through the groups it was created in. */
    private Optional<TierChange> userCreated(String[] segments, OperationType operation) {
        if (operation != OperationType.CREATE || segments.length != 2 || !segments[0].equals("users")) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", TierChange.USER_CREATED);
        return Optional.of(new TierChange(TierChange.USER_CREATED, details, new TierScope.OneUser(segments[1]), false));
    }

    /** {@code clients/{id}} removed: its roles, and so what they carried, leave everyone holding them. */
    private Optional<TierChange> client(String[] segments, OperationType operation) {
        if (operation != OperationType.DELETE || segments.length != 2 || !segments[0].equals("clients")) {
            return Optional.empty();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", "client-deleted");
        details.put("clientId", segments[1]);
        return Optional.of(new TierChange(TierChange.CLIENT_DELETED, details, new TierScope.ClientRoleHolders(segments[1]), false));
    }

    private RoleModel roleAt(String[] segments) {
        if (segments[0].equals("roles-by-id") && segments.length == 3) {
            return after.realm().getRoleById(segments[1]);
        }
        if (segments[0].equals("roles") && segments.length == 3) {
            return after.realm().getRole(segments[1]);
        }
        if (segments[0].equals("clients") && segments.length == 5 && segments[2].equals("roles")) {
            ClientModel client = after.realm().getClientById(segments[1]);
            return client == null ? null : client.getRole(segments[3]);
        }
        return null;
    }

    /** Whether membership gives a tier: a role of the group or of a parent group carries one. */
    private boolean carriesTier(GroupModel group) {
        for (GroupModel at = group; at != null; at = at.getParent()) {
            if (at.getRoleMappingsStream().anyMatch(after::carriesTier)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCreateOrDelete(OperationType operation) {
        return operation == OperationType.CREATE || operation == OperationType.DELETE;
    }

    private static List<String> names(List<RoleModel> roles) {
        return roles.stream().map(RoleModel::getName).toList();
    }

    private List<RoleModel> roles(String representation) {
        if (representation == null) {
            return List.of();
        }
        RoleRepresentation[] roles = read(representation, RoleRepresentation[].class);
        return Arrays.stream(roles)
                .map(rep -> rep.getId() != null ? after.realm().getRoleById(rep.getId()) : after.realm().getRole(rep.getName()))
                .filter(Objects::nonNull)
                .toList();
    }

    private static RoleRepresentation role(String representation) {
        return representation == null ? null : read(representation, RoleRepresentation.class);
    }

    private static GroupRepresentation group(String representation) {
        return representation == null ? null : read(representation, GroupRepresentation.class);
    }

    private static <T> T read(String representation, Class<T> type) {
        try {
            return JsonSerialization.readValue(representation, type);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable admin event representation", e);
        }
    }
}
