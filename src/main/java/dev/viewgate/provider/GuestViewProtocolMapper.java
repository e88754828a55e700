package dev.viewgate.provider;

import dev.viewgate.guest.GuestViewClaims;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/** In tokens of a guest session: {@code guest}, {@code view} and {@code viewgate_grant} ({@link GuestViewClaims}). */
public final class GuestViewProtocolMapper extends ViewgateTokenMapper {

    public static final String ID = "oidc-viewgate-guest-view-mapper";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Viewgate guest view";
    }

    @Override
    public String getHelpText() {
        return "In guest tokens: guest, view {client, key, permissions} (the grant bounded by the view's current settings) "
                + "and viewgate_grant.";
    }

    @Override
    public int getPriority() {
        return 110;
    }

    @Override
    void addClaims(AccessToken token, UserSessionModel userSession, KeycloakSession session) {
        GuestViewClaims.addTo(token, userSession, session);
    }

    public static ProtocolMapperModel model() {
        return model("viewgate guest view", ID);
    }
}
