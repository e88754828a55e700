package dev.viewgate.audit;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** Reads a realm's audit rows: pages newest first for the API, keyset pages oldest first for exports. */
public final class AuditQuery {

    private final EntityManager em;

    public AuditQuery(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public List<AuditEventEntity> newestFirst(String realmId, AuditFilter filter, int first, int max) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(realmId, filter, params);
        TypedQuery<AuditEventEntity> query = em.createQuery(
                "select e from AuditEventEntity e where " + where + " order by e.time desc, e.id desc", AuditEventEntity.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** The next {@code max} rows after ({@code afterTime}, {@code afterId}), oldest first; from the start when null. */
    public List<AuditEventEntity> oldestFirstAfter(String realmId, AuditFilter filter, Long afterTime, String afterId, int max) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(realmId, filter, params);
        if (afterTime != null) {
            where += " and (e.time > :afterTime or (e.time = :afterTime and e.id > :afterId))";
            params.put("afterTime", afterTime);
            params.put("afterId", afterId);
        }
        TypedQuery<AuditEventEntity> query = em.createQuery(
                "select e from AuditEventEntity e where " + where + " order by e.time, e.id", AuditEventEntity.class);
        params.forEach(query::setParameter);
        return query.setMaxResults(max).getResultList();
    }

    private static String where(String realmId, AuditFilter filter, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("e.realmId = :realmId");
        params.put("realmId", realmId);
        if (filter.type() != null) {
            conditions.add("e.type = :type");
            params.put("type", filter.type().name());
        }
        if (filter.actor() != null) {
            conditions.add("(e.actorId = :actor or e.actorUsername = :actor)");
            params.put("actor", filter.actor());
        }
        if (filter.subject() != null) {
            conditions.add("(e.subjectId = :subject or e.subjectUsername = :subject)");
            params.put("subject", filter.subject());
        }
        if (filter.from() != null) {
            conditions.add("e.time >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("e.time <= :to");
            params.put("to", filter.to());
        }
        return String.join(" and ", conditions);
    }
}
