package dev.viewgate.request;

import dev.viewgate.adapter.AdminEvents;
import dev.viewgate.adapter.Pages;
import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.base.Caller;
import dev.viewgate.base.InputText;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.EffectiveRoles;
import dev.viewgate.tier.Membership;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLadder;
import dev.viewgate.tier.TierService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.ModelToRepresentation;

/**
 * Access requests of one realm: members ask, deciders grant (through Keycloak's role mappings) or decline. Every rule
 * is enforced here, so the realm API, the admin API and the pages give the same answers: who may ask (members, not
 * service accounts or guest principals), who may decide ({@link Decider}) and what they may grant.
 */
public final class AccessRequestService {

    private static final Logger LOG = Logger.getLogger(AccessRequestService.class);

    public static final int MESSAGE_LIMIT = 2000;

    /** The result of a submission: the pending request, and whether it is new (else it updated the pending one). */
    public record Submission(AccessRequestEntity request, boolean created) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public AccessRequestService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Roles a member may name as desired: the realm's request roles that are tier roles. */
    public List<String> requestableRoles() {
        TierLadder ladder = new TierService(session, realm).ladder();
        return new TierService(session, realm).settings().requestRoles().stream()
                .filter(role -> ladder.byRole(role).isPresent())
                .toList();
    }

