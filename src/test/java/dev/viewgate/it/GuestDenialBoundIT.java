package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A public-link client redeems bogus secrets without credentials, as fast as it can: the audit log records at most
 * {@code viewgate.guest.denials.recorded} of them per client and window, and one summary row per window with the
 * count of the rest, so the table grows by a bounded number of rows however many are sent. A real public link of the
 * same client, from the same address, still works and is still audited.
 */
@ExtendWith(KeycloakExtension.class)
class GuestDenialBoundIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String GRANT_TYPE = "urn:viewgate:grant-type:guest";
    private static final int BOGUS = 200;
    private static final int WINDOW_SECONDS = 3;
    private static final int RECORDED_PER_WINDOW = 10;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    GuestDenialBoundIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @Test
    void aFloodOfBogusSecretsGrowsTheAuditLogByABoundedNumberOfRows() throws Exception {
        String key = "denial-view-" + System.nanoTime();
        Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/" + key, http.demoAppToken(), Map.of("name", key)), 201);
        String publicSecret = Admin.expect(http.postJson(server.viewgateUrl() + "/views/demo-app/" + key + "/guests",
                http.demoAppToken(), Map.of("permissions", List.of("read"), "public", true)), 201).json().get("secret").asText();
        String spa = "denial-spa-" + System.nanoTime();
        Http.Result created = Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients", http.adminToken(), Map.of(
                "clientId", spa, "publicClient", true, "standardFlowEnabled", false,
                "attributes", Map.of("viewgate.guest.app", "demo-app"))), 201);
        String spaUuid = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
        JsonNode realm = Admin.expect(http.get(admin.realmAdminUrl(REALM), http.adminToken()), 200).json();
        ObjectNode attributes = (ObjectNode) realm.withObject("/attributes");
        attributes.put("viewgate.guest.denials.windowSeconds", Integer.toString(WINDOW_SECONDS));
        attributes.put("viewgate.guest.denials.recorded", Integer.toString(RECORDED_PER_WINDOW));
        Admin.expect(http.putJson(admin.realmAdminUrl(REALM), http.adminToken(), realm), 204);
        try {
            long started = System.currentTimeMillis();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                senders.add(pool.submit(() -> {
                    SecureRandom random = new SecureRandom();
                    for (int i = 0; i < BOGUS / 4; i++) {
                        byte[] bytes = new byte[32];
                        random.nextBytes(bytes);
                        Http.Result answer = redeem(spa, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                        if (answer.status() == 400 && answer.body().contains("\"invalid_grant\"")) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
            pool.shutdown();
            long elapsed = System.currentTimeMillis() - started;
            assertEquals(BOGUS, refused.get(), "every bogus secret is refused with invalid_grant");
            long windows = elapsed / (WINDOW_SECONDS * 1000L) + 2;
            long bound = windows * (RECORDED_PER_WINDOW + 1);

            // Once the windows have closed, every denial is accounted for: recorded one by one, or counted in a summary.
            JsonNode rows = Await.until(Duration.ofSeconds(30), () -> denials(spa), r -> accountedFor(r) >= BOGUS,
                    "all " + BOGUS + " denials accounted for");
            long individual = count(rows, false);
            long summaries = count(rows, true);
            System.out.printf("GuestDenialBoundIT: %d bogus secrets in %d ms -> %d audit rows (%d individual, %d summaries); "
                    + "bound %d (%d windows of %d s x (%d + 1))%n", BOGUS, elapsed, rows.size(), individual, summaries,
                    bound, windows, WINDOW_SECONDS, RECORDED_PER_WINDOW);
            assertEquals(BOGUS, accountedFor(rows), rows.toString());
            assertTrue(rows.size() <= bound, rows.size() + " audit rows for " + BOGUS + " denials; bound " + bound);
            assertTrue(individual >= RECORDED_PER_WINDOW, "the first denials of a window are recorded with their reason");
            rows.forEach(row -> {
                if (!row.path("details").path("aggregated").asBoolean()) {
                    assertEquals("unknown", row.get("details").get("reason").asText(), row.toString());
                }
            });

            // The allowed path, same client, same address: issued and audited as before.
            JsonNode issued = Admin.expect(redeem(spa, publicSecret), 200).json();
            assertTrue(issued.has("access_token"));
            Await.until(Duration.ofSeconds(10), () -> Admin.expect(http.get(admin.realmAdminUrl(REALM)
                            + "/viewgate/audit?type=GUEST_TOKEN_ISSUED&actor=" + spa, http.adminToken()), 200).json(),
                    r -> r.size() == 1, "GUEST_TOKEN_ISSUED for the public link");
        } finally {
            attributes.remove("viewgate.guest.denials.windowSeconds");
            attributes.remove("viewgate.guest.denials.recorded");
            Admin.expect(http.putJson(admin.realmAdminUrl(REALM), http.adminToken(), realm), 204);
            http.delete(admin.realmAdminUrl(REALM) + "/clients/" + spaUuid, http.adminToken());
        }
    }

    @Test
    void aReplayedRevokedLinkHasItsOwnBudgetAndNeverHidesAnotherGrantsRefusal() throws Exception {
        String key = "denial-replay-" + System.nanoTime();
        String app = http.demoAppToken();
        String guests = server.viewgateUrl() + "/views/demo-app/" + key + "/guests";
        Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/" + key, app, Map.of("name", key)), 201);
        JsonNode replayed = Admin.expect(http.postJson(guests, app, Map.of("permissions", List.of("read"), "public", true)), 201).json();
        JsonNode other = Admin.expect(http.postJson(guests, app, Map.of("permissions", List.of("read"), "public", true)), 201).json();
        Admin.expect(http.delete(guests + "/" + replayed.get("id").asText(), app), 204);
        Admin.expect(http.delete(guests + "/" + other.get("id").asText(), app), 204);
        String spa = "denial-replay-spa-" + System.nanoTime();
        Http.Result created = Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients", http.adminToken(), Map.of(
                "clientId", spa, "publicClient", true, "standardFlowEnabled", false,
                "attributes", Map.of("viewgate.guest.app", "demo-app"))), 201);
        String spaUuid = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
        try {
            long started = System.currentTimeMillis();
            for (int i = 0; i < 60; i++) {
                assertEquals(400, redeem(spa, replayed.get("secret").asText()).status());
            }
            long windows = (System.currentTimeMillis() - started) / 60_000 + 2;
            assertEquals(400, redeem(spa, other.get("secret").asText()).status());
            JsonNode rows = denials(spa);
            long ofReplayed = 0;
            boolean otherRecorded = false;
            for (JsonNode row : rows) {
                String grantId = row.path("details").path("grantId").asText();
                ofReplayed += grantId.equals(replayed.get("id").asText()) ? 1 : 0;
                otherRecorded |= grantId.equals(other.get("id").asText()) && "revoked".equals(row.path("details").path("reason").asText());
            }
            System.out.printf("GuestDenialBoundIT: 60 replays of a revoked link -> %d audit rows%n", ofReplayed);
            assertTrue(ofReplayed <= windows * 11, ofReplayed + " rows for 60 replays");
            assertTrue(otherRecorded, "the other grant's refusal is recorded with its reason: " + rows);
        } finally {
            http.delete(admin.realmAdminUrl(REALM) + "/clients/" + spaUuid, http.adminToken());
        }
    }

    private JsonNode denials(String spa) {
        return Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=GUEST_TOKEN_DENIED&max=1000&actor=" + spa,
                http.adminToken()), 200).json();
    }

    /** Denials recorded one by one, plus those a summary row counts. */
    private static long accountedFor(JsonNode rows) {
        long total = 0;
        for (JsonNode row : rows) {
            JsonNode details = row.path("details");
            total += details.path("aggregated").asBoolean() ? details.path("unrecorded").asLong() : 1;
        }
        return total;
    }

    private static long count(JsonNode rows, boolean aggregated) {
        long n = 0;
        for (JsonNode row : rows) {
            n += row.path("details").path("aggregated").asBoolean() == aggregated ? 1 : 0;
        }
        return n;
    }

    private Http.Result redeem(String publicClient, String secret) {
        return http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of("grant_type", GRANT_TYPE,
                "client_id", publicClient, "guest_secret", secret));
    }
}
