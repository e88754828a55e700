package dev.viewgate.audit;

import dev.viewgate.tier.Setting;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Writes one {@code TIER_ROLE_CHANGED} row per member whose tier a change moved, in the change's transaction.
 *
 * <p>The tier after is read in the request's session. The tier before is read in a transaction of its own, which sees
 * the committed world, that is the world before the change; a member whose tier an earlier change of the same
 * transaction already recorded starts from that recorded tier instead, so a grant that removes one tier role and maps
 * another reads "viewer to none", then "none to analyst", never twice "viewer".
 *
 * <p>At most the realm's member limit of members are examined per change ({@link Setting#AUDIT_TIER_CHANGE_MEMBER_LIMIT}, default 500),
 * so that no admin request does unbounded work. When more members are in scope, the examined ones get their rows and
 * one summary row without a subject says that the change reached beyond the limit, and what it was.
 */
final class TierChangeRecorder {

    private static final String TIERS_RECORDED = "viewgate.audit.tiersRecordedInTransaction";
    private static final Logger LOG = Logger.getLogger(TierChangeRecorder.class);

    /**
     * A member whose tier this transaction moved: their tier before its first change, and the one row that says so
     * (null while the changes so far cancel out). Later changes in the transaction update that row, so one request
     * that removes a tier role and adds another (a grant, a role swap) leaves one row, from the first tier to the last.
     */
    private static final class Moved {
        private final MemberTier first;
        private final Map<String, Object> causes = new LinkedHashMap<>();
        private AuditEventEntity row;
        private boolean tierRoleMapped;

        private Moved(MemberTier first) {
            this.first = first;
        }
    }

    /** What the world before the change says: the members in scope (at most limit + 1) and the tiers of the first limit. */
    private record Before(Set<String> members, Map<String, MemberTier> tiers) {
    }

    private final KeycloakSession session;

    TierChangeRecorder(KeycloakSession session) {
        this.session = session;
    }

    void record(AdminEvent event) {
        if (!TierChangeDetector.mayMoveTiers(event)) {
            return;
        }
        RealmModel realm = event.getRealmId() == null ? null : session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        TierWorld after = new TierWorld(session, realm);
        Optional<TierChange> change = new TierChangeDetector(after).detect(event);
        if (change.isPresent()) {
            record(event, change.get(), after);
        }
    }

    private void record(AdminEvent event, TierChange change, TierWorld after) {
        int limit = memberLimit(after.realm());
        Set<String> inScopeAfter = new LinkedHashSet<>();
        after.addMembers(change.scope(), inScopeAfter, limit + 1);
        // A user created by this change had no tier before it: nothing to read in a transaction of its own.
        Before before = TierChange.USER_CREATED.equals(change.cause()) ? new Before(inScopeAfter, Map.of())
                : before(after.realm().getId(), change.scope(), inScopeAfter, after.levelsByRoleId(), limit);

        Map<String, Moved> recorded = recordedInTransaction();
        List<String> examined = before.members().stream().limit(limit).toList();
        String actorUsername = AuditEventListenerProvider.usernameOf(session, event.getAuthDetails());
        int moved = 0;
        for (String userId : examined) {
            Optional<MemberTier> now = after.tierOf(userId);
            if (now.isEmpty()) {
                continue; // removed: not a tier change
            }
            Moved member = recorded.computeIfAbsent(userId,
                    id -> new Moved(before.tiers().getOrDefault(id, MemberTier.NONE)));
            member.causes.putAll(change.details());
            member.tierRoleMapped |= change.tierRoleMapped();
            if (member.first.sameAs(now.get()) && !member.tierRoleMapped) {
                if (member.row != null) {
                    session.getProvider(JpaConnectionProvider.class).getEntityManager().remove(member.row);
                    member.row = null; // back where the transaction started: no row
                }
                continue;
            }
            moved++;
            if (member.row == null) {
                member.row = memberRow(event, change, actorUsername, userId, after.usernameOf(userId), member.first, now.get(),
                        member.causes);
                AuditLog.insert(session, member.row);
            } else {
                member.row.setDetails(AuditLog.toJson(memberDetails(change, member.first, now.get(), member.causes)));
            }
        }
        boolean beyondLimit = before.members().size() > limit;
        if (beyondLimit) {
            LOG.warnf("Viewgate audit, realm '%s': admin event %s (%s) reached more than %d members; %d examined members "
                    + "moved and got rows, the others were not examined (see the summary row)",
                    after.realm().getName(), event.getId(), change.cause(), limit, moved);
            AuditLog.insert(session, summaryRow(event, change, actorUsername, limit, moved));
        }
        LOG.debugf("Viewgate audit: admin event %s (%s) moved %d of %d examined members", event.getId(), change.cause(),
                moved, examined.size());
    }

