package dev.viewgate.viewas;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.QueryParams;
import dev.viewgate.base.ViewgateException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /admin/realms/{r}/viewgate/view-as-sessions}: the realm's view-as sessions in force, and ending one. */
@Tag(name = "View as (admin)")
public final class ViewAsAdminResource {

    private static final int MAX_PAGE = 1000;

    /** One view-as in force; {@code target} only in member mode. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ViewAsSessionRepresentation(String sessionId, Map<String, String> actor, String mode, int tier,
                                              Map<String, String> target, String startedAt, String expiresAt) {

        static ViewAsSessionRepresentation of(ViewAsService.Active active) {
            var state = active.state();
            return new ViewAsSessionRepresentation(active.sessionId(),
                    Map.of("id", active.actor().getId(), "username", active.actor().getUsername()),
                    state.mode(), state.tier(),
                    state.isUserMode() ? Map.of("id", state.userId(), "username", state.username()) : null,
                    Instant.ofEpochMilli(state.startedAt()).toString(), Instant.ofEpochMilli(state.expiresAt()).toString());
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    public ViewAsAdminResource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "View-as sessions in force, ordered by start; first, max (1..1000, default 100)")
    @APIResponse(responseCode = "200", description = "A page of view-as sessions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ViewAsSessionRepresentation.class)))
    @APIResponse(responseCode = "400", description = "max outside 1..1000 or negative first")
    @APIResponse(responseCode = "403", description = "The admin may not view users")
    public List<ViewAsSessionRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max) {
        access.requireViewUsers();
        QueryParams.Page page = QueryParams.page(first, max, 100, MAX_PAGE);
        return new ViewAsService(session, realm).active().stream()
                .skip(page.first()).limit(page.max())
                .map(ViewAsSessionRepresentation::of)
                .toList();
    }

    @DELETE
    @Path("{sessionId}")
    @Operation(summary = "End the view-as on that session (audited VIEW_AS_ENDED, reason ended_by_admin)")
    @APIResponse(responseCode = "204", description = "Ended; the member's next token carries their real access")
    @APIResponse(responseCode = "403", description = "The admin may not view users, or may not manage that member")
    @APIResponse(responseCode = "404", description = "not_found: no view-as in force on that session of this realm")
    public Response end(@PathParam("sessionId") String sessionId) {
        access.requireViewUsers(); // then manage-users for the member; an unknown session is 404 only to those who may list them
        ViewAsService viewAs = new ViewAsService(session, realm);
        ViewAsService.Active active = viewAs.activeOn(sessionId).orElseThrow(ViewAsAdminResource::notFound);
        access.requireManage(active.actor());
        if (!viewAs.endByAdmin(access.caller(), active)) {
            throw notFound();
        }
        return Response.noContent().build();
    }

    private static ViewgateException notFound() {
        return ViewgateException.notFound("not_found", "No view as is in force on that session of this realm");
    }
}
