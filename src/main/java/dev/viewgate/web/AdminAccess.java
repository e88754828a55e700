package dev.viewgate.web;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * What a Keycloak admin may do in the realm, as Keycloak's admin permissions (including fine-grained ones) say.
 * Refusals are Viewgate's JSON 403.
 */
public final class AdminAccess {

    private final AdminPermissionEvaluator auth;
    private final RealmModel realm;

    AdminAccess(AdminPermissionEvaluator auth, RealmModel realm) {
        this.auth = auth;
        this.realm = realm;
    }

    public void requireRealmAdmin() {
        if (!auth.isRealmAdmin()) {
            throw refuse("an administrator of realm '" + realm.getName() + "'");
        }
    }

    public void requireViewEvents() {
        if (!auth.realm().canViewEvents()) {
            throw refuse("a Keycloak admin of realm '" + realm.getName() + "' holding view-events");
        }
    }

    public void requireManageEvents() {
        if (!auth.realm().canManageEvents()) {
            throw refuse("a Keycloak admin of realm '" + realm.getName() + "' holding manage-events");
        }
    }

    /** The admin as a caller, for recording what they do (their realm is master for server admins). */
    public Caller caller() {
        var admin = auth.adminAuth();
        return new Caller(admin.getRealm(), admin.getUser(), null, admin.getToken(), admin.getClient());
    }

    public void requireViewUsers() {
        if (!auth.users().canView()) {
            throw refuse("a Keycloak admin of realm '" + realm.getName() + "' who may view users");
        }
    }

    /** May the admin change this user's role mappings? Keycloak's role-mapping API asks exactly this first. */
    public void requireMapRoles(UserModel user) {
        if (!auth.users().canMapRoles(user)) {
            throw refuse("a Keycloak admin who may map roles of this user");
        }
    }

    /** May the admin map (or unmap) this role? Keycloak's role-mapping API asks this for every role it adds or removes. */
    public void requireMapRole(RoleModel role) {
        if (!auth.roles().canMapRole(role)) {
            throw refuse("a Keycloak admin who may map role '" + role.getName() + "'");
        }
    }

    public void requireManageClient(ClientModel client) {
        if (!auth.clients().canManage(client)) {
            throw refuse("a Keycloak admin who may manage client '" + client.getClientId() + "'");
        }
    }

    public void requireViewClients() {
        if (!auth.clients().canView()) {
            throw refuse("a Keycloak admin of realm '" + realm.getName() + "' who may view clients");
        }
    }

    public void requireViewClient(ClientModel client) {
        if (!auth.clients().canView(client)) {
            throw refuse("a Keycloak admin who may view client '" + client.getClientId() + "'");
        }
    }

    public void requireManage(UserModel user) {
        if (!auth.users().canManage(user)) {
            throw refuse("a Keycloak admin who may manage this user");
        }
    }

    private static ViewgateException refuse(String who) {
        return ViewgateException.forbidden("forbidden", "Only " + who + " may do this");
    }
}
