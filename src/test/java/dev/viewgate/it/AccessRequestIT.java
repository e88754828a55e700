package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.Race;
import dev.viewgate.it.support.KeycloakServer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The access-request API: members ask, deciders grant or decline, every rule and error over HTTP. */
@ExtendWith(KeycloakExtension.class)
class AccessRequestIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    AccessRequestIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String requests() {
        return server.viewgateUrl() + "/access-requests";
    }

    /** A fresh member with the given tier role (or none), so tests never share requests. */
    private String member(String prefix, String... roles) {
        String username = prefix + "-" + System.nanoTime();
        String id = admin.createUser(REALM, username, "Max", "Member");
        if (roles.length > 0) {
            admin.grantRealmRoles(REALM, id, roles);
        }
        return username;
    }

    private JsonNode submit(String token, Map<String, Object> body, int status) {
        return Admin.expect(http.postJson(requests(), token, body), status).json();
    }

    private static JsonNode claims(String token) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> realmRoles(String token) {
        List<String> roles = new ArrayList<>();
        claims(token).path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    @Test
    void aMemberWithoutTierAsksToJoinAndIsGrantedExplorer() {
        String token = http.memberToken("nora");
        JsonNode created = submit(token, Map.of("desiredRole", "explorer", "message", "I'd like to explore the dashboards"), 201);
        assertEquals("PENDING", created.get("status").asText());
        assertEquals("nora", created.get("requester").get("username").asText());
        assertEquals("nora@viewgate.test", created.get("requester").get("email").asText());
        assertEquals("Nora Newcomer", created.get("requester").get("name").asText());
        assertTrue(created.get("decidedAt").isNull());

        JsonNode updated = submit(token, Map.of("desiredRole", "builder", "message", "Actually I need to build"), 200);
        assertEquals(created.get("id").asText(), updated.get("id").asText(), "asking again updates the pending request");
        assertEquals("builder", updated.get("desiredRole").asText());
        JsonNode mine = Admin.expect(http.get(requests() + "/mine", token), 200).json();
        assertEquals(created.get("id").asText(), mine.get("pending").get("id").asText());

        String ada = http.memberToken("ada");
        JsonNode queue = Admin.expect(http.get(requests() + "?status=PENDING&max=100", ada), 200).json();
        assertTrue(queue.toString().contains(created.get("id").asText()));
        assertTrue(Admin.expect(http.get(requests() + "/count", ada), 200).json().get("count").asLong() >= 1);

        JsonNode granted = Admin.expect(http.postJson(requests() + "/" + created.get("id").asText() + "/grant", ada,
                Map.of("role", "explorer", "note", "Start with exploring")), 200).json();
        assertEquals("GRANTED", granted.get("status").asText());
        assertTrue(granted.get("previousRole").isNull());
        assertEquals("explorer", granted.get("grantedRole").asText());
        assertEquals("builder", granted.get("desiredRole").asText());
        assertEquals("ada", granted.get("decidedBy").get("username").asText());

        String fresh = http.memberToken("nora");
        assertTrue(realmRoles(fresh).contains("explorer"), "a freshly issued token carries the granted role");
        assertEquals(2, Admin.expect(http.get(server.viewgateUrl() + "/me", fresh), 200).json().get("tier").asInt());
        JsonNode audit = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=ACCESS_REQUEST_GRANTED&subject=nora",
                http.adminToken()), 200).json().get(0);
        assertEquals("explorer", audit.get("details").get("grantedRole").asText());
        assertTrue(audit.get("details").get("previousRole").isNull());
        assertEquals("builder", audit.get("details").get("requestedRole").asText());

        Http.Result again = http.postJson(requests() + "/" + created.get("id").asText() + "/decline", ada, Map.of());
        assertEquals(409, again.status());
        assertEquals("not_pending", again.json().get("error").asText());
        JsonNode history = Admin.expect(http.get(requests() + "/mine", fresh), 200).json();
        assertTrue(history.get("pending").isNull());
        assertEquals("GRANTED", history.get("history").get(0).get("status").asText());
    }

    @Test
    void grantReplacesTheOtherTierRolesAndTheTrailAgrees() {
        String username = member("replace", "viewer");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = submit(token, Map.of("desiredRole", "builder"), 201).get("id").asText();
        Admin.expect(http.postJson(requests() + "/" + id + "/grant", http.memberToken("ada"), Map.of("role", "analyst")), 200);
        List<String> roles = realmRoles(http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username));
        assertTrue(roles.contains("analyst"), roles.toString());
        assertFalse(roles.contains("viewer"), "the old tier role is replaced: " + roles);
        JsonNode changes = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=TIER_ROLE_CHANGED&subject="
                + username, http.adminToken()), 200).json();
        // one state change, one row: the removal of viewer and the mapping of analyst are one move, viewer to analyst
        // (the older row is the member's arrangement: viewer mapped)
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("viewer", changes.get(0).get("details").get("previousRole").asText(), changes.toString());
        assertEquals("viewer", changes.get(1).get("details").get("newRole").asText(), changes.toString());
        assertEquals("analyst", changes.get(0).get("details").get("newRole").asText(), changes.toString());
        JsonNode granted = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=ACCESS_REQUEST_GRANTED&subject="
                + username, http.adminToken()), 200).json().get(0);
        assertEquals("viewer", granted.get("details").get("previousRole").asText());
        assertEquals("analyst", granted.get("details").get("grantedRole").asText());
    }

    @Test
    void declineLeavesRolesAndTheMemberMayAskAgain() {
        String username = member("decline", "builder");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String first = submit(token, Map.of("desiredRole", "administrator", "message", "please"), 201).get("id").asText();
        JsonNode declined = Admin.expect(http.postJson(requests() + "/" + first + "/decline", http.memberToken("olga"),
                Map.of("reason", "Not this quarter")), 200).json();
        assertEquals("DECLINED", declined.get("status").asText());
        assertEquals("Not this quarter", declined.get("reason").asText());
        assertTrue(declined.get("grantedRole").isNull());
        String fresh = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        assertEquals(4, Admin.expect(http.get(server.viewgateUrl() + "/me", fresh), 200).json().get("tier").asInt());
        JsonNode again = submit(fresh, Map.of("message", "asking again"), 201);
        assertNotEquals(first, again.get("id").asText(), "a new request starts fresh");
        assertTrue(again.get("desiredRole").isNull());
    }

    @Test
    void withdraw() {
        String username = member("withdraw");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        assertEquals(404, http.delete(requests() + "/mine", token).status());
        submit(token, Map.of(), 201);
        assertEquals(204, http.delete(requests() + "/mine", token).status());
        assertEquals(404, http.delete(requests() + "/mine", token).status());
        JsonNode mine = Admin.expect(http.get(requests() + "/mine", token), 200).json();
        assertTrue(mine.get("pending").isNull());
        assertEquals("WITHDRAWN", mine.get("history").get(0).get("status").asText());
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String username = member("bad-input");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        Map<String, String> cases = Map.of(
                Http.toJson(Map.of("message", "x".repeat(2001))), "message_too_long",
                Http.toJson(Map.of("desiredRole", "owner")), "invalid_role",
                Http.toJson(Map.of("desiredRole", "no-such-role")), "invalid_role",
                "not json", "invalid_request",
                "[1,2]", "invalid_request",
                "{\"message\": 5}", "invalid_request",
                "{\"desiredRole\": [\"explorer\"]}", "invalid_request",
                "{\"unexpected\": true}", "invalid_request",
                "{\"message\": \"a\"", "invalid_request");
        cases.forEach((body, error) -> {
            Http.Result result = http.postJson(requests(), token, body);
            assertEquals(400, result.status(), body);
            assertEquals(error, result.json().get("error").asText(), body);
        });
        assertEquals(201, http.postJson(requests(), token, Map.of("message", "x".repeat(2000))).status(), "2000 is allowed");
        JsonNode mine = Admin.expect(http.get(requests() + "/mine", token), 200).json();
        assertEquals(0, mine.get("history").size(), "the refused submissions left nothing");

        String ada = http.memberToken("ada");
        assertEquals(404, http.postJson(requests() + "/no-such-id/grant", ada, Map.of("role", "viewer")).status());
        assertEquals(404, http.postJson(requests() + "/" + "x".repeat(300) + "/decline", ada, Map.of()).status());
        assertEquals(400, http.get(requests() + "?status=OPEN", ada).status());
        assertEquals(400, http.get(requests() + "?max=101", ada).status());
        assertEquals(401, http.get(requests() + "/mine", null).status());
    }

    @Test
    void onlyDecidersDecideAndNeverTheirOwnOrAboveTheirTier() {
        String bob = http.memberToken("bob");
        Http.Result notDecider = http.get(requests(), bob);
        assertEquals(403, notDecider.status());
        assertEquals("not_a_decider", notDecider.json().get("error").asText());

        String adaToken = http.memberToken("ada");
        String adaRequest = submit(adaToken, Map.of("desiredRole", "administrator"), 201).get("id").asText();
        Http.Result self = http.postJson(requests() + "/" + adaRequest + "/grant", adaToken, Map.of("role", "viewer"));
        assertEquals(403, self.status());
        assertEquals("self_decision", self.json().get("error").asText());
        assertEquals("self_decision", http.postJson(requests() + "/" + adaRequest + "/decline", adaToken, Map.of()).json().get("error").asText());

        String olgaToken = http.memberToken("olga");
        String olgaRequest = submit(olgaToken, Map.of("message", "owner asks"), 201).get("id").asText();
        assertEquals("self_decision", http.postJson(requests() + "/" + olgaRequest + "/grant", olgaToken,
                Map.of("role", "owner")).json().get("error").asText(), "even the owner");

        String username = member("above");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String request = submit(token, Map.of("desiredRole", "administrator"), 201).get("id").asText();
        Http.Result above = http.postJson(requests() + "/" + request + "/grant", adaToken, Map.of("role", "owner"));
        assertEquals(403, above.status());
        assertEquals("above_own_tier", above.json().get("error").asText());
        Http.Result unknown = http.postJson(requests() + "/" + request + "/grant", adaToken, Map.of("role", "default-roles-viewgate-demo"));
        assertEquals("unknown_role", unknown.json().get("error").asText());

        admin.createRealmRole(REALM, Map.of("name", "emperor", "description", "Emperor",
                "attributes", Map.of("viewgate.tier", List.of("9"))));
        try {
            Http.Result aboveOwner = http.postJson(requests() + "/" + request + "/grant", olgaToken, Map.of("role", "emperor"));
            assertEquals("above_own_tier", aboveOwner.json().get("error").asText(), "even for the owner");
        } finally {
            admin.deleteRealmRole(REALM, "emperor");
        }
        assertEquals(200, http.postJson(requests() + "/" + request + "/decline", adaToken, Map.of()).status());
        http.delete(requests() + "/mine", adaToken);
        http.delete(requests() + "/mine", olgaToken);
    }

    @Test
    void fiftyParallelSubmissionsLeaveExactlyOnePendingRequest() throws Exception {
        String username = member("parallel");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        List<Http.Result> answers = Race.of(50, i -> http.postJson(requests(), token, Map.of("message", "attempt " + i)));
        List<Integer> statuses = answers.stream().map(Http.Result::status).toList();
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 409), statuses.toString());
        // A submission that lost the insert race says so in Viewgate's words, not as Keycloak's generic duplicate.
        answers.stream().filter(a -> a.status() == 409).forEach(a -> {
            assertEquals("conflict", a.json().get("error").asText(), a.body());
            assertTrue(a.json().get("error_description").asText().startsWith("Another request of yours"), a.body());
        });
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        JsonNode queue = Admin.expect(http.get(requests() + "?max=100", http.memberToken("ada")), 200).json();
        int pendingOfMember = 0;
        for (JsonNode r : queue) {
            pendingOfMember += r.get("requester").get("username").asText().equals(username) ? 1 : 0;
        }
        assertEquals(1, pendingOfMember);
    }

    /** The count is one row kept by each change, so every way a request opens or closes must move it exactly. */
    @Test
    void thePendingCountFollowsEveryWayARequestOpensAndCloses() throws Exception {
        String ada = http.memberToken("ada");
        long before = pendingCount(ada);
        assertEquals(listedPending(ada), before, "the count agrees with the queue");

        String first = tokenOf(member("count-a"));
        submit(first, Map.of("message", "one"), 201);
        assertEquals(before + 1, pendingCount(ada), "a new request");
        submit(first, Map.of("message", "one, edited"), 200);
        assertEquals(before + 1, pendingCount(ada), "an edit is no new request");
        String second = tokenOf(member("count-b"));
        String secondId = submit(second, Map.of("desiredRole", "explorer"), 201).get("id").asText();
        assertEquals(before + 2, pendingCount(ada));
        Admin.expect(http.delete(requests() + "/mine", first), 204);
        assertEquals(before + 1, pendingCount(ada), "withdrawn");
        Admin.expect(http.postJson(requests() + "/" + secondId + "/grant", ada, Map.of("role", "explorer")), 200);
        assertEquals(before, pendingCount(ada), "granted");
        String third = tokenOf(member("count-c"));
        String thirdId = submit(third, Map.of(), 201).get("id").asText();
        Admin.expect(http.postJson(requests() + "/" + thirdId + "/decline", ada, Map.of()), 200);
        assertEquals(before, pendingCount(ada), "declined");
        Admin.expect(http.postJson(requests() + "/" + thirdId + "/grant", ada, Map.of("role", "explorer")), 409);
        assertEquals(before, pendingCount(ada), "a refused second decision changes nothing");

        String leaver = member("count-d");
        submit(tokenOf(leaver), Map.of(), 201);
        assertEquals(before + 1, pendingCount(ada));
        Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/users/" + admin.userId(REALM, leaver), http.adminToken()), 204);
        assertEquals(before, pendingCount(ada), "a removed user's request goes with them");

        String racer = tokenOf(member("count-e"));
        Race.of(20, i -> http.postJson(requests(), racer, Map.of("message", "attempt " + i)).status());
        assertEquals(before + 1, pendingCount(ada), "twenty racing first submissions open one request");
        Admin.expect(http.delete(requests() + "/mine", racer), 204);
        assertEquals(before, pendingCount(ada));
        assertEquals(listedPending(ada), pendingCount(ada), "the count still agrees with the queue");
    }

    /** A realm's count row is made at its first use, from its requests, and goes with the realm. */
    @Test
    void aNewRealmCountsZeroAndItsCountGoesWithIt() {
        String realm = "pending-count-" + System.nanoTime();
        admin.createRealm(realm);
        String count = admin.realmAdminUrl(realm) + "/viewgate/access-requests/count";
        assertEquals(0, Admin.expect(http.get(count, http.adminToken()), 200).json().get("count").asLong());
        assertEquals(0, Admin.expect(http.get(count + "?status=PENDING", http.adminToken()), 200).json().get("count").asLong());
        admin.deleteRealm(realm);
        assertEquals(404, http.get(count, http.adminToken()).status());
    }

    private String tokenOf(String username) {
        return http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
    }

    private long pendingCount(String token) {
        return Admin.expect(http.get(requests() + "/count?status=PENDING", token), 200).json().get("count").asLong();
    }

    private long listedPending(String token) {
        long listed = 0;
        for (int first = 0; ; first += 100) {
            JsonNode page = Admin.expect(http.get(requests() + "?status=PENDING&first=" + first + "&max=100", token), 200).json();
            listed += page.size();
            if (page.size() < 100) {
                return listed;
            }
        }
    }

    @Test
    void twoDecidersAtOnceOneWinsTheOtherGets409() throws Exception {
        String username = member("contested");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = submit(token, Map.of("desiredRole", "explorer"), 201).get("id").asText();
        String ada = http.memberToken("ada");
        String olga = http.memberToken("olga");
        List<Integer> statuses = Race.of(2, i -> i == 0
                ? http.postJson(requests() + "/" + id + "/grant", ada, Map.of("role", "explorer")).status()
                : http.postJson(requests() + "/" + id + "/decline", olga, Map.of("reason", "no")).status());
        assertEquals(List.of(200, 409), statuses.stream().sorted().toList());
    }

    @Test
    void keycloakAdminsUseTheAdminApi() {
        String username = member("admin-api");
        String token = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = submit(token, Map.of("desiredRole", "builder", "message", "<script>alert(1)</script>"), 201).get("id").asText();
        String adminApi = admin.realmAdminUrl(REALM) + "/viewgate/access-requests";
        JsonNode list = Admin.expect(http.get(adminApi + "?max=100", http.adminToken()), 200).json();
        assertTrue(list.toString().contains(id));
        assertTrue(list.toString().contains("<script>alert(1)</script>"), "stored as text, returned as data");
        assertTrue(Admin.expect(http.get(adminApi + "/count", http.adminToken()), 200).json().get("count").asLong() >= 1);
        assertEquals(403, http.get(adminApi, http.memberToken("olga")).status(), "a member is not a Keycloak admin");
        JsonNode granted = Admin.expect(http.postJson(adminApi + "/" + id + "/grant", http.adminToken(), Map.of("role", "owner")), 200).json();
        assertEquals("owner", granted.get("grantedRole").asText(), "Keycloak's own permissions govern admins");
        assertEquals("admin", granted.get("decidedBy").get("username").asText());
        assertEquals(409, http.postJson(adminApi + "/" + id + "/decline", http.adminToken(), Map.of()).status());
    }

}
