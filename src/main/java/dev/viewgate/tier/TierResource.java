package dev.viewgate.tier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewAsNotes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** {@code GET /realms/{r}/viewgate/me} and {@code /tiers} (routed by the web adapter): who the caller is in Viewgate's terms. */
public final class TierResource {

    /** One rung of the ladder, as the API shows it. */
    public record TierRepresentation(int tier, String role, String label) {
        public static TierRepresentation of(Tier tier) {
            return new TierRepresentation(tier.level(), tier.role(), tier.label());
        }
    }

    /** The caller's identity, tier and capabilities. {@code viewAs} is the active view-as state, or null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MeRepresentation(String id, String username, String email, String name, int tier, String tierRole,
                                   Object viewAs, TierService.Capabilities can) {
    }

    private final KeycloakSession session;

    public TierResource(KeycloakSession session) {
        this.session = session;
    }

    /** While a view-as is active, {@code tier}, {@code tierRole} and {@code can} are the simulated ones. */
    public MeRepresentation me() {
        Caller caller = RequestAuth.bearer(session);
        TierService.MemberAccess access = new TierService(session, caller.realm()).accessOf(caller);
        UserModel user = caller.user();
        return new MeRepresentation(user.getId(), user.getUsername(), user.getEmail(), displayName(user),
                access.tier().level(), access.tier().role(), access.viewAs().map(TierResource::viewAs).orElse(null),
                access.can());
    }

    /** The active view-as as /me shows it. */
    public static Map<String, Object> viewAs(ViewAsNotes.State state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("mode", state.mode());
        view.put("tier", state.tier());
        view.put("user", state.userId() == null ? null : Map.of("id", state.userId(), "username", state.username()));
        view.put("startedAt", Instant.ofEpochMilli(state.startedAt()).toString());
        view.put("expiresAt", Instant.ofEpochMilli(state.expiresAt()).toString());
        return view;
    }

    public List<TierRepresentation> tiers() {
        Caller caller = RequestAuth.bearer(session);
        return new TierService(session, caller.realm()).ladder().tiers().stream().map(TierRepresentation::of).toList();
    }

    public static String displayName(UserModel user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName().strip();
        String last = user.getLastName() == null ? "" : user.getLastName().strip();
        String name = (first + " " + last).strip();
        return name.isEmpty() ? null : name;
    }
}
