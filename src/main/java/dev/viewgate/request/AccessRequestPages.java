package dev.viewgate.request;

import dev.viewgate.adapter.Pages;
import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.ThemedPages;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLadder;
import dev.viewgate.tier.TierResource;
import dev.viewgate.tier.TierService;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * The themed pages: {@code access-requests/form} for every signed-in member and {@code access-requests/queue} for
 * deciders. Forms post back to the same address with a CSRF token and are answered with a redirect (post/redirect/get).
 */
public final class AccessRequestPages {

    static final String FORM = "access-requests/form";
    static final String QUEUE = "access-requests/queue";
    private static final int QUEUE_PAGE = 50;
    private static final Set<String> NOTICES = Set.of("submitted", "updated", "withdrawn", "granted", "declined");

    private final KeycloakSession session;

    public AccessRequestPages(KeycloakSession session) {
        this.session = session;
    }

    public Response form() {
        return Pages.forSignedIn(session, caller -> renderForm(caller, Response.Status.OK, null, null, null));
    }

    public Response postForm() {
        return Pages.forSignedIn(session, this::submitForm);
    }

    private Response submitForm(Caller caller) {
        MultivaluedMap<String, String> form = Pages.formPost(session, caller);
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        String desiredRole = blankToNull(form.getFirst("desiredRole"));
        String message = blankToNull(form.getFirst("message"));
        try {
            RequestAuth.requireActingAsThemselves(caller);
            if ("withdraw".equals(form.getFirst("action"))) {
                requests.withdraw(caller);
                return Pages.redirectAfterPost(session, FORM, "withdrawn");
            }
            boolean created = requests.submit(caller, desiredRole, message).created();
            return Pages.redirectAfterPost(session, FORM, created ? "submitted" : "updated");
        } catch (ViewgateException refused) {
            // Shown on the form with what the member typed; nothing was written.
            return renderForm(caller, Response.Status.fromStatusCode(refused.getResponse().getStatus()),
                    "viewgateError_" + refused.getMessage(), desiredRole, message);
        }
    }

    private Response renderForm(Caller caller, Response.Status status, String errorKey, String typedRole, String typedMessage) {
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        TierService tiers = new TierService(session, caller.realm());
        UserModel user = caller.user();
        Map<String, Object> model = new HashMap<>();
        Optional<AccessRequestEntity> pending = requests.pendingOf(user);
        pending.ifPresent(r -> model.put("pending", view(r, tiers.ladder())));
        if (pending.isEmpty()) {
            requests.historyOf(user, 1).stream().findFirst()
                    .filter(r -> r.getStatus() != AccessRequestStatus.WITHDRAWN)
                    .ifPresent(r -> model.put("outcome", view(r, tiers.ladder())));
        }
        model.put("requestable", requests.requestableRoles().stream()
                .map(role -> tiers.ladder().byRole(role).orElseThrow()).map(AccessRequestPages::option).toList());
        model.put("selectedRole", typedRole != null ? typedRole : pending.map(AccessRequestEntity::getDesiredRole).orElse(""));
        model.put("typedMessage", typedMessage != null ? typedMessage : pending.map(AccessRequestEntity::getMessage).orElse(""));
        model.put("messageLimit", AccessRequestService.MESSAGE_LIMIT);
        model.put("formUrl", Pages.uri(session, FORM).toString());
        notice().ifPresent(n -> model.put("notice", n));
        if (errorKey != null) {
            model.put("errorKey", errorKey);
        }
        return ThemedPages.render(session, caller, status, "viewgate-access-request-form.ftl", model);
    }

    public Response queue() {
        return Pages.forSignedIn(session, caller -> isDecider(caller)
                ? renderQueue(caller, Response.Status.OK, null)
                : ThemedPages.message(session, caller, Response.Status.FORBIDDEN, "viewgateQueueTitle", "viewgateQueueForbidden"));
    }

    public Response decide() {
        return Pages.forSignedIn(session, this::decideFor);
    }

