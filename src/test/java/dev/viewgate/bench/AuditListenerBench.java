package dev.viewgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: what the viewgate-audit listener costs a request that it audits. The same Keycloak build
 * runs twice, with the listener and with {@code --spi-events-listener--viewgate-audit--enabled=false}, in alternating
 * rounds; each round times the same bounded number of requests over loopback. Prints figures and ratios, never fails
 * on a number. Run: {@code mvn -Pbench-audit verify}.
 */
public final class AuditListenerBench {

    private static final int ROUNDS = Integer.getInteger("viewgate.bench.rounds", 3);
    private static final int REQUESTS = Integer.getInteger("viewgate.bench.requests", 1000);
    private static final int THREADS = 2;

    private record Variant(String name, Path home, List<String> options) {
    }

    private record Round(String variant, String workload, double requestsPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(System.getProperty("keycloak.server.home"));
        Path dir = Path.of(System.getProperty("viewgate.bench.dir"));
        List<Variant> variants = List.of(
                new Variant("listener on", copy(source, dir.resolve("with")), List.of()),
                new Variant("listener off", copy(source, dir.resolve("without")),
                        List.of("--spi-events-listener--viewgate-audit--enabled=false")));
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (Variant variant : variants) {
                DistributionServer server = DistributionServer.start(variant.home(), dir.resolve(variant.name().replace(' ', '-')),
                        variant.options());
                try {
                    rounds.addAll(measure(server, variant.name()));
                } finally {
                    server.stop();
                }
                System.out.printf("round %d, %s done%n", round, variant.name());
            }
        }
        report(rounds);
    }

    private static List<Round> measure(KeycloakServer server, String variant) throws Exception {
        Http http = new Http(server);
        Admin admin = new Admin(server, http);
        String adminToken = http.adminToken();
        JsonNode viewer = admin.realmRole(KeycloakServer.REALM, "viewer");
        List<String> users = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            users.add(admin.createUser(KeycloakServer.REALM, "bench-" + System.nanoTime() + "-" + t, "Bench", "User" + t));
        }
        String memberToken = http.memberToken("bob");
        String probe = server.realmUrl() + "/viewgate-it-probe/change";

        // Keycloak's own request: a tier role mapped and unmapped through the admin API (audited as TIER_ROLE_CHANGED).
        double roleMapping = run(REQUESTS, THREADS, (thread, i) -> {
            String url = admin.realmAdminUrl(KeycloakServer.REALM) + "/users/" + users.get(thread) + "/role-mappings/realm";
            HttpRequest.Builder request = http.request(url, adminToken).header("Content-Type", "application/json");
            String body = Http.toJson(List.of(viewer));
            request = i % 2 == 0 ? request.POST(HttpRequest.BodyPublishers.ofString(body))
                    : request.method("DELETE", HttpRequest.BodyPublishers.ofString(body));
            Admin.expect(http.send(request), 204);
        });
        // A Viewgate change recorded through AuditLog (a VIEWGATE_* admin event).
        double viewgateChange = run(REQUESTS, THREADS, (thread, i) ->
                Admin.expect(http.postJson(probe, memberToken, Map.of("i", i)), 200));
        return List.of(new Round(variant, "tier role mapping (admin REST)", roleMapping),
                new Round(variant, "audited Viewgate change", viewgateChange));
    }

    private interface Call {
        void call(int thread, int index) throws Exception;
    }

    /**
     * Requests per second for {@code requests} calls over {@code threads} threads, after as many warm-up calls: each
     * round starts a fresh server, and its first thousand requests are mostly the JIT at work.
     */
    private static double run(int requests, int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<?> f : submit(pool, requests, threads, call)) {
                f.get();
            }
            long start = System.nanoTime();
            for (Future<?> f : submit(pool, requests, threads, call)) {
                f.get();
            }
            return requests / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static List<Future<?>> submit(ExecutorService pool, int requests, int threads, Call call) {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < requests / threads; i++) {
                    call.call(thread, i);
                }
                return null;
            }));
        }
        return futures;
    }

    private static void report(List<Round> rounds) {
        System.out.println();
        System.out.printf("Audit listener cost: %d rounds x %d requests, %d client threads, one machine, loopback%n",
                ROUNDS, REQUESTS, THREADS);
        for (String workload : rounds.stream().map(Round::workload).distinct().toList()) {
            double on = median(rounds, workload, "listener on");
            double off = median(rounds, workload, "listener off");
            System.out.printf("%-32s listener on %8.1f req/s   off %8.1f req/s   on/off %.3f   cost per request %+.1f%%%n",
                    workload, on, off, on / off, (off / on - 1) * 100);
            rounds.stream().filter(r -> r.workload().equals(workload))
                    .forEach(r -> System.out.printf("    %-13s %8.1f req/s%n", r.variant(), r.requestsPerSecond()));
        }
    }

    private static double median(List<Round> rounds, String workload, String variant) {
        List<Double> values = new ArrayList<>(rounds.stream()
                .filter(r -> r.workload().equals(workload) && r.variant().equals(variant))
                .map(Round::requestsPerSecond).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    /** A private copy of the unpacked distribution per variant, so neither ever re-augments after its first start. */
    private static Path copy(Path source, Path target) throws IOException {
        if (Files.exists(target.resolve("bin/kc.sh"))) {
            return target;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else if (!file.startsWith(source.resolve("data")) && !file.startsWith(source.resolve("providers"))) {
                    Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return target;
    }
}
