package dev.viewgate.guest;

import dev.viewgate.adapter.AdminAccess;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewAsNotes;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.TierService;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The authority over an app's views and grants (DESIGN §3a): the app itself, the members the app admits, and Keycloak
 * admins through the admin API. Each resource method calls it first, with the client id from its path, and gets the
 * client only once the caller is known to be allowed: a refused caller learns nothing about whether it exists, because
 * nothing is looked up by that id before the decision.
 */
public final class AppAuthority {

    /** The client role of an app that admits its service account and its members to manage its views and grants. */
    public static final String SHARE_ROLE = "viewgate-share";
    private static final Logger LOG = Logger.getLogger(AppAuthority.class);

    private AppAuthority() {
    }

    /** Realm API: the app named in the path, if {@link ShareAdmission} allows the caller; otherwise 403. */
    public static ClientModel requireManager(KeycloakSession session, Caller caller, String clientId) {
        ViewService.requireKey("client id", clientId);
        RealmModel realm = caller.realm();
        UserModel user = caller.user();
        boolean serviceAccount = user.getServiceAccountClientLink() != null;
        // The app is never looked up by the path's id: a service account's own client, or the token's client.
        ClientModel own = serviceAccount ? realm.getClientById(user.getServiceAccountClientLink()) : caller.client();
        boolean ownApp = own != null && own.getClientId().equals(clientId);
        boolean tierReaches = !serviceAccount && new TierService(session, realm).accessOf(caller).can().share();
        boolean admitted = ownApp && (serviceAccount || tierReaches) && admits(session, own, caller);
        ShareAdmission.Outcome outcome = ShareAdmission.decide(new ShareAdmission.Facts(serviceAccount, ownApp, admitted, tierReaches));
        switch (outcome) {
            case ALLOWED:
                return own;
            case TIER_TOO_LOW:
                LOG.debugf("Refused %s on the views of %s in realm %s: tier below viewgate.share.minTier", user.getUsername(),
                        clientId, realm.getName());
                throw ViewgateException.forbidden("tier_too_low", "Sharing views needs tier "
                        + new TierService(session, realm).settings().shareMinTier());
            default:
                LOG.debugf("Refused %s on the views of %s in realm %s: %s", user.getUsername(), clientId, realm.getName(),
                        ownApp ? "not admitted by the app (client role " + SHARE_ROLE + ")" : "not that app or its token");
                throw ViewgateException.forbidden("not_your_client", "Only the app " + clientId + " (its service account with its "
                        + "client role " + SHARE_ROLE + ") and the members it admits (its client role " + SHARE_ROLE
                        + ", with a token issued to it) may manage its views");
        }
    }

    /** Admin API: the named client, if the admin may manage it ({@code manage}) or view it; otherwise 403. */
    public static ClientModel requireAdmin(AdminAccess access, String clientId, boolean manage) {
        ViewService.requireKey("client id", clientId);
        return access.requireClient(clientId, manage);
    }

    /**
     * Whether the app admits the caller: they hold its client role {@code viewgate-share} now (directly, by composite
     * or by group), and while viewing as a member, so does that member (a simulation never adds access).
     */
    private static boolean admits(KeycloakSession session, ClientModel app, Caller caller) {
        RoleModel share = app.getRole(SHARE_ROLE);
        if (share == null || !caller.user().hasRole(share)) {
            return false;
        }
        Optional<ViewAsNotes.State> viewAs = ViewAsNotes.active(caller.session());
        if (viewAs.isEmpty() || !viewAs.get().isUserMode()) {
            return true;
        }
        UserModel simulated = session.users().getUserById(caller.realm(), viewAs.get().userId());
        return simulated != null && simulated.hasRole(share);
    }
}
