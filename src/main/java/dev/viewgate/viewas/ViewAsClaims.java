package dev.viewgate.viewas;

import dev.viewgate.base.ViewAsNotes;
import dev.viewgate.guest.GuestPrincipals;
import dev.viewgate.tier.TierService;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * What a member's tokens say about their access: the {@code tier}, and while a view-as is active on the SSO session,
 * {@code view_as} with the reduced roles. Run against the session as it is at the moment, so introspection and
 * userinfo show the state then, not when the token was minted. The simulation is recomputed against what the member
 * really holds now; one that exceeds it ends, and the token carries the real access.
 */
public final class ViewAsClaims {

    private ViewAsClaims() {
    }

    public static void addTo(AccessToken token, UserSessionModel userSession, KeycloakSession session) {
        if (GuestPrincipals.grantOf(userSession) != null) {
            return; // a guest has no tier and cannot view as
        }
        RealmModel realm = userSession.getRealm();
        TierService.MemberAccess access = new TierService(session, realm).accessOf(userSession.getUser(), userSession);
        Optional<ViewAsNotes.State> viewAs = access.viewAs();
        if (viewAs.isPresent()) {
            new SimulatedAccess(session, realm).apply(token, userSession.getUser(), viewAs.get());
        } else {
            token.getOtherClaims().put(SimulatedAccess.TIER_CLAIM, access.tier().level());
        }
    }
}
