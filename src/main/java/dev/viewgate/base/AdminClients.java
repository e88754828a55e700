package dev.viewgate.base;

import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/** Clients whose roles administer Keycloak: a realm's realm-management client and, in master, the {@code <realm>-realm} clients. */
public final class AdminClients {

    private AdminClients() {
    }

    public static boolean isAdminClientId(RealmModel realm, String clientId) {
        return Constants.REALM_MANAGEMENT_CLIENT_ID.equals(clientId)
                || (realm.getName().equals(Config.getAdminRealm()) && clientId.endsWith("-realm"));
    }

    public static boolean isAdminRole(RoleModel role) {
        return role.isClientRole() && role.getContainer() instanceof ClientModel client
                && isAdminClientId(client.getRealm(), client.getClientId());
    }
}
