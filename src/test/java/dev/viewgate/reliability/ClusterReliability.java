package dev.viewgate.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Keycloak 26.7.3 nodes on loopback (jdbc-ping discovery through one PostgreSQL, the same hostname, as behind a
 * load balancer): state written through one node is enforced by the other, and a kill -9 of one node under load loses
 * no acknowledged write while the other keeps serving.
 */
final class ClusterReliability {

    private static final List<String> MEMBERS = List.of("cluster-m1", "cluster-m2", "cluster-m3", "cluster-m4");
    /** Asks on A to be decided on B; not one of the load's members, whose requests the durability check counts. */
    private static final String ASKER = "cluster-asker";
    private static final String VIEW = "cluster-report";
    private static final String TOKEN_PATH = "/protocol/openid-connect/token";
    private static final java.util.regex.Pattern CLUSTER_OF_TWO =
            java.util.regex.Pattern.compile("ISPN000094: Received new cluster view for channel ISPN: \\[[^]]*\\] \\(2\\)");

    private final List<String> report = new ArrayList<>();
    private DistributionServer a;
    private DistributionServer b;

    @AfterEach
    void stop() {
        for (DistributionServer node : new DistributionServer[] {a, b}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void stateWrittenOnOneNodeHoldsOnTheOtherAndAKillLosesNothing() throws Exception {
        Path dir = ReliabilityNodes.dir().resolve("cluster");
        int portA = DistributionServer.freePort();
        List<String> sameHostname = List.of("--hostname=http://127.0.0.1:" + portA);
        a = ReliabilityNodes.start("a", dir.resolve("a"), portA, true, sameHostname);
        b = ReliabilityNodes.start("b", dir.resolve("b"), 0, false, sameHostname);
        Await.until(Duration.ofSeconds(60), b::log, log -> CLUSTER_OF_TWO.matcher(log).find(), "node B sees a cluster of two");
        report.add("| Cluster formed | both nodes in one view (`ISPN000094 ... (2)` in node B's log) |");
        Workload.arrange(a, MEMBERS, VIEW);
        Http httpA = new Http(a);
        Http httpB = new Http(b);

        revocationThroughBIsEnforcedOnAWithinOneSecond(httpA, httpB);
        viewAsStartedOnAShowsInTokensRefreshedOnB(httpA, httpB);
        requestSubmittedOnAIsDecidedOnB(httpA, httpB);
        killOfAUnderLoadLosesNothing(dir);
    }

    private void revocationThroughBIsEnforcedOnAWithinOneSecond(Http httpA, Http httpB) {
        String guests = "/views/demo-app/" + VIEW + "/guests";
        JsonNode grant = Admin.expect(httpA.postJson(a.viewgateUrl() + guests, httpA.demoAppToken(),
                Map.of("permissions", List.of("read"))), 201).json();
        String token = Admin.expect(exchange(httpA, a, grant.get("secret").asText()), 200).json().get("access_token").asText();
        assertTrue(introspect(httpB, b, token).get("active").asBoolean(), "node B accepts node A's guest token");

        Admin.expect(httpB.delete(b.viewgateUrl() + guests + "/" + grant.get("id").asText(), httpB.demoAppToken()), 204);
        long revoked = System.nanoTime();
        int attempts = 0;
        Http.Result refused;
        do {
            attempts++;
            refused = exchange(httpA, a, grant.get("secret").asText());
        } while (refused.status() == 200 && System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(1));
        long refusedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked);
        assertEquals(400, refused.status(), "an exchange on A within 1 s of the revocation on B is refused: " + refused.body());
        assertEquals("invalid_grant", refused.json().get("error").asText());
        assertFalse(introspect(httpA, a, token).get("active").asBoolean(), "inactive on A");
        assertFalse(introspect(httpB, b, token).get("active").asBoolean(), "inactive on B");
        report.add("| Guest grant revoked through B | the next exchange on A is refused (`invalid_grant`): attempt " + attempts
                + ", " + refusedAfter + " ms after B acknowledged; the earlier token introspects `active:false` on A and on B |");
    }

    private void viewAsStartedOnAShowsInTokensRefreshedOnB(Http httpA, Http httpB) {
        Tokens ada = new Tokens(a, httpA, "ada");
        assertEquals(7, Tokens.claims(ada.access()).get("tier").asInt());
        Admin.expect(httpA.postJson(a.viewgateUrl() + "/view-as", ada.access(), Map.of("tier", 2)), 200);
        JsonNode refreshed = Admin.expect(httpB.postForm(b.realmUrl() + TOKEN_PATH, Map.of("grant_type", "refresh_token",
                "client_id", "demo-app", "client_secret", "demo-app-secret", "refresh_token", ada.refreshToken())), 200).json();
        JsonNode claims = Tokens.claims(refreshed.get("access_token").asText());
        assertEquals(2, claims.get("tier").asInt(), "the token refreshed on B carries the simulated tier: " + claims);
        assertFalse(Tokens.realmRoles(claims).contains("administrator"));
        Admin.expect(httpB.delete(b.viewgateUrl() + "/view-as", refreshed.get("access_token").asText()), 204);
        report.add("| View as started on A | ada (T7) views as T2 on A; her token refreshed on B carries `tier: 2` and no `administrator`; she exits on B |");
    }

    private void requestSubmittedOnAIsDecidedOnB(Http httpA, Http httpB) {
        String member = ASKER;
        new Admin(a, httpA).createUser(ReliabilityNodes.REALM, member, "Cluster", "Asker");
        String id = Admin.expect(httpA.postJson(a.viewgateUrl() + "/access-requests", httpA.memberToken(member),
                Map.of("message", "cluster")), 201).json().get("id").asText();
        JsonNode queue = Admin.expect(httpB.get(b.viewgateUrl() + "/access-requests/count", httpB.memberToken("olga")), 200).json();
        Admin.expect(httpB.postJson(b.viewgateUrl() + "/access-requests/" + id + "/grant", httpB.memberToken("olga"),
                Map.of("role", "viewer")), 200);
        JsonNode mine = Admin.expect(httpA.get(a.viewgateUrl() + "/access-requests/mine", httpA.memberToken(member)), 200).json();
        assertTrue(mine.get("pending").isNull(), mine.toString());
        assertEquals("GRANTED", mine.get("history").get(0).get("status").asText().toUpperCase(java.util.Locale.ROOT));
        assertTrue(Tokens.realmRoles(Tokens.claims(httpA.memberToken(member))).contains("viewer"), "A's next token has the role");
        report.add("| Access request submitted on A | olga sees it on B (pending count " + queue.get("count") + "), grants `viewer` on B;"
                + " on A the member's request is granted and a new token carries `viewer` |");
    }

    private void killOfAUnderLoadLosesNothing(Path dir) throws Exception {
        AckLog log = new AckLog(dir.resolve("acknowledged-writes.tsv"));
        long killedAt;
        List<Workload.Call> calls;
        try (Workload workload = new Workload(log, List.of(a, b), "kill", MEMBERS, VIEW, 2)) {
            Thread.sleep(3_000); // load on both nodes before the fault
            killedAt = workload.elapsedMillis();
            a.kill();
            Thread.sleep(8_000); // load on B alone after it
            calls = workload.calls();
        }
        List<Workload.Call> onBAfter = calls.stream().filter(c -> c.node() == 1 && c.atMillis() >= killedAt).toList();
        List<Long> latencies = onBAfter.stream().map(Workload.Call::latencyMicros).toList();
        long failedOnB = onBAfter.stream().filter(c -> c.status() < 0 || c.status() >= 500).count();
        long answeredOnB = onBAfter.stream().filter(c -> c.status() / 100 == 2).count();
        DurabilityCheck.Result result = new DurabilityCheck(ReliabilityNodes.jdbcUrl()).check(ReliabilityNodes.REALM, log.writes());
        JsonNode chain = Admin.expect(new Http(b).get(b.baseUrl() + "/admin/realms/" + ReliabilityNodes.REALM
                + "/viewgate/audit/verify", new Http(b).adminToken()), 200).json();
        report.add("| kill -9 of A under load | 4 member lanes + 2 guest lanes over A and B; A killed after " + killedAt
                + " ms; after the kill B answered " + onBAfter.size() + " calls (" + answeredOnB + " 2xx, " + failedOnB
                + " failed), p50 " + ReliabilityReport.percentile(latencies, 50) + ", p99 "
                + ReliabilityReport.percentile(latencies, 99) + ", max " + ReliabilityReport.percentile(latencies, 100)
                + "; " + result.acked() + " acknowledged writes, " + result.inDoubt() + " in doubt, " + result.violations().size()
                + " violations; audit chain " + (chain.get("valid").asBoolean() ? "valid" : "**broken**") + " |");
        ReliabilityReport.section("20-cluster", String.join("\n",
                "## Two-node cluster on loopback",
                "",
                "Two Keycloak 26.7.3 nodes in production mode, each from its own copy of the distribution, one PostgreSQL database,",
                "jdbc-ping discovery with the transport bound to 127.0.0.1, `--hostname` the same on both (as behind a load balancer).",
                "",
                "| Step | What happened |",
                "|---|---|",
                String.join("\n", report)));
        assertEquals(List.of(), result.violations());
        assertEquals(0, failedOnB, "B keeps serving after A is killed");
        assertTrue(answeredOnB > 0, "B served writes after the kill");
        assertTrue(chain.get("valid").asBoolean(), chain.toString());
    }

    private static Http.Result exchange(Http http, DistributionServer node, String secret) {
        return http.postForm(node.realmUrl() + TOKEN_PATH, Map.of("grant_type", "urn:viewgate:grant-type:guest",
                "client_id", "demo-app", "client_secret", "demo-app-secret", "guest_secret", secret));
    }

    private static JsonNode introspect(Http http, DistributionServer node, String token) {
        return Admin.expect(http.postForm(node.realmUrl() + TOKEN_PATH + "/introspect", Map.of(
                "client_id", "demo-app", "client_secret", "demo-app-secret", "token", token)), 200).json();
    }
}
