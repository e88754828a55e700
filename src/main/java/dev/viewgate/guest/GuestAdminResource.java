package dev.viewgate.guest;

import dev.viewgate.adapter.AdminAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /admin/realms/{r}/viewgate/views}: Keycloak admins manage the views of clients they may manage. */
@Tag(name = "Guest access (admin)")
public final class GuestAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    public GuestAdminResource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    @PUT
    @Path("{clientId}/{viewKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or update a view of a client the admin may manage")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "403", description = "The admin may not manage the client")
    public Response register(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey, String body) {
        ClientModel client = AppAuthority.requireAdmin(access, clientId, true);
        ViewService views = new ViewService(session, realm);
        ViewService.Registration registration = views.register(access.caller(), client, viewKey, GuestResource.settings(body));
        return GuestResource.registered(client, registration);
    }

    @GET
    @Path("{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The views of a client the admin may view")
    @APIResponse(responseCode = "200", description = "The views")
    @APIResponse(responseCode = "403", description = "The admin may not view the client")
    public List<ViewRepresentation> list(@PathParam("clientId") String clientId) {
        ClientModel client = AppAuthority.requireAdmin(access, clientId, false);
        ViewService views = new ViewService(session, realm);
        return views.views(client).stream().map(v -> ViewRepresentation.of(v, client.getClientId())).toList();
    }

    @POST
    @Path("{clientId}/{viewKey}/guests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Share a view of a client the admin may manage with a guest; the secret is shown once")
    @APIResponse(responseCode = "201", description = "The grant, with its secret",
            content = @Content(schema = @Schema(implementation = GuestGrantRepresentation.class)))
    @APIResponse(responseCode = "400", description = "invalid_permissions, public_is_read_only, invalid_expiry, invalid_request")
    @APIResponse(responseCode = "403", description = "The admin may not manage the client")
    @APIResponse(responseCode = "404", description = "unknown_view; unknown_client only for an admin who may view every client")
    public Response share(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey, String body) {
        ClientModel client = AppAuthority.requireAdmin(access, clientId, true);
        ViewService views = new ViewService(session, realm);
        return GuestResource.share(session, access.caller(), realm, client, views.view(client, viewKey), body);
    }

    @GET
    @Path("{clientId}/{viewKey}/guests")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The guest grants of a view of a client the admin may view, newest first, without secrets")
    @APIResponse(responseCode = "200", description = "The grants",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GuestGrantRepresentation.class)))
    @APIResponse(responseCode = "403", description = "The admin may not view the client")
    public List<GuestGrantRepresentation> guests(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey) {
        ClientModel client = AppAuthority.requireAdmin(access, clientId, false);
        ViewService views = new ViewService(session, realm);
        return GuestResource.grants(session, realm, client, views.view(client, viewKey));
    }

    @DELETE
    @Path("{clientId}/{viewKey}/guests/{grantId}")
    @Operation(summary = "Revoke a guest grant at once")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @APIResponse(responseCode = "403", description = "The admin may not manage the client")
    @APIResponse(responseCode = "404", description = "unknown_view, unknown_grant; unknown_client only for an admin who may view every client")
    public Response revoke(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey,
                           @PathParam("grantId") String grantId) {
        ClientModel client = AppAuthority.requireAdmin(access, clientId, true);
        ViewService views = new ViewService(session, realm);
        new GuestGrantService(session, realm).revoke(access.caller(), client, views.view(client, viewKey), grantId);
        return Response.noContent().build();
    }
}
