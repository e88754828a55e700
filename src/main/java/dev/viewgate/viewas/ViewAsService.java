package dev.viewgate.viewas;

import dev.viewgate.adapter.Pages;
import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewAsNotes;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.Authority;
import dev.viewgate.tier.AuthorityRule.Verdict;
import dev.viewgate.tier.Membership;
import dev.viewgate.tier.SimulationOutgrown;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Starts, reads and ends a member's view-as. Starting is judged on the member's real access; the simulated access is
 * never above it (tiers are a ladder, and a member target may not hold administrative roles the member lacks).
 */
public final class ViewAsService {

    private static final Logger LOG = Logger.getLogger(ViewAsService.class);

    /** Why a view-as ended, as the audit log records it. */
    public enum EndReason { EXIT, EXPIRED, LOGOUT, ACCESS_REDUCED, MEMBER_REMOVED, ENDED_BY_ADMIN }

    /** A view-as in force: the SSO session it lives on, the member using it and its state (from the session's notes). */
    public record Active(String sessionId, UserModel actor, ViewAsNotes.State state) {
    }

    /** At most this many bookkeeping rows are read to list a realm's view-as sessions. */
    static final int MAX_ROWS_LISTED = 10_000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public ViewAsService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The tiers the caller may view as (by real access): those at or below their own, from the mode's threshold. */
    public List<Tier> tierOptions(UserModel user) {
        TierService tiers = new TierService(session, realm);
        Tier own = tiers.tierOf(user);
        if (!tiers.capabilitiesOf(user, own).viewAsTier()) {
            return List.of();
        }
        Authority authority = new Authority(session, realm);
        return tiers.ladder().tiers().stream().filter(t -> !t.isAbove(own))
                .filter(t -> authority.viewAsTier(user, t.level()).allowed()).toList();
    }

    public boolean userOption(UserModel user) {
        TierService tiers = new TierService(session, realm);
        return tiers.capabilitiesOf(user, tiers.tierOf(user)).viewAsUser();
    }

    public ViewAsNotes.State startTier(Caller caller, int level) {
        UserSessionModel userSession = requireFreeSession(caller);
        TierService tiers = new TierService(session, realm);
        Tier own = tiers.tierOf(caller.user());
        if (!tiers.capabilitiesOf(caller.user(), own).viewAsTier()) {
            throw refused(caller, "tier " + level, Verdict.TIER_TOO_LOW,
                    "Viewing as a tier needs tier " + tiers.settings().viewAsTierMinTier());
        }
        Tier target = tiers.ladder().byLevel(level).orElseThrow(() -> ViewgateException.badRequest("invalid_tier",
                "tier must be one of " + tiers.ladder().tiers().stream().map(Tier::level).toList()));
        Verdict verdict = new Authority(session, realm).viewAsTier(caller.user(), level);
        if (!verdict.allowed()) {
            throw refused(caller, "tier " + level, verdict, verdict == Verdict.ABOVE_OWN_TIER
                    ? "You may view as tiers up to your own (T" + own.level() + ")"
                    : "Role " + target.role() + " carries roles you do not hold");
        }
        return begin(caller, userSession, "tier", target, null);
    }

    public ViewAsNotes.State startUser(Caller caller, String idOrUsername) {
        UserSessionModel userSession = requireFreeSession(caller);
        TierService tiers = new TierService(session, realm);
        Tier own = tiers.tierOf(caller.user());
        if (!tiers.capabilitiesOf(caller.user(), own).viewAsUser()) {
            throw refused(caller, "a member", Verdict.TIER_TOO_LOW,
                    "Viewing as a member needs tier " + tiers.settings().viewAsUserMinTier());
        }
        UserModel target = findUser(idOrUsername);
        requireEligible(caller.user(), target);
        return begin(caller, userSession, "user", tiers.tierOf(target), target);
    }

    /** Why {@code target} may not be viewed as by {@code actor}, as the API answers it; nothing when they may. */
    void requireEligible(UserModel actor, UserModel target) {
        if (target.getId().equals(actor.getId())) {
            throw ViewgateException.badRequest("self", "You cannot view as yourself");
        }
        if (!target.isEnabled()) {
            throw ViewgateException.badRequest("user_disabled", "That member is disabled");
        }
        Verdict verdict = new Authority(session, realm).viewAsMember(actor, target);
        if (!verdict.allowed()) {
            LOG.debugf("Viewgate, realm '%s': %s may not view as %s: %s", realm.getName(), actor.getUsername(),
                    target.getUsername(), verdict);
            throw Authority.refusal(verdict, switch (verdict) {
                case NOT_A_MEMBER -> "That user has no tier: they are not a member";
                case ABOVE_OWN_TIER -> "That member's tier is above yours";
                case HOLDS_UNHELD_ADMIN_ROLE -> "That member holds administrative roles you do not hold";
                case BEYOND_OWN_ACCESS -> "That member's tier role carries roles you do not hold";
                default -> "You may not view as that member";
            });
        }
    }

