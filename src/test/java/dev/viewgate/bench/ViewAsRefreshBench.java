package dev.viewgate.bench;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Part 2: refresh-token grants of SSO sessions with view-as inactive, active by tier and active as a member. Each
 * client thread refreshes its own session's refresh token (Keycloak does not rotate them by default).
 */
final class ViewAsRefreshBench {

    private static final String INACTIVE = "view-as inactive (ada, T7)";

    private ViewAsRefreshBench() {
    }

    static void run(BenchContext context, DistributionServer server) throws Exception {
        Report report = context.report();
        report.section("2. Refresh-token grant with view-as active vs inactive");
        Http http = new Http(server);
        int threads = context.settings().threads();
        List<Comparison.Side> sides = List.of(
                side(INACTIVE, server, http, sessions(server, http, "ada", null, threads)),
                side("view-as by tier T2 (ada)", server, http, sessions(server, http, "ada", Map.of("tier", 2), threads)),
                side("view-as as member bob (arch)", server, http, sessions(server, http, "arch", Map.of("user", "bob"), threads)));
        Map<String, Load.Sample> medians = Comparison.run(context, "Refresh-token grants of demo-app", sides);
        Load.Sample inactive = medians.get(INACTIVE);
        for (Comparison.Side side : sides.subList(1, sides.size())) {
            Load.Sample active = medians.get(side.name());
            double ratio = active.perSecond() / inactive.perSecond();
            report.text(side.name() + " / inactive: " + Comparison.ratios(active, inactive) + ".");
            report.goal("Refresh, " + side.name() + " / inactive", ">= 0.95x", Report.f("%.3fx", ratio), ratio >= 0.95);
        }
        freshness(context, server, http);
    }

    /**
     * What an app pays to learn at each page that a member's access changed ({@code me/freshness}) against what it
     * pays to ask Keycloak who the member is (userinfo), with the same access token of one SSO session per thread.
     */
    private static void freshness(BenchContext context, DistributionServer server, Http http) throws Exception {
        Report report = context.report();
        report.section("2b. The freshness check an app makes at each page vs Keycloak's userinfo");
        int threads = context.settings().threads();
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tokens.add(Admin.expect(http.postForm(GuestExchangeBench.tokenUrl(server), Map.of("grant_type", "password",
                    "client_id", "demo-app", "client_secret", "demo-app-secret", "username", "ada", "password", "ada")), 200)
                    .json().get("access_token").asText());
        }
        String userinfo = server.realmUrl() + "/protocol/openid-connect/userinfo";
        String freshness = server.viewgateUrl() + "/me/freshness";
        String keycloak = "Keycloak: userinfo";
        String viewgate = "Viewgate: me/freshness (ada, a decider: with the queue's count)";
        Map<String, Load.Sample> medians = Comparison.run(context, "Per-page calls of demo-app with ada's access token", List.of(
                new Comparison.Side(keycloak, server, (thread, i) -> Admin.expect(http.get(userinfo, tokens.get(thread)), 200)),
                new Comparison.Side(viewgate, server, (thread, i) -> Admin.expect(http.get(freshness, tokens.get(thread)), 200))));
        Load.Sample check = medians.get(viewgate);
        Load.Sample reference = medians.get(keycloak);
        double ratio = check.perSecond() / reference.perSecond();
        report.text("me/freshness / userinfo: " + Comparison.ratios(check, reference) + ".");
        report.goal("me/freshness / Keycloak userinfo", ">= 0.90x", Report.f("%.3fx", ratio), ratio >= 0.90);
    }

    private static Comparison.Side side(String name, DistributionServer server, Http http, List<String> refreshTokens) {
        String tokenUrl = GuestExchangeBench.tokenUrl(server);
        return new Comparison.Side(name, server, (thread, i) -> Admin.expect(http.postForm(tokenUrl, Map.of(
                "grant_type", "refresh_token", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "refresh_token", refreshTokens.get(thread))), 200));
    }

    /** One SSO session per client thread, each with view-as started as {@code viewAs} (none when null). */
    private static List<String> sessions(DistributionServer server, Http http, String username, Map<String, Object> viewAs,
                                         int count) {
        List<String> refreshTokens = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            var response = Admin.expect(http.postForm(GuestExchangeBench.tokenUrl(server), Map.of(
                    "grant_type", "password", "client_id", "demo-app", "client_secret", "demo-app-secret",
                    "username", username, "password", username)), 200).json();
            if (viewAs != null) {
                Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", response.get("access_token").asText(), viewAs), 200);
            }
            refreshTokens.add(response.get("refresh_token").asText());
        }
        return refreshTokens;
    }
}