    /**
     * The world before, read in a transaction of its own: who was in scope (a deleted role's holders exist only
     * there; a role whose level changed moves its holders too), and their tiers then.
     */
    private Before before(String realmId, TierScope scope, Set<String> inScopeAfter, Map<String, Integer> levelsAfter,
                          int limit) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), committed -> {
            RealmModel realm = committed.realms().getRealm(realmId);
            Set<String> members = new LinkedHashSet<>(inScopeAfter);
            if (realm == null) {
                return new Before(members, Map.of());
            }
            committed.getContext().setRealm(realm);
            TierWorld world = new TierWorld(committed, realm);
            world.addMembers(scope, members, limit + 1);
            Map<String, Integer> levelsBefore = world.levelsByRoleId();
            Set<String> relevelled = new LinkedHashSet<>(levelsBefore.keySet());
            relevelled.addAll(levelsAfter.keySet());
            relevelled.removeIf(roleId -> Objects.equals(levelsBefore.get(roleId), levelsAfter.get(roleId)));
            world.addMembers(new TierScope.RoleHolders(relevelled), members, limit + 1);
            Map<String, MemberTier> tiers = new HashMap<>();
            members.stream().limit(limit).forEach(id -> world.tierOf(id).ifPresent(tier -> tiers.put(id, tier)));
            committed.getTransactionManager().setRollbackOnly();
            return new Before(members, tiers);
        });
    }

    private AuditEventEntity memberRow(AdminEvent event, TierChange change, String actorUsername, String userId,
                                       String username, MemberTier previous, MemberTier now, Map<String, Object> causes) {
        AuditEventEntity row = row(event, change, actorUsername, memberDetails(change, previous, now, causes));
        row.setSubjectId(userId);
        row.setSubjectUsername(username);
        return row;
    }

    private static Map<String, Object> memberDetails(TierChange change, MemberTier previous, MemberTier now,
                                                     Map<String, Object> causes) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previousRole", previous.roleName());
        details.put("newRole", now.roleName());
        details.put("previousTier", previous.level());
        details.put("newTier", now.level());
        details.put("cause", change.cause());
        details.putAll(causes);
        return details;
    }

    private AuditEventEntity summaryRow(AdminEvent event, TierChange change, String actorUsername, int limit, int moved) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("summary", true);
        details.put("cause", change.cause());
        details.putAll(change.details());
        details.put("memberLimit", limit);
        details.put("membersExamined", limit);
        details.put("membersMovedOfExamined", moved);
        details.put("membersNotExamined", true);
        return row(event, change, actorUsername, details);
    }

    /** A change of one user keeps the admin event's id; a change that may move many gives each row its own. */
    private static AuditEventEntity row(AdminEvent event, TierChange change, String actorUsername, Map<String, Object> details) {
        AuditEventEntity row = AuditEventListenerProvider.newRow(event, AuditType.TIER_ROLE_CHANGED);
        if (!change.movesOneUser()) {
            row.setId(KeycloakModelUtils.generateId());
            details.put("adminEventId", event.getId());
        }
        row.setActorUsername(actorUsername);
        row.setDetails(AuditLog.toJson(details));
        return row;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Moved> recordedInTransaction() {
        Object recorded = session.getAttribute(TIERS_RECORDED);
        if (recorded instanceof Map<?, ?> map) {
            return (Map<String, Moved>) map;
        }
        Map<String, Moved> fresh = new HashMap<>();
        session.setAttribute(TIERS_RECORDED, fresh);
        return fresh;
    }

    static int memberLimit(RealmModel realm) {
        return Setting.AUDIT_TIER_CHANGE_MEMBER_LIMIT.number(realm::getAttribute,
                problem -> LOG.warnf("Viewgate, realm '%s': %s", realm.getName(), problem));
    }
}