    /**
     * Creates the caller's pending request or updates it. The unique open key is the guarantee: when two
     * submissions race, the one that loses the insert is refused with 409 and nothing of it is written.
     */
    public Submission submit(Caller caller, String desiredRole, String message) {
        if (!Membership.isMemberAccount(caller.user())) {
            LOG.debugf("Viewgate, realm '%s': %s may not ask for access: no member account", realm.getName(),
                    caller.user().getUsername());
            throw ViewgateException.forbidden("not_a_member", "Service accounts and guest principals are not members and cannot ask for access");
        }
        if (message != null && message.length() > MESSAGE_LIMIT) {
            throw ViewgateException.badRequest("message_too_long", "message has " + message.length()
                    + " characters; at most " + MESSAGE_LIMIT + " are allowed");
        }
        if (desiredRole != null && !requestableRoles().contains(desiredRole)) {
            throw ViewgateException.badRequest("invalid_role", "desiredRole must be one of " + requestableRoles());
        }
        UserModel requester = caller.user();
        long now = System.currentTimeMillis();
        Optional<AccessRequestEntity> pending = lockedPendingOf(requester);
        AccessRequestEntity request;
        if (pending.isPresent()) {
            request = pending.get();
        } else {
            request = new AccessRequestEntity();
            request.setId(KeycloakModelUtils.generateId());
            request.setRealmId(realm.getId());
            request.setRequesterId(requester.getId());
            request.setOpenKey(requester.getId());
            request.setStatus(AccessRequestStatus.PENDING);
            request.setCreatedAt(now);
        }
        request.setDesiredRole(desiredRole);
        request.setMessage(message);
        request.setUpdatedAt(now);
        if (pending.isEmpty()) {
            try {
                em.persist(request);
                em.flush();
            } catch (ModelDuplicateException | PersistenceException e) {
                // Keycloak's EntityManager turns the unique key's violation into a ModelDuplicateException, which its
                // error handler would answer with a generic "Duplicate resource error".
                throw ViewgateException.conflict("conflict",
                        "Another request of yours was submitted at the same moment and is pending now; reload and edit it");
            }
            new PendingCount(session).add(realm.getId(), 1);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", request.getId());
        details.put("desiredRole", desiredRole);
        details.put("messageLength", message == null ? 0 : message.length());
        AuditLog.record(session, realm, caller, pending.isPresent() ? AuditType.ACCESS_REQUEST_UPDATED : AuditType.ACCESS_REQUEST_SUBMITTED,
                pending.isPresent() ? OperationType.UPDATE : OperationType.CREATE, resource(request), requester, details);
        if (pending.isEmpty()) {
            AccessRequestMail.newRequest(session, realm, request, Pages.uri(session, AccessRequestPages.QUEUE).toString());
        }
        return new Submission(request, pending.isEmpty());
    }

    public Optional<AccessRequestEntity> pendingOf(UserModel user) {
        return em.createQuery("select r from AccessRequestEntity r where r.openKey = :user", AccessRequestEntity.class)
                .setParameter("user", user.getId())
                .getResultStream().findFirst()
                .filter(r -> r.getRealmId().equals(realm.getId()));
    }

    private Optional<AccessRequestEntity> lockedPendingOf(UserModel user) {
        return em.createQuery("select r from AccessRequestEntity r where r.openKey = :user", AccessRequestEntity.class)
                .setParameter("user", user.getId())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** The member's requests that are no longer pending, newest first. */
    public List<AccessRequestEntity> historyOf(UserModel user, int max) {
        return em.createQuery("select r from AccessRequestEntity r where r.requesterId = :user and r.realmId = :realm"
                        + " and r.status <> :pending order by r.createdAt desc, r.id desc", AccessRequestEntity.class)
                .setParameter("user", user.getId())
                .setParameter("realm", realm.getId())
                .setParameter("pending", AccessRequestStatus.PENDING)
                .setMaxResults(max)
                .getResultList();
    }

    /** Withdraws the caller's pending request; false when there is none. */
    public boolean withdraw(Caller caller) {
        Optional<AccessRequestEntity> pending = lockedPendingOf(caller.user());
        if (pending.isEmpty()) {
            return false;
        }
        AccessRequestEntity request = pending.get();
        close(request, AccessRequestStatus.WITHDRAWN, caller.user());
        AuditLog.record(session, realm, caller, AuditType.ACCESS_REQUEST_WITHDRAWN, OperationType.DELETE, resource(request),
                caller.user(), Map.of("requestId", request.getId()));
        return true;
    }

    /**
     * A page of requests: with a status (null: every status) and of one requester (null: everyone's). The queue
     * (PENDING) comes oldest first, as it is worked off; every other list is history and comes newest first.
     */
    public List<AccessRequestEntity> list(AccessRequestStatus status, String requesterId, int first, int max) {
        String order = status == AccessRequestStatus.PENDING ? "r.createdAt, r.id" : "r.createdAt desc, r.id desc";
        var query = em.createQuery("select r from AccessRequestEntity r where r.realmId = :realm"
                        + (status == null ? "" : " and r.status = :status")
                        + (requesterId == null ? "" : " and r.requesterId = :requester")
                        + " order by " + order, AccessRequestEntity.class)
                .setParameter("realm", realm.getId());
        if (status != null) {
            query.setParameter("status", status);
        }
        if (requesterId != null) {
            query.setParameter("requester", requesterId);
        }
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** The pending count is one row ({@link PendingCount}); the others are counted. */
    public long count(AccessRequestStatus status) {
        return status == AccessRequestStatus.PENDING ? new PendingCount(session).of(realm.getId())
                : countRows(em, realm.getId(), status);
    }

    /** count(*), not count(r): it counts index entries (an index-only scan), where count(r.id) reads every row. */
    static long countRows(EntityManager em, String realmId, AccessRequestStatus status) {
        return em.createQuery("select count(*) from AccessRequestEntity r where r.realmId = :realm and r.status = :status",
                        Long.class)
                .setParameter("realm", realmId)
                .setParameter("status", status)
                .getSingleResult();
    }

    /**
     * The request, locked for a decision: a concurrent decision waits here, then finds it decided (409). Unknown
     * ids and ids of another realm are both 404.
     */
    private AccessRequestEntity lockForDecision(String id) {
        AccessRequestEntity request = id == null || id.length() > 36 || InputText.hasNul(id) ? null
                : em.find(AccessRequestEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !request.getRealmId().equals(realm.getId())) {
            throw ViewgateException.notFound("not_found", "No access request " + id + " in realm " + realm.getName());
        }
        if (request.getStatus() != AccessRequestStatus.PENDING) {
            throw ViewgateException.conflict("not_pending", "The request is " + request.getStatus() + " and can no longer change");
        }
        return request;
    }

    public UserModel requesterOf(AccessRequestEntity request) {
        UserModel requester = session.users().getUserById(realm, request.getRequesterId());
        if (requester == null) {
            throw ViewgateException.notFound("not_found", "The requester no longer exists");
        }
        return requester;
    }

    /**
     * Grants the tier role {@code roleName} on request {@code requestId}, if {@code decider} may: it replaces the
     * requester's other direct tier roles, through the same role mappings and admin events as the console's
     * role-mapping tab, and closes the request.
     */
    public AccessRequestEntity grant(Decider decider, String requestId, String roleName, String note) {
        String checkedNote = limited(note);
        RoleModel role = tierRole(roleName);
        AccessRequestEntity request = lockForDecision(requestId);
        UserModel requester = requesterOf(request);
        decider.requireMayDecide(request, requester);
        if (!Membership.isMemberAccount(requester)) {
            throw ViewgateException.forbidden("not_a_member", "The requester is a service account or a guest principal, not a member");
        }
        TierService tiers = new TierService(session, realm);
        TierLadder ladder = tiers.ladder();
        Tier previous = tiers.tierOf(EffectiveRoles.of(requester));
        List<RoleModel> replaced = requester.getRealmRoleMappingsStream()
                .filter(mapped -> !mapped.equals(role) && ladder.byRole(mapped.getName()).isPresent())
                .toList();
        decider.requireMayGrant(requester, role, replaced);
        Caller by = decider.caller();
        String mappings = "users/" + requester.getId() + "/role-mappings/realm";
        if (!replaced.isEmpty()) {
            replaced.forEach(requester::deleteRoleMapping);
            AdminEvents.emit(session, realm, by, ResourceType.REALM_ROLE_MAPPING.name(), OperationType.DELETE, mappings,
                    replaced.stream().map(ModelToRepresentation::toBriefRepresentation).toList(), Map.of());
        }
        if (!requester.hasDirectRole(role)) {
            requester.grantRole(role);
            AdminEvents.emit(session, realm, by, ResourceType.REALM_ROLE_MAPPING.name(), OperationType.CREATE, mappings,
                    List.of(ModelToRepresentation.toBriefRepresentation(role)), Map.of());
        }
        close(request, AccessRequestStatus.GRANTED, by.user());
        request.setPreviousRole(previous.role());
        request.setGrantedRole(role.getName());
        request.setReason(checkedNote);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", request.getId());
        details.put("previousRole", previous.role());
        details.put("grantedRole", role.getName());
        details.put("requestedRole", request.getDesiredRole());
        AuditLog.record(session, realm, by, AuditType.ACCESS_REQUEST_GRANTED, OperationType.ACTION, resource(request),
                requester, details);
        AccessRequestMail.decided(session, realm, request, Pages.uri(session, AccessRequestPages.FORM).toString());
        return request;
    }

    /** What a decision would do, checked as the decision itself checks it: for the page's confirmation step. */
    public record Review(AccessRequestEntity request, UserModel requester, Tier current, Optional<Tier> granted) {
    }

    /**
     * Checks, without changing anything, that {@code decider} may grant {@code roleName} on request {@code requestId}
     * ({@code grant}) or decline it, and that the note or reason fits: the same refusals as {@link #grant} and
     * {@link #decline}, before the decider is asked to confirm.
     */
    public Review review(Decider decider, String requestId, boolean grant, String roleName, String text) {
        limited(text);
        RoleModel role = grant ? tierRole(roleName) : null;
        AccessRequestEntity request = find(requestId)
                .orElseThrow(() -> ViewgateException.notFound("not_found", "No access request " + requestId + " in realm " + realm.getName()));
        if (request.getStatus() != AccessRequestStatus.PENDING) {
            throw ViewgateException.conflict("not_pending", "The request is " + request.getStatus() + " and can no longer change");
        }
        UserModel requester = requesterOf(request);
        decider.requireMayDecide(request, requester);
        TierService tiers = new TierService(session, realm);
        if (role != null) {
            if (!Membership.isMemberAccount(requester)) {
                throw ViewgateException.forbidden("not_a_member", "The requester is a service account or a guest principal, not a member");
            }
            TierLadder ladder = tiers.ladder();
            List<RoleModel> replaced = requester.getRealmRoleMappingsStream()
                    .filter(mapped -> !mapped.equals(role) && ladder.byRole(mapped.getName()).isPresent())
                    .toList();
            decider.requireMayGrant(requester, role, replaced);
        }
        return new Review(request, requester, tiers.tierOf(requester),
                role == null ? Optional.empty() : tiers.ladder().byRole(role.getName()));
    }

    /** The request of this realm with {@code id}, unlocked; empty for unknown ids and other realms' requests. */
    public Optional<AccessRequestEntity> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 36 || InputText.hasNul(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(AccessRequestEntity.class, id)).filter(r -> r.getRealmId().equals(realm.getId()));
    }

    /** Declines request {@code requestId}, if {@code decider} may: roles stay as they are; the requester may ask again. */
    public AccessRequestEntity decline(Decider decider, String requestId, String reason) {
        String checkedReason = limited(reason);
        AccessRequestEntity request = lockForDecision(requestId);
        UserModel requester = requesterOf(request);
        decider.requireMayDecide(request, requester);
        close(request, AccessRequestStatus.DECLINED, decider.caller().user());
        request.setReason(checkedReason);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", request.getId());
        details.put("requestedRole", request.getDesiredRole());
        details.put("reasonGiven", checkedReason != null && !checkedReason.isBlank());
        AuditLog.record(session, realm, decider.caller(), AuditType.ACCESS_REQUEST_DECLINED, OperationType.ACTION,
                resource(request), requester, details);
        AccessRequestMail.decided(session, realm, request, Pages.uri(session, AccessRequestPages.FORM).toString());
        return request;
    }

    /** The tier role named {@code roleName}; 400 {@code unknown_role} for anything else. */
    RoleModel tierRole(String roleName) {
        TierLadder ladder = new TierService(session, realm).ladder();
        RoleModel role = roleName == null || roleName.length() > 255 ? null : realm.getRole(roleName);
        if (role == null || ladder.byRole(roleName).isEmpty()) {
            throw ViewgateException.badRequest("unknown_role", "role must be one of the realm's tier roles: "
                    + ladder.tiers().stream().map(Tier::role).toList());
        }
        return role;
    }

    /** Notes and reasons share the message limit. */
    private static String limited(String text) {
        if (text != null && text.length() > MESSAGE_LIMIT) {
            throw ViewgateException.badRequest("message_too_long", "At most " + MESSAGE_LIMIT + " characters are allowed");
        }
        return text;
    }

    /** A removed user's pending request goes with them, in the transaction that removes the user. */
    public void removePendingOf(UserModel user) {
        int removed = em.createQuery("delete from AccessRequestEntity r where r.openKey = :id")
                .setParameter("id", user.getId())
                .executeUpdate();
        new PendingCount(session).add(realm.getId(), -removed);
    }

    /** Everything of a removed realm, in the transaction that removes it. */
    public void removeAll() {
        em.createQuery("delete from AccessRequestEntity r where r.realmId = :id").setParameter("id", realm.getId()).executeUpdate();
        new PendingCount(session).forget(realm.getId());
    }

    private void close(AccessRequestEntity request, AccessRequestStatus status, UserModel by) {
        new PendingCount(session).add(realm.getId(), -1);
        long now = System.currentTimeMillis();
        request.setStatus(status);
        request.setOpenKey(null);
        request.setUpdatedAt(now);
        request.setDecidedAt(now);
        request.setDecidedById(by.getId());
        request.setDecidedByUsername(by.getUsername());
    }

    private static String resource(AccessRequestEntity request) {
        return "viewgate/access-requests/" + request.getId();
    }
}
