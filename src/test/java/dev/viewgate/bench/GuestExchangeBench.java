package dev.viewgate.bench;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import java.util.List;
import java.util.Map;

/**
 * Part 1: the guest-token exchange against Keycloak's own {@code client_credentials} grant for the same confidential
 * client, on one server. Both mint one access token for a client that authenticates with its secret.
 */
final class GuestExchangeBench {

    static final String CLIENT_CREDENTIALS = "client_credentials (Keycloak)";
    static final String GUEST = "guest exchange (Viewgate)";

    private GuestExchangeBench() {
    }

    static void run(BenchContext context, DistributionServer server, double signaturesPerSecond) throws Exception {
        Report report = context.report();
        report.section("1. Guest-token exchange vs client_credentials");
        Http http = new Http(server);
        String tokenUrl = tokenUrl(server);
        Map<String, String> clientCredentials = Map.of("grant_type", "client_credentials", "client_id", "demo-app",
                "client_secret", "demo-app-secret");
        Map<String, String> guest = guestForm(server, http);
        Map<String, Load.Sample> medians = Comparison.run(context, "Token grants of demo-app", List.of(
                new Comparison.Side(CLIENT_CREDENTIALS, server, (t, i) -> Admin.expect(http.postForm(tokenUrl, clientCredentials), 200)),
                new Comparison.Side(GUEST, server, (t, i) -> Admin.expect(http.postForm(tokenUrl, guest), 200))));
        Load.Sample base = medians.get(CLIENT_CREDENTIALS);
        Load.Sample exchange = medians.get(GUEST);
        context.guestExchangeRate(exchange.perSecond());
        double rate = exchange.perSecond() / base.perSecond();
        double cpu = exchange.cpuMillisPerRequest() / base.cpuMillisPerRequest();
        report.text(Report.f("Guest exchange / client_credentials: %s. Both sides are bounded by the %.0f RS256 signatures/s "
                + "this machine makes on 2 threads: the exchange reaches %.0f%% of that rate, client_credentials %.0f%%.",
                Comparison.ratios(exchange, base), signaturesPerSecond, 100 * exchange.perSecond() / signaturesPerSecond,
                100 * base.perSecond() / signaturesPerSecond));
        report.goal("Guest exchange throughput / client_credentials", ">= 0.90x", Report.f("%.3fx", rate), rate >= 0.9);
        report.goal("Guest exchange CPU per request / client_credentials", "<= 1.15x", Report.f("%.3fx", cpu), cpu <= 1.15);
    }

    static String tokenUrl(DistributionServer server) {
        return server.realmUrl() + "/protocol/openid-connect/token";
    }

    /** The token request of a guest: a grant on a registered view, shared by the app's service account, without expiry. */
    static Map<String, String> guestForm(DistributionServer server, Http http) {
        String app = http.demoAppToken();
        String view = server.viewgateUrl() + "/views/demo-app/bench-report";
        int status = http.putJson(view, app, Map.of("name", "Bench report", "editable", false, "addable", false,
                "exportable", true)).status();
        if (status != 200 && status != 201) {
            throw new IllegalStateException("PUT " + view + " answered " + status);
        }
        String secret = Admin.expect(http.postJson(view + "/guests", app, Map.of("permissions", List.of("read", "export"))), 201)
                .json().get("secret").asText();
        return Map.of("grant_type", "urn:viewgate:grant-type:guest", "client_id", "demo-app",
                "client_secret", "demo-app-secret", "guest_secret", secret);
    }
}