    /** Members the actor may view as, matching {@code search} (username, email, name), at most {@code max}. */
    public List<UserModel> eligibleMembers(UserModel actor, String search, int max) {
        return session.users().searchForUserStream(realm, Map.of(UserModel.SEARCH, search == null ? "" : search), 0, 200)
                .filter(u -> {
                    try {
                        requireEligible(actor, u);
                        return true;
                    } catch (ViewgateException notEligible) {
                        return false;
                    }
                })
                .limit(max)
                .toList();
    }

    private UserModel findUser(String idOrUsername) {
        if (idOrUsername == null || idOrUsername.isBlank() || idOrUsername.length() > 255) {
            throw ViewgateException.badRequest("invalid_request", "user must be a member's id or username");
        }
        UserModel user = session.users().getUserById(realm, idOrUsername);
        if (user == null) {
            user = session.users().getUserByUsername(realm, idOrUsername);
        }
        // Service accounts and guest principals are no members: answered as unknown, so that the answer tells nobody
        // which clients have a service account or which guest grants are live.
        if (user == null || !Membership.isMemberAccount(user)) {
            throw ViewgateException.notFound("unknown_user", "No member " + idOrUsername + " in realm " + realm.getName());
        }
        return user;
    }

    private UserSessionModel requireFreeSession(Caller caller) {
        if (caller.session() == null) {
            throw ViewgateException.badRequest("no_session", "View as needs a token of a signed-in session");
        }
        if (new TierService(session, realm).accessOf(caller).viewAs().isPresent()) {
            throw alreadyActive();
        }
        return caller.session();
    }

