package dev.viewgate.tier;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Published (synchronously, in the current transaction) when a view-as is found to exceed what its actor really holds
 * now; the view-as capability ends and audits it. An event, because the view-as capability builds on tiers, not the
 * other way round.
 */
public record SimulationOutgrown(KeycloakSession session, RealmModel realm, UserSessionModel userSession, UserModel actor,
                                 AuthorityRule.Verdict verdict) implements ProviderEvent {

    @Override
    public KeycloakSession getKeycloakSession() {
        return session;
    }
}
