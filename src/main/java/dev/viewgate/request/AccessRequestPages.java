package dev.viewgate.request;

import dev.viewgate.adapter.Pages;
import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.base.Caller;
import dev.viewgate.base.RelativeTime;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.ThemedPages;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLabels;
import dev.viewgate.tier.TierLadder;
import dev.viewgate.tier.TierResource;
import dev.viewgate.tier.TierService;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * The themed pages: {@code access-requests/form} for every signed-in member and {@code access-requests/queue} for
 * deciders. Forms post back to the same address with a CSRF token and are answered with a redirect (post/redirect/get).
 * A decision takes two posts: the first shows what it will do (who gets which role, what the requester will read) and
 * asks to confirm; only the second, with {@code confirm=yes}, decides.
 */
public final class AccessRequestPages {

    static final String FORM = "access-requests/form";
    static final String QUEUE = "access-requests/queue";
    private static final int QUEUE_PAGE = 50;
    /** Earlier requests shown with each pending one. */
    private static final int HISTORY = 5;
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
                if (!requests.withdraw(caller)) {
                    throw ViewgateException.conflict("nothing_pending", "There is no pending request to withdraw");
                }
                return Pages.redirectAfterPost(session, FORM, "withdrawn", Map.of());
            }
            // The page offers only tiers above the member's own; the API's rule (a request role) still applies too.
            if (desiredRole != null && offered(caller).stream().noneMatch(t -> t.role().equals(desiredRole))) {
                throw ViewgateException.badRequest("invalid_role", "Choose one of the offered tiers");
            }
            boolean created = requests.submit(caller, desiredRole, message).created();
            return Pages.redirectAfterPost(session, FORM, created ? "submitted" : "updated", Map.of());
        } catch (ViewgateException refused) {
            // Shown on the form with what the member typed; nothing was written.
            return renderForm(caller, Response.Status.fromStatusCode(refused.getResponse().getStatus()),
                    refused.getMessage(), desiredRole, message);
        }
    }

    /** The tiers the form offers: the realm's request roles above the member's own (real) tier. */
    private List<Tier> offered(Caller caller) {
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        TierService tiers = new TierService(session, caller.realm());
        Tier current = tiers.tierOf(caller.user());
        return requests.requestableRoles().stream().map(role -> tiers.ladder().byRole(role).orElseThrow())
                .filter(tier -> tier.isAbove(current)).toList();
    }

    private Response renderForm(Caller caller, Response.Status status, String errorCode, String typedRole, String typedMessage) {
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        TierService tiers = new TierService(session, caller.realm());
        TierLabels labels = ThemedPages.labels(session, caller);
        UserModel user = caller.user();
        Map<String, Object> model = new HashMap<>();
        Optional<AccessRequestEntity> pending = requests.pendingOf(user);
        pending.ifPresent(r -> model.put("pending", view(r, tiers.ladder(), labels)));
        if (pending.isEmpty()) {
            lastDecision(requests, user).ifPresent(r -> model.put("outcome", view(r, tiers.ladder(), labels)));
        }
        model.put("currentTier", labels.withLevel(tiers.tierOf(user)));
        List<Map<String, Object>> options = offered(caller).stream().map(t -> option(t, labels)).toList();
        model.put("requestable", options);
        String preferred = typedRole != null ? typedRole : pending.map(AccessRequestEntity::getDesiredRole).orElse("");
        model.put("selectedRole", options.stream().anyMatch(o -> o.get("role").equals(preferred)) ? preferred : "");
        model.put("typedMessage", typedMessage != null ? typedMessage : pending.map(AccessRequestEntity::getMessage).orElse(""));
        model.put("messageLimit", AccessRequestService.MESSAGE_LIMIT);
        model.put("formUrl", Pages.link(session, FORM).toString());
        notice().ifPresent(n -> model.put("notice", n));
        if (errorCode != null) {
            model.put("errorKey", "viewgateError_" + errorCode);
            model.put("errorField", switch (errorCode) {
                case "message_too_long" -> "message";
                case "invalid_role" -> "desiredRole";
                default -> "";
            });
        }
        return ThemedPages.render(session, caller, status, "viewgate-access-request-form.ftl", model);
    }

    /** The member's last request if it was decided (a withdrawn one has no outcome to show). */
    private static Optional<AccessRequestEntity> lastDecision(AccessRequestService requests, UserModel user) {
        return requests.historyOf(user, 1).stream().findFirst().filter(r -> r.getStatus() != AccessRequestStatus.WITHDRAWN);
    }

    /**
     * For "My access": the member's pending request, else their last decided one, as the form shows it; empty when
     * there is neither.
     */
    public static Optional<Map<String, Object>> lastRequest(KeycloakSession session, Caller caller, TierLabels labels) {
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        TierLadder ladder = new TierService(session, caller.realm()).ladder();
        return requests.pendingOf(caller.user()).or(() -> lastDecision(requests, caller.user()))
                .map(r -> view(r, ladder, labels));
    }

    public Response queue() {
        return Pages.forSignedIn(session, caller -> isDecider(caller)
                ? renderQueue(caller, Response.Status.OK, null, Map.of(), null)
                : forbidden(caller));
    }

    public Response decide() {
        return Pages.forSignedIn(session, this::decideFor);
    }

    private Response decideFor(Caller caller) {
        MultivaluedMap<String, String> form = Pages.formPost(session, caller);
        if (!isDecider(caller)) {
            return forbidden(caller);
        }
        Decider decider = Decider.member(session, caller);
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        String action = form.getFirst("action");
        String id = form.getFirst("id");
        boolean grant = "grant".equals(action);
        String role = grant ? form.getFirst("role") : null;
        String text = blankToNull(form.getFirst(grant ? "note" : "reason"));
        Map<String, String> typed = new HashMap<>();
        typed.put("id", id == null ? "" : id);
        typed.put("role", role == null ? "" : role);
        typed.put(grant ? "note" : "reason", text == null ? "" : text);
        try {
            if (!grant && !"decline".equals(action)) {
                throw ViewgateException.badRequest("invalid_action", "action must be grant or decline");
            }
            if (!"yes".equals(form.getFirst("confirm"))) {
                AccessRequestService.Review review = requests.review(decider, id, grant, role, text);
                return renderQueue(caller, Response.Status.OK, null, typed, confirmation(caller, grant, review, text));
            }
            if (grant) {
                requests.grant(decider, id, role, text);
            } else {
                requests.decline(decider, id, text);
            }
            return Pages.redirectAfterPost(session, QUEUE, grant ? "granted" : "declined", Map.of("request", id));
        } catch (ViewgateException refused) {
            return renderQueue(caller, Response.Status.fromStatusCode(refused.getResponse().getStatus()),
                    "viewgateError_" + refused.getMessage(), typed, null);
        }
    }

    /** What the confirmation says: who, which role instead of which, and the text the requester will read. */
    private Map<String, Object> confirmation(Caller caller, boolean grant, AccessRequestService.Review review, String text) {
        TierLabels labels = ThemedPages.labels(session, caller);
        TierLadder ladder = new TierService(session, caller.realm()).ladder();
        Map<String, Object> confirm = new HashMap<>(person(review.requester()));
        confirm.put("action", grant ? "grant" : "decline");
        confirm.put("id", review.request().getId());
        confirm.put("role", review.granted().map(Tier::role).orElse(""));
        confirm.put("grantedTier", review.granted().map(labels::withLevel).orElse(""));
        confirm.put("currentTier", labels.withLevel(review.current()));
        confirm.put("desiredTier", desiredTier(review.request(), ladder, labels));
        confirm.put("text", text == null ? "" : text);
        return confirm;
    }

    private Response renderQueue(Caller caller, Response.Status status, String errorKey, Map<String, String> typed,
                                 Map<String, Object> confirm) {
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        TierService tiers = new TierService(session, caller.realm());
        TierLadder ladder = tiers.ladder();
        TierLabels labels = ThemedPages.labels(session, caller);
        Map<String, Object> model = new HashMap<>();
        model.put("count", requests.count(AccessRequestStatus.PENDING));
        model.put("queueUrl", Pages.link(session, QUEUE).toString());
        model.put("typed", typed);
        if (confirm != null) {
            model.put("confirm", confirm);
        } else {
            Decider decider = Decider.member(session, caller);
            List<Tier> grantable = ladder.tiers().stream().filter(t -> decider.offers(caller.realm().getRole(t.role()))).toList();
            model.put("grantable", grantable.stream().map(t -> option(t, labels)).toList());
            int first = queueFirst();
            List<AccessRequestEntity> page = requests.list(AccessRequestStatus.PENDING, null, first, QUEUE_PAGE + 1);
            List<AccessRequestEntity> shown = page.subList(0, Math.min(QUEUE_PAGE, page.size()));
            model.put("requests", shown.stream().map(r -> queueEntry(r, requests, tiers, labels, caller, grantable)).toList());
            model.put("range", Map.of("from", first + 1, "to", first + shown.size(),
                    "previousUrl", first == 0 ? "" : queuePage(Math.max(0, first - QUEUE_PAGE)),
                    "nextUrl", page.size() > QUEUE_PAGE ? queuePage(first + QUEUE_PAGE) : ""));
            // A decision's notice names who got which role; it shows only for a decision this decider made.
            notice().flatMap(n -> decidedNotice(requests, caller, n, ladder, labels)).ifPresent(d -> model.put("decided", d));
        }
        if (errorKey != null) {
            model.put("errorKey", errorKey);
        }
        return ThemedPages.render(session, caller, status, "viewgate-access-request-queue.ftl", model);
    }

    /**
     * The details of the decision a notice reports (who got which role, or whose request was declined), read from the
     * request itself: only a request of this realm that this decider decided that way, so a link cannot make the page
     * claim a decision that was not made.
     */
    private Optional<Map<String, Object>> decidedNotice(AccessRequestService requests, Caller caller, String notice,
                                                        TierLadder ladder, TierLabels labels) {
        AccessRequestStatus expected = switch (notice) {
            case "granted" -> AccessRequestStatus.GRANTED;
            case "declined" -> AccessRequestStatus.DECLINED;
            default -> null;
        };
        String id = session.getContext().getUri().getQueryParameters().getFirst("request");
        return requests.find(id)
                .filter(r -> expected != null && r.getStatus() == expected && caller.user().getId().equals(r.getDecidedById()))
                .map(r -> {
                    UserModel requester = session.users().getUserById(caller.realm(), r.getRequesterId());
                    Map<String, Object> decided = new HashMap<>(person(requester));
                    decided.put("notice", notice);
                    decided.put("grantedTier", r.getGrantedRole() == null ? "" : ladder.byRole(r.getGrantedRole())
                            .map(labels::withLevel).orElse(r.getGrantedRole()));
                    decided.put("previousTier", r.getPreviousRole() == null ? "" : ladder.byRole(r.getPreviousRole())
                            .map(labels::withLevel).orElse(r.getPreviousRole()));
                    return decided;
                });
    }

    private Map<String, Object> queueEntry(AccessRequestEntity request, AccessRequestService requests, TierService tiers,
                                           TierLabels labels, Caller caller, List<Tier> grantable) {
        Map<String, Object> entry = view(request, tiers.ladder(), labels);
        UserModel requester = session.users().getUserById(caller.realm(), request.getRequesterId());
        Tier current = requester == null ? Tier.NONE : tiers.tierOf(requester);
        entry.putAll(person(requester));
        entry.put("id", request.getId());
        entry.put("currentTier", labels.withLevel(current));
        // The role the choice starts at: the desired one, else the first the decider may grant above the current tier.
        entry.put("suggestedRole", request.getDesiredRole() != null ? request.getDesiredRole()
                : grantable.stream().filter(t -> t.isAbove(current)).findFirst().map(Tier::role).orElse(""));
        entry.put("own", requester != null && requester.getId().equals(caller.user().getId()));
        entry.put("history", requester == null ? List.of() : requests.historyOf(requester, HISTORY).stream()
                .map(r -> view(r, tiers.ladder(), labels)).toList());
        return entry;
    }

    private static Map<String, Object> person(UserModel user) {
        return Map.of("username", user == null ? "" : user.getUsername(),
                "name", user == null ? "" : Optional.ofNullable(TierResource.displayName(user)).orElse(user.getUsername()),
                "email", user == null || user.getEmail() == null ? "" : user.getEmail());
    }

    private static Map<String, Object> view(AccessRequestEntity request, TierLadder ladder, TierLabels labels) {
        Map<String, Object> view = new HashMap<>();
        view.put("id", request.getId());
        view.put("status", request.getStatus().name());
        view.put("desiredRole", request.getDesiredRole() == null ? "" : request.getDesiredRole());
        view.put("desiredTier", desiredTier(request, ladder, labels));
        view.put("message", request.getMessage() == null ? "" : request.getMessage());
        view.put("grantedTier", request.getGrantedRole() == null ? "" : ladder.byRole(request.getGrantedRole())
                .map(labels::withLevel).orElse(request.getGrantedRole()));
        view.put("reason", request.getReason() == null ? "" : request.getReason());
        view.put("asked", ago(request.getCreatedAt()));
        view.put("updatedAt", Instant.ofEpochMilli(request.getUpdatedAt()).toString());
        if (request.getDecidedAt() != null) {
            view.put("decided", ago(request.getDecidedAt()));
        }
        return view;
    }

    private static String desiredTier(AccessRequestEntity request, TierLadder ladder, TierLabels labels) {
        return request.getDesiredRole() == null ? "" : ladder.byRole(request.getDesiredRole()).map(labels::withLevel)
                .orElse(request.getDesiredRole());
    }

    /** {@code ?first=} of the queue page: ASCII digits, else the first page (a page link is never worth an error). */
    private int queueFirst() {
        String value = session.getContext().getUri().getQueryParameters().getFirst("first");
        if (value == null || value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Integer.parseInt(value);
    }

    private String queuePage(int first) {
        return UriBuilder.fromUri(Pages.link(session, QUEUE)).replaceQueryParam("first", first).build().toString();
    }

    /** When, as the page says it ("2 minutes ago", from the message key and amount) and as an ISO instant. */
    private static Map<String, Object> ago(long epochMillis) {
        Instant at = Instant.ofEpochMilli(epochMillis);
        RelativeTime.Ago ago = RelativeTime.of(Duration.between(at, Instant.now()));
        return Map.of("key", ago.key(), "amount", ago.amount(), "iso", at.toString());
    }

    private static Map<String, Object> option(Tier tier, TierLabels labels) {
        return Map.of("role", tier.role(), "label", labels.withLevel(tier));
    }

    private Response forbidden(Caller caller) {
        return ThemedPages.message(session, caller, Response.Status.FORBIDDEN, "viewgateQueueTitle", "viewgateQueueForbidden");
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
