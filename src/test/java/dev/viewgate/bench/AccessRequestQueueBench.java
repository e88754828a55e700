package dev.viewgate.bench;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Part 3: the deciders' queue (first page + pending count, as the admin UI loads it) with a million access requests
 * in the table, against Keycloak's own first page of users in the same realm, made as large by seeding users. Both
 * tables are filled in bulk with SQL; the query plans come from EXPLAIN (ANALYZE, BUFFERS) on the same database.
 */
final class AccessRequestQueueBench {

    private static final String PAGE_AND_COUNT = "Viewgate: first page + pending count";
    private static final String USERS = "Keycloak: users?max=20";
    /** Ids of seeded users and requests: a fixed UUID prefix and the row number. */
    private static final String USER_ID = "'00000000-0000-4000-8000-' || lpad((%s)::text, 12, '0')";

    /** A statement as Hibernate sends it (from {@code --log-level=org.hibernate.SQL:debug}), with its parameters. */
    private record Query(String name, String sql, List<Object> parameters) {
    }

    /** {@code AccessRequestService.list} on PostgreSQL; parameters: realm id, status, offset, limit. */
    static final String PAGE_SQL = "select are1_0.ID,are1_0.CREATED_AT,are1_0.DECIDED_AT,are1_0.DECIDED_BY_ID,"
            + "are1_0.DECIDED_BY_USERNAME,are1_0.DESIRED_ROLE,are1_0.GRANTED_ROLE,are1_0.MESSAGE,are1_0.OPEN_KEY,"
            + "are1_0.PREVIOUS_ROLE,are1_0.REALM_ID,are1_0.REASON,are1_0.REQUESTER_ID,are1_0.STATUS,are1_0.UPDATED_AT "
            + "from VG_ACCESS_REQUEST are1_0 where are1_0.REALM_ID=? and are1_0.STATUS=? "
            + "order by are1_0.CREATED_AT,are1_0.ID offset ? rows fetch first ? rows only";
    static final String COUNT_SQL = "select pce1_0.REALM_ID,pce1_0.PENDING from VG_AREQ_PENDING pce1_0 where pce1_0.REALM_ID=?";
    /** Keycloak's first page of users ({@code JpaUserProvider.searchForUserStream} without a search string). */
    static final String USERS_SQL = "select distinct ue1_0.ID,ue1_0.CREATED_TIMESTAMP,ue1_0.EMAIL,ue1_0.EMAIL_CONSTRAINT,"
            + "ue1_0.EMAIL_VERIFIED,ue1_0.ENABLED,ue1_0.FEDERATION_LINK,ue1_0.FIRST_NAME,ue1_0.LAST_MODIFIED_TIMESTAMP,"
            + "ue1_0.LAST_NAME,ue1_0.NOT_BEFORE,ue1_0.REALM_ID,ue1_0.SERVICE_ACCOUNT_CLIENT_LINK,ue1_0.USERNAME "
            + "from USER_ENTITY ue1_0 where ue1_0.SERVICE_ACCOUNT_CLIENT_LINK is null and ue1_0.REALM_ID=? "
            + "order by ue1_0.USERNAME offset ? rows fetch first ? rows only";

    private AccessRequestQueueBench() {
    }

    /** The id of seeded user {@code n}, as {@link #USER_ID} makes it. */
    static String userId(int n) {
        return "00000000-0000-4000-8000-" + String.format("%012d", n);
    }

    /** The username of seeded user {@code n}, as the seed makes it. */
    static String username(int n) {
        return "bench-user-" + String.format("%07d", n);
    }

