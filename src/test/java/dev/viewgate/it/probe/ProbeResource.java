package dev.viewgate.it.probe;

import dev.viewgate.adapter.RequestAuth;
import dev.viewgate.audit.AuditEventEntity;
import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.base.Caller;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Clob;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;

/** What the audit ITs need and no product path offers: a change that fails after it is audited, old rows, raw SQL. */
public final class ProbeResource {

    private final KeycloakSession session;

    ProbeResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * A real change (a user attribute of the caller) recorded through AuditLog like every Viewgate change; with
     * {@code fail=true} the request throws after the change and its audit event.
     */
    @POST
    @Path("change")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> change(@QueryParam("fail") boolean fail, Map<String, Object> body) {
        Caller caller = RequestAuth.bearer(session);
        String marker = String.valueOf(body.getOrDefault("marker", UUID.randomUUID().toString()));
        caller.user().setSingleAttribute("viewgate-it-probe", marker);
        Map<String, Object> details = new LinkedHashMap<>(body);
        details.put("marker", marker);
        String resource = String.valueOf(body.getOrDefault("resource", "probe/" + marker));
        AuditLog.record(session, caller.realm(), caller, AuditType.VIEW_UPDATED, OperationType.UPDATE, resource, caller.user(), details);
        if (fail) {
            throw new IllegalStateException("probe failure after the audited change " + marker);
        }
        return Map.of("marker", marker, "resource", resource);
    }

    /** Inserts unsealed rows dated {@code days} ago, as rows written then would be. */
    @POST
    @Path("backdated")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> backdated(@QueryParam("days") int days, @QueryParam("count") int count) {
        Caller caller = RequestAuth.bearer(session);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long time = System.currentTimeMillis() - Duration.ofDays(days).toMillis();
        for (int i = 0; i < count; i++) {
            AuditEventEntity row = new AuditEventEntity();
            row.setId(UUID.randomUUID().toString());
            row.setRealmId(caller.realm().getId());
            row.setTime(time + i);
            row.setType(AuditType.VIEW_UPDATED.name());
            row.setActorId(caller.user().getId());
            row.setActorUsername(caller.user().getUsername());
            row.setResource("probe/backdated/" + i);
            row.setDetails("{\"backdated\":" + days + "}");
            em.persist(row);
        }
        return Map.of("inserted", count);
    }

    /** Runs SQL directly, as someone tampering with the database would: {@code {"update": ...}} or {@code {"query": ...}}. */
    @POST
    @Path("sql")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> sql(Map<String, String> body) {
        RequestAuth.bearer(session);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        if (body.containsKey("update")) {
            return Map.of("updated", em.createNativeQuery(body.get("update")).executeUpdate());
        }
        List<?> rows = em.createNativeQuery(body.get("query")).getResultList();
        Object first = rows.isEmpty() ? null : rows.get(0);
        Object value = first instanceof Object[] array ? array[0] : first;
        try {
            return Map.of("value", value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : String.valueOf(value));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
