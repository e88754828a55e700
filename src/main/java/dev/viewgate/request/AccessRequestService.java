package dev.viewgate.request;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.tier.EffectiveRoles;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLadder;
import dev.viewgate.tier.TierService;
import dev.viewgate.web.AdminEvents;
import dev.viewgate.web.Caller;
import dev.viewgate.web.InputText;
import dev.viewgate.web.Pages;
import dev.viewgate.web.ViewgateException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/** Access requests of one realm: members ask, deciders grant (through Keycloak's role mappings) or decline. */
public final class AccessRequestService {

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

    public List<AccessRequestEntity> list(AccessRequestStatus status, int first, int max) {
        return em.createQuery("select r from AccessRequestEntity r where r.realmId = :realm and r.status = :status"
                        + " order by r.createdAt, r.id", AccessRequestEntity.class)
                .setParameter("realm", realm.getId())
                .setParameter("status", status)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
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
    public AccessRequestEntity lockForDecision(String id) {
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
     * Grants {@code role}: it replaces the requester's other direct tier roles, through the same role mappings and
     * admin events as the console's role-mapping tab, and closes the request. Rules are checked by the caller.
     */
    public AccessRequestEntity grant(Caller decider, AccessRequestEntity request, RoleModel role, String note) {
        UserModel requester = requesterOf(request);
        TierService tiers = new TierService(session, realm);
        TierLadder ladder = tiers.ladder();
        Tier previous = tiers.tierOf(EffectiveRoles.of(requester));
        List<RoleModel> replaced = requester.getRealmRoleMappingsStream()
                .filter(mapped -> !mapped.equals(role) && ladder.byRole(mapped.getName()).isPresent())
                .toList();
        String mappings = "users/" + requester.getId() + "/role-mappings/realm";
        if (!replaced.isEmpty()) {
            replaced.forEach(requester::deleteRoleMapping);
            AdminEvents.emit(session, realm, decider, ResourceType.REALM_ROLE_MAPPING.name(), OperationType.DELETE, mappings,
                    replaced.stream().map(ModelToRepresentation::toBriefRepresentation).toList(), Map.of());
        }
        if (!requester.hasDirectRole(role)) {
            requester.grantRole(role);
            AdminEvents.emit(session, realm, decider, ResourceType.REALM_ROLE_MAPPING.name(), OperationType.CREATE, mappings,
                    List.of(ModelToRepresentation.toBriefRepresentation(role)), Map.of());
        }
        close(request, AccessRequestStatus.GRANTED, decider.user());
        request.setPreviousRole(previous.role());
        request.setGrantedRole(role.getName());
        request.setReason(note);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", request.getId());
        details.put("previousRole", previous.role());
        details.put("grantedRole", role.getName());
        details.put("requestedRole", request.getDesiredRole());
        AuditLog.record(session, realm, decider, AuditType.ACCESS_REQUEST_GRANTED, OperationType.ACTION, resource(request),
                requester, details);
        AccessRequestMail.decided(session, realm, request, Pages.uri(session, AccessRequestPages.FORM).toString());
        return request;
    }

    /** Declines: roles stay as they are; the requester may ask again. */
    public AccessRequestEntity decline(Caller decider, AccessRequestEntity request, String reason) {
        UserModel requester = requesterOf(request);
        close(request, AccessRequestStatus.DECLINED, decider.user());
        request.setReason(reason);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("requestId", request.getId());
        details.put("requestedRole", request.getDesiredRole());
        details.put("reasonGiven", reason != null && !reason.isBlank());
        AuditLog.record(session, realm, decider, AuditType.ACCESS_REQUEST_DECLINED, OperationType.ACTION, resource(request),
                requester, details);
        AccessRequestMail.decided(session, realm, request, Pages.uri(session, AccessRequestPages.FORM).toString());
        return request;
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