    static void run(BenchContext context, DistributionServer server, String database) throws Exception {
        BenchSettings settings = context.settings();
        Report report = context.report();
        report.section("3. Access-request queue vs Keycloak's user list");
        Http http = new Http(server);
        TokenSource admin = new TokenSource(http::adminToken, Duration.ofSeconds(30));
        String realmId = Admin.expect(http.get(server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM, admin.get()), 200)
                .json().get("id").asText();
        try (Connection db = DriverManager.getConnection(DistributionServer.postgresUrl(database), "postgres", "")) {
            seed(report, db, realmId, settings);
            explain(report, db, realmId);
        }
        String queue = server.adminUrl() + "/access-requests";
        String users = server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/users?max=20";
        Load.Call page = (t, i) -> Admin.expect(http.get(queue + "?status=PENDING&first=0&max=20", admin.get()), 200);
        Load.Call count = (t, i) -> Admin.expect(http.get(queue + "/count?status=PENDING", admin.get()), 200);
        Map<String, Load.Sample> medians = Comparison.run(context, "Admin REST reads in a realm of "
                + settings.queueUsers() + " seeded users and " + settings.queueRequests() + " access requests", List.of(
                new Comparison.Side(PAGE_AND_COUNT, server, (t, i) -> {
                    page.call(t, i);
                    count.call(t, i);
                }),
                new Comparison.Side(USERS, server, (t, i) -> Admin.expect(http.get(users, admin.get()), 200)),
                new Comparison.Side("Viewgate: first page only", server, page),
                new Comparison.Side("Viewgate: pending count only", server, count)));
        Load.Sample viewgate = medians.get(PAGE_AND_COUNT);
        Load.Sample keycloak = medians.get(USERS);
        double ratio = viewgate.perSecond() / keycloak.perSecond();
        report.text("A Viewgate request here is the pair of calls the queue page makes (the page, then the count); its "
                + "throughput counts pairs. Queue / users?max=20: " + Comparison.ratios(viewgate, keycloak) + ".");
        report.goal("Queue first page + count / Keycloak users?max=20", ">= 1.00x", Report.f("%.3fx", ratio), ratio >= 1.0);
    }

