package dev.viewgate.guest;

import dev.viewgate.base.GuestMarks;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Each guest grant acts through its own Keycloak user, so that its tokens are ordinary Keycloak tokens that
 * introspection, userinfo and every resource server understand. The user has no credentials, no roles, no email,
 * the names "Guest link" and "{app} / {view}" and a username derived from the grant id, so it can neither sign in nor be confused with a member, and its name is
 * never reused. Deleting it ends every session and token of the grant at once, on every node.
 */
public final class GuestPrincipals {

    /** User-session note naming the grant whose tokens the session issues. */
    public static final String GRANT_NOTE = "viewgate.guest.grant";
    private static final String USERNAME_PREFIX = "viewgate-guest-";
    /** The first name every guest principal carries in Keycloak's Users list. */
    public static final String FIRST_NAME = "Guest link";

    private final KeycloakSession session;
    private final RealmModel realm;

    public GuestPrincipals(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The username of a grant's principal. */
    static String usernameOf(String grantId) {
        return USERNAME_PREFIX + grantId;
    }

    UserModel create(String grantId, String clientId, String viewKey) {
        // addDefaultRoles=false: not even default-roles-<realm>, so a guest token carries no role and no audience
        UserModel user = session.users().addUser(realm, null, usernameOf(grantId), false, false);
        user.setEnabled(true);
        user.setSingleAttribute(GuestMarks.PRINCIPAL_ATTRIBUTE, grantId);
        // Keycloak's Users list shows names: a guest principal reads as what it is, a link to one view of one app
        user.setFirstName(FIRST_NAME);
        user.setLastName(clientId + " / " + viewKey);
        return user;
    }

    /** Deletes the principal, and with it every session and token of the grant. Nothing happens if it is gone. */
    void remove(String principalId) {
        UserModel user = principalId == null ? null : session.users().getUserById(realm, principalId);
        if (user != null) {
            new UserManager(session).removeUser(realm, user);
        }
    }

    /** Deletes the principals of a client's open grants, when the client itself goes. */
    public void removeAllOfClient(String clientUuid) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("select g.principalId from GuestGrantEntity g where g.principalId is not null and g.viewId in "
                        + "(select v.id from ViewEntity v where v.clientUuid = :client)", String.class)
                .setParameter("client", clientUuid)
                .getResultList()
                .forEach(this::remove);
    }

    /** The grant a user session issues guest tokens for, or null for a member's session. */
    public static String grantOf(UserSessionModel userSession) {
        return userSession == null ? null : userSession.getNote(GRANT_NOTE);
    }
}
