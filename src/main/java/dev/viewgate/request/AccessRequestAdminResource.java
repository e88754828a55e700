package dev.viewgate.request;

import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.JsonBody;
import dev.viewgate.base.QueryParams;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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
import org.keycloak.models.RealmModel;

/**
 * {@code /admin/realms/{r}/viewgate/access-requests}: the deciders' API for Keycloak admins and kcadm.sh, authorized
 * by Keycloak's admin permissions (view users to list; then what Keycloak's role-mapping API asks: map roles of the
 * requester, and map the granted role and each tier role the grant removes).
 */
@Tag(name = "Access requests (admin)")
public final class AccessRequestAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    public AccessRequestAdminResource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Requests with a status (PENDING by default, or ALL), of one requester (id or username) if given;"
            + " the PENDING queue oldest first, history newest first")
    @APIResponse(responseCode = "200", description = "A page of requests",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AccessRequestRepresentation.class)))
    @APIResponse(responseCode = "403", description = "The admin may not view users")
    public List<AccessRequestRepresentation> list(@QueryParam("status") String status,
                                                  @QueryParam("requester") String requester,
                                                  @QueryParam("first") String first, @QueryParam("max") String max) {
        access.requireViewUsers();
        return AccessRequestViews.page(session, realm, status, requester, first, max);
    }

    @GET
    @Path("count")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many requests have a status (PENDING by default)")
    @APIResponse(responseCode = "200", description = "{count}")
    public Map<String, Long> count(@QueryParam("status") String status) {
        access.requireViewUsers();
        return Map.of("count", new AccessRequestService(session, realm)
                .count(QueryParams.enumValue("status", status, AccessRequestStatus.PENDING, AccessRequestStatus.class)));
    }

    @POST
    @Path("{id}/grant")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a tier role to the requester and close the request")
    @APIResponse(responseCode = "200", description = "The request, GRANTED")
    @APIResponse(responseCode = "400", description = "unknown_role")
    @APIResponse(responseCode = "403", description = "The admin may not map roles of that user, map that role or remove the requester's tier role, or it is their own request")
    @APIResponse(responseCode = "409", description = "not_pending")
    public AccessRequestRepresentation grant(@PathParam("id") String id, String body) {
        Decider decider = Decider.keycloakAdmin(session, realm, access);
        JsonBody json = JsonBody.parse(body, Set.of("role", "note"));
        AccessRequestService requests = new AccessRequestService(session, realm);
        AccessRequestEntity granted = requests.grant(decider, id, json.string("role"), json.string("note"));
        return AccessRequestRepresentation.of(granted, requests.requesterOf(granted));
    }

    @POST
    @Path("{id}/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close the request without changing anything")
    @APIResponse(responseCode = "200", description = "The request, DECLINED")
    @APIResponse(responseCode = "403", description = "The admin may not map roles of that user, or it is their own request")
    @APIResponse(responseCode = "409", description = "not_pending")
    public AccessRequestRepresentation decline(@PathParam("id") String id, String body) {
        Decider decider = Decider.keycloakAdmin(session, realm, access);
        JsonBody json = JsonBody.parse(body, Set.of("reason"));
        AccessRequestService requests = new AccessRequestService(session, realm);
        AccessRequestEntity declined = requests.decline(decider, id, json.string("reason"));
        return AccessRequestRepresentation.of(declined, requests.requesterOf(declined));
    }
}
