package dev.viewgate.bench;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark, not a test: refresh-token grants of sessions with view-as inactive, active by tier, and active as a
 * member, measured on one server in alternating rounds. Prints req/s and the ratios to "inactive"; never fails on a
 * number. Run: {@code mvn -Pbench verify -Dbench=ViewAsRefreshBench}.
 */
public final class ViewAsRefreshBench {

    private static final int ROUNDS = Integer.getInteger("viewgate.bench.rounds", 3);
    private static final int REQUESTS = Integer.getInteger("viewgate.bench.requests", 2000);
    private static final int THREADS = 2;

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("keycloak.server.home"));
        DistributionServer server = DistributionServer.start(home, Path.of(System.getProperty("viewgate.it.workdir")), List.of());
        try {
            Http http = new Http(server);
            Map<String, List<String>> refreshTokens = new LinkedHashMap<>();
            refreshTokens.put("view-as inactive", sessions(server, http, "ada", null));
            refreshTokens.put("view-as by tier (T2)", sessions(server, http, "ada", Map.of("tier", 2)));
            refreshTokens.put("view-as as member (bob)", sessions(server, http, "arch", Map.of("user", "bob")));
            for (List<String> tokens : refreshTokens.values()) {
                run(server, http, tokens); // a discarded round: the JIT warms up on every path
            }
            Map<String, List<Double>> results = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (Map.Entry<String, List<String>> variant : refreshTokens.entrySet()) {
                    results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(run(server, http, variant.getValue()));
                }
                System.out.printf("round %d done%n", round);
            }
            System.out.println();
            System.out.printf("Refresh-token grant: %d rounds x %d requests, %d client threads, one machine, loopback, H2%n",
                    ROUNDS, REQUESTS, THREADS);
            double baseline = median(results.get("view-as inactive"));
            results.forEach((name, values) -> System.out.printf("%-26s median %8.1f req/s   ratio to inactive %.3f   rounds %s%n",
                    name, median(values), median(values) / baseline,
                    values.stream().map(v -> String.format("%.1f", v)).toList()));
        } finally {
            server.stop();
        }
    }

    /** One SSO session per client thread, each with view-as started as {@code viewAs} (none when null). */
    private static List<String> sessions(KeycloakServer server, Http http, String username, Map<String, Object> viewAs) {
        List<String> refreshTokens = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            var response = Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "demo-app", "client_secret", "demo-app-secret",
                    "username", username, "password", username)), 200).json();
            if (viewAs != null) {
                Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", response.get("access_token").asText(), viewAs), 200);
            }
            refreshTokens.add(response.get("refresh_token").asText());
        }
        return refreshTokens;
    }

    private static double run(KeycloakServer server, Http http, List<String> refreshTokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> warmup = new ArrayList<>();
            for (String token : refreshTokens) {
                warmup.add(pool.submit(() -> refreshes(server, http, token, REQUESTS / 10 / THREADS)));
            }
            for (Future<?> f : warmup) {
                f.get();
            }
            long start = System.nanoTime();
            List<Future<?>> measured = new ArrayList<>();
            for (String token : refreshTokens) {
                measured.add(pool.submit(() -> refreshes(server, http, token, REQUESTS / THREADS)));
            }
            for (Future<?> f : measured) {
                f.get();
            }
            return REQUESTS / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static Void refreshes(KeycloakServer server, Http http, String refreshToken, int count) {
        for (int i = 0; i < count; i++) {
            Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "refresh_token", "client_id", "demo-app", "client_secret", "demo-app-secret",
                    "refresh_token", refreshToken)), 200);
        }
        return null;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
