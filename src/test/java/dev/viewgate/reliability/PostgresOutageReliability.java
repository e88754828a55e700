package dev.viewgate.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped immediately ({@code pg_ctlcluster ... stop -m immediate}: no checkpoint, every connection cut)
 * under load for 10 s, then started again: Keycloak answers fast with JSON errors meanwhile, recovers without a
 * restart, and loses nothing it acknowledged. Stop and start commands: {@code -Dviewgate.reliability.pgStop/pgStart}.
 */
final class PostgresOutageReliability {

    private static final List<String> MEMBERS = List.of("outage-m1", "outage-m2", "outage-m3", "outage-m4");
    private static final String VIEW = "outage-report";
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void requestsFailFastDuringAnOutageAndNothingAcknowledgedIsLost() throws Exception {
        Path dir = ReliabilityNodes.dir().resolve("outage");
        DistributionServer server = ReliabilityNodes.start("outage", dir, 0, true, List.of());
        try {
            Workload.arrange(server, MEMBERS, VIEW);
            AckLog log = new AckLog(dir.resolve("acknowledged-writes.tsv"));
            long stoppedAt;
            long startedAt;
            long recoveredAt;
            List<Workload.Call> calls;
            try (Workload workload = new Workload(log, List.of(server), "outage", MEMBERS, VIEW, 2)) {
                Thread.sleep(3_000); // load before the fault
                run(command("viewgate.reliability.pgStop", "stop -m immediate"));
                stoppedAt = workload.elapsedMillis();
                Thread.sleep(OUTAGE.toMillis()); // the outage lasts this long: it is the fault, not a wait for a condition
                long starting = workload.elapsedMillis();
                run(command("viewgate.reliability.pgStart", "start"));
                startedAt = starting;
                long start = startedAt;
                recoveredAt = Await.until(Duration.ofSeconds(120), workload::calls, all -> all.stream()
                        .anyMatch(c -> c.atMillis() > start && c.status() / 100 == 2), "a write succeeds again").stream()
                        .filter(c -> c.atMillis() > start && c.status() / 100 == 2).mapToLong(Workload.Call::atMillis).min().orElseThrow();
                long enough = log.count(AckLog.Outcome.ACKED) + 20;
                Await.until(Duration.ofSeconds(60), () -> log.count(AckLog.Outcome.ACKED), n -> n >= enough, "20 more writes after recovery");
                calls = workload.calls();
            }
            assertTrue(server.isAlive(), "Keycloak was not restarted");
            List<Workload.Call> during = calls.stream().filter(c -> c.atMillis() >= stoppedAt && c.atMillis() < startedAt).toList();
            Map<String, Long> statuses = during.stream().collect(Collectors.groupingBy(
                    c -> c.status() < 0 ? "no answer" : Integer.toString(c.status()), TreeMap::new, Collectors.counting()));
            List<Long> latencies = during.stream().map(Workload.Call::latencyMicros).toList();
            long errorsWithoutJson = during.stream().filter(c -> c.status() >= 500 && !c.jsonBody()).count();
            String timeline = timeline(calls, stoppedAt, startedAt);
            DurabilityCheck.Result result = new DurabilityCheck(ReliabilityNodes.jdbcUrl()).check(ReliabilityNodes.REALM, log.writes());
            Http http = new Http(server);
            JsonNode chain = Admin.expect(http.get(server.baseUrl() + "/admin/realms/" + ReliabilityNodes.REALM
                    + "/viewgate/audit/verify", http.adminToken()), 200).json();
            ReliabilityReport.section("40-postgres-outage", String.join("\n",
                    "## PostgreSQL outage of " + OUTAGE.toSeconds() + " s under load",
                    "",
                    "One node (production mode). After 3 s of load (4 member lanes, 2 guest lanes) PostgreSQL is stopped with",
                    "`pg_ctlcluster ... stop -m immediate`, started again " + OUTAGE.toSeconds() + " s later; Keycloak is not restarted.",
                    "",
                    "| Figure | Value |",
                    "|---|---|",
                    "| Calls answered during the outage | " + during.size() + ": " + statuses + " |",
                    "| Latency during the outage | p50 " + ReliabilityReport.percentile(latencies, 50) + ", p99 "
                            + ReliabilityReport.percentile(latencies, 99) + ", max " + ReliabilityReport.percentile(latencies, 100) + " |",
                    "| 5xx answers without a JSON body | " + errorsWithoutJson + " |",
                    "| First successful write after PostgreSQL started | " + (recoveredAt - startedAt) + " ms |",
                    "| Writes | " + result.acked() + " acknowledged, " + result.inDoubt() + " in doubt; " + result.violations().size()
                            + " violations |",
                    "| Audit chain after recovery | " + (chain.get("valid").asBoolean() ? "valid" : "**broken**") + " over "
                            + chain.get("checked").asLong() + " rows |",
                    "",
                    "Calls per second of the load, by when they started (PostgreSQL down from second " + stoppedAt / 1000
                            + " to " + startedAt / 1000 + "). A call that finds no database is answered with a JSON 500 after",
                    "the latency above (Keycloak's connection attempts to a refusing port); one that starts within that",
                    "time of the restart is served once PostgreSQL is back. Lanes pause 100 ms after a failure.",
                    "",
                    "| Second | 2xx | 4xx | 5xx | no answer |",
                    "|---:|---:|---:|---:|---:|",
                    timeline));
            assertEquals(0, statuses.getOrDefault("no answer", 0L), "every call during the outage was answered: " + statuses);
            assertEquals(0, errorsWithoutJson, "errors during the outage are JSON");
            assertEquals(List.of(), result.violations());
            assertTrue(chain.get("valid").asBoolean(), chain.toString());
        } finally {
            ensurePostgresRuns();
            server.stop();
        }
    }

    /** One row per second of the run: how the calls that started in it were answered. */
    private static String timeline(List<Workload.Call> calls, long stoppedAt, long startedAt) {
        Map<Long, long[]> seconds = new TreeMap<>();
        for (Workload.Call call : calls) {
            long[] counts = seconds.computeIfAbsent(call.atMillis() / 1000, s -> new long[4]);
            counts[call.status() < 0 ? 3 : Math.min(2, Math.max(0, call.status() / 100 - 2))]++;
        }
        return seconds.entrySet().stream().map(e -> "| " + e.getKey() + (e.getKey() * 1000 >= stoppedAt
                        && e.getKey() * 1000 < startedAt ? " (down)" : "") + " | " + e.getValue()[0] + " | " + e.getValue()[1]
                        + " | " + e.getValue()[2] + " | " + e.getValue()[3] + " |")
                .collect(Collectors.joining("\n"));
    }

    private static List<String> command(String property, String action) throws IOException {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Arrays.asList(configured.trim().split("\\s+"));
        }
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            String version = versions.map(p -> p.getFileName().toString()).sorted().reduce((x, y) -> y).orElseThrow();
            return Arrays.asList(("pg_ctlcluster --skip-systemctl-redirect " + version + " main " + action).split(" "));
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
    }

    /** Whatever failed, PostgreSQL is left running for the rest of the run (a start of a running cluster is refused). */
    private static void ensurePostgresRuns() throws IOException, InterruptedException {
        List<String> start = command("viewgate.reliability.pgStart", "start");
        Process process = new ProcessBuilder(start).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // pg_ctlcluster start answers 2 when the cluster already runs, which is what this ensures
        if (!process.waitFor(60, TimeUnit.SECONDS) || (process.exitValue() != 0 && process.exitValue() != 2)) {
            throw new IllegalStateException("PostgreSQL could not be started again with " + start + ": " + output);
        }
    }
}
