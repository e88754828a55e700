package dev.viewgate.viewas;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.base.Caller;
import dev.viewgate.base.JsonBody;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.TierResource;
import dev.viewgate.tier.TierService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** {@code /realms/{r}/viewgate/view-as}: state, start (by tier or by member), exit; and the chooser pages. */
@Tag(name = "View as")
public final class ViewAsResource {

    /** The view-as state of the caller's session and what they could start. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ViewAsRepresentation(boolean active, String mode, Integer tier, Map<String, String> user, String startedAt,
                                       String expiresAt, Options options) {
    }

    /** What the caller may start, judged on their real access. */
    public record Options(List<TierResource.TierRepresentation> tiers, boolean users) {
    }

    private final KeycloakSession session;

    public ViewAsResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The view-as state of your session, and the options you have")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(schema = @Schema(implementation = ViewAsRepresentation.class)))
    public ViewAsRepresentation state() {
        Caller caller = RequestAuth.bearer(session);
        return representation(session, caller);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start viewing as a tier ({tier: N}) or as a member ({user: id or username})")
    @APIResponse(responseCode = "200", description = "The state, active")
    @APIResponse(responseCode = "400", description = "invalid_request, invalid_tier, self, not_a_member, user_disabled")
    @APIResponse(responseCode = "403", description = "tier_too_low, above_own_tier")
    @APIResponse(responseCode = "404", description = "unknown_user")
    @APIResponse(responseCode = "409", description = "already_active")
    public ViewAsRepresentation start(String body) {
        Caller caller = RequestAuth.bearer(session);
        JsonBody json = JsonBody.parse(body, Set.of("tier", "user"));
        if (json.has("tier") == json.has("user")) {
            throw ViewgateException.badRequest("invalid_request", "Send either {\"tier\": N} or {\"user\": \"id or username\"}");
        }
        ViewAsService viewAs = new ViewAsService(session, caller.realm());
        if (json.has("tier")) {
            viewAs.startTier(caller, json.integer("tier"));
        } else {
            viewAs.startUser(caller, json.string("user"));
        }
        return representation(session, caller);
    }

    @DELETE
    @Operation(summary = "Exit view as; works while simulating")
    @APIResponse(responseCode = "204", description = "Ended, or nothing was active")
    public Response exit() {
        Caller caller = RequestAuth.bearer(session);
        new ViewAsService(session, caller.realm()).exit(caller);
        return Response.noContent().build();
    }

    @GET
    @Path("select")
    @Produces(MediaType.TEXT_HTML)
    @Tag(name = "Pages")
    @Operation(summary = "The chooser (HTML): tiers and, from T6, members; returns to the app's registered redirect_uri")
    public Response chooserPage() {
        return new ViewAsPages(session).chooser();
    }

    @POST
    @Path("select")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response choosePage() {
        return new ViewAsPages(session).choose();
    }

    @POST
    @Path("exit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response exitPage() {
        return new ViewAsPages(session).exit();
    }

    static ViewAsRepresentation representation(KeycloakSession session, Caller caller) {
        ViewAsService viewAs = new ViewAsService(session, caller.realm());
        UserModel user = caller.user();
        Options options = new Options(viewAs.tierOptions(user).stream().map(TierResource.TierRepresentation::of).toList(),
                viewAs.userOption(user));
        return new TierService(session, caller.realm()).accessOf(caller).viewAs()
                .map(s -> new ViewAsRepresentation(true, s.mode(), s.tier(),
                        s.userId() == null ? null : Map.of("id", s.userId(), "username", s.username()),
                        Instant.ofEpochMilli(s.startedAt()).toString(), Instant.ofEpochMilli(s.expiresAt()).toString(), options))
                .orElse(new ViewAsRepresentation(false, null, null, null, null, null, options));
    }
}
