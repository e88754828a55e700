package dev.viewgate.adapter;

import dev.viewgate.base.Caller;
import java.util.Map;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Emits a Keycloak admin event on behalf of a caller of Viewgate's realm endpoints, so that Viewgate's changes
 * appear among the realm's admin events and reach every event listener (the audit listener among them).
 */
public final class AdminEvents {

    private AdminEvents() {
    }

    /**
     * Emits an event of {@code realm}, done by {@code caller} (whose realm is master for Keycloak's server admins).
     * Browser callers have no client: the event names {@code viewgate-pages}, the client their pages sign in through.
     */
    public static void emit(KeycloakSession session, RealmModel realm, Caller caller, String resourceType,
                            OperationType operation, String resourcePath, Object representation, Map<String, String> details) {
        ClientModel client = caller.client() != null ? caller.client()
                : caller.realm().getClientByClientId(Pages.PAGES_CLIENT_ID);
        AdminAuth auth = new AdminAuth(caller.realm(), caller.token(), caller.user(), client);
        AdminEventBuilder event = new AdminEventBuilder(realm, auth, session, session.getContext().getConnection())
                .operation(operation)
                .resource(resourceType)
                .resourcePath(resourcePath)
                .representation(representation);
        details.forEach(event::detail);
        event.success();
    }
}
