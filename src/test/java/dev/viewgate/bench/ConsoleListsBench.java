package dev.viewgate.bench;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Part 3, continued: every list the Viewgate console reads (issue 17), in the queue part's realm with its users and
 * requests, after seeding guest grants, the audit log and view-as sessions ({@link ConsoleSeed}); each against
 * Keycloak's {@code users?max=20} in the same realm and run. The audit verification walks the whole chain, so it is
 * timed apart from the comparison. Query plans: {@link ConsolePlans}.
 */
final class ConsoleListsBench {

    static final String USERS = "Keycloak: users?max=20";

    /**
     * What the filtered requests ask for: the view with the most grants, the one with the fewest, the new app's without
     * any, a member who is the
     * actor of one audit row (the last request's requester), a member who is the subject of one (request 42's), and a
     * UTC day in the middle of the requests.
     */
    record Targets(ConsoleSeed.View busiestView, ConsoleSeed.View quietestView, ConsoleSeed.View newAppView,
                   String memberActor, String subject, long dayStart) {

        static Targets of(BenchSettings settings, List<ConsoleSeed.View> views, long now) {
            int lastRequester = (settings.queueRequests() - 1) % settings.queueUsers() + 1;
            LocalDate day = Instant.ofEpochMilli(now - settings.queueRequests() * 1000L / 2).atZone(ZoneOffset.UTC).toLocalDate();
            List<ConsoleSeed.View> granted = ConsoleSeed.granted(views);
            return new Targets(granted.get(0), granted.get(granted.size() - 1), views.get(views.size() - 1),
                    AccessRequestQueueBench.username(lastRequester),
                    AccessRequestQueueBench.userId(42), day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }

        LocalDate day() {
            return Instant.ofEpochMilli(dayStart).atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    private ConsoleListsBench() {
    }

    static void run(BenchContext context, DistributionServer server, String database) throws Exception {
        BenchSettings settings = context.settings();
        Report report = context.report();
        report.section("3b. The console's lists vs Keycloak's user list");
        Http http = new Http(server);
        TokenSource admin = new TokenSource(http::adminToken, Duration.ofSeconds(30));
        String realmUrl = server.baseUrl() + "/admin/realms/" + KeycloakServer.REALM;
        String realmId = Admin.expect(http.get(realmUrl, admin.get()), 200).json().get("id").asText();
        long now = System.currentTimeMillis();
        Targets targets;
        try (Connection db = DriverManager.getConnection(DistributionServer.postgresUrl(database), "postgres", "")) {
            List<ConsoleSeed.View> views = ConsoleSeed.appsAndViews(server, http, db, realmId);
            targets = Targets.of(settings, views, now);
            long start = System.nanoTime();
            ConsoleSeed.grants(db, realmId, ConsoleSeed.granted(views), settings.queueGrants(), now);
            double grantSeconds = seconds(start);
            start = System.nanoTime();
            long lastSeq = ConsoleSeed.audit(db, realmId, settings, ConsoleSeed.granted(views), now);
            double auditSeconds = seconds(start);
            start = System.nanoTime();
            ConsoleSeed.viewAsSessions(server, http, admin.get(), settings.queueViewAs());
            double viewAsSeconds = seconds(start);
            start = System.nanoTime();
            ConsoleSeed.analyze(db);
            report.text(Report.f("Seeded: %d apps with %d views each, and `" + ConsoleSeed.NEW_APP + "` with one view and "
                    + "no grants, through the API; %d guest grants with `COPY` "
                    + "(%.1f s, with a principal user and its attribute for each grant in force); %d audit rows with `COPY`, "
                    + "sealed onto the realm's chain with Viewgate's own `AuditHash` (%.1f s, chain now ends at seq %d); "
                    + "%d view-as sessions through the API (%.1f s); then `VACUUM ANALYZE` (%.1f s).",
                    ConsoleSeed.APPS, ConsoleSeed.VIEWS_PER_APP, settings.queueGrants(), grantSeconds,
                    settings.queueAudit(), auditSeconds, lastSeq, settings.queueViewAs(), viewAsSeconds, seconds(start)));
            report.text(sizes(db, realmId));
            List<String> sequential = ConsolePlans.explain(report, db, realmId, targets, lastSeq, now);
            report.text(sequential.isEmpty() ? "No statement above scans a table sequentially."
                    : "Sequential scans: " + String.join("; ", sequential) + ".");
        }

        String vg = server.adminUrl();
        ConsoleSeed.View popular = targets.busiestView();
        ConsoleSeed.View rare = targets.quietestView();
        LocalDate day = targets.day();
        List<Comparison.Side> sides = new ArrayList<>();
        sides.add(get(USERS, server, http, admin, realmUrl + "/users?max=20"));
        sides.add(get("History: GRANTED, page 1", server, http, admin, vg + "/access-requests?status=GRANTED&first=0&max=21"));
        sides.add(get("History: DECLINED, page 1", server, http, admin, vg + "/access-requests?status=DECLINED&first=0&max=21"));
        sides.add(get("History: GRANTED, page 101", server, http, admin, vg + "/access-requests?status=GRANTED&first=2000&max=21"));
        sides.add(get("Guests: active", server, http, admin, vg + "/guests?status=active&first=0&max=21"));
        sides.add(get("Guests: revoked", server, http, admin, vg + "/guests?status=revoked&first=0&max=21"));
        sides.add(get("Guests: expired", server, http, admin, vg + "/guests?status=expired&first=0&max=21"));
        sides.add(get("Guests: public", server, http, admin, vg + "/guests?public=true&first=0&max=21"));
        sides.add(get("Guests: one app, active", server, http, admin,
                vg + "/guests?client=" + popular.clientId() + "&status=active&first=0&max=21"));
        sides.add(get("Guests: busiest view", server, http, admin,
                vg + "/guests?client=" + popular.clientId() + "&view=" + popular.key() + "&first=0&max=21"));
        sides.add(get("Guests: quietest view", server, http, admin,
                vg + "/guests?client=" + rare.clientId() + "&view=" + rare.key() + "&first=0&max=21"));
        sides.add(get("Guests: an app without grants", server, http, admin,
                vg + "/guests?client=" + ConsoleSeed.NEW_APP + "&status=active&first=0&max=21"));
        sides.add(get("Audit: newest", server, http, admin, vg + "/audit?first=0&max=21"));
        sides.add(get("Audit: type GUEST_GRANT_REVOKED", server, http, admin, vg + "/audit?type=GUEST_GRANT_REVOKED&first=0&max=21"));
        sides.add(get("Audit: actor " + ConsoleSeed.ADMIN + " (busiest)", server, http, admin,
                vg + "/audit?actor=" + ConsoleSeed.ADMIN + "&first=0&max=21"));
        sides.add(get("Audit: actor, one member", server, http, admin,
                vg + "/audit?actor=" + targets.memberActor() + "&first=0&max=21"));
        sides.add(get("Audit: subject, one member (id)", server, http, admin,
                vg + "/audit?subject=" + targets.subject() + "&first=0&max=21"));
        sides.add(get("Audit: one day (from, to)", server, http, admin, vg + "/audit?from=" + day + "&to=" + day + "&first=0&max=21"));
        sides.add(get("View-as sessions", server, http, admin, vg + "/view-as-sessions?first=0&max=21"));
        sides.add(get("Settings", server, http, admin, vg + "/settings"));
        sides.add(get("Ladder (as the console first shows it)", server, http, admin, vg + "/ladder?members=false"));
        sides.add(get("Overview (pending count, chain head, 6 newest active guests)", server, http, admin, vg + "/overview"));
        Map<String, Load.Sample> medians = Comparison.run(context, "The console's admin REST reads in a realm of "
                + settings.queueUsers() + " seeded users, " + settings.queueRequests() + " access requests, "
                + settings.queueGrants() + " guest grants and " + settings.queueAudit() + " audit rows", sides);
        Load.Sample users = medians.get(USERS);
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Side side : sides.subList(1, sides.size())) {
            Load.Sample list = medians.get(side.name());
            double ratio = list.perSecond() / users.perSecond();
            rows.add(List.of(side.name(), Report.f("%.1f", list.perSecond()), Report.f("%.3fx", ratio),
                    Report.f("%.3fx", list.cpuMillisPerRequest() / users.cpuMillisPerRequest()), ratio >= 1.0 ? "met" : "**missed**"));
            report.goal("Console: " + side.name() + " / Keycloak users?max=20", ">= 1.00x", Report.f("%.3fx", ratio), ratio >= 1.0);
        }
        report.text(Report.f("Each list / `users?max=20` (%.1f req/s).", users.perSecond()));
        report.table(List.of("List", "req/s", "throughput / users?max=20", "CPU per request / users?max=20", "goal >= 1.00x"), rows);
        onRequest(context, server, http, admin, vg + "/audit/verify", "`audit/verify` (the whole chain)", users);
        onRequest(context, server, http, admin, vg + "/ladder?members=true", "The ladder's member census (`ladder?members=true`)", users);
        report.text(Report.f("View-as sessions in force after the comparison: %d of %d started.",
                Admin.expect(http.get(vg + "/view-as-sessions?first=0&max=1000", admin.get()), 200).json().size(),
                settings.queueViewAs()));
    }

    /**
     * What the console runs only on a button (verifying the whole chain, counting the ladder's members): not lists, so
     * no goal against the user list; timed as an admin meets them, one call alone, then one call on each client thread
     * at once, each allowed ten minutes.
     */
    private static void onRequest(BenchContext context, DistributionServer server, Http http, TokenSource admin, String url,
                                  String what, Load.Sample users) throws Exception {
        Report report = context.report();
        int threads = context.settings().threads();
        Load.Call call = (t, i) -> Admin.expect(http.send(http.request(url, admin.get()).timeout(Duration.ofMinutes(10)).GET()), 200);
        long start = System.nanoTime();
        String answer = Admin.expect(http.send(http.request(url, admin.get()).timeout(Duration.ofMinutes(10)).GET()), 200).body();
        double first = seconds(start);
        Load.Sample sample = Load.closed(server, threads, threads, call);
        report.text(Report.f("%s, on request only: answered `%s` (%.1f s for that call alone); then %d calls at once on %d "
                + "threads: %.3f req/s, p50 %.0f ms, p99 %.0f ms, Keycloak CPU %.0f ms and PostgreSQL CPU %.0f ms per call, %d "
                + "errors (throughput / users?max=20: %.5fx).", what, answer.length() > 300 ? answer.substring(0, 300) + "…" : answer,
                first, sample.requests(), threads, sample.perSecond(), sample.p50Millis(), sample.p99Millis(),
                sample.cpuMillisPerRequest(), sample.postgresCpuMillisPerRequest(), sample.errors(), sample.perSecond() / users.perSecond()));
    }

    private static Comparison.Side get(String name, DistributionServer server, Http http, TokenSource admin, String url) {
        return new Comparison.Side(name, server, (t, i) -> Admin.expect(http.get(url, admin.get()), 200));
    }

    private static String sizes(Connection db, String realmId) throws java.sql.SQLException {
        try (Statement statement = db.createStatement();
             ResultSet sizes = statement.executeQuery("select (select count(*) from user_entity where realm_id = '" + realmId
                     + "'), (select count(*) from vg_guest_grant where realm_id = '" + realmId + "'), "
                     + "(select count(*) from vg_view where realm_id = '" + realmId + "'), "
                     + "(select count(*) from vg_audit_event where realm_id = '" + realmId + "'), "
                     + "(select count(*) from vg_view_as where realm_id = '" + realmId + "'), "
                     + "pg_size_pretty(pg_total_relation_size('vg_audit_event'))")) {
            sizes.next();
            return Report.f("Rows now: %d users in the realm (members and guest principals), %d guest grants on %d views, "
                    + "%d audit rows (%s with indexes), %d view-as rows.", sizes.getLong(1), sizes.getLong(2),
                    sizes.getLong(3), sizes.getLong(4), sizes.getString(6), sizes.getLong(5));
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
