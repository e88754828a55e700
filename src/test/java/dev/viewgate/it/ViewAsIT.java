package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** View as over HTTP: who may start what, and what every token, refresh, userinfo and introspection then says. */
@ExtendWith(KeycloakExtension.class)
class ViewAsIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    ViewAsIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String viewAs() {
        return server.viewgateUrl() + "/view-as";
    }

    private Http.Result start(String token, Object body) {
        return http.postJson(viewAs(), token, body);
    }

    private void assertError(Http.Result result, int status, String error) {
        assertEquals(status, result.status(), result.body());
        assertEquals(error, result.json().get("error").asText(), result.body());
    }

    private JsonNode audit(String query) {
        return Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?" + query, http.adminToken()), 200).json();
    }

    @Test
    void explorerMayViewAsViewerButNotAsAnalyst() {
        Tokens eric = new Tokens(server, http, "eric");
        assertError(start(eric.access(), Map.of("tier", 3)), 403, "above_own_tier");
        JsonNode state = Admin.expect(start(eric.access(), Map.of("tier", 1)), 200).json();
        assertTrue(state.get("active").asBoolean());
        assertEquals("tier", state.get("mode").asText());
        assertEquals(1, state.get("tier").asInt());
        assertError(start(eric.access(), Map.of("tier", 1)), 409, "already_active");
        JsonNode claims = eric.refresh();
        assertEquals(1, claims.get("tier").asInt());
        assertTrue(Tokens.realmRoles(claims).contains("viewer"));
        assertFalse(Tokens.realmRoles(claims).contains("explorer"));
        assertEquals(204, http.delete(viewAs(), eric.access()).status(), "exit works while simulating");
        JsonNode after = eric.refresh();
        assertEquals(2, after.get("tier").asInt());
        assertTrue(after.get("view_as") == null);
    }

    @Test
    void tokensRefreshUserinfoAndIntrospectionAllCarryTheSimulationWhileActive() {
        Tokens ada = new Tokens(server, http, "ada");
        JsonNode before = Tokens.claims(ada.access());
        assertEquals(7, before.get("tier").asInt(), "every token carries the tier");
        JsonNode options = Admin.expect(http.get(viewAs(), ada.access()), 200).json();
        assertFalse(options.get("active").asBoolean());
        assertEquals(7, options.get("options").get("tiers").size());
        assertTrue(options.get("options").get("users").asBoolean());

        String mintedBefore = ada.access();
        Admin.expect(start(ada.access(), Map.of("tier", 2)), 200);
        JsonNode claims = ada.refresh();
        assertEquals(2, claims.get("tier").asInt());
        assertEquals(List.of("explorer"), Tokens.realmRoles(claims).stream().filter(r -> !r.startsWith("default-roles")
                && !r.equals("offline_access") && !r.equals("uma_authorization")).toList());
        JsonNode viewAs = claims.get("view_as");
        assertEquals("tier", viewAs.get("mode").asText());
        assertEquals(2, viewAs.get("tier").asInt());
        assertEquals("ada", viewAs.get("actor").get("username").asText());
        assertTrue(viewAs.get("user").isNull());
        assertEquals(Tokens.claims(ada.access()).get("sub").asText(), before.get("sub").asText(), "sub stays the real user");

        JsonNode userinfo = ada.userinfo();
        assertEquals(2, userinfo.get("tier").asInt(), userinfo.toString());
        assertEquals("tier", userinfo.get("view_as").get("mode").asText());

        JsonNode introspected = ada.introspect(ada.access());
        assertTrue(introspected.get("active").asBoolean(), introspected.toString());
        assertEquals(2, introspected.get("tier").asInt());
        assertFalse(Tokens.realmRoles(introspected).contains("administrator"));
        JsonNode old = ada.introspect(mintedBefore);
        assertEquals(2, old.get("tier").asInt(), "a token minted before the start introspects with the state now");

        JsonNode me = Admin.expect(http.get(server.viewgateUrl() + "/me", ada.access()), 200).json();
        assertEquals(2, me.get("tier").asInt());
        assertEquals("tier", me.get("viewAs").get("mode").asText());
        assertFalse(me.get("can").get("decideRequests").asBoolean());
        assertError(http.get(server.viewgateUrl() + "/access-requests", ada.access()), 403, "not_a_decider");
        assertError(http.postJson(server.viewgateUrl() + "/access-requests", ada.access(), Map.of("message", "x")), 403, "view_as_active");

        String mintedDuring = ada.access();
        assertEquals(204, http.delete(viewAs(), ada.access()).status());
        JsonNode exited = ada.introspect(mintedDuring);
        assertEquals(7, exited.get("tier").asInt(), "a token minted during view as introspects with the state now: ended");
        assertTrue(Tokens.realmRoles(exited).contains("administrator"));
        assertNull(exited.get("view_as"));
        JsonNode refreshed = ada.refresh();
        assertTrue(Tokens.realmRoles(refreshed).contains("administrator"));
        assertEquals("exit", audit("type=VIEW_AS_ENDED&actor=ada&max=1").get(0).get("details").get("reason").asText());
        JsonNode started = audit("type=VIEW_AS_STARTED&actor=ada&max=1").get(0);
        assertEquals(2, started.get("details").get("tier").asInt());
    }

    @Test
    void architectMayViewAsBobButNotAboveHimselfNorAdminsNorNonMembers() {
        String helpdesk = "helpdesk-" + System.nanoTime();
        String helpdeskId = admin.createUser(REALM, helpdesk, "Hal", "Helpdesk");
        admin.grantRealmRoles(REALM, helpdeskId, "viewer");
        JsonNode realmManagement = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients?clientId=realm-management",
                http.adminToken()), 200).json().get(0);
        JsonNode viewUsers = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + realmManagement.get("id").asText()
                + "/roles/view-users", http.adminToken()), 200).json();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/users/" + helpdeskId + "/role-mappings/clients/"
                + realmManagement.get("id").asText(), http.adminToken(), List.of(viewUsers)), 204);

        Tokens arch = new Tokens(server, http, "arch");
        assertError(start(arch.access(), Map.of("user", "ada")), 403, "above_own_tier");
        assertError(start(arch.access(), Map.of("user", "olga")), 403, "above_own_tier");
        assertError(start(arch.access(), Map.of("user", "arch")), 400, "self");
        assertError(start(arch.access(), Map.of("user", "nora")), 400, "not_a_member");
        assertError(start(arch.access(), Map.of("user", helpdesk)), 403, "above_own_tier");
        assertError(start(arch.access(), Map.of("user", "no-such-user")), 404, "unknown_user");
        String masterAdminId = Admin.expect(http.get(server.baseUrl() + "/admin/realms/master/users?username=admin&exact=true",
                http.adminToken()), 200).json().get(0).get("id").asText();
        assertError(start(arch.access(), Map.of("user", masterAdminId)), 404, "unknown_user");
        // not members, and answered as unknown: no answer tells which clients have service accounts or which grants live
        assertError(start(arch.access(), Map.of("user", "service-account-demo-app")), 404, "unknown_user");
        String views = server.viewgateUrl() + "/views/demo-app/view-as-probe";
        http.putJson(views, http.demoAppToken(), Map.of("name", "Probe"));
        String grantId = Admin.expect(http.postJson(views + "/guests", http.demoAppToken(), Map.of("permissions", List.of("read"))),
                201).json().get("id").asText();
        assertError(start(arch.access(), Map.of("user", "viewgate-guest-" + grantId)), 404, "unknown_user");
        Admin.expect(http.delete(views + "/guests/" + grantId, http.demoAppToken()), 204);

        String bobId = Admin.expect(http.get(server.viewgateUrl() + "/me", http.memberToken("bob")), 200).json().get("id").asText();
        JsonNode state = Admin.expect(start(arch.access(), Map.of("user", bobId)), 200).json();
        assertEquals("user", state.get("mode").asText());
        assertEquals("bob", state.get("user").get("username").asText());
        assertEquals(4, state.get("tier").asInt());
        JsonNode claims = arch.refresh();
        assertEquals(4, claims.get("tier").asInt());
        assertTrue(Tokens.realmRoles(claims).contains("builder"));
        assertFalse(Tokens.realmRoles(claims).contains("architect"));
        assertEquals("bob", claims.get("view_as").get("user").get("username").asText());
        assertEquals(204, http.delete(viewAs(), arch.access()).status());
    }

    @Test
    void decisionsDuringViewAsFollowTheSimulatedTier() {
        String username = "decide-during-view-as-" + System.nanoTime();
        admin.createUser(REALM, username, "Dina", "Decided");
        String member = http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
        String id = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", member, Map.of("desiredRole", "builder")), 201)
                .json().get("id").asText();
        Tokens olga = new Tokens(server, http, "olga");
        Admin.expect(start(olga.access(), Map.of("tier", 7)), 200);
        assertError(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/grant", olga.access(),
                Map.of("role", "owner")), 403, "above_own_tier");
        JsonNode granted = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/grant", olga.access(),
                Map.of("role", "builder")), 200).json();
        assertEquals("olga", granted.get("decidedBy").get("username").asText(), "decisions are the real user's");
        assertEquals(204, http.delete(viewAs(), olga.access()).status());
    }

    @Test
    void viewerMayUseNeitherMode() {
        Tokens vera = new Tokens(server, http, "vera");
        assertError(start(vera.access(), Map.of("tier", 1)), 403, "tier_too_low");
        assertError(start(vera.access(), Map.of("user", "nora")), 403, "tier_too_low");
        Tokens eric = new Tokens(server, http, "eric");
        assertError(start(eric.access(), Map.of("user", "vera")), 403, "tier_too_low");
    }

    @Test
    void badInput() {
        Tokens ada = new Tokens(server, http, "ada");
        for (Object body : List.of(Map.of(), Map.of("tier", 2, "user", "bob"), "{\"tier\": \"2\"}", "{\"tier\": 2.5}",
                "not json", "{\"user\": 7}", "{\"other\": 1}",
                // read strictly: nothing after the object, no key twice (a proxy reading it otherwise cannot disagree)
                "{\"tier\":2}garbage", "{\"tier\":2}{\"tier\":3}", "{\"tier\":2,\"tier\":7}", "{\"tier\":2} 7")) {
            assertError(start(ada.access(), body), 400, "invalid_request");
        }
        for (int tier : new int[] {0, -1, 9, 1000}) {
            assertError(start(ada.access(), Map.of("tier", tier)), 400, "invalid_tier");
        }
        String disabled = "disabled-" + System.nanoTime();
        String id = admin.createUser(REALM, disabled, "Dee", "Disabled");
        admin.grantRealmRoles(REALM, id, "viewer");
        JsonNode user = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users/" + id, http.adminToken()), 200).json();
        ((ObjectNode) user).put("enabled", false);
        Admin.expect(http.putJson(admin.realmAdminUrl(REALM) + "/users/" + id, http.adminToken(), user), 204);
        assertError(start(ada.access(), Map.of("user", disabled)), 400, "user_disabled");
        assertEquals(401, http.postJson(viewAs(), null, Map.of("tier", 1)).status());
    }

    @Test
    void administrativeRolesAreNeverInATokenDuringViewAs() {
        String username = "realm-admin-member-" + System.nanoTime();
        String id = admin.createUser(REALM, username, "Rae", "Admin");
        admin.grantRealmRoles(REALM, id, "administrator");
        JsonNode realmManagement = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients?clientId=realm-management",
                http.adminToken()), 200).json().get(0);
        String rmId = realmManagement.get("id").asText();
        JsonNode realmAdmin = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + rmId + "/roles/realm-admin",
                http.adminToken()), 200).json();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/users/" + id + "/role-mappings/clients/" + rmId,
                http.adminToken(), List.of(realmAdmin)), 204);
        Tokens member = new Tokens(server, http, username);
        assertTrue(Tokens.claims(member.access()).path("resource_access").has("realm-management"), "the real token has them");
        Admin.expect(start(member.access(), Map.of("tier", 7)), 200);
        JsonNode claims = member.refresh();
        assertFalse(claims.path("resource_access").has("realm-management"), claims.toString());
        assertFalse(member.introspect(member.access()).path("resource_access").has("realm-management"));
        assertFalse(claims.path("aud").toString().contains("realm-management"), "nor is its audience: " + claims.path("aud"));
    }

    @Test
    void logoutEndsViewAsAndIsAudited() {
        Tokens bob = new Tokens(server, http, "bob");
        Admin.expect(start(bob.access(), Map.of("tier", 2)), 200);
        Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/logout", Map.of("client_id", "demo-app",
                "client_secret", "demo-app-secret", "refresh_token", bob.refreshToken())), 204);
        JsonNode ended = Await.until(Duration.ofSeconds(30), () -> audit("type=VIEW_AS_ENDED&actor=bob&max=1"),
                rows -> rows.size() == 1, "VIEW_AS_ENDED for bob").get(0);
        assertEquals("logout", ended.get("details").get("reason").asText());
    }

    @Test
    void deletingTheMemberEndsTheirViewAsAndIsAudited() {
        String username = "removed-" + System.nanoTime();
        String id = admin.createUser(REALM, username, "Rem", "Oved");
        admin.grantRealmRoles(REALM, id, "analyst");
        Admin.expect(start(new Tokens(server, http, username).access(), Map.of("tier", 2)), 200);
        Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/users/" + id, http.adminToken()), 204);
        JsonNode ended = audit("type=VIEW_AS_ENDED&actor=" + username + "&max=5");
        assertEquals(1, ended.size(), "ended in the deleting transaction, once: " + ended);
        assertEquals("member_removed", ended.get(0).get("details").get("reason").asText());
    }

    @Test
    void viewAsExpiresAfterTheConfiguredMinutes() {
        JsonNode realm = Admin.expect(http.get(admin.realmAdminUrl(REALM), http.adminToken()), 200).json();
        ((ObjectNode) realm.withObject("/attributes")).put("viewgate.viewAs.maxMinutes", "1");
        Admin.expect(http.putJson(admin.realmAdminUrl(REALM), http.adminToken(), realm), 204);
        try {
            Tokens mia = new Tokens(server, http, "mia");
            JsonNode state = Admin.expect(start(mia.access(), Map.of("tier", 1)), 200).json();
            Instant expires = Instant.parse(state.get("expiresAt").asText());
            Instant started = Instant.parse(state.get("startedAt").asText());
            assertEquals(60, Duration.between(started, expires).toSeconds());
            assertEquals(1, mia.refresh().get("tier").asInt());
            Await.until(Duration.ofSeconds(100), () -> mia.refresh().get("tier").asInt(), tier -> tier == 5,
                    "the full tier after expiry");
            assertTrue(Instant.now().isAfter(expires), "not before the configured minute");
            JsonNode ended = Await.until(Duration.ofSeconds(30), () -> audit("type=VIEW_AS_ENDED&actor=mia&max=1"),
                    rows -> rows.size() == 1, "VIEW_AS_ENDED for mia").get(0);
            assertEquals("expired", ended.get("details").get("reason").asText());
        } finally {
            ((ObjectNode) realm.withObject("/attributes")).remove("viewgate.viewAs.maxMinutes");
            Admin.expect(http.putJson(admin.realmAdminUrl(REALM), http.adminToken(), realm), 204);
        }
    }
}
