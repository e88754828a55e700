package dev.viewgate.guest;

import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.QueryParams;
import dev.viewgate.base.ViewgateException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
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

/** {@code /admin/realms/{r}/viewgate/guests}: every guest grant of the realm, for admins who answer for them. */
@Tag(name = "Guest access (admin)")
public final class GuestInventoryResource {

    private static final int MAX_PAGE = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    public GuestInventoryResource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "All guest grants of the realm, newest first; filters client, view, public (true|false), "
            + "status (active|revoked|expired), first, max (1..1000, default 100)")
    @APIResponse(responseCode = "200", description = "The grants, without secrets",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = GuestGrantRepresentation.class)))
    @APIResponse(responseCode = "400", description = "invalid_parameter, invalid_request")
    @APIResponse(responseCode = "403", description = "The admin may not view the client (or, without a client filter, all clients)")
    @APIResponse(responseCode = "404", description = "unknown_client, only for an admin who may view every client")
    public List<GuestGrantRepresentation> inventory(@QueryParam("client") String clientId, @QueryParam("view") String viewKey,
                                                    @QueryParam("public") String publicLink, @QueryParam("status") String status,
                                                    @QueryParam("first") String first, @QueryParam("max") String max) {
        ClientModel client = null;
        if (clientId == null) {
            access.requireViewClients();
        } else {
            client = AppAuthority.requireAdmin(access, clientId, false);
        }
        if (viewKey != null) {
            ViewService.requireKey("view", viewKey);
        }
        QueryParams.Page page = QueryParams.page(first, max, 100, MAX_PAGE);
        return new GuestGrantService(session, realm)
                .inventory(client, viewKey, bool(publicLink), status, page.first(), page.max())
                .stream()
                .map(l -> GuestGrantRepresentation.of(l.grant(), l.view(), clientIdOf(l.view()), null))
                .toList();
    }

    private String clientIdOf(ViewEntity view) {
        ClientModel client = realm.getClientById(view.getClientUuid());
        return client == null ? null : client.getClientId();
    }

    private static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ViewgateException.badRequest("invalid_parameter", "public must be true or false");
        };
    }
}
