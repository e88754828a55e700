package dev.viewgate.guest;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.tier.TierService;
import dev.viewgate.web.Caller;
import dev.viewgate.web.ViewgateException;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** The views apps register: their settings (editable, addable, exportable) bound every guest grant on them. */
public final class ViewService {

    /** The client role an app's service account needs to register and share its views. */
    public static final String SHARE_ROLE = "viewgate-share";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** A view's settings as an app sends them. */
    public record Settings(String name, boolean editable, boolean addable, boolean exportable) {
    }

    /** The outcome of a registration: the view, and whether it is new. */
    public record Registration(ViewEntity view, boolean created) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public ViewService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The client named in a path; 400 for a malformed client id, 404 for one the realm does not have. */
    public ClientModel client(String clientId) {
        requireKey("client id", clientId);
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            throw ViewgateException.notFound("unknown_client", "No client " + clientId + " in realm " + realm.getName());
        }
        return client;
    }

    /** The client named in a path, once the caller is known to be allowed to act for it. */
    public ClientModel clientActedForBy(Caller caller, String clientId) {
        ClientModel client = client(clientId);
        requireMayActFor(caller, client);
        return client;
    }

    /**
     * 403 unless the caller may act for {@code client}: its own service account holding {@code viewgate-share}, or a
     * member whose tier (the simulated one during view as) reaches {@code viewgate.share.minTier} using a token of
     * that very client. (Guests are refused when they authenticate.)
     */
    private void requireMayActFor(Caller caller, ClientModel client) {
        UserModel user = caller.user();
        if (user.getServiceAccountClientLink() != null) {
            RoleModel share = client.getRole(SHARE_ROLE);
            if (!user.getServiceAccountClientLink().equals(client.getId()) || share == null || !user.hasRole(share)) {
                throw ViewgateException.forbidden("not_your_client", "A service account acts only for its own client, with role "
                        + SHARE_ROLE);
            }
            return;
        }
        if (!new TierService(session, realm).accessOf(caller).can().share()) {
            throw ViewgateException.forbidden("tier_too_low", "Sharing views needs tier "
                    + new TierService(session, realm).settings().shareMinTier());
        }
        if (caller.client() == null || !caller.client().getId().equals(client.getId())) {
            throw ViewgateException.forbidden("not_your_client", "Use a token issued to " + client.getClientId()
                    + " to manage its views");
        }
    }

    public Registration register(Caller caller, ClientModel client, String viewKey, Settings settings) {
        requireKey("view key", viewKey);
        if (settings.name() == null || settings.name().length() > 255) {
            throw ViewgateException.badRequest("invalid_request", "name is required, at most 255 characters");
        }
        long now = System.currentTimeMillis();
        Optional<ViewEntity> existing = find(client, viewKey);
        ViewEntity view = existing.orElseGet(() -> {
            ViewEntity created = new ViewEntity();
            created.setId(KeycloakModelUtils.generateId());
            created.setRealmId(realm.getId());
            created.setClientUuid(client.getId());
            created.setViewKey(viewKey);
            created.setCreatedAt(now);
            return created;
        });
        view.setName(settings.name());
        view.setEditable(settings.editable());
        view.setAddable(settings.addable());
        view.setExportable(settings.exportable());
        view.setUpdatedAt(now);
        if (existing.isEmpty()) {
            em.persist(view);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("client", client.getClientId());
        details.put("view", viewKey);
        details.put("name", settings.name());
        details.put("editable", settings.editable());
        details.put("addable", settings.addable());
        details.put("exportable", settings.exportable());
        details.put("created", existing.isEmpty());
        AuditLog.record(session, realm, caller, AuditType.VIEW_UPDATED,
                existing.isEmpty() ? OperationType.CREATE : OperationType.UPDATE,
                "viewgate/views/" + client.getClientId() + "/" + viewKey, null, details);
        return new Registration(view, existing.isEmpty());
    }

    public Optional<ViewEntity> find(ClientModel client, String viewKey) {
        return em.createQuery("select v from ViewEntity v where v.clientUuid = :client and v.viewKey = :key", ViewEntity.class)
                .setParameter("client", client.getId())
                .setParameter("key", viewKey)
                .getResultStream().findFirst();
    }

    /** The registered view; 400 for a malformed key, 404 for one the client never registered. */
    public ViewEntity view(ClientModel client, String viewKey) {
        requireKey("view key", viewKey);
        return find(client, viewKey).orElseThrow(() -> ViewgateException.notFound("unknown_view",
                "Client " + client.getClientId() + " has no view " + viewKey));
    }

    public List<ViewEntity> views(ClientModel client) {
        return em.createQuery("select v from ViewEntity v where v.clientUuid = :client order by v.viewKey", ViewEntity.class)
                .setParameter("client", client.getId())
                .getResultList();
    }

    static void requireKey(String what, String value) {
        if (value == null || !KEY.matcher(value).matches()) {
            throw ViewgateException.badRequest("invalid_request", what + " must match [A-Za-z0-9._-]{1,128}");
        }
    }
}
