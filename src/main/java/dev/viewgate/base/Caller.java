package dev.viewgate.base;

import dev.viewgate.adapter.RequestAuth;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;

/**
 * Who is calling, as established by the adapter's {@code RequestAuth}: a user of the realm with a valid bearer token or a valid
 * browser session. {@code client} is the token's client, null for a browser session.
 */
public record Caller(RealmModel realm, UserModel user, UserSessionModel session, AccessToken token, ClientModel client) {
}
