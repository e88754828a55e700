package dev.viewgate.bench;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Part 4: what the global {@code viewgate-audit} listener costs. Two servers with the same jar and realm, one built
 * with {@code --spi-events-listener--viewgate-audit--enabled=false}, both running, measured in alternating rounds:
 * {@code client_credentials} (the goal), and a tier role mapped and unmapped through Keycloak's admin REST API,
 * where the listener does its real work (it detects the tier change and writes an audit row).
 */
final class AuditListenerBench {

    static final List<String> LISTENER_OFF = List.of("--spi-events-listener--viewgate-audit--enabled=false");
    private static final String ON = "listener on";
    private static final String OFF = "listener off";

    private AuditListenerBench() {
    }

    static void run(BenchContext context, DistributionServer on, DistributionServer off) throws Exception {
        Report report = context.report();
        report.section("4. Audit listener cost");
        report.text("The same build twice, the second with `" + LISTENER_OFF.get(0) + "` (a build-time option), each on "
                + "its own database; both run during the comparison and take turns.");
        Map<String, Load.Sample> cc = Comparison.run(context, "client_credentials, viewgate-audit on vs off", List.of(
                new Comparison.Side(ON, on, clientCredentials(on)),
                new Comparison.Side(OFF, off, clientCredentials(off))));
        double cost = cc.get(OFF).perSecond() / cc.get(ON).perSecond() - 1;
        double cpuCost = cc.get(ON).cpuMillisPerRequest() / cc.get(OFF).cpuMillisPerRequest() - 1;
        report.text(Report.f("client_credentials with the listener on / off: %s; the listener costs %+.1f%% time and %+.1f%% CPU "
                + "per request.", Comparison.ratios(cc.get(ON), cc.get(OFF)), 100 * cost, 100 * cpuCost));
        report.goal("Audit listener cost on client_credentials", "<= 5%", Report.f("%+.1f%% (CPU %+.1f%%)", 100 * cost,
                100 * cpuCost), cost <= 0.05);

        Map<String, Load.Sample> mapping = Comparison.run(context, "Tier role mapped/unmapped (admin REST), viewgate-audit on vs off",
                List.of(new Comparison.Side(ON, on, roleMapping(on, context.settings().threads())),
                        new Comparison.Side(OFF, off, roleMapping(off, context.settings().threads()))));
        report.text(Report.f("Tier role mapping with the listener on / off (no goal; each request is audited as "
                + "TIER_ROLE_CHANGED): %s, a cost of %+.1f%% per request.", Comparison.ratios(mapping.get(ON), mapping.get(OFF)),
                100 * (mapping.get(OFF).perSecond() / mapping.get(ON).perSecond() - 1)));
    }

    private static Load.Call clientCredentials(DistributionServer server) {
        Http http = new Http(server);
        String tokenUrl = GuestExchangeBench.tokenUrl(server);
        Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", "demo-app",
                "client_secret", "demo-app-secret");
        return (thread, i) -> Admin.expect(http.postForm(tokenUrl, form), 200);
    }

    /** Each client thread maps and unmaps the viewer role of its own user, alternately. */
    private static Load.Call roleMapping(DistributionServer server, int threads) {
        Http http = new Http(server);
        Admin admin = new Admin(server, http);
        TokenSource adminToken = new TokenSource(http::adminToken, Duration.ofSeconds(30));
        String body = Http.toJson(List.of(admin.realmRole(KeycloakServer.REALM, "viewer")));
        List<String> urls = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = admin.createUser(KeycloakServer.REALM, "bench-mapping-" + System.nanoTime() + "-" + t, "Bench", "Mapping");
            urls.add(admin.realmAdminUrl(KeycloakServer.REALM) + "/users/" + user + "/role-mappings/realm");
        }
        // Alternating per thread: the i-th request of a thread maps when i is even and unmaps when it is odd; a round
        // has an even number of requests per thread in the default settings, so each round starts unmapped.
        int[] mapped = new int[threads];
        return (thread, i) -> {
            HttpRequest.Builder request = http.request(urls.get(thread), adminToken.get()).header("Content-Type", "application/json");
            boolean map = mapped[thread]++ % 2 == 0;
            request = map ? request.POST(HttpRequest.BodyPublishers.ofString(body))
                    : request.method("DELETE", HttpRequest.BodyPublishers.ofString(body));
            Admin.expect(http.send(request), 204);
        };
    }
}
