package dev.viewgate.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * kill -9 under load, 20 times: a bounded client loop writes (submit, update, grant, decline, share, revoke) while
 * Keycloak is killed at a random moment; the database is then checked against every acknowledged write, and the
 * restarted server must serve a valid audit chain.
 */
final class CrashDurabilityReliability {

    private static final int ROUNDS = Integer.getInteger("viewgate.reliability.crashRounds", 20);
    private static final List<String> MEMBERS = List.of("crash-m1", "crash-m2", "crash-m3", "crash-m4");
    private static final String VIEW = "crash-report";

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        long seed = Long.getLong("viewgate.reliability.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        Path dir = ReliabilityNodes.dir().resolve("crash");
        AckLog log = new AckLog(dir.resolve("acknowledged-writes.tsv"));
        DurabilityCheck check = new DurabilityCheck(ReliabilityNodes.jdbcUrl());
        List<String> rows = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        long restartMillis = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Instant started = Instant.now();
            DistributionServer server = ReliabilityNodes.start("crash", dir.resolve("round-" + round), 0, round == 1, List.of());
            long ready = Duration.between(started, Instant.now()).toMillis();
            restartMillis += round == 1 ? 0 : ready;
            if (round == 1) {
                Workload.arrange(server, MEMBERS, VIEW);
            }
            JsonNode chain = auditChain(server);
            long killAfter = random.nextInt(3000);
            long before = log.count(AckLog.Outcome.ACKED);
            try (Workload workload = new Workload(log, List.of(server), "round" + round, MEMBERS, VIEW, 2)) {
                Await.until(Duration.ofSeconds(60), () -> log.count(AckLog.Outcome.ACKED), n -> n > before, "the first write");
                Thread.sleep(killAfter); // the fault comes at a random moment of the load: this is the moment
                server.kill();
            }
            DurabilityCheck.Result result = check.check(ReliabilityNodes.REALM, log.writes());
            String label = "round " + round + ": ";
            result.violations().forEach(v -> violations.add(label + v));
            rows.add(String.format("| %d | %d ms | %s | %d ms | %d | %d | %d | %d | %d | %d |", round, ready,
                    chain.get("valid").asBoolean() ? "valid (" + chain.get("checked").asLong() + " rows)" : "**broken**",
                    killAfter, log.count(AckLog.Outcome.ACKED) - before, result.inDoubt(), result.requests(),
                    result.grants(), result.auditRows(), result.violations().size()));
        }
        DistributionServer last = ReliabilityNodes.start("crash", dir.resolve("after"), 0, false, List.of());
        JsonNode chain;
        DurabilityCheck.Result result;
        try {
            chain = auditChain(last);
            result = check.check(ReliabilityNodes.REALM, log.writes());
        } finally {
            last.stop();
        }
        ReliabilityReport.section("30-crash", String.join("\n",
                "## Crash durability: kill -9 under load, " + ROUNDS + " rounds",
                "",
                "One node (production mode, PostgreSQL). Each round starts Keycloak on the database the last round left, checks",
                "the audit chain through `GET /admin/realms/{realm}/viewgate/audit/verify`, runs 4 member lanes (submit, update,",
                "grant or decline by olga) and 2 guest lanes (share a view as the demo app, revoke), kills the JVM with SIGKILL",
                "at a random moment (0 to 3 s after the round's first acknowledged write), then checks PostgreSQL directly against",
                "every write the client saw acknowledged. A restart after a crash includes JGroups' 10 join attempts (20 s) to the",
                "killed node, which jdbc-ping still lists, before the node forms a cluster of its own: that is Keycloak's behaviour.",
                "Random seed: `" + seed + "` (`-Dviewgate.reliability.seed` repeats the kill moments).",
                "",
                "| Round | Start to ready (round 1: with kc.sh build) | Audit chain at start | Killed after the first write by | Writes acknowledged | In doubt so far | Requests stored | Grants stored | Audit rows | Violations |",
                "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
                String.join("\n", rows),
                "",
                String.format("After the last crash: audit chain %s over %d rows; %d acknowledged writes, %d in doubt (sent when the",
                        chain.get("valid").asBoolean() ? "valid" : "**broken**", chain.get("checked").asLong(), result.acked(), result.inDoubt()),
                "kill came, so either outcome is allowed), " + result.violations().size() + " violations. Mean restart time "
                        + (ROUNDS > 1 ? restartMillis / (ROUNDS - 1) : 0) + " ms.",
                "Acknowledged-write log: `target/reliability/crash/acknowledged-writes.tsv`."));
        assertEquals(List.of(), violations);
        assertEquals(List.of(), result.violations());
        assertTrue(chain.get("valid").asBoolean(), chain.toString());
        assertTrue(result.acked() >= ROUNDS, "the loop wrote: " + result.acked());
    }

    private static JsonNode auditChain(DistributionServer server) {
        Http http = new Http(server);
        return Admin.expect(http.get(server.baseUrl() + "/admin/realms/" + ReliabilityNodes.REALM + "/viewgate/audit/verify",
                http.adminToken()), 200).json();
    }
}