    private Response decideFor(Caller caller) {
        MultivaluedMap<String, String> form = Pages.formPost(session, caller);
        Decider decider = Decider.member(session, caller);
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        try {
            boolean grant = "grant".equals(form.getFirst("action"));
            if (grant) {
                requests.grant(decider, form.getFirst("id"), form.getFirst("role"), blankToNull(form.getFirst("note")));
            } else {
                requests.decline(decider, form.getFirst("id"), blankToNull(form.getFirst("reason")));
            }
            return Pages.redirectAfterPost(session, QUEUE, grant ? "granted" : "declined");
        } catch (ViewgateException refused) {
            return renderQueue(caller, Response.Status.fromStatusCode(refused.getResponse().getStatus()),
                    "viewgateError_" + refused.getMessage());
        }
    }

    private Response renderQueue(Caller caller, Response.Status status, String errorKey) {
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        TierService tiers = new TierService(session, caller.realm());
        TierLadder ladder = tiers.ladder();
        Map<String, Object> model = new HashMap<>();
        model.put("count", requests.count(AccessRequestStatus.PENDING));
        model.put("requests", requests.list(AccessRequestStatus.PENDING, null, 0, QUEUE_PAGE).stream()
                .map(r -> queueEntry(r, ladder, tiers, caller)).toList());
        Decider decider = Decider.member(session, caller);
        model.put("grantable", ladder.tiers().stream().filter(t -> decider.offers(caller.realm().getRole(t.role())))
                .map(AccessRequestPages::option).toList());
        model.put("queueUrl", Pages.uri(session, QUEUE).toString());
        notice().ifPresent(n -> model.put("notice", n));
        if (errorKey != null) {
            model.put("errorKey", errorKey);
        }
        return ThemedPages.render(session, caller, status, "viewgate-access-request-queue.ftl", model);
    }

    private Map<String, Object> queueEntry(AccessRequestEntity request, TierLadder ladder, TierService tiers, Caller caller) {
        Map<String, Object> entry = view(request, ladder);
        UserModel requester = session.users().getUserById(caller.realm(), request.getRequesterId());
        entry.put("id", request.getId());
        entry.put("username", requester == null ? "" : requester.getUsername());
        entry.put("name", requester == null ? "" : Optional.ofNullable(TierResource.displayName(requester)).orElse(requester.getUsername()));
        entry.put("email", requester == null || requester.getEmail() == null ? "" : requester.getEmail());
        Tier current = requester == null ? Tier.NONE : tiers.tierOf(requester);
        entry.put("currentTier", current.isMember() ? label(current) : "");
        entry.put("own", requester != null && requester.getId().equals(caller.user().getId()));
        entry.put("ageMinutes", Duration.between(Instant.ofEpochMilli(request.getCreatedAt()), Instant.now()).toMinutes());
        return entry;
    }

    private static Map<String, Object> view(AccessRequestEntity request, TierLadder ladder) {
        Map<String, Object> view = new HashMap<>();
        view.put("status", request.getStatus().name());
        view.put("desiredRole", request.getDesiredRole() == null ? "" : request.getDesiredRole());
        view.put("desiredTier", request.getDesiredRole() == null ? "" : ladder.byRole(request.getDesiredRole()).map(AccessRequestPages::label)
                .orElse(request.getDesiredRole()));
        view.put("message", request.getMessage() == null ? "" : request.getMessage());
        view.put("grantedTier", request.getGrantedRole() == null ? "" : ladder.byRole(request.getGrantedRole()).map(AccessRequestPages::label)
                .orElse(request.getGrantedRole()));
        view.put("reason", request.getReason() == null ? "" : request.getReason());
        view.put("updatedAt", Instant.ofEpochMilli(request.getUpdatedAt()).toString());
        return view;
    }

    private static Map<String, Object> option(Tier tier) {
        return Map.of("role", tier.role(), "label", label(tier));
    }

    static String label(Tier tier) {
        return tier.label() + " (T" + tier.level() + ")";
    }

    private boolean isDecider(Caller caller) {
        return new TierService(session, caller.realm()).accessOf(caller).can().decideRequests();
    }

    private Optional<String> notice() {
        return Optional.ofNullable(session.getContext().getUri().getQueryParameters().getFirst("done")).filter(NOTICES::contains);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

}
