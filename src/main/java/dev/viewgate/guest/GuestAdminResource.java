package dev.viewgate.guest;

import dev.viewgate.web.AdminAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
        ViewService views = new ViewService(session, realm);
        ClientModel client = views.client(clientId);
        access.requireManageClient(client);
        ViewService.Registration registration = views.register(access.caller(), client, viewKey, GuestResource.settings(body));
        return Response.status(registration.created() ? Response.Status.CREATED : Response.Status.OK)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ViewRepresentation.of(registration.view(), client.getClientId()))
                .build();
    }

    @GET
    @Path("{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The views of a client the admin may view")
    @APIResponse(responseCode = "200", description = "The views")
    @APIResponse(responseCode = "403", description = "The admin may not view the client")
    public List<ViewRepresentation> list(@PathParam("clientId") String clientId) {
        ViewService views = new ViewService(session, realm);
        ClientModel client = views.client(clientId);
        access.requireViewClient(client);
        return views.views(client).stream().map(v -> ViewRepresentation.of(v, client.getClientId())).toList();
    }
}
