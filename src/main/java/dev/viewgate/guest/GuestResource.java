package dev.viewgate.guest;

import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.base.Caller;
import dev.viewgate.base.JsonBody;
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
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /realms/{r}/viewgate/views}: apps (and sharing members) register their views and read them back. */
@Tag(name = "Guest access")
public final class GuestResource {

    static final Set<String> VIEW_FIELDS = Set.of("name", "editable", "addable", "exportable");

    private final KeycloakSession session;

    public GuestResource(KeycloakSession session) {
        this.session = session;
    }

    @PUT
    @Path("{clientId}/{viewKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register or update a view of a client: {name, editable, addable, exportable}")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = ViewRepresentation.class)))
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "400", description = "invalid_request: malformed client id, view key or body")
    @APIResponse(responseCode = "403", description = "not_your_client, tier_too_low, guest_token")
    public Response register(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey, String body) {
        Caller caller = RequestAuth.bearer(session);
        ClientModel client = AppAuthority.requireManager(session, caller, clientId);
        ViewService views = new ViewService(session, caller.realm());
        ViewService.Registration registration = views.register(caller, client, viewKey, settings(body));
        return registered(client, registration);
    }

    @GET
    @Path("{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The views of a client")
    @APIResponse(responseCode = "200", description = "The views",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ViewRepresentation.class)))
    @APIResponse(responseCode = "403", description = "not_your_client, tier_too_low, guest_token")
    public List<ViewRepresentation> list(@PathParam("clientId") String clientId) {
        Caller caller = RequestAuth.bearer(session);
        ClientModel client = AppAuthority.requireManager(session, caller, clientId);
        ViewService views = new ViewService(session, caller.realm());
        return views.views(client).stream().map(v -> ViewRepresentation.of(v, client.getClientId())).toList();
    }

    @POST
    @Path("{clientId}/{viewKey}/guests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Share the view with a guest: {permissions, expiresAt?, label?, public?}; the secret is shown once")
    @APIResponse(responseCode = "201", description = "The grant, with its secret",
            content = @Content(schema = @Schema(implementation = GuestGrantRepresentation.class)))
    @APIResponse(responseCode = "400", description = "invalid_permissions, public_is_read_only, invalid_expiry, invalid_request")
    @APIResponse(responseCode = "403", description = "not_your_client, tier_too_low, guest_token")
    @APIResponse(responseCode = "404", description = "unknown_view")
    public Response share(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey, String body) {
        Caller caller = RequestAuth.bearer(session);
        ClientModel client = AppAuthority.requireManager(session, caller, clientId);
        ViewService views = new ViewService(session, caller.realm());
        ViewEntity view = views.view(client, viewKey);
        return share(session, caller, caller.realm(), client, view, body);
    }

    @GET
    @Path("{clientId}/{viewKey}/guests")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The view's guest grants, newest first, without secrets")
    @APIResponse(responseCode = "200", description = "The grants",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GuestGrantRepresentation.class)))
    public List<GuestGrantRepresentation> guests(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey) {
        Caller caller = RequestAuth.bearer(session);
        ClientModel client = AppAuthority.requireManager(session, caller, clientId);
        ViewService views = new ViewService(session, caller.realm());
        ViewEntity view = views.view(client, viewKey);
        return grants(session, caller.realm(), client, view);
    }

    @DELETE
    @Path("{clientId}/{viewKey}/guests/{grantId}")
    @Operation(summary = "Revoke a guest grant at once")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    @APIResponse(responseCode = "404", description = "unknown_view, unknown_grant")
    public Response revoke(@PathParam("clientId") String clientId, @PathParam("viewKey") String viewKey,
                           @PathParam("grantId") String grantId) {
        Caller caller = RequestAuth.bearer(session);
        ClientModel client = AppAuthority.requireManager(session, caller, clientId);
        ViewService views = new ViewService(session, caller.realm());
        new GuestGrantService(session, caller.realm()).revoke(caller, client, views.view(client, viewKey), grantId);
        return Response.noContent().build();
    }

    static Response registered(ClientModel client, ViewService.Registration registration) {
        return Response.status(registration.created() ? Response.Status.CREATED : Response.Status.OK)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ViewRepresentation.of(registration.view(), client.getClientId()))
                .build();
    }

    static List<GuestGrantRepresentation> grants(KeycloakSession session, RealmModel realm, ClientModel client, ViewEntity view) {
        return new GuestGrantService(session, realm).grants(view).stream()
                .map(g -> GuestGrantRepresentation.of(g, view, client.getClientId(), null)).toList();
    }

    static Response share(KeycloakSession session, Caller caller, RealmModel realm, ClientModel client, ViewEntity view,
                          String body) {
        JsonBody json = JsonBody.parse(body, Set.of("permissions", "expiresAt", "label", "public"));
        GuestGrantService.Created created = new GuestGrantService(session, realm).create(caller, client, view,
                json.strings("permissions"), json.bool("public", false), json.string("expiresAt"), json.string("label"));
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(GuestGrantRepresentation.of(created.grant(), view, client.getClientId(), created.secret()))
                .build();
    }

    static ViewService.Settings settings(String body) {
        JsonBody json = JsonBody.parse(body, VIEW_FIELDS);
        return new ViewService.Settings(json.string("name"), json.bool("editable", false), json.bool("addable", false),
                json.bool("exportable", false));
    }
}
