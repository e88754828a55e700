package dev.viewgate.guest;

import dev.viewgate.base.GuestMarks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * What a guest session's tokens say: {@code guest: true}, {@code view: {client, key, permissions}} and
 * {@code viewgate_grant}. The permissions are the grant's, bounded by the view's settings as they are when this runs,
 * so introspection reports a settings change at once. The token's {@code exp} is bounded by {@link GuestTokenLifetime}.
 * Member sessions get nothing from it.
 */
public final class GuestViewClaims {

    public static final String GUEST = GuestMarks.TOKEN_CLAIM;
    public static final String VIEW = "view";
    public static final String GRANT = "viewgate_grant";
    /** Session attribute through which the exchange hands the grant it just read to the token mapper. */
    static final String ISSUING_ATTRIBUTE = "viewgate.guest.issuing";

    private GuestViewClaims() {
    }

    public static void addTo(AccessToken token, UserSessionModel userSession, KeycloakSession session) {
        String grantId = GuestPrincipals.grantOf(userSession);
        if (grantId == null) {
            return;
        }
        GrantAndView issuing = session.getAttribute(ISSUING_ATTRIBUTE, GrantAndView.class);
        Optional<GrantAndView> grant = issuing != null && issuing.grantId().equals(grantId) ? Optional.of(issuing)
                : GrantAndView.byId(session.getProvider(JpaConnectionProvider.class).getEntityManager(), grantId);
        long now = System.currentTimeMillis();
        ClientModel client = grant.map(g -> userSession.getRealm().getClientById(g.clientUuid())).orElse(null);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client", client == null ? null : client.getClientId());
        view.put("key", grant.map(GrantAndView::viewKey).orElse(null));
        // A grant revoked or expired a moment ago still has a session until its principal is deleted: it may do nothing.
        view.put("permissions", grant.filter(g -> g.usableAt(now)).map(GrantAndView::effectivePermissions).orElse(List.of()));
        // Also here, before Keycloak copies exp into an ID token; the token post-processor caps what this cannot reach.
        if (token.getExp() != null && token.getExp() > 0) {
            token.exp(GuestTokenLifetime.capped(token.getExp(), GuestSessionTokens.end(session, userSession.getRealm(),
                    grant.isPresent() ? grant.get().expiresAt() : Long.valueOf(0))));
        }
        token.getOtherClaims().put(GUEST, true);
        token.getOtherClaims().put(VIEW, view);
        token.getOtherClaims().put(GRANT, grantId);
    }
}
