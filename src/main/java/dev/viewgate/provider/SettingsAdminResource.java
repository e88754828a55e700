package dev.viewgate.provider;

import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.JsonBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /admin/realms/{r}/viewgate/settings}: Viewgate's realm attributes, read with view-realm, changed with manage-realm. */
@Tag(name = "Settings (admin)")
public final class SettingsAdminResource {

    private final RealmSettings settings;
    private final AdminAccess access;

    SettingsAdminResource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.settings = new RealmSettings(session, realm);
        this.access = access;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every viewgate.* realm attribute Viewgate reads: name, description, kind, defaultValue, "
            + "value (null when unset), effective (what Viewgate uses), problem (why a stored value is not used)")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RealmSettings.SettingRepresentation.class)))
    @APIResponse(responseCode = "403", description = "The admin may not view the realm")
    public List<RealmSettings.SettingRepresentation> list() {
        access.requireViewRealm();
        return settings.list();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a setting: {\"value\": \"...\"}, checked by the rule Viewgate reads it with; stored in canonical form")
    @APIResponse(responseCode = "200", description = "The setting as it is now",
            content = @Content(schema = @Schema(implementation = RealmSettings.SettingRepresentation.class)))
    @APIResponse(responseCode = "400", description = "invalid_setting (says why) or invalid_request (the body)")
    @APIResponse(responseCode = "403", description = "The admin may not manage the realm")
    @APIResponse(responseCode = "404", description = "unknown_setting")
    public RealmSettings.SettingRepresentation set(@PathParam("name") String name, String body) {
        access.requireManageRealm();
        String value = JsonBody.parse(body, Set.of("value")).string("value"); // null when missing or blank: refused as empty
        return settings.set(access.caller(), name, value);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Reset a setting to its default (removes the realm attribute)")
    @APIResponse(responseCode = "204", description = "Reset (also when it was not set)")
    @APIResponse(responseCode = "403", description = "The admin may not manage the realm")
    @APIResponse(responseCode = "404", description = "unknown_setting")
    public Response reset(@PathParam("name") String name) {
        access.requireManageRealm();
        settings.reset(access.caller(), name);
        return Response.noContent().build();
    }
}
