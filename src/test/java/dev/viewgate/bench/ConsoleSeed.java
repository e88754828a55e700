package dev.viewgate.bench;

import dev.viewgate.audit.AuditEventEntity;
import dev.viewgate.audit.AuditHash;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * What the console's pages list, in the queue part's realm: apps and their views (made through Viewgate's API), guest
 * grants with the principal users of those still in force, the audit log as one sealed hash chain, and view-as
 * sessions (started through the API). Grants and audit rows are written with {@code COPY} from one description
 * ({@link Grant}, {@link #auditRow}), so a grant and its audit row agree.
 */
final class ConsoleSeed {

    static final int APPS = 4;
    static final int VIEWS_PER_APP = 5;
    /** An app with one view and no grants yet, as a newly connected app is. */
    static final String NEW_APP = "bench-new-app";
    /** The member who decided the seeded requests and revokes grants (the queue part's seed names her too). */
    static final String ADMIN = "olga";
    /** The member who shared the seeded grants. */
    static final String SHARER = "arch";
    private static final long DAY = 86_400_000L;
    /** Seeded grants are made this far apart, the newest a minute ago. */
    private static final long GRANT_EVERY = 300_000L;
    private static final int COPY_BATCH = 50_000;

    /** A view made through the API: the row's id, its app's client id and clientId, and its key. */
    record View(String id, String clientUuid, String clientId, String key) {
    }

    /**
     * Seeded grant {@code g} (1-based): every tenth revoked, every tenth + 1 expired (as the expiry task leaves it:
     * marked, principal gone), every seventh public (read only), the rest active. The newest was made ten minutes ago,
     * the others {@link #GRANT_EVERY} apart. Views are skewed: the first gets about 22% of the grants, the last about 1.3%.
     */
    record Grant(int g, long createdAt, View view) {

        static Grant of(int g, int grants, long now, List<View> views) {
            int u = (int) (g * 7919L % 1000);
            return new Grant(g, now - 600_000 - (long) (grants - g) * GRANT_EVERY,
                    views.get((int) ((long) u * u * views.size() / 1_000_000)));
        }

        String id() {
            return "b0000000-0000-4000-8000-" + String.format("%012d", g);
        }

        String principalId() {
            return "c0000000-0000-4000-8000-" + String.format("%012d", g);
        }

        boolean revoked() {
            return g % 10 == 0;
        }

        boolean expired() {
            return g % 10 == 1;
        }

        boolean isPublic() {
            return g % 7 == 0;
        }

        String permissions() {
            return isPublic() ? "read" : List.of("read", "read,export", "read,write,create,export").get(g % 3);
        }

        /** Expired grants were 30-second links; a third of the others expire two years after they were made. */
        Long expiresAt() {
            if (expired()) {
                return createdAt + 30_000;
            }
            return g % 3 == 0 ? Long.valueOf(createdAt + 2 * 365 * DAY) : null;
        }

        Long expiredAt() {
            return expired() ? expiresAt() + 60_000 : null;
        }

        Long revokedAt() {
            return revoked() ? createdAt + DAY : null;
        }

        /** The time of the grant's latest event: revoked, expired or created. */
        long lastEventAt() {
            return revoked() ? revokedAt() : expired() ? expiredAt() : createdAt;
        }

        String resource() {
            return "viewgate/views/" + view.clientId() + "/" + view.key() + "/guests/" + id();
        }
    }

    private ConsoleSeed() {
    }

    /**
     * Apps bench-app-1.. with views view-1.., made by Keycloak's admin API and Viewgate's views API, and {@link #NEW_APP}
     * with one view; returns the views of bench-app-1.. (those the grants go to), then that of {@link #NEW_APP}.
     */
    static List<View> appsAndViews(DistributionServer server, Http http, Connection db, String realmId) throws SQLException {
        Admin admin = new Admin(server, http);
        for (int a = 1; a <= APPS + 1; a++) {
            String app = a <= APPS ? "bench-app-" + a : NEW_APP;
            admin.createApp(KeycloakServer.REALM, app);
            String token = admin.appToken(app);
            for (int v = 1; v <= (a <= APPS ? VIEWS_PER_APP : 1); v++) {
                Admin.expect(http.putJson(server.viewgateUrl() + "/views/" + app + "/view-" + v, token, Map.of(
                        "name", "View " + v + " of " + app, "editable", v % 2 == 0, "addable", v % 3 == 0,
                        "exportable", true)), 201);
            }
        }
        List<View> views = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("select v.id, c.id, c.client_id, v.view_key from vg_view v "
                + "join client c on c.id = v.client_uuid where v.realm_id = ? "
                + "and (c.client_id like 'bench-app-%' or c.client_id = '" + NEW_APP + "') order by c.client_id, v.view_key")) {
            select.setString(1, realmId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    views.add(new View(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        return views;
    }

    /** The views that seeded grants go to: all but {@link #NEW_APP}'s, which sorts last. */
    static List<View> granted(List<View> views) {
        return views.subList(0, views.size() - 1);
    }

    /** {@code grants} guest grants, and a principal user (with its grant attribute) for each one still in force. */
    static void grants(Connection db, String realmId, List<View> views, int grants, long now)
            throws SQLException, IOException {
        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder batch = new StringBuilder();
        for (int g = 1; g <= grants; g++) {
            Grant grant = Grant.of(g, grants, now, views);
            line(batch, grant.id(), realmId, grant.view().id(),
                    sha256Hex("bench-grant-" + g), String.format("%04d", g % 10_000), grant.permissions(),
                    Boolean.toString(grant.isPublic()), g % 4 == 0 ? null : "Bench link " + g, grant.expiresAt(),
                    grant.createdAt(), "seed-sharer", SHARER, grant.revokedAt(), grant.revoked() ? ADMIN : null,
                    grant.principalId(), null, grant.revoked() || g % 5 == 0 ? null : grant.createdAt() + 3_600_000,
                    grant.revoked() || g % 5 == 0 ? 0 : g % 50 + 1, grant.expiredAt());
            if (g % COPY_BATCH == 0 || g == grants) {
                copy.copyIn("copy vg_guest_grant (id, realm_id, view_id, secret_hash, secret_hint, permissions, public_link, "
                        + "label, expires_at, created_at, created_by_id, created_by_username, revoked_at, revoked_by_username, "
                        + "principal_id, user_session_id, last_used_at, use_count, expired_at) from stdin",
                        new StringReader(batch.toString()));
                batch.setLength(0);
            }
        }
        // Principals as GuestPrincipals.create makes them; revoked and expired grants lost theirs.
        try (PreparedStatement users = db.prepareStatement("insert into user_entity (id, email_constraint, email_verified, enabled, "
                + "first_name, last_name, realm_id, username, created_timestamp, not_before) "
                + "select g.principal_id, g.principal_id, false, true, 'Guest link', c.client_id || ' / ' || v.view_key, g.realm_id, "
                + "'viewgate-guest-' || g.id, g.created_at, 0 from vg_guest_grant g join vg_view v on v.id = g.view_id "
                + "join client c on c.id = v.client_uuid "
                + "where g.realm_id = ? and g.id like 'b0000000-%' and g.revoked_at is null and g.expired_at is null");
             PreparedStatement attributes = db.prepareStatement("insert into user_attribute (id, name, value, user_id) "
                     + "select 'd' || substr(g.principal_id, 2), 'viewgate.guest', g.id, g.principal_id from vg_guest_grant g "
                     + "where g.realm_id = ? and g.id like 'b0000000-%' and g.revoked_at is null and g.expired_at is null")) {
            users.setString(1, realmId);
            users.executeUpdate();
            attributes.setString(1, realmId);
            attributes.executeUpdate();
        }
    }

    /**
     * {@code rows} audit rows, sealed and appended to the realm's chain under its lock (the sealer waits meanwhile):
     * row k records the latest event of request or grant k (counting the requests first, then the grants, round again
     * when there are more rows than both). Returns the number of the last sealed row.
     */
    static long audit(Connection db, String realmId, BenchSettings settings, List<View> views, long now)
            throws SQLException, IOException {
        try (PreparedStatement chain = db.prepareStatement("insert into vg_audit_chain (realm_id, last_seq, last_hash, "
                + "pruned_seq, pruned_hash) values (?, 0, ?, 0, ?) on conflict do nothing")) {
            chain.setString(1, realmId);
            chain.setString(2, AuditHash.GENESIS);
            chain.setString(3, AuditHash.GENESIS);
            chain.executeUpdate();
        }
        db.setAutoCommit(false);
        try {
            long seq;
            String hash;
            try (PreparedStatement lock = db.prepareStatement(
                    "select last_seq, last_hash from vg_audit_chain where realm_id = ? for update")) {
                lock.setString(1, realmId);
                try (ResultSet head = lock.executeQuery()) {
                    head.next();
                    seq = head.getLong(1);
                    hash = head.getString(2);
                }
            }
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder batch = new StringBuilder();
            int events = settings.queueRequests() + settings.queueGrants();
            for (int k = 0; k < settings.queueAudit(); k++) {
                AuditEventEntity row = auditRow(k % events, k, realmId, settings, views, now);
                row.setSeq(++seq);
                row.setPrevHash(hash);
                hash = AuditHash.of(hash, row);
                row.setHash(hash);
                line(batch, row.getId(), row.getRealmId(), row.getSeq(), row.getTime(), row.getType(), row.getActorId(),
                        row.getActorUsername(), row.getSubjectId(), row.getSubjectUsername(), row.getResource(),
                        row.getDetails(), row.getIp(), row.getPrevHash(), row.getHash());
                if ((k + 1) % COPY_BATCH == 0 || k + 1 == settings.queueAudit()) {
                    copy.copyIn("copy vg_audit_event (id, realm_id, seq, event_time, event_type, actor_id, actor_username, "
                            + "subject_id, subject_username, resource_path, details, ip_address, prev_hash, hash) from stdin",
                            new StringReader(batch.toString()));
                    batch.setLength(0);
                }
            }
            try (PreparedStatement head = db.prepareStatement(
                    "update vg_audit_chain set last_seq = ?, last_hash = ? where realm_id = ?")) {
                head.setLong(1, seq);
                head.setString(2, hash);
                head.setString(3, realmId);
                head.executeUpdate();
            }
            db.commit();
            return seq;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /**
     * The audit row of event {@code event} (a request's, as the queue part seeded it, then a grant's), as Viewgate
     * writes it: actor and subject, resource path and details of that type.
     */
    private static AuditEventEntity auditRow(int event, int k, String realmId, BenchSettings settings, List<View> views,
                                             long now) {
        AuditEventEntity row = new AuditEventEntity();
        row.setId("e0000000-0000-4000-8000-" + String.format("%012d", k + 1));
        row.setRealmId(realmId);
        row.setIp("127.0.0.1");
        int requests = settings.queueRequests();
        if (event < requests) {
            int g = event + 1;
            int user = (g - 1) % settings.queueUsers() + 1;
            String requestId = "a0000000-0000-4000-8000-" + String.format("%012d", g);
            boolean decided = g <= requests - Math.min(settings.queuePending(), Math.min(settings.queueUsers(), requests));
            long createdAt = now - (long) (requests - g) * 1000;
            row.setSubjectId(AccessRequestQueueBench.userId(user));
            row.setSubjectUsername(AccessRequestQueueBench.username(user));
            row.setResource("viewgate/access-requests/" + requestId);
            if (!decided) {
                row.setType("ACCESS_REQUEST_SUBMITTED");
                row.setTime(createdAt);
                row.setActorId(row.getSubjectId());
                row.setActorUsername(row.getSubjectUsername());
                row.setDetails("{\"requestId\":\"" + requestId + "\",\"desiredRole\":\"explorer\",\"messageLength\":"
                        + ("Seeded request " + g).length() + "}");
            } else {
                row.setTime(createdAt + 60_000);
                row.setActorId("seed-decider");
                row.setActorUsername(ADMIN);
                row.setType(g % 2 == 0 ? "ACCESS_REQUEST_GRANTED" : "ACCESS_REQUEST_DECLINED");
                row.setDetails(g % 2 == 0
                        ? "{\"requestId\":\"" + requestId + "\",\"previousRole\":\"viewer\",\"grantedRole\":\"explorer\","
                        + "\"requestedRole\":\"explorer\"}"
                        : "{\"requestId\":\"" + requestId + "\",\"reason\":null}");
            }
            return row;
        }
        Grant grant = Grant.of(event - requests + 1, settings.queueGrants(), now, views);
        row.setTime(grant.lastEventAt());
        row.setResource(grant.resource());
        row.setType(grant.revoked() ? "GUEST_GRANT_REVOKED" : grant.expired() ? "GUEST_GRANT_EXPIRED" : "GUEST_GRANT_CREATED");
        if (grant.revoked()) {
            row.setActorId("seed-admin");
            row.setActorUsername(ADMIN);
        } else if (grant.expired()) {
            row.setActorUsername("viewgate");
        } else {
            row.setActorId("seed-sharer");
            row.setActorUsername(SHARER);
        }
        row.setDetails("{\"grantId\":\"" + grant.id() + "\",\"client\":\"" + grant.view().clientId() + "\",\"view\":\""
                + grant.view().key() + "\",\"permissions\":[\"" + grant.permissions().replace(",", "\",\"") + "\"],"
                + "\"public\":" + grant.isPublic() + ",\"expiresAt\":"
                + (grant.expiresAt() == null ? "null" : "\"" + java.time.Instant.ofEpochMilli(grant.expiresAt()) + "\"")
                + ",\"label\":" + (grant.g() % 4 == 0 ? "null" : "\"Bench link " + grant.g() + "\"") + "}");
        return row;
    }

    /**
     * {@code count} view-as sessions in force: alternately ada (T7) as tier 2 and arch (T6) as member bob, each on an
     * SSO session of its own. The realm's SSO idle time and the view-as length are raised first so that they last the run.
     */
    static void viewAsSessions(DistributionServer server, Http http, String adminToken, int count) {
        String realm = server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM;
        Admin.expect(http.putJson(realm, adminToken, Map.of("ssoSessionIdleTimeout", 36_000,
                "ssoSessionMaxLifespan", 36_000)), 204);
        Admin.expect(http.putJson(server.adminUrl() + "/settings/viewgate.viewAs.maxMinutes", adminToken,
                Map.of("value", "600")), 200);
        for (int i = 0; i < count; i++) {
            boolean byTier = i % 2 == 0;
            String token = http.memberToken(byTier ? "ada" : "arch");
            Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", token,
                    byTier ? Map.of("tier", 2) : Map.of("user", "bob")), 200);
        }
    }

    static void analyze(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            for (String table : List.of("vg_guest_grant", "vg_view", "vg_audit_event", "vg_view_as", "user_entity",
                    "user_attribute")) {
                statement.execute("vacuum analyze " + table);
            }
        }
    }

    /** One line of COPY's text format (the values hold no tab, newline or backslash); null as \N. */
    private static void line(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : "\t").append(values[i] == null ? "\\N" : values[i].toString());
        }
        out.append('\n');
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
