package dev.viewgate.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewAsNotes;
import dev.viewgate.request.AccessRequestRepresentation;
import dev.viewgate.request.AccessRequestService;
import dev.viewgate.request.AccessRequestStatus;
import dev.viewgate.tier.TierResource;
import dev.viewgate.tier.TierService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * {@code GET /realms/{r}/viewgate/me/freshness}: what an app asks at each page to learn, before its token expires, that
 * the member's access changed. Compares the presented token's {@code tier} and {@code view_as} claims with the access
 * recomputed now, and adds the member's newest access request and, for deciders, the pending count. A token whose
 * session has ended gets 401, as at userinfo; a guest's token is refused like every other Viewgate API call (a guest
 * app learns of a revoked link from userinfo or introspection, where that token stops working).
 */
public final class MemberFreshness {

    /** {@code changed} names the claims that no longer hold: {@code tier}, {@code viewAs}; a refresh brings them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Representation(boolean current, List<String> changed, int tier, String tierRole, Object viewAs,
                          AccessRequestRepresentation request, Queue queue) {
    }

    /** For members who decide requests: the realm's pending count. */
    public record Queue(long pending) {
    }

    static final String TIER_CLAIM = "tier";
    static final String VIEW_AS_CLAIM = "view_as";

    private final KeycloakSession session;

    MemberFreshness(KeycloakSession session) {
        this.session = session;
    }

    Representation check() {
        Caller caller = RequestAuth.bearer(session);
        TierService.MemberAccess access = new TierService(session, caller.realm()).accessOf(caller);
        Map<String, Object> claims = caller.token().getOtherClaims();
        List<String> changed = new ArrayList<>();
        // A token without the claim (a client without Viewgate's scope) says nothing that could have changed.
        if (claims.get(TIER_CLAIM) instanceof Number tier && tier.intValue() != access.tier().level()) {
            changed.add("tier");
        }
        if (claims.containsKey(TIER_CLAIM) && !sameViewAs(claims.get(VIEW_AS_CLAIM), access.viewAs())) {
            changed.add("viewAs");
        }
        AccessRequestService requests = new AccessRequestService(session, caller.realm());
        AccessRequestRepresentation newest = requests.list(null, caller.user().getId(), 0, 1).stream().findFirst()
                .map(request -> AccessRequestRepresentation.of(request, caller.user())).orElse(null);
        Queue queue = access.can().decideRequests() ? new Queue(requests.count(AccessRequestStatus.PENDING)) : null;
        return new Representation(changed.isEmpty(), List.copyOf(changed), access.tier().level(), access.tier().role(),
                access.viewAs().map(TierResource::viewAs).orElse(null), newest, queue);
    }

    /** The token's {@code view_as} claim against the view-as in force now: same mode, tier, member and expiry. */
    static boolean sameViewAs(Object claim, Optional<ViewAsNotes.State> now) {
        if (now.isEmpty() || !(claim instanceof Map<?, ?> viewAs)) {
            return now.isEmpty() && claim == null;
        }
        ViewAsNotes.State state = now.get();
        Object user = viewAs.get("user");
        Object userId = user instanceof Map<?, ?> named ? named.get("id") : null;
        return state.mode().equals(viewAs.get("mode"))
                && viewAs.get("tier") instanceof Number tier && tier.intValue() == state.tier()
                && Objects.equals(state.userId(), userId)
                && viewAs.get("expires_at") instanceof Number expires && expires.longValue() == state.expiresAt() / 1000;
    }
}
