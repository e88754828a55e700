package dev.viewgate.tier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.QueryParams;
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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** {@code /admin/realms/{r}/viewgate/ladder}: the tier ladder with how many members hold each tier. */
@Tag(name = "Tiers (admin)")
public final class LadderAdminResource {

    /** Users read at most per answer; beyond it the counts are lower bounds. */
    static final int CENSUS_CAP = 10_000;

    /**
     * One rung. {@code members} is exact, or null when {@code capped} (more than {@value #CENSUS_CAP} users: then
     * {@code membersAtLeast} is what the users read so far hold); {@code membersAtLeast} always holds the count found.
     * With {@code members=false} the three counts are null.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RungRepresentation(int tier, String role, String label, Long members, Long membersAtLeast, Boolean capped) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminAccess access;

    public LadderAdminResource(KeycloakSession session, RealmModel realm, AdminAccess access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tier ladder, ascending, with the members whose effective tier is each level "
            + "(groups and composites count); at most 10,000 users are read, beyond that counts are lower bounds (capped); "
            + "members=false: the rungs only, without counting")
    @APIResponse(responseCode = "200", description = "The rungs",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RungRepresentation.class)))
    @APIResponse(responseCode = "400", description = "invalid_parameter (members is neither true nor false)")
    @APIResponse(responseCode = "403", description = "The admin may not view users")
    public List<RungRepresentation> ladder(@QueryParam("members") String members) {
        access.requireViewUsers();
        if (!QueryParams.bool("members", members, true)) {
            return new TierService(session, realm).ladder().tiers().stream()
                    .map(tier -> new RungRepresentation(tier.level(), tier.role(), tier.label(), null, null, null))
                    .toList();
        }
        TierCensus.Result census = new TierCensus(session, realm).count(CENSUS_CAP);
        return census.rungs().stream()
                .map(rung -> new RungRepresentation(rung.tier().level(), rung.tier().role(), rung.tier().label(),
                        census.capped() ? null : rung.members(), rung.members(), census.capped()))
                .toList();
    }
}
