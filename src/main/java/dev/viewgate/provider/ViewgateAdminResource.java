package dev.viewgate.provider;

import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.audit.AuditResource;
import dev.viewgate.guest.GuestAdminResource;
import dev.viewgate.guest.GuestInventoryResource;
import dev.viewgate.request.AccessRequestAdminResource;
import dev.viewgate.tier.LadderAdminResource;
import dev.viewgate.viewas.ViewAsAdminResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/viewgate}: Keycloak admins and kcadm.sh. */
@Tag(name = "Administration")
public final class ViewgateAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;
    private final AdminEventBuilder adminEvent;

    ViewgateAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                          AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.access = new AdminAccess(auth, realm);
        this.adminEvent = adminEvent;
    }

    @POST
    @Path("setup")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create what Viewgate needs in this realm; idempotent, reports what it created")
    @APIResponse(responseCode = "200", description = "What was created and what was already there")
    @APIResponse(responseCode = "403", description = "The caller is not an administrator of this realm")
    public RealmSetup.SetupReport setup() {
        access.requireRealmAdmin();
        return new RealmSetup(session, realm, adminEvent).apply();
    }

    @GET
    @Path("overview")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The console's overview in one call: the pending count (view-users), the audit chain's head "
            + "(view-events) and the 6 newest active guest links (view-clients); a part the admin may not read is null "
            + "and named in refused")
    @APIResponse(responseCode = "200", description = "{pending, audit, guests, refused}",
            content = @Content(schema = @Schema(implementation = ConsoleOverview.Representation.class)))
    @APIResponse(responseCode = "403", description = "The admin may read none of the three")
    public ConsoleOverview.Representation overview() {
        return new ConsoleOverview(session, realm, access).read();
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(session, realm, access);
    }

    @Path("access-requests")
    public AccessRequestAdminResource accessRequests() {
        return new AccessRequestAdminResource(session, realm, access);
    }

    @Path("views")
    public GuestAdminResource views() {
        return new GuestAdminResource(session, realm, access);
    }

    @Path("guests")
    public GuestInventoryResource guests() {
        return new GuestInventoryResource(session, realm, access);
    }

    @Path("view-as-sessions")
    public ViewAsAdminResource viewAsSessions() {
        return new ViewAsAdminResource(session, realm, access);
    }

    @Path("settings")
    public SettingsAdminResource settings() {
        return new SettingsAdminResource(session, realm, access);
    }

    @Path("ladder")
    public LadderAdminResource ladder() {
        return new LadderAdminResource(session, realm, access);
    }
}
