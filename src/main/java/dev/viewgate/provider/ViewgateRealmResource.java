package dev.viewgate.provider;

import dev.viewgate.adapter.ApiCors;
import dev.viewgate.adapter.Pages;
import dev.viewgate.guest.GuestResource;
import dev.viewgate.request.AccessRequestResource;
import dev.viewgate.request.AccessRequestService;
import dev.viewgate.request.AccessRequestStatus;
import dev.viewgate.tier.ThemedPages;
import dev.viewgate.tier.TierResource;
import dev.viewgate.viewas.ViewAsResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;

/** {@code /realms/{realm}/viewgate}: dispatches to the capability packages. The realm is already in the context. */
public final class ViewgateRealmResource {

    private final KeycloakSession session;

    ViewgateRealmResource(KeycloakSession session) {
        this.session = session;
        // The pages' badge of pending access requests, for every page whichever capability renders it.
        session.setAttribute(ThemedPages.PendingCounter.ATTRIBUTE, (ThemedPages.PendingCounter) realm ->
                new AccessRequestService(session, realm).count(AccessRequestStatus.PENDING));
    }

    @OPTIONS
    @Path("{any:.*}")
    @Operation(hidden = true)
    public Response preflight() {
        return ApiCors.preflight();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Tag(name = "Pages")
    @Operation(summary = "\"My access\" page (HTML; signs in through the browser session)")
    public Response myAccessPage() {
        return new MyAccessPage(session).render();
    }

    @Path("console")
    public ConsoleResource console() {
        return new ConsoleResource(session);
    }

    @Path("access-requests")
    public AccessRequestResource accessRequests() {
        return new AccessRequestResource(session);
    }

    @Path("view-as")
    public ViewAsResource viewAs() {
        return new ViewAsResource(session);
    }

    @Path("views")
    public GuestResource views() {
        return new GuestResource(session);
    }

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Me and tiers")
    @Operation(summary = "The caller's identity, tier and what Viewgate lets them do")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(schema = @Schema(implementation = TierResource.MeRepresentation.class)))
    @APIResponse(responseCode = "401", description = "No valid access token of this realm")
    public TierResource.MeRepresentation me() {
        return new TierResource(session).me();
    }

    @GET
    @Path("me/freshness")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Me and tiers")
    @Operation(summary = "Whether the presented token still tells the member's access (tier, view as), the member's newest "
            + "access request and, for deciders, the pending count: an app asks at each page and refreshes the token "
            + "when current is false")
    @APIResponse(responseCode = "200", description = "{current, changed, tier, tierRole, viewAs, request, queue}",
            content = @Content(schema = @Schema(implementation = MemberFreshness.Representation.class)))
    @APIResponse(responseCode = "401", description = "No valid access token of this realm, or its session has ended")
    public MemberFreshness.Representation freshness() {
        return new MemberFreshness(session).check();
    }

    @GET
    @Path("tiers")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "Me and tiers")
    @Operation(summary = "The realm's tier ladder, ascending")
    @APIResponse(responseCode = "200", description = "The tiers",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TierResource.TierRepresentation.class)))
    @APIResponse(responseCode = "401", description = "No valid access token of this realm")
    public List<TierResource.TierRepresentation> tiers() {
        return new TierResource(session).tiers();
    }
}
