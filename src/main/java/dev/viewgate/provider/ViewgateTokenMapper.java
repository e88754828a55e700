package dev.viewgate.provider;

import dev.viewgate.base.ViewgateVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * What Viewgate's token mappers share: they add claims to access tokens, userinfo and introspection answers (where
 * Keycloak re-runs them against the session as it is then), never to ID tokens, and only for a session with a user.
 */
abstract class ViewgateTokenMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, ServerInfoAwareProviderFactory {

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, ViewgateTokenMapper.class);
    }

    abstract void addClaims(AccessToken token, UserSessionModel userSession, KeycloakSession session);

    @Override
    protected final void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession,
                                  KeycloakSession session, ClientSessionContext clientSessionCtx) {
        if (token instanceof AccessToken accessToken && userSession != null && userSession.getUser() != null) {
            addClaims(accessToken, userSession, session);
        }
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return ViewgateVersion.operationalInfo();
    }

    /** The mapper as the {@code viewgate} client scope carries it: access token, userinfo and introspection. */
    static ProtocolMapperModel model(String name, String providerId) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName(name);
        model.setProtocolMapper(providerId);
        model.setProtocol("openid-connect");
        model.setConfig(new HashMap<>(Map.of(
                OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true",
                OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "false")));
        return model;
    }
}
