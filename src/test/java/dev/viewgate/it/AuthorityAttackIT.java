package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.Race;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16's authority findings, attacked over HTTP as an outsider would: a view as that outlives a demotion, grants of
 * roles that carry more than the decider holds, deciders changing members at or above their own tier, races on one
 * session's view as, and service accounts acting as members. Every user, role change and client made here goes again.
 */
@ExtendWith(KeycloakExtension.class)
class AuthorityAttackIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private final List<String> scratchUsers = new ArrayList<>();
    private final List<Runnable> restore = new ArrayList<>();

    AuthorityAttackIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @AfterEach
    void removeScratch() {
        for (int i = restore.size() - 1; i >= 0; i--) {
            restore.get(i).run();
        }
        for (String id : scratchUsers) {
            http.delete(admin.realmAdminUrl(REALM) + "/users/" + id, http.adminToken());
        }
    }

    // ---------------------------------------------------------------- finding 1: view as outlives a demotion

    @Test
    void tierModeViewAsEndsWhenTheActorIsDemoted() {
        String ada2 = user("demoted-admin", "administrator");
        Tokens actor = new Tokens(server, http, ada2);
        Admin.expect(startViewAs(actor.access(), Map.of("tier", 7)), 200);
        assertEquals(7, actor.refresh().get("tier").asInt());
        String requester = user("demotion-requester");
        String requestId = submit(requester);

        admin.setRealmRoles(REALM, admin.userId(REALM, ada2), List.of("administrator"), List.of("viewer"));

        JsonNode claims = actor.refresh();
        assertEquals(1, claims.get("tier").asInt(), claims.toString());
        assertNull(claims.get("view_as"), "the simulation ended: " + claims);
        assertFalse(Tokens.realmRoles(claims).contains("administrator"), claims.toString());
        JsonNode userinfo = actor.userinfo();
        assertEquals(1, userinfo.get("tier").asInt(), userinfo.toString());
        JsonNode introspected = actor.introspect(actor.access());
        assertEquals(1, introspected.get("tier").asInt(), introspected.toString());
        assertFalse(Tokens.realmRoles(introspected).contains("administrator"));
        JsonNode me = Admin.expect(http.get(server.viewgateUrl() + "/me", actor.access()), 200).json();
        assertEquals(1, me.get("tier").asInt());
        assertTrue(me.get("viewAs").isNull(), me.toString());
        assertFalse(me.get("can").get("decideRequests").asBoolean());
        assertError(http.postJson(server.viewgateUrl() + "/access-requests/" + requestId + "/grant", actor.access(),
                Map.of("role", "administrator")), 403, "not_a_decider");
        assertTrue(realmTier(requester).isEmpty(), "the requester got nothing");

        JsonNode ended = endedRows(ada2);
        assertEquals(1, ended.size(), ended.toString());
        assertEquals("access_reduced", ended.get(0).get("details").get("reason").asText(), ended.toString());
    }

    /** The path: view as on an offline session (its online session gone), then demoted; the offline token refreshes. */
    @Test
    void anOfflineTokenCarriesNoSimulationBeyondADemotion() {
        String actorName = user("offline-admin", "administrator");
        String actorId = admin.userId(REALM, actorName);
        JsonNode signedIn = Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "username", actorName, "password", actorName, "scope", "openid offline_access")), 200).json();
        String sid = Tokens.claims(signedIn.get("access_token").asText()).get("sid").asText();
        // the online session, if Keycloak made one besides the offline session, goes (as at a sign-out, without notBefore)
        int removed = http.delete(admin.realmAdminUrl(REALM) + "/sessions/" + sid, http.adminToken()).status();
        assertTrue(removed == 204 || removed == 404, "session removal: " + removed);
        JsonNode refreshed = refreshOffline(signedIn.get("refresh_token").asText());
        Admin.expect(startViewAs(refreshed.get("access_token").asText(), Map.of("tier", 7)), 200);
        refreshed = refreshOffline(refreshed.get("refresh_token").asText());
        assertEquals(7, Tokens.claims(refreshed.get("access_token").asText()).get("view_as").get("tier").asInt());

        admin.setRealmRoles(REALM, actorId, List.of("administrator"), List.of("viewer"));

        JsonNode claims = Tokens.claims(refreshOffline(refreshed.get("refresh_token").asText()).get("access_token").asText());
        assertEquals(1, claims.get("tier").asInt(), claims.toString());
        assertNull(claims.get("view_as"), claims.toString());
        assertFalse(Tokens.realmRoles(claims).contains("administrator"), claims.toString());
    }

    private JsonNode refreshOffline(String refreshToken) {
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "refresh_token", refreshToken)), 200).json();
    }

    @Test
    void theFirstUseAfterTheDemotionEndsItEvenWhenThatUseIsSlashMe() {
        String actorName = user("demoted-me", "administrator");
        Tokens actor = new Tokens(server, http, actorName);
        Admin.expect(startViewAs(actor.access(), Map.of("tier", 6)), 200);
        admin.setRealmRoles(REALM, admin.userId(REALM, actorName), List.of("administrator"), List.of("analyst"));
        JsonNode me = Admin.expect(http.get(server.viewgateUrl() + "/me", actor.access()), 200).json();
        assertEquals(3, me.get("tier").asInt(), me.toString());
        assertTrue(me.get("viewAs").isNull(), me.toString());
        JsonNode state = Admin.expect(http.get(server.viewgateUrl() + "/view-as", actor.access()), 200).json();
        assertFalse(state.get("active").asBoolean(), state.toString());
        assertEquals(1, endedRows(actorName).size());
        assertEquals(3, actor.refresh().get("tier").asInt());
        assertEquals(1, endedRows(actorName).size(), "ended once");
    }

    @Test
    void memberModeViewAsEndsWhenTheActorIsDemotedBelowTheViewedMember() {
        String actorName = user("demoted-architect", "architect");
        String target = user("viewed-maintainer", "maintainer");
        Tokens actor = new Tokens(server, http, actorName);
        Admin.expect(startViewAs(actor.access(), Map.of("user", target)), 200);
        JsonNode during = actor.refresh();
        assertEquals(5, during.get("tier").asInt());
        assertTrue(Tokens.realmRoles(during).contains("maintainer"));

        admin.setRealmRoles(REALM, admin.userId(REALM, actorName), List.of("architect"), List.of("viewer"));

        JsonNode claims = actor.refresh();
        assertEquals(1, claims.get("tier").asInt(), claims.toString());
        assertNull(claims.get("view_as"), claims.toString());
        assertFalse(Tokens.realmRoles(claims).contains("maintainer"), claims.toString());
        assertEquals("access_reduced", endedRows(actorName).get(0).get("details").get("reason").asText());
    }

    @Test
    void memberModeViewAsEndsWhenTheViewedMemberRisesAboveTheActor() {
        String actorName = user("steady-architect", "architect");
        String target = user("rising-builder", "builder");
        Tokens actor = new Tokens(server, http, actorName);
        Admin.expect(startViewAs(actor.access(), Map.of("user", target)), 200);
        assertEquals(4, actor.refresh().get("tier").asInt());

        admin.setRealmRoles(REALM, admin.userId(REALM, target), List.of("builder"), List.of("administrator"));

        JsonNode claims = actor.refresh();
        assertEquals(6, claims.get("tier").asInt(), claims.toString());
        assertNull(claims.get("view_as"), claims.toString());
        assertFalse(Tokens.realmRoles(claims).contains("administrator"), claims.toString());
        assertEquals(1, endedRows(actorName).size());
    }

    @Test
    void viewAsEndsWhenTheActorsTierCameThroughAGroupAndTheGroupIsLeft() {
        String actorName = user("group-admin");
        String actorId = admin.userId(REALM, actorName);
        String group = admin.createGroup(REALM, "authority-admins-" + System.nanoTime(), "administrator");
        restore.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/groups/" + group, http.adminToken()));
        admin.joinGroup(REALM, actorId, group);
        Tokens actor = new Tokens(server, http, actorName);
        Admin.expect(startViewAs(actor.access(), Map.of("tier", 7)), 200);
        assertEquals(7, actor.refresh().get("tier").asInt());

        Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/users/" + actorId + "/groups/" + group, http.adminToken()), 204);

        JsonNode claims = actor.refresh();
        assertEquals(0, claims.get("tier").asInt(), claims.toString());
        assertNull(claims.get("view_as"), claims.toString());
        assertFalse(Tokens.realmRoles(claims).contains("administrator"), claims.toString());
    }

    @Test
    void tierModeViewAsEndsWhenTheSimulatedRoleIsMadeACompositeOfAHigherTier() {
        String actorName = user("composite-admin", "administrator");
        Tokens actor = new Tokens(server, http, actorName);
        Admin.expect(startViewAs(actor.access(), Map.of("tier", 2)), 200);
        assertEquals(2, actor.refresh().get("tier").asInt());

        composite("explorer", "owner");

        JsonNode claims = actor.refresh();
        assertNull(claims.get("view_as"), "explorer now carries owner (T8), above the actor's T7: " + claims);
        assertFalse(Tokens.realmRoles(claims).contains("owner"), claims.toString());
        assertEquals(1, endedRows(actorName).size());
    }

    @Test
    void theSweepEndsADemotedViewAsThatIsNeverUsedAgain() {
        String actorName = user("idle-demoted", "administrator");
        Tokens actor = new Tokens(server, http, actorName);
        Admin.expect(startViewAs(actor.access(), Map.of("tier", 7)), 200);
        admin.setRealmRoles(REALM, admin.userId(REALM, actorName), List.of("administrator"), List.of("viewer"));
        JsonNode ended = Await.until(Duration.ofSeconds(40), () -> endedRows(actorName), rows -> rows.size() == 1,
                "VIEW_AS_ENDED of an unused, demoted view as");
        assertEquals("access_reduced", ended.get(0).get("details").get("reason").asText());
    }

    // ---------------------------------------------------------------- finding 2: what the role carries

    @Test
    void aRoleThatCarriesManageUsersIsNotGrantedByADeciderWithoutIt() {
        compositeWithClientRole("maintainer", "realm-management", "manage-users");
        String requester = user("carried-manage-users");
        String id = submit(requester);
        assertError(grant(http.memberToken("ada"), id, "maintainer"), 403, "beyond_own_access");
        assertTrue(realmTier(requester).isEmpty(), "nothing was mapped");
        assertEquals(403, http.get(admin.realmAdminUrl(REALM) + "/users?max=1", tokenOf(requester)).status(),
                "the requester cannot list users");
        assertEquals(200, grant(http.memberToken("ada"), id, "builder").status(), "a role that carries nothing more");
    }

    @Test
    void aRoleThatCarriesAHigherTierIsNotGranted() {
        composite("analyst", "owner");
        String requester = user("carried-owner");
        String id = submit(requester);
        assertError(grant(http.memberToken("ada"), id, "analyst"), 403, "beyond_own_access");
        assertTrue(realmTier(requester).isEmpty());
    }

    @Test
    void aRoleThatCarriesAnAppsClientRoleIsNotGrantedByADeciderWithoutIt() {
        // Every tier role from builder up carries demo-app's viewgate-share, so ada holds that one: a client role of
        // the app that nobody holds is what she must not hand out.
        String appRole = "authority-app-only-" + System.nanoTime();
        String roles = admin.realmAdminUrl(REALM) + "/clients/" + clientUuid("demo-app") + "/roles";
        Admin.expect(http.postJson(roles, http.adminToken(), java.util.Map.of("name", appRole)), 201);
        restore.add(() -> http.delete(roles + "/" + appRole, http.adminToken()));
        compositeWithClientRole("explorer", "demo-app", appRole);
        String requester = user("carried-client-role");
        String id = submit(requester);
        assertError(grant(http.memberToken("ada"), id, "explorer"), 403, "beyond_own_access");
    }

    @Test
    void aDeciderWhoHoldsTheCarriedRoleThroughAGroupMayGrantIt() {
        compositeWithClientRole("maintainer", "realm-management", "manage-users");
        String decider = user("group-manage-users", "administrator");
        String group = admin.createGroup(REALM, "authority-user-managers-" + System.nanoTime());
        restore.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/groups/" + group, http.adminToken()));
        String realmManagement = clientUuid("realm-management");
        JsonNode manageUsers = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + realmManagement
                + "/roles/manage-users", http.adminToken()), 200).json();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/groups/" + group + "/role-mappings/clients/"
                + realmManagement, http.adminToken(), List.of(manageUsers)), 204);
        admin.joinGroup(REALM, admin.userId(REALM, decider), group);
        String requester = user("granted-by-group-holder");
        String id = submit(requester);
        Admin.expect(grant(tokenOf(decider), id, "maintainer"), 200);
    }

    @Test
    void aSimulatingDeciderIsBoundByWhatTheRoleCarriesToo() {
        compositeWithClientRole("viewer", "realm-management", "view-users");
        String decider = user("simulating-holder", "administrator");
        admin.grantClientRole(REALM, admin.userId(REALM, decider), "realm-management", "view-users");
        Tokens tokens = new Tokens(server, http, decider);
        String requester = user("simulated-grant");
        String id = submit(requester);
        Admin.expect(startViewAs(tokens.access(), Map.of("tier", 7)), 200);
        tokens.refresh();
        assertError(grant(tokens.access(), id, "viewer"), 403, "beyond_own_access");
        assertEquals(204, http.delete(server.viewgateUrl() + "/view-as", tokens.access()).status());
        tokens.refresh();
        Admin.expect(grant(tokens.access(), id, "viewer"), 200);
    }

    // ---------------------------------------------------------------- finding 3: members at or above the decider

    @Test
    void aDeciderCannotDemoteAnOwner() {
        String owner = user("pending-owner", "owner");
        String id = submit(owner);
        assertError(grant(http.memberToken("ada"), id, "viewer"), 403, "member_not_below");
        assertEquals("owner", realmTier(owner).orElse(null));
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/decline", http.memberToken("olga"),
                Map.of()), 200);
    }

    @Test
    void aDeciderCannotChangeAPeer() {
        String peer = user("pending-peer", "administrator");
        String id = submit(peer);
        assertError(grant(http.memberToken("ada"), id, "viewer"), 403, "member_not_below");
        assertError(grant(http.memberToken("ada"), id, "administrator"), 403, "member_not_below");
        assertEquals("administrator", realmTier(peer).orElse(null));
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + id + "/decline", http.memberToken("ada"),
                Map.of("reason", "a decline changes no role")), 200);
    }

    @Test
    void aDeciderCannotDemoteAMemberWhoseHigherTierComesFromAGroup() {
        String member = user("group-owner", "viewer");
        String group = admin.createGroup(REALM, "authority-owners-" + System.nanoTime(), "owner");
        restore.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/groups/" + group, http.adminToken()));
        admin.joinGroup(REALM, admin.userId(REALM, member), group);
        String id = submit(member);
        assertError(grant(http.memberToken("ada"), id, "explorer"), 403, "member_not_below");
    }

    @Test
    void theAdminMirrorFollowsKeycloaksRoleMappingRule() {
        String viewOnly = user("view-users-admin");
        admin.grantClientRole(REALM, admin.userId(REALM, viewOnly), "realm-management", "view-users");
        String owner = user("admin-mirror-owner", "owner");
        String id = submit(owner);
        String mirror = admin.realmAdminUrl(REALM) + "/viewgate/access-requests/" + id;
        Http.Result refused = http.postJson(mirror + "/grant", tokenOf(viewOnly), Map.of("role", "viewer"));
        assertEquals(403, refused.status(), refused.body());
        assertEquals(403, http.postJson(admin.realmAdminUrl(REALM) + "/users/" + admin.userId(REALM, owner)
                        + "/role-mappings/realm", tokenOf(viewOnly), List.of(admin.realmRole(REALM, "viewer"))).status(),
                "Keycloak's own role-mapping API refuses the same admin");
        Http.Result unknown = http.postJson(admin.realmAdminUrl(REALM) + "/viewgate/access-requests/no-such-request/grant",
                tokenOf(user("no-rights-admin")), Map.of("role", "viewer"));
        assertEquals(403, unknown.status(), "an admin without rights learns nothing of request ids: " + unknown.body());
        JsonNode granted = Admin.expect(http.postJson(mirror + "/grant", http.adminToken(), Map.of("role", "viewer")), 200).json();
        assertEquals("owner", granted.get("previousRole").asText());
    }

    @Test
    void aManageUsersAdminCannotGrantARoleThatCarriesRealmAdminThoughKeycloaksOwnApiWould() {
        // Keycloak's role-mapping API checks the mapped role alone: a manage-users admin may map a composite that
        // carries realm-admin. Viewgate's admin mirror checks every admin role the role carries.
        compositeWithClientRole("builder", "realm-management", "realm-admin");
        String manager = user("manage-users-admin");
        admin.grantClientRole(REALM, admin.userId(REALM, manager), "realm-management", "manage-users");
        String requester = user("carried-realm-admin");
        String id = submit(requester);
        Http.Result refused = http.postJson(admin.realmAdminUrl(REALM) + "/viewgate/access-requests/" + id + "/grant",
                tokenOf(manager), Map.of("role", "builder"));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.json().get("error_description").asText().contains("'realm-admin', which 'builder' carries"),
                refused.body());
        assertTrue(realmTier(requester).isEmpty(), "nothing was mapped");
        assertEquals(403, http.get(admin.realmAdminUrl(REALM) + "/users?max=1", tokenOf(requester)).status());
        String other = user("keycloak-maps-it");
        assertEquals(204, http.postJson(admin.realmAdminUrl(REALM) + "/users/" + admin.userId(REALM, other)
                        + "/role-mappings/realm", tokenOf(manager), List.of(admin.realmRole(REALM, "builder"))).status(),
                "Keycloak's own role-mapping API lets the same admin map it");
        // A realm admin, who holds realm-admin, may grant it.
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/viewgate/access-requests/" + id + "/grant",
                http.adminToken(), Map.of("role", "builder")), 200);
    }

    // ---------------------------------------------------------------- finding 6: races on one session

    @Test
    void parallelStartsAndExitsOnOneSessionAnswerCleanlyAndAuditInPairs() throws Exception {
        String actorName = user("racing-view-as", "administrator");
        Tokens actor = new Tokens(server, http, actorName);
        String token = actor.access();
        List<Integer> statuses = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (Http.Result answer : Race.of(20, i -> i % 2 == 0
                    ? startViewAs(token, Map.of("tier", 2))
                    : http.delete(server.viewgateUrl() + "/view-as", token))) {
                statuses.add(answer.status());
                assertTrue(answer.status() < 500, "no 5xx: " + answer.status() + " " + answer.body());
                if (answer.status() >= 400) {
                    assertTrue(answer.json().has("error"), answer.body());
                }
            }
        }
        assertEquals(204, http.delete(server.viewgateUrl() + "/view-as", token).status());
        JsonNode state = Admin.expect(http.get(server.viewgateUrl() + "/view-as", token), 200).json();
        assertFalse(state.get("active").asBoolean());
        int started = audit("type=VIEW_AS_STARTED&actor=" + actorName + "&max=1000").size();
        int ended = endedRows(actorName).size();
        assertTrue(started >= 1, statuses.toString());
        assertEquals(started, ended, "each start has its end: " + statuses);
    }

    // ---------------------------------------------------------------- finding 9a: service accounts are not members

    @Test
    void anAppsServiceAccountCannotAskForAccess() {
        Http.Result asked = http.postJson(server.viewgateUrl() + "/access-requests", http.demoAppToken(),
                Map.of("message", "let my secret decide"));
        try {
            assertError(asked, 403, "not_a_member");
        } finally {
            http.delete(server.viewgateUrl() + "/access-requests/mine", http.demoAppToken());
        }
    }

    @Test
    void aServiceAccountWithATierRoleIsStillNoDeciderNorViewer() {
        String clientId = "authority-robot-" + System.nanoTime();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients", http.adminToken(), Map.of("clientId", clientId,
                "publicClient", false, "secret", "robot-secret", "standardFlowEnabled", false,
                "serviceAccountsEnabled", true)), 201);
        String uuid = clientUuid(clientId);
        restore.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/clients/" + uuid, http.adminToken()));
        String serviceAccount = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + uuid + "/service-account-user",
                http.adminToken()), 200).json().get("id").asText();
        admin.grantRealmRoles(REALM, serviceAccount, "administrator");
        String robot = Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", "robot-secret")), 200)
                .json().get("access_token").asText();
        String requester = user("robot-target");
        String id = submit(requester);

        assertError(http.get(server.viewgateUrl() + "/access-requests", robot), 403, "not_a_decider");
        assertError(grant(robot, id, "builder"), 403, "not_a_decider");
        assertError(startViewAs(robot, Map.of("tier", 2)), 403, "tier_too_low");
        JsonNode me = Admin.expect(http.get(server.viewgateUrl() + "/me", robot), 200).json();
        assertEquals(0, me.get("tier").asInt(), me.toString());
        assertTrue(realmTier(requester).isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    /** A scratch member (password = username) with the given realm roles; removed after the test. */
    private String user(String prefix, String... roles) {
        String username = "atk-" + prefix + "-" + System.nanoTime();
        String id = admin.createUser(REALM, username, "Attack", "Scratch");
        scratchUsers.add(id);
        if (roles.length > 0) {
            admin.grantRealmRoles(REALM, id, roles);
        }
        return username;
    }

    private String tokenOf(String username) {
        return http.passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
    }

    private String submit(String username) {
        Http.Result submitted = http.postJson(server.viewgateUrl() + "/access-requests", tokenOf(username),
                Map.of("message", "attack"));
        assertEquals(201, submitted.status(), submitted.body());
        return submitted.json().get("id").asText();
    }

    private Http.Result grant(String token, String requestId, String role) {
        return http.postJson(server.viewgateUrl() + "/access-requests/" + requestId + "/grant", token, Map.of("role", role));
    }

    private Http.Result startViewAs(String token, Object body) {
        return http.postJson(server.viewgateUrl() + "/view-as", token, body);
    }

    /** The user's direct tier role, if any, as the admin API lists it. */
    private java.util.Optional<String> realmTier(String username) {
        List<String> tiers = List.of("viewer", "explorer", "analyst", "builder", "maintainer", "architect", "administrator", "owner");
        JsonNode mapped = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users/" + admin.userId(REALM, username)
                + "/role-mappings/realm", http.adminToken()), 200).json();
        for (JsonNode role : mapped) {
            if (tiers.contains(role.get("name").asText())) {
                return java.util.Optional.of(role.get("name").asText());
            }
        }
        return java.util.Optional.empty();
    }

    /** Makes realm role {@code role} a composite of realm role {@code child} until the test ends. */
    private void composite(String role, String child) {
        admin.makeComposite(REALM, role, child);
        JsonNode childRep = admin.realmRole(REALM, child);
        restore.add(() -> Admin.expect(http.send(http.request(admin.realmAdminUrl(REALM) + "/roles/" + role + "/composites",
                        http.adminToken()).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(Http.toJson(List.of(childRep))))), 204));
    }

    /** Makes realm role {@code role} a composite of a client's role until the test ends. */
    private void compositeWithClientRole(String role, String clientId, String clientRole) {
        JsonNode childRep = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + clientUuid(clientId) + "/roles/"
                + clientRole, http.adminToken()), 200).json();
        String composites = admin.realmAdminUrl(REALM) + "/roles/" + role + "/composites";
        Admin.expect(http.postJson(composites, http.adminToken(), List.of(childRep)), 204);
        restore.add(() -> Admin.expect(http.send(http.request(composites, http.adminToken()).header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(Http.toJson(List.of(childRep))))), 204));
    }

    private String clientUuid(String clientId) {
        return Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients?clientId=" + clientId, http.adminToken()), 200)
                .json().get(0).get("id").asText();
    }

    private JsonNode audit(String query) {
        return Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?" + query, http.adminToken()), 200).json();
    }

    private JsonNode endedRows(String actor) {
        return audit("type=VIEW_AS_ENDED&actor=" + actor + "&max=1000");
    }

    private static void assertError(Http.Result result, int status, String error) {
        assertEquals(status, result.status(), result.body());
        assertEquals(error, result.json().get("error").asText(), result.body());
    }
}
