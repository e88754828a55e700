package dev.viewgate.audit;

import dev.viewgate.tier.EffectiveRoles;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLadder;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Tiers as one session sees them: the request's session sees the world after a change, a session of its own
 * transaction sees the committed world, which is the world before it. Every lookup of members is bounded.
 */
final class TierWorld {

    private static final Logger LOG = Logger.getLogger(TierWorld.class);

    private static final int GROUP_PAGE = 100;
    private static final int MEMBER_PAGE = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private TierLadder ladder;

    TierWorld(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Built here, not taken from TierService's per-request copy: the change being audited may have changed it. */
    private TierLadder ladder() {
        if (ladder == null) {
            ladder = TierLadder.of(realm.getRolesStream()
                            .map(role -> new TierLadder.Candidate(role.getName(),
                                    role.getFirstAttribute(TierLadder.TIER_ATTRIBUTE), role.getDescription()))
                            .toList(),
                    problem -> LOG.debugf("Viewgate audit, realm '%s': %s", realm.getName(), problem));
        }
        return ladder;
    }

    RealmModel realm() {
        return realm;
    }

    /** The level each tier role gives, by role id. */
    Map<String, Integer> levelsByRoleId() {
        Map<String, Integer> levels = new HashMap<>();
        for (Tier tier : ladder().tiers()) {
            RoleModel role = realm.getRole(tier.role());
            if (role != null) {
                levels.put(role.getId(), tier.level());
            }
        }
        return levels;
    }

    /** Whether holding {@code role} gives a tier: it is a tier role or contains one. */
    boolean carriesTier(RoleModel role) {
        return role != null && ladder().tiers().stream()
                .map(tier -> realm.getRole(tier.role()))
                .anyMatch(tierRole -> tierRole != null && (tierRole.equals(role) || role.hasRole(tierRole)));
    }

    /** The member's tier, or empty when there is no such user in this world. */
    Optional<MemberTier> tierOf(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return Optional.empty();
        }
        EffectiveRoles roles = EffectiveRoles.of(user);
        Tier tier = ladder().highestHeld(name -> roles.holds(realm.getRole(name)));
        if (!tier.isMember()) {
            return Optional.of(MemberTier.NONE);
        }
        return Optional.of(new MemberTier(tier.level(), realm.getRole(tier.role()).getId(), tier.role()));
    }

    String usernameOf(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        return user == null ? null : user.getUsername();
    }

    /** Adds the ids of the scope's members to {@code into} until it holds {@code max}. */
    void addMembers(TierScope scope, Set<String> into, int max) {
        if (scope instanceof TierScope.OneUser one) {
            addIfRoom(into, one.userId(), max);
        } else if (scope instanceof TierScope.GroupSubtree subtree) {
            addGroupSubtree(session.groups().getGroupById(realm, subtree.groupId()), into, max);
        } else if (scope instanceof TierScope.RoleHolders holders) {
            addRoleHolders(holders.roleIds().stream().map(realm::getRoleById).filter(Objects::nonNull).toList(), into, max);
        } else if (scope instanceof TierScope.ClientRoleHolders client) {
            ClientModel model = realm.getClientById(client.clientUuid());
            if (model != null) {
                addRoleHolders(model.getRolesStream().filter(this::carriesTier).toList(), into, max);
            }
        }
    }

    private void addRoleHolders(Collection<RoleModel> roles, Set<String> into, int max) {
        if (roles.isEmpty()) {
            return;
        }
        Set<RoleModel> holding = new LinkedHashSet<>(roles);
        // A role is held through every composite that contains it; the realm's roles are cached, so this reads no rows.
        Stream.concat(realm.getRolesStream(), realm.getClientsStream().flatMap(ClientModel::getRolesStream))
                .filter(RoleModel::isComposite)
                .filter(composite -> roles.stream().anyMatch(composite::hasRole))
                .forEach(holding::add);
        for (RoleModel role : holding) {
            if (into.size() >= max) {
                return;
            }
            addPaged((first, count) -> session.users().getRoleMembersStream(realm, role, first, count), into, max);
            int first = 0;
            List<GroupModel> groups;
            do {
                groups = session.groups().getGroupsByRoleStream(realm, role, first, GROUP_PAGE).toList();
                groups.forEach(group -> addGroupSubtree(group, into, max));
                first += groups.size();
            } while (groups.size() == GROUP_PAGE && into.size() < max);
        }
    }

    private void addGroupSubtree(GroupModel top, Set<String> into, int max) {
        if (top == null) {
            return;
        }
        Deque<GroupModel> pending = new ArrayDeque<>(List.of(top));
        while (!pending.isEmpty() && into.size() < max) {
            GroupModel group = pending.pop();
            addPaged((first, count) -> session.users().getGroupMembersStream(realm, group, first, count), into, max);
            group.getSubGroupsStream().forEach(pending::push);
        }
    }

    /**
     * Reads pages until {@code into} is full or the source is exhausted. A page may repeat members already found (a
     * member of two groups, or the same group read in both worlds), so pages are of a fixed size, never "as many as
     * are missing": that would read a group already found one member per query. At most {@code max} repeats exist,
     * so this reads at most about twice {@code max} members.
     */
    private static void addPaged(BiFunction<Integer, Integer, Stream<UserModel>> page, Set<String> into, int max) {
        int first = 0;
        while (into.size() < max) {
            List<String> ids = page.apply(first, MEMBER_PAGE).map(UserModel::getId).toList();
            ids.forEach(id -> addIfRoom(into, id, max));
            if (ids.size() < MEMBER_PAGE) {
                return;
            }
            first += ids.size();
        }
    }

    private static void addIfRoom(Set<String> into, String userId, int max) {
        if (into.size() < max) {
            into.add(userId);
        }
    }
}
