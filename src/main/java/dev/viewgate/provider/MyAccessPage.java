package dev.viewgate.provider;

import dev.viewgate.adapter.Pages;
import dev.viewgate.base.Caller;
import dev.viewgate.request.AccessRequestService;
import dev.viewgate.request.AccessRequestStatus;
import dev.viewgate.tier.ThemedPages;
import dev.viewgate.tier.Tier;
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
        member.put("tierLevel", tier.level());
        member.put("tierLabel", tier.isMember() ? tier.label() : "");
        member.put("canViewAs", can.viewAsTier() || can.viewAsUser());
        member.put("canDecide", can.decideRequests());
        member.put("canShare", can.share());
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        member.put("requestPending", requests.pendingOf(user).isPresent());
        member.put("pendingCount", can.decideRequests() ? requests.count(AccessRequestStatus.PENDING) : 0L);
        return ThemedPages.render(session, caller, Response.Status.OK, "viewgate-my-access.ftl", Map.of("member", member,
                "requestFormUrl", Pages.uri(session, "access-requests/form").toString(),
                "queueUrl", Pages.uri(session, "access-requests/queue").toString(),
                "viewAsUrl", Pages.uri(session, "view-as/select").toString()));
    }
}
