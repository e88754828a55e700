package dev.viewgate.provider;

import dev.viewgate.viewas.ViewAsClaims;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * The member's {@code tier} and, during view as, {@code view_as} with the reduced roles ({@link ViewAsClaims}). Runs
 * after Keycloak's role mappers (priority 40) and audience resolution (30), so it sees, and narrows, what they produced.
 */
public final class ViewAsProtocolMapper extends ViewgateTokenMapper {

    public static final String ID = "oidc-viewgate-view-as-mapper";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Viewgate tier and view as";
    }

    @Override
    public String getHelpText() {
        return "Adds the member's Viewgate tier; while 'view as' is active, adds view_as and reduces the roles to the simulated access.";
    }

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    void addClaims(AccessToken token, UserSessionModel userSession, KeycloakSession session) {
        ViewAsClaims.addTo(token, userSession, session);
    }

    public static ProtocolMapperModel model() {
        return model("viewgate tier and view as", ID);
    }
}
