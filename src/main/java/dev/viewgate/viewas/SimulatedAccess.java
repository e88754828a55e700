package dev.viewgate.viewas;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.viewgate.base.ViewAsNotes;
import dev.viewgate.base.AdminClients;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLadder;
import dev.viewgate.tier.TierService;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.AccessToken;

/**
 * Rewrites what a token says of a member's access while a view-as is active, and adds the {@code tier} claim always.
 * It only ever removes roles the member's token already carries, and adds the simulated tier role, never above the
 * member's own; roles of admin clients are always removed.
 */
final class SimulatedAccess {

    static final String TIER_CLAIM = "tier";
    static final String VIEW_AS_CLAIM = "view_as";
    private static final String GROUPS_CLAIM = "groups";

    private final KeycloakSession session;
    private final RealmModel realm;

    SimulatedAccess(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void apply(AccessToken token, UserModel actor, ViewAsNotes.State state) {
        TierService tiers = new TierService(session, realm);
        TierLadder ladder = tiers.ladder();
        Tier simulated = ladder.byLevel(state.tier()).orElse(Tier.NONE);
        Set<String> tierRoles = ladder.tiers().stream().map(Tier::role).collect(Collectors.toSet());
        UserModel target = state.isUserMode() ? session.users().getUserById(realm, state.userId()) : null;
        Effective targetRoles = target == null ? null : Effective.of(target);

        if (token.getRealmAccess() != null && token.getRealmAccess().getRoles() != null) {
            Set<String> held = token.getRealmAccess().getRoles();
            Set<String> kept = new HashSet<>(held);
            kept.removeAll(tierRoles);
            if (targetRoles != null) {
                kept.retainAll(targetRoles.realmRoles());
            }
            if (simulated.isMember()) {
                kept.add(simulated.role());
                if (target == null) {
                    // the tier role's composite children, as far as the member holds them anyway
                    RoleModel role = realm.getRole(simulated.role());
                    RoleUtils.expandCompositeRoles(Set.of(role)).stream().filter(r -> !r.isClientRole())
                            .map(RoleModel::getName).filter(held::contains).forEach(kept::add);
                }
            }
            token.getRealmAccess().roles(kept);
        }

        if (token.getResourceAccess() != null) {
            Set<String> emptied = new HashSet<>();
            token.getResourceAccess().entrySet().removeIf(entry -> {
                boolean remove = AdminClients.isAdminClientId(realm, entry.getKey());
                if (!remove && targetRoles != null && entry.getValue().getRoles() != null) {
                    Set<String> kept = new HashSet<>(entry.getValue().getRoles());
                    kept.retainAll(targetRoles.clientRoles().getOrDefault(entry.getKey(), Set.of()));
                    entry.getValue().roles(kept);
                    remove = kept.isEmpty();
                }
                if (remove) {
                    emptied.add(entry.getKey());
                }
                return remove;
            });
            if (token.getAudience() != null && !emptied.isEmpty()) {
                token.audience(java.util.Arrays.stream(token.getAudience()).filter(a -> !emptied.contains(a)).toArray(String[]::new));
            }
        }

        if (targetRoles != null && token.getOtherClaims().get(GROUPS_CLAIM) instanceof List<?> groups) {
            token.getOtherClaims().put(GROUPS_CLAIM, groups.stream()
                    .filter(g -> targetRoles.groupNames().contains(String.valueOf(g))).toList());
        }

        token.getOtherClaims().put(TIER_CLAIM, simulated.level());
        Map<String, Object> viewAs = new LinkedHashMap<>();
        viewAs.put("mode", state.mode());
        viewAs.put("tier", state.tier());
        // A NullNode, not null: Keycloak's token serializer drops null values, and "user": null says "tier mode".
        viewAs.put("user", state.userId() == null ? NullNode.getInstance()
                : Map.of("id", state.userId(), "username", state.username()));
        viewAs.put("actor", Map.of("id", actor.getId(), "username", actor.getUsername()));
        viewAs.put("expires_at", Instant.ofEpochMilli(state.expiresAt()).getEpochSecond());
        token.getOtherClaims().put(VIEW_AS_CLAIM, viewAs);
    }

    /** A member's effective roles (composites and groups expanded) and groups, as token claims name them. */
    record Effective(Set<String> realmRoles, Map<String, Set<String>> clientRoles, Set<String> groupNames) {

        static Effective of(UserModel user) {
            Set<RoleModel> roles = RoleUtils.getDeepUserRoleMappings(user);
            Set<String> realmRoles = new HashSet<>();
            Map<String, Set<String>> clientRoles = new HashMap<>();
            for (RoleModel role : roles) {
                if (role.isClientRole() && role.getContainer() instanceof ClientModel client) {
                    clientRoles.computeIfAbsent(client.getClientId(), c -> new HashSet<>()).add(role.getName());
                } else {
                    realmRoles.add(role.getName());
                }
            }
            Set<String> groupNames = new HashSet<>();
            user.getGroupsStream().forEach(group -> {
                groupNames.add(group.getName());
                groupNames.add(ModelToRepresentation.buildGroupPath(group));
            });
            return new Effective(realmRoles, clientRoles, groupNames);
        }
    }
}
