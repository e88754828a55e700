package dev.viewgate.bench;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark, not a test: the guest-token exchange against Keycloak's own {@code client_credentials} grant for the
 * same confidential client, on one server, in alternating rounds after discarded warm-up rounds. Prints req/s,
 * the server's CPU milliseconds per request and both ratios; never fails on a number.
 * Run: {@code mvn -Pbench verify -Dbench=GuestExchangeBench} (add {@code -Dviewgate.it.db=postgres} for PostgreSQL).
 */
public final class GuestExchangeBench {

    private static final int ROUNDS = Integer.getInteger("viewgate.bench.rounds", 3);
    private static final int REQUESTS = Integer.getInteger("viewgate.bench.requests", 2000);
    private static final int WARMUP_ROUNDS = Integer.getInteger("viewgate.bench.warmupRounds", 2);
    private static final int THREADS = 2;
    private static final String GUEST = "guest exchange";
    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private record Figures(double perSecond, double cpuMillisPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("keycloak.server.home"));
        DistributionServer server = DistributionServer.start(home, Path.of(System.getProperty("viewgate.it.workdir")), List.of());
        try {
            Http http = new Http(server);
            String tokenUrl = server.realmUrl() + "/protocol/openid-connect/token";
            Map<String, Map<String, String>> forms = new LinkedHashMap<>();
            forms.put(CLIENT_CREDENTIALS, Map.of("grant_type", "client_credentials", "client_id", "demo-app",
                    "client_secret", "demo-app-secret"));
            forms.put(GUEST, Map.of("grant_type", "urn:viewgate:grant-type:guest", "client_id", "demo-app",
                    "client_secret", "demo-app-secret", "guest_secret", guestSecret(server, http, tokenUrl)));
            for (int round = 0; round < WARMUP_ROUNDS; round++) {
                for (Map<String, String> form : forms.values()) {
                    run(server, http, tokenUrl, form); // discarded: the JIT warms up on both paths
                }
            }
            Map<String, List<Figures>> results = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (Map.Entry<String, Map<String, String>> variant : forms.entrySet()) {
                    results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(run(server, http, tokenUrl, variant.getValue()));
                }
                System.out.printf("round %d done%n", round);
            }
            System.out.println();
            System.out.printf("Token grants: %d rounds x %d requests, %d client threads, one machine, loopback, %s%n",
                    ROUNDS, REQUESTS, THREADS, System.getProperty("viewgate.it.db", "h2"));
            double baseRate = median(results.get(CLIENT_CREDENTIALS), Figures::perSecond);
            double baseCpu = median(results.get(CLIENT_CREDENTIALS), Figures::cpuMillisPerRequest);
            results.forEach((name, figures) -> System.out.printf(
                    "%-18s median %8.1f req/s (x%.3f)   CPU %.3f ms/request (x%.3f)   rounds %s%n",
                    name, median(figures, Figures::perSecond), median(figures, Figures::perSecond) / baseRate,
                    median(figures, Figures::cpuMillisPerRequest), median(figures, Figures::cpuMillisPerRequest) / baseCpu,
                    figures.stream().map(f -> String.format("%.1f/s %.2fms", f.perSecond(), f.cpuMillisPerRequest())).toList()));
        } finally {
            server.stop();
        }
    }

    /** A grant on a registered view, shared by the app's service account, without expiry. */
    private static String guestSecret(DistributionServer server, Http http, String tokenUrl) {
        String app = Admin.expect(http.postForm(tokenUrl, Map.of("grant_type", "client_credentials", "client_id", "demo-app",
                "client_secret", "demo-app-secret")), 200).json().get("access_token").asText();
        String view = server.viewgateUrl() + "/views/demo-app/bench-report";
        Admin.expect(http.putJson(view, app, Map.of("name", "Bench report", "editable", false, "addable", false,
                "exportable", true)), 201);
        return Admin.expect(http.postJson(view + "/guests", app, Map.of("permissions", List.of("read", "export"))), 201)
                .json().get("secret").asText();
    }

    private static Figures run(DistributionServer server, Http http, String tokenUrl, Map<String, String> form) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            Duration cpuBefore = server.cpuTime();
            long start = System.nanoTime();
            List<Future<?>> measured = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                measured.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS / THREADS; i++) {
                        Admin.expect(http.postForm(tokenUrl, form), 200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : measured) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMillis = server.cpuTime().minus(cpuBefore).toNanos() / 1e6;
            return new Figures(REQUESTS / seconds, cpuMillis / REQUESTS);
        } finally {
            pool.shutdown();
        }
    }

    private static double median(List<Figures> figures, java.util.function.ToDoubleFunction<Figures> value) {
        List<Double> sorted = new ArrayList<>(figures.stream().map(value::applyAsDouble).toList());
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
