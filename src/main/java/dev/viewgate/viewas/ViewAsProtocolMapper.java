package dev.viewgate.viewas;

import dev.viewgate.guest.GuestPrincipals;
import dev.viewgate.tier.TierService;
import dev.viewgate.web.ViewAsNotes;
import dev.viewgate.web.ViewgateVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

/**
 * Puts the member's {@code tier} into every access token, userinfo and introspection answer, and, while a view-as is
 * active on the SSO session, the {@code view_as} claim with the reduced roles. Runs after Keycloak's role mappers
 * (priority 40) and audience resolution (30), so it sees, and narrows, what they produced. Introspection and userinfo
 * re-run it against the session as it is then, so a token minted before exit reflects the state at that moment.
 */
public final class ViewAsProtocolMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, ServerInfoAwareProviderFactory {

    public static final String ID = "oidc-viewgate-view-as-mapper";
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, ViewAsProtocolMapper.class);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
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
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession, KeycloakSession session,
                            ClientSessionContext clientSessionCtx) {
        if (!(token instanceof AccessToken accessToken) || userSession == null || userSession.getUser() == null
                || GuestPrincipals.grantOf(userSession) != null) {
            return; // a guest has no tier and cannot view as: the guest view mapper speaks for guest sessions
        }
        RealmModel realm = userSession.getRealm();
        Optional<ViewAsNotes.State> viewAs = ViewAsNotes.active(userSession);
        if (viewAs.isPresent()) {
            new SimulatedAccess(session, realm).apply(accessToken, userSession.getUser(), viewAs.get());
        } else {
            accessToken.getOtherClaims().put(SimulatedAccess.TIER_CLAIM,
                    new TierService(session, realm).tierOf(userSession.getUser()).level());
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ViewgateVersion.operationalInfo();
    }

    /** The mapper as the {@code viewgate} client scope carries it: access token, userinfo and introspection. */
    public static ProtocolMapperModel model() {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName("viewgate tier and view as");
        model.setProtocolMapper(ID);
        model.setProtocol("openid-connect");
        model.setConfig(new java.util.HashMap<>(Map.of(
                OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "false")));
        return model;
    }
}
