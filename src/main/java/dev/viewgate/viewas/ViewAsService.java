package dev.viewgate.viewas;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.guest.GuestPrincipals;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierService;
import dev.viewgate.web.Caller;
import dev.viewgate.web.Pages;
import dev.viewgate.web.ViewAsNotes;
import dev.viewgate.web.ViewgateException;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Starts, reads and ends a member's view-as. Starting is judged on the member's real access; the simulated access is
 * never above it (tiers are a ladder, and a member target may not hold administrative roles the member lacks).
 */
public final class ViewAsService {

    /** Why a view-as ended, as the audit log records it. */
    public enum EndReason { EXIT, EXPIRED, LOGOUT }

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
        return tiers.ladder().tiers().stream().filter(t -> !t.isAbove(own)).toList();
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
            throw ViewgateException.forbidden("tier_too_low", "Viewing as a tier needs tier " + tiers.settings().viewAsTierMinTier());
        }
        Tier target = tiers.ladder().byLevel(level).orElseThrow(() -> ViewgateException.badRequest("invalid_tier",
                "tier must be one of " + tiers.ladder().tiers().stream().map(Tier::level).toList()));
        if (target.isAbove(own)) {
            throw ViewgateException.forbidden("above_own_tier", "You may view as tiers up to your own (T" + own.level() + ")");
        }
        return begin(caller, userSession, "tier", target, null);
    }

    public ViewAsNotes.State startUser(Caller caller, String idOrUsername) {
        UserSessionModel userSession = requireFreeSession(caller);
        TierService tiers = new TierService(session, realm);
        Tier own = tiers.tierOf(caller.user());
        if (!tiers.capabilitiesOf(caller.user(), own).viewAsUser()) {
            throw ViewgateException.forbidden("tier_too_low", "Viewing as a member needs tier " + tiers.settings().viewAsUserMinTier());
        }
        UserModel target = findUser(idOrUsername);
        requireEligible(caller.user(), own, target, tiers);
        return begin(caller, userSession, "user", tiers.tierOf(target), target);
    }

    /** Why {@code target} may not be viewed as by {@code actor}, as the API answers it; nothing when they may. */
    void requireEligible(UserModel actor, Tier own, UserModel target, TierService tiers) {
        if (target.getId().equals(actor.getId())) {
            throw ViewgateException.badRequest("self", "You cannot view as yourself");
        }
        if (!target.isEnabled()) {
            throw ViewgateException.badRequest("user_disabled", "That member is disabled");
        }
        if (target.getServiceAccountClientLink() != null) {
            throw ViewgateException.badRequest("service_account", "A service account is not a member");
        }
        if (GuestPrincipals.isGuest(target)) {
            throw ViewgateException.badRequest("not_a_member", "That user is a guest grant's principal, not a member");
        }
        Tier targetTier = tiers.tierOf(target);
        if (!targetTier.isMember()) {
            throw ViewgateException.badRequest("not_a_member", "That user has no tier: they are not a member");
        }
        if (targetTier.isAbove(own)) {
            throw ViewgateException.forbidden("above_own_tier", "That member's tier is above yours");
        }
        Set<RoleModel> actorAdmin = SimulatedAccess.Effective.adminRoles(actor);
        Set<RoleModel> beyond = SimulatedAccess.Effective.adminRoles(target).stream()
                .filter(role -> !actorAdmin.contains(role)).collect(Collectors.toSet());
        if (!beyond.isEmpty()) {
            throw ViewgateException.forbidden("above_own_tier", "That member holds administrative roles you do not hold");
        }
    }

    /** Members the actor may view as, matching {@code search} (username, email, name), at most {@code max}. */
    public List<UserModel> eligibleMembers(UserModel actor, String search, int max) {
        TierService tiers = new TierService(session, realm);
        Tier own = tiers.tierOf(actor);
        return session.users().searchForUserStream(realm, Map.of(UserModel.SEARCH, search == null ? "" : search), 0, 200)
                .filter(u -> {
                    try {
                        requireEligible(actor, own, u, tiers);
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
        if (user == null) {
            throw ViewgateException.notFound("unknown_user", "No member " + idOrUsername + " in realm " + realm.getName());
        }
        return user;
    }

    private UserSessionModel requireFreeSession(Caller caller) {
        if (caller.session() == null) {
            throw ViewgateException.badRequest("no_session", "View as needs a token of a signed-in session");
        }
        if (ViewAsNotes.active(caller.session()).isPresent()) {
            throw ViewgateException.conflict("already_active", "A view as is already active; exit it first");
        }
        return caller.session();
    }

    private ViewAsNotes.State begin(Caller caller, UserSessionModel userSession, String mode, Tier tier, UserModel target) {
        long now = System.currentTimeMillis();
        int minutes = new TierService(session, realm).settings().viewAsMaxMinutes();
        ViewAsNotes.State state = new ViewAsNotes.State(mode, tier.level(), target == null ? null : target.getId(),
                target == null ? null : target.getUsername(), now, now + Duration.ofMinutes(minutes).toMillis());
        ViewAsNotes.clear(userSession);
        ViewAsNotes.write(userSession, state);
        ViewAsEntity row = em.find(ViewAsEntity.class, userSession.getId());
        boolean isNew = row == null;
        if (isNew) {
            row = new ViewAsEntity();
            row.setSessionId(userSession.getId());
        }
        row.setRealmId(realm.getId());
        row.setUserId(caller.user().getId());
        row.setExpiresAt(state.expiresAt());
        if (isNew) {
            em.persist(row);
        }
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

    /** Ends the caller's view-as; false when none was active. */
    public boolean exit(Caller caller) {
        if (caller.session() == null || ViewAsNotes.read(caller.session()).isEmpty()) {
            return false;
        }
        end(caller, caller.session(), EndReason.EXIT);
        return true;
    }

    /**
     * Ends a view-as and records why. The bookkeeping row is deleted first and only the deleter audits, so when
     * several nodes notice the same expiry or logout, the end is recorded once.
     */
    void end(Caller actor, UserSessionModel userSession, EndReason reason) {
        Optional<ViewAsNotes.State> state = userSession == null ? Optional.empty() : ViewAsNotes.read(userSession);
        if (userSession != null) {
            ViewAsNotes.clear(userSession);
        }
        String sessionId = userSession != null ? userSession.getId() : null;
        if (sessionId == null || !deleteRow(sessionId)) {
            return;
        }
        audit(actor, sessionId, reason, state.orElse(null));
    }

    boolean deleteRow(String sessionId) {
        return em.createQuery("delete from ViewAsEntity v where v.sessionId = :id").setParameter("id", sessionId).executeUpdate() == 1;
    }

    void audit(Caller actor, String sessionId, EndReason reason, ViewAsNotes.State state) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason.name().toLowerCase(java.util.Locale.ROOT));
        if (state != null) {
            details.put("mode", state.mode());
            details.put("tier", state.tier());
            details.put("target", state.username());
        }
        UserModel target = state == null || state.userId() == null ? null : session.users().getUserById(realm, state.userId());
        AuditLog.record(session, realm, actor, AuditType.VIEW_AS_ENDED, OperationType.DELETE,
                "viewgate/view-as/" + sessionId, target, details);
    }

    /** The member themself, as the actor of an end noticed in the background (expiry, logout). */
    Caller memberCaller(UserModel user) {
        return new Caller(realm, user, null, null, realm.getClientByClientId(Pages.PAGES_CLIENT_ID));
    }

    private static String resource(UserSessionModel userSession) {
        return "viewgate/view-as/" + userSession.getId();
    }
}
