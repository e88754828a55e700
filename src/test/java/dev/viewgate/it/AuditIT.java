package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Csv;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit log over HTTP: rows from Viewgate changes and Keycloak's own, atomicity, queries, export, chain, retention. */
@ExtendWith(KeycloakExtension.class)
class AuditIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    AuditIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String probe(String realm) {
        return server.baseUrl() + "/realms/" + realm + "/viewgate-it-probe";
    }

    private String audit(String realm) {
        return admin.realmAdminUrl(realm) + "/viewgate/audit";
    }

    private JsonNode rows(String realm, String query) {
        return Admin.expect(http.get(audit(realm) + "?" + query, http.adminToken()), 200).json();
    }

    private JsonNode verify(String realm) {
        return Admin.expect(http.get(audit(realm) + "/verify", http.adminToken()), 200).json();
    }

    private String change(String realm, String token, Map<String, Object> body) {
        return Admin.expect(http.postJson(probe(realm) + "/change", token, body), 200).json().get("marker").asText();
    }

    @Test
    void aViewgateChangeLandsAsExactlyOneRowAndAsAKeycloakAdminEvent() {
        String marker = change(REALM, http.memberToken("bob"), Map.of("note", "one row"));
        JsonNode rows = rows(REALM, "type=VIEW_UPDATED&actor=bob&max=1000");
        List<JsonNode> mine = new ArrayList<>();
        rows.forEach(row -> {
            if (marker.equals(row.get("details").path("marker").asText())) {
                mine.add(row);
            }
        });
        assertEquals(1, mine.size(), rows.toString());
        JsonNode row = mine.get(0);
        assertEquals("bob", row.get("actor").get("username").asText());
        assertEquals("bob", row.get("subject").get("username").asText());
        assertEquals("viewgate-demo", row.get("realm").asText());
        assertEquals("probe/" + marker, row.get("resource").asText());
        assertEquals("one row", row.get("details").get("note").asText());
        assertTrue(Instant.parse(row.get("time").asText()).isAfter(Instant.now().minusSeconds(60)));

        // The same change is one of the realm's admin events, with the row's id.
        JsonNode adminEvents = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/admin-events?max=200", http.adminToken()), 200).json();
        List<String> ids = new ArrayList<>();
        adminEvents.forEach(e -> ids.add(e.get("id").asText() + " " + e.get("resourceType").asText()));
        assertTrue(ids.contains(row.get("id").asText() + " VIEWGATE_VIEW_UPDATED"), ids.toString());
    }

    @Test
    void aChangeThatFailsAfterEmittingLeavesNoRow() {
        String marker = "atomic-" + UUID.randomUUID();
        String token = http.memberToken("anna");
        Http.Result failed = http.postJson(probe(REALM) + "/change?fail=true", token, Map.of("marker", marker));
        assertEquals(500, failed.status());
        assertFalse(failed.body().contains("probe failure"), "no internals leak: " + failed.body());
        rows(REALM, "type=VIEW_UPDATED&actor=anna&max=1000").forEach(row ->
                assertNotEquals(marker, row.get("details").path("marker").asText(), "no row for the rolled-back change"));
        String attributeCount = "select count(*) from USER_ATTRIBUTE where VALUE = '%s'";
        assertEquals("0", sql(REALM, "query", attributeCount.formatted(marker)), "the change itself was rolled back too");
        String committed = change(REALM, token, Map.of("marker", marker + "-ok"));
        assertEquals("1", sql(REALM, "query", attributeCount.formatted(committed)), "the same change without failure commits");
    }

    @Test
    void tierRoleChangesThroughKeycloaksAdminApiAreRecorded() {
        String userId = admin.createUser(REALM, "tier-change-probe", "Tim", "Tier");
        admin.grantRealmRoles(REALM, userId, "builder");
        JsonNode granted = Await.until(Duration.ofSeconds(5), () -> rows(REALM, "type=TIER_ROLE_CHANGED&subject=" + userId),
                r -> r.size() == 1, "one TIER_ROLE_CHANGED row").get(0);
        assertTrue(granted.get("details").get("previousRole").isNull(), granted.toString());
        assertEquals("builder", granted.get("details").get("newRole").asText());
        assertEquals("admin", granted.get("actor").get("username").asText());
        assertEquals("tier-change-probe", granted.get("subject").get("username").asText());

        String group = admin.createGroup(REALM, "tier-change-owners", "owner");
        admin.joinGroup(REALM, userId, group);
        Admin.expect(http.send(http.request(admin.realmAdminUrl(REALM) + "/users/" + userId + "/role-mappings/realm", http.adminToken())
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                        Http.toJson(List.of(admin.realmRole(REALM, "builder")))))), 204);
        JsonNode changes = rows(REALM, "type=TIER_ROLE_CHANGED&subject=tier-change-probe");
        assertEquals(3, changes.size(), changes.toString());
        // newest first: builder removed while owner stays (via the group), then the group joined
        assertEquals("owner", changes.get(0).get("details").get("previousRole").asText());
        assertEquals("owner", changes.get(0).get("details").get("newRole").asText());
        assertEquals("builder", changes.get(1).get("details").get("previousRole").asText());
        assertEquals("owner", changes.get(1).get("details").get("newRole").asText());
        assertEquals("group-joined", changes.get(1).get("details").get("via").asText());
    }

    @Test
    void queryFiltersAndPaging() {
        String token = http.memberToken("mia");
        Instant before = Instant.now().minusSeconds(1);
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            markers.add(change(REALM, token, Map.of("index", i)));
        }
        JsonNode all = rows(REALM, "actor=mia&type=VIEW_UPDATED&from=" + before);
        assertEquals(5, all.size());
        assertEquals(markers.get(4), all.get(0).get("details").get("marker").asText(), "newest first");
        JsonNode page = rows(REALM, "actor=mia&type=VIEW_UPDATED&from=" + before + "&first=1&max=2");
        assertEquals(List.of(markers.get(3), markers.get(2)),
                List.of(page.get(0).get("details").get("marker").asText(), page.get(1).get("details").get("marker").asText()));
        String miaId = all.get(0).get("actor").get("id").asText();
        assertEquals(5, rows(REALM, "actor=" + miaId + "&from=" + before).size(), "actor by id");
        assertEquals(5, rows(REALM, "subject=mia&from=" + before).size());
        assertEquals(0, rows(REALM, "actor=mia&to=" + before).size());
        assertEquals(0, rows(REALM, "actor=mia&type=TIER_ROLE_CHANGED&from=" + before).size());
        assertEquals(5, rows(REALM, "actor=mia&from=" + before.toString().substring(0, 10)).size(), "a date is a whole day");
    }

    @Test
    void badQueriesAreRefusedWithJsonErrors() {
        for (String query : List.of("type=NOPE", "from=yesterday", "to=2026-13-45", "max=1001", "max=0", "first=-1", "max=abc")) {
            Http.Result result = http.get(audit(REALM) + "?" + query, http.adminToken());
            assertEquals(400, result.status(), query);
            assertEquals("invalid_parameter", result.json().get("error").asText(), query);
        }
        Http.Result format = http.get(audit(REALM) + "/export?format=xml", http.adminToken());
        assertEquals(400, format.status());
        for (String path : List.of("", "/export", "/verify", "/chain")) {
            Http.Result member = http.get(audit(REALM) + path, http.memberToken("olga"));
            assertEquals(403, member.status(), path);
            assertEquals("forbidden", member.json().get("error").asText());
        }
        assertEquals(403, http.postJson(audit(REALM) + "/retention", http.memberToken("olga"), "{}").status());
        assertEquals(401, http.get(audit(REALM), null).status());
    }

    @Test
    void exportRoundTripsHostileContentInBothFormats() {
        String hostile = "quote \" comma , newline \n tab \t unicode Ünïcødé ✓ 🙂 \u202Eevil";
        String formula = "=cmd|' /C calc'!A0";
        String marker = change(REALM, http.memberToken("eric"), Map.of("message", hostile, "formula", formula,
                "resource", formula));

        Http.Result ndjson = Admin.expect(http.get(audit(REALM) + "/export?format=ndjson&actor=eric", http.adminToken()), 200);
        assertTrue(ndjson.header("Content-Type").startsWith("application/x-ndjson"));
        JsonNode found = null;
        for (String line : ndjson.body().split("\n")) {
            JsonNode row = Http.JSON.valueToTree(parse(line));
            if (marker.equals(row.get("details").path("marker").asText())) {
                found = row;
            }
        }
        assertTrue(found != null, "the row is in the NDJSON export");
        assertEquals(hostile, found.get("details").get("message").asText());
        assertEquals(formula, found.get("resource").asText());

        Http.Result csv = Admin.expect(http.get(audit(REALM) + "/export?format=csv&actor=eric", http.adminToken()), 200);
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        List<List<String>> table = Csv.parse(csv.body());
        assertEquals(List.of("id", "seq", "time", "realm", "type", "actorId", "actorUsername", "subjectId",
                "subjectUsername", "resource", "details", "ip", "hash"), table.get(0));
        List<String> csvRow = table.stream().filter(r -> r.get(10).contains(marker)).findFirst().orElseThrow();
        assertEquals("'" + formula, csvRow.get(9), "a formula is neutralized");
        JsonNode details = Http.JSON.valueToTree(parse(csvRow.get(10)));
        assertEquals(hostile, details.get("message").asText());
        assertEquals(found.get("id").asText(), csvRow.get(0));
    }

    @Test
    void chainIsValidAfterConcurrentWritersAndDetectsTampering() throws Exception {
        String realm = "audit-chain-it";
        admin.createRealm(realm);
        try {
            int writers = 8;
            int perWriter = 125;
            List<String> tokens = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                admin.createUser(realm, "writer" + w, "Writer", "Number" + w);
                tokens.add(http.passwordGrant(server.baseUrl() + "/realms/" + realm, "admin-cli", null, "writer" + w, "writer" + w));
            }
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (String token : tokens) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        change(realm, token, Map.of("i", i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            int total = writers * perWriter;
            JsonNode valid = Await.until(Duration.ofSeconds(30), () -> verify(realm), v -> v.get("checked").asInt() == total,
                    "all " + total + " rows sealed");
            assertTrue(valid.get("valid").asBoolean(), valid.toString());
            assertTrue(valid.get("firstBrokenSeq").isNull());

            String table = "VG_AUDIT_EVENT";
            String realmId = sql(realm, "query", "select ID from REALM where NAME = '" + realm + "'");
            String inRealm = " where REALM_ID = '" + realmId + "'";
            // UPDATE of a sealed row
            String details = sql(realm, "query", "select DETAILS from " + table + inRealm + " and SEQ = 500");
            sql(realm, "update", "update " + table + " set DETAILS = '{\"i\":999}'" + inRealm + " and SEQ = 500");
            assertBroken(realm, 500, 499);
            sql(realm, "update", "update " + table + " set DETAILS = '" + details.replace("'", "''") + "'" + inRealm + " and SEQ = 500");
            assertTrue(verify(realm).get("valid").asBoolean(), "restored");

            // two rows swapped in order
            sql(realm, "update", "update " + table + " set SEQ = -1" + inRealm + " and SEQ = 700");
            sql(realm, "update", "update " + table + " set SEQ = 700" + inRealm + " and SEQ = 701");
            sql(realm, "update", "update " + table + " set SEQ = 701" + inRealm + " and SEQ = -1");
            assertBroken(realm, 700, 699);
            sql(realm, "update", "update " + table + " set SEQ = -1" + inRealm + " and SEQ = 700");
            sql(realm, "update", "update " + table + " set SEQ = 700" + inRealm + " and SEQ = 701");
            sql(realm, "update", "update " + table + " set SEQ = 701" + inRealm + " and SEQ = -1");
            assertTrue(verify(realm).get("valid").asBoolean(), "swapped back");

            // DELETE in the middle, then at the end
            sql(realm, "update", "delete from " + table + inRealm + " and SEQ = 900");
            assertBroken(realm, 900, 899);
            sql(realm, "update", "delete from " + table + inRealm + " and SEQ >= 900");
            assertBroken(realm, 900, 899);
        } finally {
            admin.deleteRealm(realm);
        }
    }

    @Test
    void retentionRemovesOldRowsAndTheChainStaysValid() {
        String realm = "audit-retention-it";
        admin.createRealm(realm);
        try {
            admin.createUser(realm, "keeper", "Kim", "Keeper");
            String token = http.passwordGrant(server.baseUrl() + "/realms/" + realm, "admin-cli", null, "keeper", "keeper");
            Admin.expect(http.postJson(probe(realm) + "/backdated?days=10&count=5", token, "{}"), 200);
            Await.until(Duration.ofSeconds(10), () -> verify(realm), v -> v.get("checked").asInt() == 5, "old rows sealed");
            change(realm, token, Map.of("recent", true));
            change(realm, token, Map.of("recent", true));
            Await.until(Duration.ofSeconds(10), () -> verify(realm), v -> v.get("checked").asInt() == 7, "all rows sealed");
            assertEquals(Map.of("sealed", 7, "sealedThrough", 7, "prunedThrough", 0, "unsealed", 0), chain(realm));

            // keep forever by default
            assertEquals(0, Admin.expect(http.postJson(audit(realm) + "/retention", http.adminToken(), "{}"), 200).json().get("removed").asInt());
            JsonNode rep = Admin.expect(http.get(admin.realmAdminUrl(realm), http.adminToken()), 200).json();
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep.withObject("/attributes")).put("viewgate.audit.retentionDays", "3");
            Admin.expect(http.putJson(admin.realmAdminUrl(realm), http.adminToken(), rep), 204);
            // Changed through Keycloak's realm update, not Viewgate's settings API: recorded all the same.
            JsonNode setting = rows(realm, "type=SETTING_CHANGED");
            assertEquals(1, setting.size(), setting.toString());
            assertEquals("viewgate.audit.retentionDays", setting.get(0).get("details").get("setting").asText());
            assertTrue(setting.get(0).get("details").get("previousValue").isNull(), setting.toString());
            assertEquals("3", setting.get(0).get("details").get("newValue").asText());
            assertEquals("keycloak-realm-update", setting.get(0).get("details").get("via").asText());
            assertEquals("admin", setting.get(0).get("actor").get("username").asText());
            // The same update again changes nothing and records nothing.
            Admin.expect(http.putJson(admin.realmAdminUrl(realm), http.adminToken(), rep), 204);
            assertEquals(1, rows(realm, "type=SETTING_CHANGED").size());

            assertEquals(5, Admin.expect(http.postJson(audit(realm) + "/retention", http.adminToken(), "{}"), 200).json().get("removed").asInt());
            // The run that shortened the chain is recorded in it: 2 recent rows, the setting's row and this one.
            JsonNode pruned = rows(realm, "type=AUDIT_PRUNED");
            assertEquals(1, pruned.size(), pruned.toString());
            assertEquals(5, pruned.get(0).get("details").get("removed").asInt());
            assertEquals(5, pruned.get(0).get("details").get("lastRemovedSeq").asInt());
            assertEquals("admin", pruned.get(0).get("details").get("trigger").asText());
            assertEquals("admin", pruned.get(0).get("actor").get("username").asText());
            Await.until(Duration.ofSeconds(10), () -> verify(realm), v -> v.get("checked").asInt() == 4 && v.get("valid").asBoolean(),
                    "the chain after retention");
            assertEquals(4, rows(realm, "").size());
            // The head without reading the rows: 4 kept, #6 to #9, 5 pruned.
            assertEquals(Map.of("sealed", 4, "sealedThrough", 9, "prunedThrough", 5, "unsealed", 0), chain(realm));
            // Nothing more to remove: nothing recorded.
            assertEquals(0, Admin.expect(http.postJson(audit(realm) + "/retention", http.adminToken(), "{}"), 200).json().get("removed").asInt());
            assertEquals(1, rows(realm, "type=AUDIT_PRUNED").size());
            change(realm, token, Map.of("after", "retention"));
            Await.until(Duration.ofSeconds(10), () -> verify(realm), v -> v.get("checked").asInt() == 5 && v.get("valid").asBoolean(),
                    "the chain goes on after retention");
        } finally {
            admin.deleteRealm(realm);
        }
        String left = sql(REALM, "query", "select count(*) from VG_AUDIT_EVENT e where not exists (select 1 from REALM r where r.ID = e.REALM_ID)");
        assertEquals("0", left, "a removed realm's rows are removed with it");
        assertEquals("0", sql(REALM, "query", "select count(*) from VG_AUDIT_CHAIN c where not exists "
                + "(select 1 from REALM r where r.ID = c.REALM_ID)"), "and its chain's head");
    }

    @Test
    void aRealmRemovedWhileTheSealerWorksOnItsRowsGoesCleanly() {
        // Removal deletes the rows and then the head; the sealer locks the head and then updates rows. Both now lock
        // the head first: a removal during a seal waits for it instead of deadlocking (a 500 on DELETE, seen in CI).
        for (int round = 0; round < 3; round++) {
            String realm = "audit-removal-" + UUID.randomUUID().toString().substring(0, 8);
            admin.createRealm(realm);
            admin.createUser(realm, "writer", "Wes", "Writer");
            String token = http.passwordGrant(server.baseUrl() + "/realms/" + realm, "admin-cli", null, "writer", "writer");
            Admin.expect(http.postJson(probe(realm) + "/backdated?days=0&count=1500", token, "{}"), 200);
            Await.until(Duration.ofSeconds(10), () -> chain(realm), c -> ((Number) c.get("sealed")).longValue() > 0,
                    "the sealer at work on " + realm);
            admin.deleteRealm(realm);
        }
        Await.until(Duration.ofSeconds(10), () -> sql(REALM, "query", "select count(*) from VG_AUDIT_CHAIN c where not exists "
                + "(select 1 from REALM r where r.ID = c.REALM_ID)"), "0"::equals, "no head left of a removed realm");
        assertEquals("0", sql(REALM, "query", "select count(*) from VG_AUDIT_EVENT e where not exists "
                + "(select 1 from REALM r where r.ID = e.REALM_ID)"));
    }

    private Map<String, Object> chain(String realm) {
        return Http.JSON.convertValue(Admin.expect(http.get(audit(realm) + "/chain", http.adminToken()), 200).json(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }

    private void assertBroken(String realm, int brokenSeq, int checked) {
        JsonNode verification = verify(realm);
        assertFalse(verification.get("valid").asBoolean(), verification.toString());
        assertEquals(brokenSeq, verification.get("firstBrokenSeq").asInt(), verification.toString());
        assertEquals(checked, verification.get("checked").asInt(), verification.toString());
    }

    private String sql(String realm, String kind, String statement) {
        String token = realm.equals(REALM) ? http.memberToken("ada")
                : http.passwordGrant(server.baseUrl() + "/realms/" + realm, "admin-cli", null, "writer0", "writer0");
        JsonNode result = Admin.expect(http.postJson(probe(realm) + "/sql", token, Map.of(kind, statement)), 200).json();
        return kind.equals("update") ? result.get("updated").asText() : result.get("value").asText();
    }

    private static Object parse(String json) {
        try {
            return Http.JSON.readValue(json, Object.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("not one JSON object: " + json, e);
        }
    }
}
