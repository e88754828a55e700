package dev.viewgate.tier;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.web.Caller;
import dev.viewgate.web.RequestAuth;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** {@code GET /realms/{r}/viewgate/me} and {@code /tiers} (routed by the web adapter): who the caller is in Viewgate's terms. */
public final class TierResource {

    /** One rung of the ladder, as the API shows it. */
    public record TierRepresentation(int tier, String role, String label) {
        static TierRepresentation of(Tier tier) {
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

    public MeRepresentation me() {
        Caller caller = RequestAuth.bearer(session);
        TierService tiers = new TierService(session, caller.realm());
        UserModel user = caller.user();
        Tier tier = tiers.tierOf(user);
        return new MeRepresentation(user.getId(), user.getUsername(), user.getEmail(), displayName(user),
                tier.level(), tier.role(), null, tiers.capabilitiesOf(user, tier));
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
