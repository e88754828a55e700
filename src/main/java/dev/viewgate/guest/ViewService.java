package dev.viewgate.guest;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewgateException;
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
import org.keycloak.models.utils.KeycloakModelUtils;

/** The views apps register: their settings (editable, addable, exportable) bound every guest grant on them. */
public final class ViewService {

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
