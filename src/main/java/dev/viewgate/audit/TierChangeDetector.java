package dev.viewgate.audit;

import dev.viewgate.tier.EffectiveRoles;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLadder;
import dev.viewgate.tier.TierService;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Recognizes a tier change made through Keycloak's own admin API or console: realm roles mapped to or removed
 * from a user, or a user joining or leaving a group. The admin event arrives after the change, so the tier after
 * is the user's tier now and the tier before is computed with the change undone.
 */
final class TierChangeDetector {

    private final KeycloakSession session;

    TierChangeDetector(KeycloakSession session) {
        this.session = session;
    }

    Optional<AuditEventEntity> detect(AdminEvent event) {
        ResourceType type = event.getResourceType();
        String path = event.getResourcePath();
        if (path == null || (type != ResourceType.REALM_ROLE_MAPPING && type != ResourceType.GROUP_MEMBERSHIP)
                || (event.getOperationType() != OperationType.CREATE && event.getOperationType() != OperationType.DELETE)) {
            return Optional.empty();
        }
        String[] segments = path.split("/");
        if (segments.length < 4 || !segments[0].equals("users")) {
            return Optional.empty();
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, segments[1]);
        if (user == null) {
            return Optional.empty();
        }
        boolean added = event.getOperationType() == OperationType.CREATE;
        EffectiveRoles now = EffectiveRoles.of(user);
        EffectiveRoles before;
        TierService tiers = new TierService(session, realm);
        TierLadder ladder = tiers.ladder();
        Map<String, Object> details = new LinkedHashMap<>();
        boolean touchesTierRole;

        if (type == ResourceType.REALM_ROLE_MAPPING && segments[2].equals("role-mappings") && segments[3].equals("realm")) {
            List<RoleModel> changed = changedRoles(realm, event.getRepresentation());
            Set<RoleModel> directRoles = new HashSet<>(now.directRoles());
            changed.forEach(added ? directRoles::remove : directRoles::add);
            before = now.withDirectRoles(directRoles);
            touchesTierRole = changed.stream().anyMatch(role -> ladder.byRole(role.getName()).isPresent());
            if (!touchesTierRole && changed.stream().noneMatch(RoleModel::isComposite)) {
                return Optional.empty();
            }
            details.put("via", "role-mapping");
            details.put(added ? "rolesAdded" : "rolesRemoved", changed.stream().map(RoleModel::getName).toList());
        } else if (type == ResourceType.GROUP_MEMBERSHIP && segments[2].equals("groups")) {
            GroupModel group = session.groups().getGroupById(realm, segments[3]);
            if (group == null) {
                return Optional.empty();
            }
            Set<GroupModel> groups = new HashSet<>(now.groups());
            if (added) {
                groups.remove(group);
            } else {
                groups.add(group);
            }
            before = now.withGroups(groups);
            touchesTierRole = false;
            details.put("via", added ? "group-joined" : "group-left");
            details.put("group", group.getName());
        } else {
            return Optional.empty();
        }

        Tier previous = tiers.tierOf(before);
        Tier current = tiers.tierOf(now);
        if (!touchesTierRole && Objects.equals(previous.role(), current.role())) {
            return Optional.empty();
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("previousRole", previous.role());
        ordered.put("newRole", current.role());
        ordered.putAll(details);

        AuditEventEntity row = AuditEventListenerProvider.newRow(event, AuditType.TIER_ROLE_CHANGED);
        row.setActorUsername(AuditEventListenerProvider.usernameOf(session, event.getAuthDetails()));
        row.setSubjectId(user.getId());
        row.setSubjectUsername(user.getUsername());
        row.setDetails(AuditLog.toJson(ordered));
        return Optional.of(row);
    }

    private static List<RoleModel> changedRoles(RealmModel realm, String representation) {
        if (representation == null) {
            return List.of();
        }
        try {
            RoleRepresentation[] roles = JsonSerialization.readValue(representation, RoleRepresentation[].class);
            return java.util.Arrays.stream(roles)
                    .map(rep -> rep.getId() != null ? realm.getRoleById(rep.getId()) : realm.getRole(rep.getName()))
                    .filter(Objects::nonNull)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable role mapping event representation", e);
        }
    }
}
