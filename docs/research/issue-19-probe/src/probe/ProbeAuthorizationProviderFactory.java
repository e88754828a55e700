package probe;

import org.keycloak.Config;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.AuthorizationProviderFactory;
import org.keycloak.authorization.policy.evaluation.DefaultPolicyEvaluator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/** Throwaway probe: becomes the default "authorization" provider (order > 0) and decorates DefaultPolicyEvaluator. */
public class ProbeAuthorizationProviderFactory implements AuthorizationProviderFactory {
    private final ViewAsPolicyEvaluator evaluator = new ViewAsPolicyEvaluator(new DefaultPolicyEvaluator());
    @Override public AuthorizationProvider create(KeycloakSession session) { return create(session, session.getContext().getRealm()); }
    @Override public AuthorizationProvider create(KeycloakSession session, RealmModel realm) { return new AuthorizationProvider(session, realm, evaluator); }
    @Override public void init(Config.Scope config) { }
    @Override public void postInit(KeycloakSessionFactory factory) { }
    @Override public void close() { }
    @Override public String getId() { return "viewgate-probe-authz"; }
    @Override public int order() { return 100; }
}
