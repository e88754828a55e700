package dev.viewgate.adapter;

import dev.viewgate.base.AdminClients;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewgateException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * What a Keycloak admin may do in the realm, as Keycloak's admin permissions (including fine-grained ones) say.
 * Refusals are Viewgate's JSON 403.
 */
public final class AdminAccess {

    private static final Logger LOG = Logger.getLogger(AdminAccess.class);

    private final AdminPermissionEvaluator auth;
    private final RealmModel realm;

    public AdminAccess(AdminPermissionEvaluator auth, RealmModel realm) {
        this.auth = auth;
        this.realm = realm;
    }

    public void requireRealmAdmin() {
        if (!auth.isRealmAdmin()) {
            throw refuse("an administrator of realm '" + realm.getName() + "'");
        }
    }

    public void requireViewRealm() {
        if (!auth.realm().canViewRealm()) {
            throw refuse("a Keycloak admin of realm '" + realm.getName() + "' who may view the realm");
        }
    }

    public void requireManageRealm() {
        if (!auth.realm().canManageRealm()) {
            throw refuse("a Keycloak admin of realm '" + realm.getName() + "' who may manage the realm");
        }
    }

    public boolean mayViewEvents() {
        return auth.realm().canViewEvents();
    }

    public void requireViewEvents() {
        if (!mayViewEvents()) {
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

    public boolean mayViewUsers() {
        return auth.users().canView();
    }

    public void requireViewUsers() {
        if (!mayViewUsers()) {
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

    /**
     * May the admin make someone hold this role, with everything it carries? Keycloak's role-mapping API asks
     * {@link #requireMapRole} of the role alone, so a manage-users admin may map a composite that carries realm-admin.
     * Viewgate also asks it of every admin role the role carries (through composites, at any depth), so a grant never
     * hands out more admin power than the admin could map directly.
     */
    public void requireMapRoleWithWhatItCarries(RoleModel role) {
        requireMapRole(role);
        Set<String> seen = new HashSet<>();
        Deque<RoleModel> next = new ArrayDeque<>();
        role.getCompositesStream().forEach(next::add);
        while (!next.isEmpty()) {
            RoleModel carried = next.poll();
            if (!seen.add(carried.getId())) {
                continue;
            }
            if (isAdminRole(carried) && !auth.roles().canMapRole(carried)) {
                throw refuse("a Keycloak admin who may map role '" + carried.getName() + "', which '" + role.getName()
                        + "' carries");
            }
            carried.getCompositesStream().forEach(next::add);
        }
    }

    /** A role of Keycloak's admin clients ({@link AdminClients}: one rule for every check) or master's admin roles. */
    private static boolean isAdminRole(RoleModel role) {
        if (role.isClientRole()) {
            return AdminRoles.ALL_ROLES.contains(role.getName()) && AdminClients.isAdminRole(role);
        }
        return role.getContainer() instanceof RealmModel owner && Config.getAdminRealm().equals(owner.getName())
                && (AdminRoles.ADMIN.equals(role.getName()) || AdminRoles.CREATE_REALM.equals(role.getName()));
    }

    /**
     * The client named in an admin path, if the admin may manage it ({@code manage}) or else view it. A client that
     * does not exist is refused exactly like one the admin may not touch, so the answer tells nothing about which
     * client ids exist; only an admin who may view every client (and so could list them) learns it is missing.
     */
    public ClientModel requireClient(String clientId, boolean manage) {
        ClientModel client = realm.getClientByClientId(clientId);
        boolean allowed = client != null && (manage ? auth.clients().canManage(client) : auth.clients().canView(client));
        if (allowed) {
            return client;
        }
        if (client == null && auth.clients().canView()) {
            throw ViewgateException.notFound("unknown_client", "No client " + clientId + " in realm " + realm.getName());
        }
        LOG.debugf("Refused admin %s: may not %s client %s of realm %s", auth.adminAuth().getUser().getUsername(),
                manage ? "manage" : "view", clientId, realm.getName());
        throw refuse("a Keycloak admin who may " + (manage ? "manage" : "view") + " client '" + clientId + "'");
    }

    public boolean mayViewClients() {
        return auth.clients().canView();
    }

    public void requireViewClients() {
        if (!mayViewClients()) {
            throw refuse("a Keycloak admin of realm '" + realm.getName() + "' who may view clients");
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
