package dev.viewgate.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.base.Caller;
import dev.viewgate.base.JsonBody;
import dev.viewgate.base.QueryParams;
import dev.viewgate.base.ViewgateException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** {@code /realms/{r}/viewgate/access-requests}: the JSON API for members and deciders, and the two pages. */
@Tag(name = "Access requests")
public final class AccessRequestResource {

    /** {@code {pending, history}} of {@code GET .../mine}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Mine(AccessRequestRepresentation pending, List<AccessRequestRepresentation> history) {
    }

    private static final int HISTORY = 20;

    private final KeycloakSession session;

    public AccessRequestResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for more access, or update your pending request")
    @APIResponse(responseCode = "201", description = "A new pending request",
            content = @Content(schema = @Schema(implementation = AccessRequestRepresentation.class)))
    @APIResponse(responseCode = "200", description = "Your pending request, updated")
    @APIResponse(responseCode = "400", description = "message_too_long, invalid_role or a malformed body")
    @APIResponse(responseCode = "403", description = "not_a_member (a service account or guest principal), view_as_active")
    @APIResponse(responseCode = "409", description = "conflict: a concurrent submission of yours won")
    public Response submit(String body) {
        Caller caller = RequestAuth.member(session);
        JsonBody json = JsonBody.parse(body, Set.of("desiredRole", "message"));
        AccessRequestService.Submission submission = new AccessRequestService(session, caller.realm())
                .submit(caller, json.string("desiredRole"), json.string("message"));
        return Response.status(submission.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(AccessRequestRepresentation.of(submission.request(), caller.user()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @GET
    @Path("mine")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Your pending request and your earlier ones, newest first")
    @APIResponse(responseCode = "200", description = "{pending, history}", content = @Content(schema = @Schema(implementation = Mine.class)))
    public Mine mine() {
        Caller caller = RequestAuth.bearer(session);
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        UserModel user = caller.user();
        return new Mine(requests.pendingOf(user).map(r -> AccessRequestRepresentation.of(r, user)).orElse(null),
                requests.historyOf(user, HISTORY).stream().map(r -> AccessRequestRepresentation.of(r, user)).toList());
    }

    @DELETE
    @Path("mine")
    @Operation(summary = "Withdraw your pending request")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "404", description = "You have no pending request")
    public Response withdraw() {
        Caller caller = RequestAuth.member(session);
        if (!new AccessRequestService(session, caller.realm()).withdraw(caller)) {
            throw ViewgateException.notFound("not_found", "You have no pending access request");
        }
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deciders: requests with a status (PENDING by default, or ALL), of one requester (id or username)"
            + " if given; the PENDING queue oldest first, history newest first")
    @APIResponse(responseCode = "200", description = "A page of requests",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AccessRequestRepresentation.class)))
    @APIResponse(responseCode = "403", description = "not_a_decider")
    public List<AccessRequestRepresentation> list(@QueryParam("status") String status,
                                                  @QueryParam("requester") String requester,
                                                  @QueryParam("first") String first, @QueryParam("max") String max) {
        Decider decider = Decider.member(session, RequestAuth.bearer(session));
        return AccessRequestViews.page(session, decider.caller().realm(), status, requester, first, max);
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deciders: how many requests have a status (PENDING by default)")
    @APIResponse(responseCode = "200", description = "{count}")
    @APIResponse(responseCode = "403", description = "not_a_decider")
    public Map<String, Long> count(@QueryParam("status") String status) {
        Decider decider = Decider.member(session, RequestAuth.bearer(session));
        return Map.of("count", new AccessRequestService(session, decider.caller().realm())
                .count(QueryParams.enumValue("status", status, AccessRequestStatus.PENDING, AccessRequestStatus.class)));
    }

    @POST
    @Path("{id}/grant")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deciders: grant a tier role (your choice; at most your own tier) and close the request")
    @APIResponse(responseCode = "200", description = "The request, GRANTED",
            content = @Content(schema = @Schema(implementation = AccessRequestRepresentation.class)))
    @APIResponse(responseCode = "400", description = "unknown_role")
    @APIResponse(responseCode = "403", description = "not_a_decider, self_decision, above_own_tier, beyond_own_access (the role carries roles you do not hold), member_not_below (the requester's tier is not below yours), not_a_member")
    @APIResponse(responseCode = "404", description = "No such request in this realm")
    @APIResponse(responseCode = "409", description = "not_pending")
    public AccessRequestRepresentation grant(@PathParam("id") String id, String body) {
        Decider decider = Decider.member(session, RequestAuth.bearer(session));
        JsonBody json = JsonBody.parse(body, Set.of("role", "note"));
        AccessRequestService requests = new AccessRequestService(session, decider.caller().realm());
        AccessRequestEntity granted = requests.grant(decider, id, json.string("role"), json.string("note"));
        return AccessRequestRepresentation.of(granted, requests.requesterOf(granted));
    }

    @POST
    @Path("{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deciders: close the request without changing anything")
    @APIResponse(responseCode = "200", description = "The request, DECLINED",
            content = @Content(schema = @Schema(implementation = AccessRequestRepresentation.class)))
    @APIResponse(responseCode = "403", description = "not_a_decider or self_decision")
    @APIResponse(responseCode = "404", description = "No such request in this realm")
    @APIResponse(responseCode = "409", description = "not_pending")
    public AccessRequestRepresentation decline(@PathParam("id") String id, String body) {
        Decider decider = Decider.member(session, RequestAuth.bearer(session));
        JsonBody json = JsonBody.parse(body, Set.of("reason"));
        AccessRequestService requests = new AccessRequestService(session, decider.caller().realm());
        AccessRequestEntity declined = requests.decline(decider, id, json.string("reason"));
        return AccessRequestRepresentation.of(declined, requests.requesterOf(declined));
    }

    @GET
    @Path("form")
    @Produces(MediaType.TEXT_HTML)
    @Tag(name = "Pages")
    @Operation(summary = "The request form, or the pending request / the last decision (HTML)")
    public Response formPage() {
        return new AccessRequestPages(session).form();
    }

    @POST
    @Path("form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response postFormPage() {
        return new AccessRequestPages(session).postForm();
    }

    @GET
    @Path("queue")
    @Produces(MediaType.TEXT_HTML)
    @Tag(name = "Pages")
    @Operation(summary = "Deciders' queue with the pending count, grant and decline (HTML)")
    public Response queuePage() {
        return new AccessRequestPages(session).queue();
    }

    @POST
    @Path("queue")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response decidePage() {
        return new AccessRequestPages(session).decide();
    }
}