    /**
     * The bookkeeping row is the one truth of "a view-as is active on this session": a start inserts it (the
     * primary key refuses a second one, also when two starts race), an end deletes it, and only who inserted or
     * deleted it writes the audit row, in the same transaction. The session notes follow it for the token path.
     */
    private ViewAsNotes.State begin(Caller caller, UserSessionModel userSession, String mode, Tier tier, UserModel target) {
        long now = System.currentTimeMillis();
        int minutes = new TierService(session, realm).settings().viewAsMaxMinutes();
        ViewAsNotes.State state = new ViewAsNotes.State(mode, tier.level(), target == null ? null : target.getId(),
                target == null ? null : target.getUsername(), now, now + Duration.ofMinutes(minutes).toMillis());
        try {
            ViewAsEntity existing = em.find(ViewAsEntity.class, userSession.getId(), LockModeType.PESSIMISTIC_WRITE);
            if (existing != null && existing.getExpiresAt() > now) {
                throw alreadyActive();
            }
            if (existing != null) {
                // an expired view-as the sweep has not reached yet ends here, and is recorded as such
                Optional<ViewAsNotes.State> expired = ViewAsNotes.read(userSession);
                em.remove(existing);
                em.flush();
                audit(memberCaller(caller.user()), userSession.getId(), EndReason.EXPIRED, expired.orElse(null), null);
            }
            ViewAsEntity row = new ViewAsEntity();
            row.setSessionId(userSession.getId());
            row.setRealmId(realm.getId());
            row.setUserId(caller.user().getId());
            row.setExpiresAt(state.expiresAt());
            em.persist(row);
            em.flush();
        } catch (ModelDuplicateException | PersistenceException concurrentStart) {
            // Another start on this session inserted its row first (or holds it): this one is the second.
            throw alreadyActive();
        }
        ViewAsNotes.clear(userSession);
        ViewAsNotes.write(userSession, state);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode);
        details.put("tier", tier.level());
        details.put("tierRole", tier.role());
        details.put("target", target == null ? null : target.getUsername());
        details.put("expiresAt", java.time.Instant.ofEpochMilli(state.expiresAt()).toString());
        AuditLog.record(session, realm, caller, AuditType.VIEW_AS_STARTED, OperationType.CREATE, resource(userSession),
                target, details);
        return state;
    }

    /** Ends the caller's view-as; false when none was active. The notes go in any case. */
    public boolean exit(Caller caller) {
        if (caller.session() == null) {
            return false;
        }
        return end(caller, caller.session(), EndReason.EXIT, null);
    }

    /**
     * The realm's view-as sessions in force, ordered by start (then session id): those with a bookkeeping row whose
     * SSO session still exists and whose notes say it has not expired. Reads at most {@value #MAX_ROWS_LISTED} rows.
     */
    public List<Active> active() {
        List<ViewAsEntity> rows = em.createQuery("select v from ViewAsEntity v where v.realmId = :r order by v.sessionId",
                        ViewAsEntity.class)
                .setParameter("r", realm.getId()).setMaxResults(MAX_ROWS_LISTED).getResultList();
        return rows.stream().map(this::activeOn).flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparingLong((Active a) -> a.state().startedAt()).thenComparing(Active::sessionId))
                .toList();
    }

    /** The view-as in force on that session of this realm, if any. */
    public Optional<Active> activeOn(String sessionId) {
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > 64) {
            return Optional.empty();
        }
        return activeOn(em.find(ViewAsEntity.class, sessionId));
    }

    private Optional<Active> activeOn(ViewAsEntity row) {
        if (row == null || !row.getRealmId().equals(realm.getId())) {
            return Optional.empty();
        }
        String sessionId = row.getSessionId();
        UserSessionModel userSession = session.sessions().getUserSession(realm, sessionId);
        Optional<ViewAsNotes.State> state = ViewAsNotes.active(userSession);
        UserModel actor = session.users().getUserById(realm, row.getUserId());
        if (state.isEmpty() || actor == null) {
            return Optional.empty();
        }
        return Optional.of(new Active(sessionId, actor, state.get()));
    }

    /**
     * An admin ends a member's view-as (the admin has been authorized for that member). Audited as {@code VIEW_AS_ENDED}
     * with reason {@code ended_by_admin}, the admin as actor and the member as subject; false when it ended meanwhile.
     */
    public boolean endByAdmin(Caller admin, Active active) {
        boolean ended = end(admin, active.actor(), session.sessions().getUserSession(realm, active.sessionId()),
                EndReason.ENDED_BY_ADMIN, null);
        if (ended) {
            LOG.debugf("Viewgate, realm '%s': %s ended the view-as of %s on session %s", realm.getName(),
                    admin.user().getUsername(), active.actor().getUsername(), active.sessionId());
        }
        return ended;
    }

    /** Ends, in the transaction that removes {@code user}, every view-as of theirs, while they can still be named. */
    void endAllOf(UserModel user) {
        List<String> sessionIds = em.createQuery("select v.sessionId from ViewAsEntity v where v.realmId = :r and v.userId = :u",
                        String.class)
                .setParameter("r", realm.getId()).setParameter("u", user.getId()).getResultList();
        for (String sessionId : sessionIds) {
            UserSessionModel userSession = session.sessions().getUserSession(realm, sessionId);
            if (userSession != null) {
                end(memberCaller(user), userSession, EndReason.MEMBER_REMOVED, null);
            } else if (deleteRow(sessionId)) {
                audit(memberCaller(user), sessionId, EndReason.MEMBER_REMOVED, null, null);
            }
        }
    }

    /** Ends a view-as found to exceed what its actor really holds now ({@link SimulationOutgrown}). */
    void endOutgrown(SimulationOutgrown outgrown) {
        end(memberCaller(outgrown.actor()), outgrown.userSession(), EndReason.ACCESS_REDUCED, outgrown.verdict());
    }

    /**
     * Ends a view-as and records why. The bookkeeping row is deleted first and only the deleter audits, so when
     * several requests or nodes notice the same end, it is recorded once.
     */
    boolean end(Caller actor, UserSessionModel userSession, EndReason reason, Verdict why) {
        return end(actor, null, userSession, reason, why);
    }

    /** {@code member}: the subject of the row when someone else (an admin) ends it; else the member viewed as. */
    private boolean end(Caller actor, UserModel member, UserSessionModel userSession, EndReason reason, Verdict why) {
        if (userSession == null) {
            return false;
        }
        Optional<ViewAsNotes.State> state = ViewAsNotes.read(userSession);
        ViewAsNotes.clear(userSession);
        String sessionId = userSession.getId();
        if (!deleteRow(sessionId)) {
            return false;
        }
        if (member != null) {
            record(actor, member, sessionId, reason, state.orElse(null), why);
        } else {
            audit(actor, sessionId, reason, state.orElse(null), why);
        }
        return true;
    }

    boolean deleteRow(String sessionId) {
        return em.createQuery("delete from ViewAsEntity v where v.sessionId = :id").setParameter("id", sessionId).executeUpdate() == 1;
    }

    void audit(Caller actor, String sessionId, EndReason reason, ViewAsNotes.State state, Verdict why) {
        UserModel target = state == null || state.userId() == null ? null : session.users().getUserById(realm, state.userId());
        record(actor, target, sessionId, reason, state, why);
    }

    private void record(Caller actor, UserModel subject, String sessionId, EndReason reason, ViewAsNotes.State state,
                        Verdict why) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason.name().toLowerCase(java.util.Locale.ROOT));
        if (why != null) {
            details.put("why", why.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (state != null) {
            details.put("mode", state.mode());
            details.put("tier", state.tier());
            details.put("target", state.username());
        }
        AuditLog.record(session, realm, actor, AuditType.VIEW_AS_ENDED, OperationType.DELETE,
                "viewgate/view-as/" + sessionId, subject, details);
    }

    /** The member themself, as the actor of an end noticed in the background (expiry, logout). */
    Caller memberCaller(UserModel user) {
        return new Caller(realm, user, null, null, realm.getClientByClientId(Pages.PAGES_CLIENT_ID));
    }

    private ViewgateException refused(Caller caller, String what, Verdict verdict, String description) {
        LOG.debugf("Viewgate, realm '%s': %s may not view as %s: %s", realm.getName(), caller.user().getUsername(), what, verdict);
        return Authority.refusal(verdict, description);
    }

    private static ViewgateException alreadyActive() {
        return ViewgateException.conflict("already_active", "A view as is already active; exit it first");
    }

    private static String resource(UserSessionModel userSession) {
        return "viewgate/view-as/" + userSession.getId();
    }
}
