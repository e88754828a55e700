package dev.viewgate.guest;

import dev.viewgate.web.ViewgateVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
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
 * In tokens of a guest session: {@code guest: true}, {@code view: {client, key, permissions}} and
 * {@code viewgate_grant}. The permissions are the grant's, bounded by the view's settings as they are when the
 * mapper runs, so introspection reports a settings change at once. Member sessions get nothing from it.
 */
public final class GuestViewProtocolMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, ServerInfoAwareProviderFactory {

    public static final String ID = "oidc-viewgate-guest-view-mapper";
    public static final String GUEST_CLAIM = "guest";
    public static final String VIEW_CLAIM = "view";
    public static final String GRANT_CLAIM = "viewgate_grant";
    /** Session attribute through which the exchange hands the grant it just read to the mapper. */
    static final String ISSUING_ATTRIBUTE = "viewgate.guest.issuing";
    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, GuestViewProtocolMapper.class);
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
        return "Viewgate guest view";
    }

    @Override
    public String getHelpText() {
        return "In guest tokens: guest, view {client, key, permissions} (the grant bounded by the view's current settings) "
                + "and viewgate_grant.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public int getPriority() {
        return 110;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession, KeycloakSession session,
                            ClientSessionContext clientSessionCtx) {
        String grantId = GuestPrincipals.grantOf(userSession);
        if (!(token instanceof AccessToken) || grantId == null) {
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
        token.getOtherClaims().put(GUEST_CLAIM, true);
        token.getOtherClaims().put(VIEW_CLAIM, view);
        token.getOtherClaims().put(GRANT_CLAIM, grantId);
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ViewgateVersion.operationalInfo();
    }

    /** The mapper as the {@code viewgate} client scope carries it: access token, userinfo and introspection. */
    public static ProtocolMapperModel model() {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName("viewgate guest view");
        model.setProtocolMapper(ID);
        model.setProtocol("openid-connect");
        model.setConfig(new HashMap<>(Map.of(
                OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "false")));
        return model;
    }
}
