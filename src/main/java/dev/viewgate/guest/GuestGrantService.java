package dev.viewgate.guest;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.base.Caller;
import dev.viewgate.base.InputText;
import dev.viewgate.base.InstantInput;
import dev.viewgate.base.ViewgateException;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Guest grants of a view: created with a secret shown once, listed without it, revoked at once. */
public final class GuestGrantService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    /** A new grant and its secret, which exists nowhere else. */
    public record Created(GuestGrantEntity grant, String secret) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public GuestGrantService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Created create(Caller caller, ClientModel client, ViewEntity view, List<String> permissions, boolean publicLink,
                          String expiresAt, String label) {
        List<String> granted = Permissions.requested(permissions, publicLink);
        Long expiry = expiry(expiresAt);
        if (label != null && label.length() > 255) {
            throw ViewgateException.badRequest("invalid_request", "label has at most 255 characters");
        }
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        GuestGrantEntity grant = new GuestGrantEntity();
        grant.setId(KeycloakModelUtils.generateId());
        grant.setRealmId(realm.getId());
        grant.setViewId(view.getId());
        grant.setSecretHash(hash(secret));
        grant.setSecretHint(secret.substring(secret.length() - 4));
        grant.setPermissions(String.join(",", granted));
        grant.setPublicLink(publicLink);
        grant.setLabel(label);
        grant.setExpiresAt(expiry);
        grant.setCreatedAt(System.currentTimeMillis());
        grant.setCreatedById(caller.user().getId());
        grant.setCreatedByUsername(caller.user().getUsername());
        grant.setPrincipalId(new GuestPrincipals(session, realm).create(grant.getId(), client.getClientId(), view.getViewKey())
                .getId());
        em.persist(grant);
        new GuestDenials(session, realm).open(client.getId(), grant.getId());
        Map<String, Object> details = details(client, view, grant);
        details.put("hint", grant.getSecretHint());
        AuditLog.record(session, realm, caller, AuditType.GUEST_GRANT_CREATED, OperationType.CREATE, resource(client, view, grant),
                null, details);
        return new Created(grant, secret);
    }

    public List<GuestGrantEntity> grants(ViewEntity view) {
        return em.createQuery("select g from GuestGrantEntity g where g.viewId = :view order by g.createdAt desc, g.id",
                        GuestGrantEntity.class)
                .setParameter("view", view.getId())
                .getResultList();
    }

    /** A grant and its view, as the realm-wide inventory lists them. */
    public record Listed(GuestGrantEntity grant, ViewEntity view) {
    }

    /**
     * All grants of the realm, newest first, optionally only those of one client, one view key, public or not, and
     * in one status ({@code active}, {@code revoked}, {@code expired}).
     */
    public List<Listed> inventory(ClientModel client, String viewKey, Boolean publicLink, String status, int first, int max) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String conditions = conditions(publicLink, status, parameters);
        if (client == null && viewKey == null) {
            return grants(conditions, parameters, first, max);
        }
        // The views first, then each one's newest grants through its own index (VIEW_ID, CREATED_AT), merged. Filtering
        // the realm's newest grants by view instead reads every grant of the realm when the views hold few or none of
        // them (about a second for an app without grants among 100,000, in the benchmark); past MERGED_ROWS rows to
        // merge, it does that.
        List<String> viewIds = viewIds(client, viewKey);
        if (viewIds.isEmpty()) {
            return List.of();
        }
        if ((long) viewIds.size() * (first + max) > MERGED_ROWS) {
            return grants(conditions + " and g.viewId in :views", with(parameters, "views", viewIds), first, max);
        }
        List<Listed> merged = new ArrayList<>();
        for (String viewId : viewIds) {
            merged.addAll(grants(conditions + " and g.viewId = :view", with(parameters, "view", viewId), 0, first + max));
        }
        return merged.stream().sorted(NEWEST_FIRST).skip(first).limit(max).toList();
    }

    /** At most this many rows are read to merge the views' newest grants into one page. */
    static final int MERGED_ROWS = 10_000;
    private static final Comparator<Listed> NEWEST_FIRST = Comparator
            .comparingLong((Listed l) -> l.grant().getCreatedAt()).reversed()
            .thenComparing(l -> l.grant().getId());

    /** The inventory's filters on a grant; a 400 for an unknown status, whether or not any view matches. */
    private static String conditions(Boolean publicLink, String status, Map<String, Object> parameters) {
        StringBuilder conditions = new StringBuilder();
        if (publicLink != null) {
            conditions.append(" and g.publicLink = :public");
            parameters.put("public", publicLink);
        }
        if (status != null) {
            conditions.append(switch (status) {
                case "active" -> " and g.revokedAt is null and g.expiredAt is null and (g.expiresAt is null or g.expiresAt > :now)";
                case "revoked" -> " and g.revokedAt is not null";
                case "expired" -> " and g.revokedAt is null and (g.expiredAt is not null or g.expiresAt <= :now)";
                default -> throw ViewgateException.badRequest("invalid_parameter", "status must be active, revoked or expired");
            });
            if (!"revoked".equals(status)) {
                parameters.put("now", System.currentTimeMillis());
            }
        }
        return conditions.toString();
    }

    private List<String> viewIds(ClientModel client, String viewKey) {
        var query = em.createQuery("select v.id from ViewEntity v where v.realmId = :realm"
                + (client == null ? "" : " and v.clientUuid = :client") + (viewKey == null ? "" : " and v.viewKey = :view"),
                String.class).setParameter("realm", realm.getId());
        if (client != null) {
            query.setParameter("client", client.getId());
        }
        if (viewKey != null) {
            query.setParameter("view", viewKey);
        }
        return query.getResultList();
    }

    private List<Listed> grants(String conditions, Map<String, Object> parameters, int first, int max) {
        var query = em.createQuery("select g, v from GuestGrantEntity g, ViewEntity v where v.id = g.viewId and g.realmId = :realm"
                        + conditions + " order by g.createdAt desc, g.id", Object[].class)
                .setParameter("realm", realm.getId())
                .setFirstResult(first)
                .setMaxResults(max);
        parameters.forEach(query::setParameter);
        return query.getResultList().stream().map(row -> new Listed((GuestGrantEntity) row[0], (ViewEntity) row[1])).toList();
    }

    private static Map<String, Object> with(Map<String, Object> parameters, String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(parameters);
        more.put(name, value);
        return more;
    }

    /**
     * Revokes a grant of the view at once; revoking again changes nothing. 404 for a grant of another view. The
     * guarded update locks the grant's row before its principal (and so every session and token) is deleted, so an
     * exchange racing with the revoke either fails or finishes first and loses its session here.
     */
    public void revoke(Caller caller, ClientModel client, ViewEntity view, String grantId) {
        GuestGrantEntity grant = grantId == null || grantId.length() > 36 || InputText.hasNul(grantId) ? null
                : em.find(GuestGrantEntity.class, grantId);
        if (grant == null || !grant.getViewId().equals(view.getId())) {
            throw ViewgateException.notFound("unknown_grant", "No guest grant " + grantId + " on this view");
        }
        long now = System.currentTimeMillis();
        int revoked = em.createQuery("update GuestGrantEntity g set g.revokedAt = :now, g.revokedByUsername = :by "
                        + "where g.id = :id and g.revokedAt is null")
                .setParameter("now", now)
                .setParameter("by", caller.user().getUsername())
                .setParameter("id", grant.getId())
                .executeUpdate();
        if (revoked == 0) {
            return;
        }
        new GuestPrincipals(session, realm).remove(grant.getPrincipalId());
        AuditLog.record(session, realm, caller, AuditType.GUEST_GRANT_REVOKED, OperationType.DELETE,
                resource(client, view, grant), null, details(client, view, grant));
    }

    /**
     * Ends grants whose expiry passed: marks each once (so two nodes never both do it), deletes its principal and
     * audits {@code GUEST_GRANT_EXPIRED}. Tokens already died at the expiry: their lifetime never goes beyond it.
     */
    public int expire(long now, int batch) {
        List<GuestGrantEntity> due = em.createQuery("select g from GuestGrantEntity g where g.realmId = :realm "
                        + "and g.expiredAt is null and g.revokedAt is null and g.expiresAt <= :now order by g.expiresAt",
                        GuestGrantEntity.class)
                .setParameter("realm", realm.getId())
                .setParameter("now", now)
                .setMaxResults(batch)
                .getResultList();
        int expired = 0;
        for (GuestGrantEntity grant : due) {
            int marked = em.createQuery("update GuestGrantEntity g set g.expiredAt = :now where g.id = :id and g.expiredAt is null")
                    .setParameter("now", now)
                    .setParameter("id", grant.getId())
                    .executeUpdate();
            if (marked == 0) {
                continue;
            }
            ViewEntity view = em.find(ViewEntity.class, grant.getViewId());
            ClientModel client = view == null ? null : realm.getClientById(view.getClientUuid());
            new GuestPrincipals(session, realm).remove(grant.getPrincipalId());
            if (client != null) {
                AuditLog.recordDirect(session, realm, AuditType.GUEST_GRANT_EXPIRED, null, "viewgate", resource(client, view, grant),
                        null, details(client, view, grant));
            }
            expired++;
        }
        return expired;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long expiry(String expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        long millis = InstantInput.instant(expiresAt).orElseThrow(() -> ViewgateException.badRequest("invalid_expiry",
                "expiresAt must be an ISO-8601 instant such as 2026-12-31T23:59:59Z, before the year 10000"));
        if (millis <= System.currentTimeMillis()) {
            throw ViewgateException.badRequest("invalid_expiry", "expiresAt must be in the future");
        }
        return millis;
    }

    private static Map<String, Object> details(ClientModel client, ViewEntity view, GuestGrantEntity grant) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("grantId", grant.getId());
        details.put("client", client.getClientId());
        details.put("view", view.getViewKey());
        details.put("permissions", List.of(grant.getPermissions().split(",")));
        details.put("public", grant.isPublicLink());
        details.put("expiresAt", grant.getExpiresAt() == null ? null : Instant.ofEpochMilli(grant.getExpiresAt()).toString());
        details.put("label", grant.getLabel());
        return details;
    }

    private static String resource(ClientModel client, ViewEntity view, GuestGrantEntity grant) {
        return "viewgate/views/" + client.getClientId() + "/" + view.getViewKey() + "/guests/" + grant.getId();
    }
}
