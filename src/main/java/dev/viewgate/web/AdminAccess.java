package dev.viewgate.web;

import org.keycloak.models.RealmModel;
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

    private static ViewgateException refuse(String who) {
        return ViewgateException.forbidden("forbidden", "Only " + who + " may do this");
    }
}