    /** Users first (requesters must exist), then the requests; the last {@code pending} of them are pending. */
    private static void seed(Report report, Connection db, String realmId, BenchSettings settings) throws SQLException {
        int users = settings.queueUsers();
        int requests = settings.queueRequests();
        int pending = Math.min(settings.queuePending(), Math.min(users, requests));
        long now = System.currentTimeMillis();
        long start = System.nanoTime();
        try (PreparedStatement insert = db.prepareStatement("insert into user_entity (id, email, email_constraint, "
                + "email_verified, enabled, first_name, last_name, realm_id, username, created_timestamp, not_before) "
                + "select " + USER_ID.formatted("g") + ", 'bench.user.' || g || '@viewgate.test', "
                + "'bench.user.' || g || '@viewgate.test', true, true, 'Bench', 'User ' || g, ?, "
                + "'bench-user-' || lpad(g::text, 7, '0'), ?, 0 from generate_series(1, " + users + ") g")) {
            insert.setString(1, realmId);
            insert.setLong(2, now);
            insert.executeUpdate();
        }
        double usersSeconds = (System.nanoTime() - start) / 1e9;
        // Request g is by user ((g - 1) mod users) + 1, created g seconds after t0; the last `pending` requests are
        // PENDING (their requesters are distinct, as the unique OPEN_KEY demands), the others alternately granted
        // and declined a minute after they were made.
        long t0 = now - requests * 1000L;
        String decided = "g <= " + (requests - pending);
        start = System.nanoTime();
        try (PreparedStatement insert = db.prepareStatement("insert into vg_access_request (id, realm_id, requester_id, "
                + "open_key, status, desired_role, message, created_at, updated_at, decided_at, decided_by_id, "
                + "decided_by_username, previous_role, granted_role, reason) "
                + "select 'a0000000-0000-4000-8000-' || lpad(g::text, 12, '0'), ?, u, "
                + "case when " + decided + " then null else u end, "
                + "case when not (" + decided + ") then 'PENDING' when g % 2 = 0 then 'GRANTED' else 'DECLINED' end, "
                + "'explorer', 'Seeded request ' || g, " + t0 + " + g * 1000::bigint, " + t0 + " + g * 1000::bigint, "
                + "case when " + decided + " then " + t0 + " + g * 1000::bigint + 60000 end, "
                + "case when " + decided + " then 'seed-decider' end, case when " + decided + " then 'olga' end, "
                + "case when " + decided + " and g % 2 = 0 then 'viewer' end, "
                + "case when " + decided + " and g % 2 = 0 then 'explorer' end, null "
                + "from (select g, " + USER_ID.formatted("((g - 1) % " + users + ") + 1") + " as u "
                + "from generate_series(1, " + requests + ") g) s")) {
            insert.setString(1, realmId);
            insert.executeUpdate();
        }
        // Rows inserted behind Viewgate's back: its count row is set from them, as PendingCount would create it.
        try (PreparedStatement count = db.prepareStatement("insert into vg_areq_pending (realm_id, pending) select ?, count(*) "
                + "from vg_access_request where realm_id = ? and status = 'PENDING' "
                + "on conflict (realm_id) do update set pending = excluded.pending")) {
            count.setString(1, realmId);
            count.setString(2, realmId);
            count.executeUpdate();
        }
        double requestsSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        try (Statement statement = db.createStatement()) {
            statement.execute("vacuum analyze user_entity");
            statement.execute("vacuum analyze vg_access_request");
        }
        double vacuumSeconds = (System.nanoTime() - start) / 1e9;
        report.text(Report.f("Seeded with `INSERT ... SELECT generate_series`: %d users into `user_entity` of the realm "
                + "(%.1f s), %d access requests into `vg_access_request` (%.1f s; %d pending, one per requester, the rest "
                + "granted or declined), then `VACUUM ANALYZE` (%.1f s).", users, usersSeconds, requests, requestsSeconds,
                pending, vacuumSeconds));
        try (Statement statement = db.createStatement();
             ResultSet sizes = statement.executeQuery("select (select count(*) from user_entity where realm_id = '"
                     + realmId + "'), (select count(*) from vg_access_request), "
                     + "(select count(*) from vg_access_request where status = 'PENDING'), "
                     + "(select pending from vg_areq_pending where realm_id = '" + realmId + "')")) {
            sizes.next();
            report.text(Report.f("Rows now: %d users in the realm, %d access requests, %d pending (the realm's count row "
                    + "says %d).", sizes.getLong(1), sizes.getLong(2), sizes.getLong(3), sizes.getLong(4)));
        }
    }

    private static void explain(Report report, Connection db, String realmId) throws SQLException {
        StringBuilder raw = new StringBuilder();
        report.text("The statements as Hibernate sends them (read from `--log-level=org.hibernate.SQL:debug`), "
                + "under `EXPLAIN (ANALYZE, BUFFERS)` on the seeded database:");
        for (Query query : List.of(
                new Query("Viewgate first page (AccessRequestService.list)", PAGE_SQL, List.of(realmId, "PENDING", 0, 20)),
                new Query("Viewgate pending count (AccessRequestService.count: the realm's count row)", COUNT_SQL, List.of(realmId)),
                new Query("Keycloak first page of users (users?max=20)", USERS_SQL, List.of(realmId, 0, 20)))) {
            String plan = plan(db, query.sql(), query.parameters());
            boolean indexed = plan.contains("Index") && !plan.contains("Seq Scan");
            report.text("**" + query.name() + "**: " + (indexed ? "uses an index, no sequential scan" : "**no index**")
                    + ".\n\n```sql\n" + query.sql() + "\n```\n\n```\n" + plan.strip() + "\n```");
            raw.append("-- ").append(query.name()).append('\n').append(query.sql()).append("\n\n").append(plan).append("\n\n");
        }
        report.rawText("queue-plans.txt", raw.toString());
    }

    static String plan(Connection db, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement explain = db.prepareStatement("explain (analyze, buffers) " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setObject(i + 1, parameters.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet lines = explain.executeQuery()) {
                while (lines.next()) {
                    plan.append(lines.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
