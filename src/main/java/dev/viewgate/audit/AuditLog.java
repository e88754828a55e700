package dev.viewgate.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.viewgate.adapter.AdminEvents;
import dev.viewgate.base.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.common.ClientConnection;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * How Viewgate code records a change: as a Keycloak admin event of resource type {@code VIEWGATE_<TYPE>}, which the
 * {@code viewgate-audit} listener turns into an audit row inside the same transaction. Details must never carry
 * secrets, tokens or passwords.
 */
public final class AuditLog {

    static final String DETAIL_ACTOR_USERNAME = "viewgate.actorUsername";
    static final String DETAIL_SUBJECT_ID = "viewgate.subjectId";
    static final String DETAIL_SUBJECT_USERNAME = "viewgate.subjectUsername";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAST_ROW_TIME = "viewgate.audit.lastRowTime";

    private AuditLog() {
    }

    /** Records {@code type} in {@code realm}, done by {@code caller} to {@code subject} (may be null) on {@code resource}. */
    public static void record(KeycloakSession session, RealmModel realm, Caller caller, AuditType type,
                              OperationType operation, String resource, UserModel subject, Map<String, ?> details) {
        requireNoSecrets(details);
        Map<String, String> eventDetails = new HashMap<>();
        eventDetails.put(DETAIL_ACTOR_USERNAME, caller.user().getUsername());
        if (subject != null) {
            eventDetails.put(DETAIL_SUBJECT_ID, subject.getId());
            eventDetails.put(DETAIL_SUBJECT_USERNAME, subject.getUsername());
        }
        // A tree, not the map: Keycloak's serializer drops null values, and "previousRole": null is information.
        AdminEvents.emit(session, realm, caller, type.resourceType(), operation, resource, JSON.valueToTree(details),
                eventDetails);
    }

    /**
     * Records {@code type} directly as an audit row in the current transaction, without a Keycloak admin event: for
     * what no member does through an admin-like operation (a guest token issued or refused, a grant expiring), where
     * an admin event would be noise in Keycloak's admin trail and a second write on a hot path.
     */
    public static void recordDirect(KeycloakSession session, RealmModel realm, AuditType type, String actorId,
                                    String actorUsername, String resource, UserModel subject, Map<String, ?> details) {
        requireNoSecrets(details);
        AuditEventEntity row = new AuditEventEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(realm.getId());
        row.setTime(System.currentTimeMillis());
        row.setType(type.name());
        row.setActorId(actorId);
        row.setActorUsername(actorUsername);
        if (subject != null) {
            row.setSubjectId(subject.getId());
            row.setSubjectUsername(subject.getUsername());
        }
        row.setResource(resource);
        row.setDetails(toJson(details));
        ClientConnection connection = session.getContext().getConnection();
        row.setIp(connection == null ? null : connection.getRemoteAddr());
        insert(session, row);
    }

    /** A guard against a programming mistake: audit rows are readable by every admin with view-events. */
    static void requireNoSecrets(Map<String, ?> details) {
        for (String key : details.keySet()) {
            String name = key.toLowerCase(java.util.Locale.ROOT);
            if (name.contains("secret") || name.contains("password") || name.endsWith("token")) {
                throw new IllegalArgumentException("Audit details must not carry secrets; store a hash or a hint: " + key);
            }
        }
    }

    /**
     * Adds an unsealed row to the request's transaction; the sealer chains it shortly after commit. The log and the
     * sealer order rows by time, then by a random id, so a row is dated at least 1 ms after the one recorded before
     * it in the same transaction: rows read in the order their changes happened.
     */
    static void insert(KeycloakSession session, AuditEventEntity row) {
        if (session.getAttribute(LAST_ROW_TIME) instanceof Long previous && row.getTime() <= previous) {
            row.setTime(previous + 1);
        }
        session.setAttribute(LAST_ROW_TIME, row.getTime());
        session.getProvider(JpaConnectionProvider.class).getEntityManager().persist(row);
    }

    static String toJson(Object details) {
        try {
            return details == null ? null : JSON.writeValueAsString(details);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
