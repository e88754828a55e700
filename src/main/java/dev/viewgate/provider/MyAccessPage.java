package dev.viewgate.provider;

import dev.viewgate.adapter.Pages;
import dev.viewgate.base.Caller;
import dev.viewgate.request.AccessRequestPages;
import dev.viewgate.request.AccessRequestService;
import dev.viewgate.request.AccessRequestStatus;
import dev.viewgate.tier.ThemedPages;
import dev.viewgate.tier.Tier;
import dev.viewgate.tier.TierLabels;
import dev.viewgate.tier.TierResource;
import dev.viewgate.tier.TierService;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** {@code GET /realms/{r}/viewgate/}: "My access", the landing page: the member's tier and what each capability offers them. */
public final class MyAccessPage {

    private final KeycloakSession session;

    public MyAccessPage(KeycloakSession session) {
        this.session = session;
    }

    public Response render() {
        return Pages.forSignedIn(session, this::renderFor);
    }

    private Response renderFor(Caller caller) {
        UserModel user = caller.user();
        TierService.MemberAccess access = new TierService(session, caller.realm()).accessOf(caller);
        Tier tier = access.tier();
        TierService.Capabilities can = access.can();

        Map<String, Object> member = new HashMap<>();
        member.put("username", user.getUsername());
        member.put("name", Optional.ofNullable(TierResource.displayName(user)).orElse(user.getUsername()));
        member.put("email", Optional.ofNullable(user.getEmail()).orElse(""));
        TierLabels labels = ThemedPages.labels(session, caller);
        member.put("tierLevel", tier.level());
        member.put("tierLabel", labels.label(tier));
        member.put("canViewAs", can.viewAsTier() || can.viewAsUser());
        member.put("canDecide", can.decideRequests());
        member.put("canShare", can.share());
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        member.put("requestPending", requests.pendingOf(user).isPresent());
        member.put("pendingCount", can.decideRequests() ? requests.count(AccessRequestStatus.PENDING) : 0L);
        Map<String, Object> model = new HashMap<>();
        model.put("member", member);
        AccessRequestPages.lastRequest(session, caller, labels).ifPresent(last -> model.put("lastRequest", last));
        model.put("requestFormUrl", Pages.link(session, "access-requests/form").toString());
        model.put("queueUrl", Pages.link(session, "access-requests/queue").toString());
        model.put("viewAsUrl", Pages.link(session, "view-as/select").toString());
        return ThemedPages.render(session, caller, Response.Status.OK, "viewgate-my-access.ftl", model);
    }
}
