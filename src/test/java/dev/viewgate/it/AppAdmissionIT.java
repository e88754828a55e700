package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks on who may manage an app's views and grants: only the app itself (its service account with its client
 * role {@code viewgate-share}), members the app admits (its client role {@code viewgate-share}, directly, by group or
 * by composite, and tier >= {@code viewgate.share.minTier}, with a token of that app), and Keycloak admins through the
 * admin API. No refusal tells the caller whether a client exists.
 */
@ExtendWith(KeycloakExtension.class)
class AppAdmissionIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String GRANT_TYPE = "urn:viewgate:grant-type:guest";

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private final List<Runnable> cleanup = new ArrayList<>();
    private String appB;
    private String appBUuid;

    AppAdmissionIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @BeforeEach
    void appB() {
        appB = "admission-b-" + System.nanoTime();
        appBUuid = createApp(appB);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).run();
        }
        cleanup.clear();
    }

    @Test
    void aBuilderWithNoRoleInAnotherAppCannotTouchItsViewsOrGrants() {
        String appToken = admin.appToken(appB);
        Admin.expect(http.putJson(views(appB) + "/report", appToken, Map.of("name", "Report", "exportable", false)), 201);
        JsonNode grant = Admin.expect(http.postJson(views(appB) + "/report/guests", appToken,
                Map.of("permissions", List.of("read", "export"))), 201).json();
        String guestToken = Admin.expect(exchange(appB, grant.get("secret").asText()), 200).json().get("access_token").asText();

        String bobOnB = http.passwordGrant(server.realmUrl(), appB, appB + "-secret", "bob", "bob");
        assertError(http.putJson(views(appB) + "/report", bobOnB, Map.of("name", "Report", "exportable", true)), 403, "not_your_client");
        assertEquals(List.of("read"), strings(introspect(appB, guestToken).get("view").get("permissions")),
                "the guest did not gain export");
        assertError(http.get(views(appB), bobOnB), 403, "not_your_client");
        assertError(http.get(views(appB) + "/report/guests", bobOnB), 403, "not_your_client");
        assertError(http.postJson(views(appB) + "/report/guests", bobOnB, Map.of("permissions", List.of("read"))), 403,
                "not_your_client");
        assertError(http.delete(views(appB) + "/report/guests/" + grant.get("id").asText(), bobOnB), 403, "not_your_client");
        assertTrue(introspect(appB, guestToken).get("active").asBoolean(), "B's grant was not revoked");
        Admin.expect(exchange(appB, grant.get("secret").asText()), 200);

        // Admitted to demo-app (builder carries demo-app's viewgate-share): that says nothing about app B.
        String bobOnDemo = http.memberToken("bob");
        Admin.expect(http.get(views("demo-app"), bobOnDemo), 200);
        assertError(http.get(views(appB), bobOnDemo), 403, "not_your_client");
        assertError(http.delete(views(appB) + "/report/guests/" + grant.get("id").asText(), bobOnDemo), 403, "not_your_client");
    }

    @Test
    void anAppsServiceAccountActsOnlyForItsOwnApp() {
        Admin.expect(http.putJson(views(appB) + "/report", admin.appToken(appB), Map.of("name", "Report")), 201);
        String demoApp = http.demoAppToken();
        assertError(http.get(views(appB), demoApp), 403, "not_your_client");
        assertError(http.putJson(views(appB) + "/report", demoApp, Map.of("name", "x", "exportable", true)), 403, "not_your_client");
        assertError(http.postJson(views(appB) + "/report/guests", demoApp, Map.of("permissions", List.of("read"))), 403,
                "not_your_client");
        assertError(http.get(views("demo-app"), admin.appToken(appB)), 403, "not_your_client");

        // Even holding demo-app's own viewgate-share, app B's service account is not demo-app.
        String serviceAccountOfB = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + appBUuid + "/service-account-user",
                http.adminToken()), 200).json().get("id").asText();
        admin.grantClientRole(REALM, serviceAccountOfB, "demo-app", "viewgate-share");
        assertError(http.get(views("demo-app"), admin.appToken(appB)), 403, "not_your_client");
        assertError(http.postJson(views("demo-app") + "/client-report/guests", admin.appToken(appB),
                Map.of("permissions", List.of("read"))), 403, "not_your_client");
    }

    @Test
    void viewingAsAMemberTheAppDoesNotAdmitTakesTheAdmissionAway() {
        Admin.expect(http.putJson(views(appB) + "/report", admin.appToken(appB), Map.of("name", "Report")), 201);
        String sharers = createGroupWithClientRole("admission-viewas-" + System.nanoTime(), appBUuid);
        String architect = member("admission-architect-" + System.nanoTime(), "architect");
        admin.joinGroup(REALM, architect, sharers);
        String onB = token(appB, architect);
        Admin.expect(http.get(views(appB), onB), 200);
        Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", onB, Map.of("user", "bob")), 200);
        try {
            // bob's tier (4) reaches viewgate.share.minTier, but app B does not admit bob.
            assertError(http.get(views(appB), onB), 403, "not_your_client");
            assertError(http.putJson(views(appB) + "/report", onB, Map.of("name", "x", "exportable", true)), 403, "not_your_client");
        } finally {
            Admin.expect(http.delete(server.viewgateUrl() + "/view-as", onB), 204);
        }
        Admin.expect(http.get(views(appB), onB), 200);
    }

    @Test
    void membersTheAppAdmitsByGroupOrCompositeMayActIfTheirTierAllows() {
        Admin.expect(http.putJson(views(appB) + "/report", admin.appToken(appB), Map.of("name", "Report")), 201);
        String sharers = createGroupWithClientRole("admission-sharers-" + System.nanoTime(), appBUuid);
        String byGroup = member("admission-group-" + System.nanoTime(), "builder");
        admin.joinGroup(REALM, byGroup, sharers);
        Admin.expect(http.get(views(appB), token(appB, byGroup)), 200);
        Admin.expect(http.postJson(views(appB) + "/report/guests", token(appB, byGroup), Map.of("permissions", List.of("read"))), 201);

        String compositeRole = "admission-role-" + System.nanoTime();
        admin.createRealmRole(REALM, Map.of("name", compositeRole));
        cleanup.add(() -> admin.deleteRealmRole(REALM, compositeRole));
        JsonNode share = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + appBUuid + "/roles/viewgate-share",
                http.adminToken()), 200).json();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/roles/" + compositeRole + "/composites", http.adminToken(),
                List.of(share)), 204);
        String byComposite = member("admission-composite-" + System.nanoTime(), "maintainer", compositeRole);
        Admin.expect(http.putJson(views(appB) + "/report", token(appB, byComposite), Map.of("name", "Report", "editable", true)), 200);

        // Admitted, but below viewgate.share.minTier.
        String lowTier = member("admission-low-" + System.nanoTime(), "analyst");
        admin.joinGroup(REALM, lowTier, sharers);
        assertError(http.get(views(appB), token(appB, lowTier)), 403, "tier_too_low");
        // Admitted to B, but using a token of another app.
        assertError(http.get(views(appB), token("demo-app", byGroup)), 403, "not_your_client");
    }

    @Test
    void noRefusalTellsWhetherAClientExists() {
        Admin.expect(http.putJson(views(appB) + "/report", admin.appToken(appB), Map.of("name", "Report")), 201);
        String missing = "admission-missing-" + System.nanoTime();
        for (String actor : List.of("vera", "bob", "demo-app service account", "nora")) {
            String token = actor.equals("demo-app service account") ? http.demoAppToken() : http.memberToken(actor);
            for (List<String> route : List.of(List.of("GET", ""), List.of("PUT", "/report"), List.of("POST", "/report/guests"),
                    List.of("GET", "/report/guests"), List.of("DELETE", "/report/guests/some-grant"))) {
                String method = route.get(0);
                String path = route.get(1);
                Http.Result existing = call(method, views(appB) + path, token);
                Http.Result absent = call(method, views(missing) + path, token);
                assertEquals(403, existing.status(), actor + " " + method + " " + path + ": " + existing.body());
                assertEquals(existing.status(), absent.status(), actor + " " + method + " " + path + ": " + absent.body());
                assertEquals(existing.body().replace(appB, "X"), absent.body().replace(missing, "X"), actor + " " + method + " " + path);
            }
        }
    }

    @Test
    void adminsWithoutTheRightOnTheClientLearnNothingAndCannotChangeIt() {
        String appToken = admin.appToken(appB);
        Admin.expect(http.putJson(views(appB) + "/report", appToken, Map.of("name", "Report")), 201);
        String grantId = Admin.expect(http.postJson(views(appB) + "/report/guests", appToken,
                Map.of("permissions", List.of("read"))), 201).json().get("id").asText();
        String adminViews = admin.realmAdminUrl(REALM) + "/viewgate/views/";
        String missing = "admission-missing-" + System.nanoTime();

        String viewsUsers = member("admission-view-users-" + System.nanoTime());
        admin.grantClientRole(REALM, viewsUsers, "realm-management", "view-users");
        String viewUsersToken = token("demo-app", viewsUsers);
        for (String path : List.of("", "/report/guests")) {
            Http.Result existing = http.get(adminViews + appB + path, viewUsersToken);
            Http.Result absent = http.get(adminViews + missing + path, viewUsersToken);
            assertEquals(403, existing.status(), existing.body());
            assertEquals(existing.status(), absent.status(), absent.body());
            assertEquals(existing.body().replace(appB, "X"), absent.body().replace(missing, "X"));
        }
        Http.Result inventoryExisting = http.get(admin.realmAdminUrl(REALM) + "/viewgate/guests?client=" + appB, viewUsersToken);
        Http.Result inventoryAbsent = http.get(admin.realmAdminUrl(REALM) + "/viewgate/guests?client=" + missing, viewUsersToken);
        assertEquals(403, inventoryExisting.status());
        assertEquals(inventoryExisting.body().replace(appB, "X"), inventoryAbsent.body().replace(missing, "X"));

        String viewClients = member("admission-view-clients-" + System.nanoTime());
        admin.grantClientRole(REALM, viewClients, "realm-management", "view-clients");
        String viewer = token("demo-app", viewClients);
        Admin.expect(http.get(adminViews + appB + "/report/guests", viewer), 200);
        assertEquals(403, http.delete(adminViews + appB + "/report/guests/" + grantId, viewer).status(), "view-clients cannot revoke");
        assertEquals(403, http.postJson(adminViews + appB + "/report/guests", viewer, Map.of("permissions", List.of("read"))).status());
        assertEquals(403, http.putJson(adminViews + appB + "/report", viewer, Map.of("name", "x", "exportable", true)).status());
        assertEquals("active", Admin.expect(http.get(adminViews + appB + "/report/guests", viewer), 200).json().get(0)
                .get("status").asText());
    }

    @Test
    void aGuestTokenCannotTouchAnyView() {
        String appToken = admin.appToken(appB);
        Admin.expect(http.putJson(views(appB) + "/report", appToken, Map.of("name", "Report")), 201);
        JsonNode grant = Admin.expect(http.postJson(views(appB) + "/report/guests", appToken,
                Map.of("permissions", List.of("read"))), 201).json();
        String guest = Admin.expect(exchange(appB, grant.get("secret").asText()), 200).json().get("access_token").asText();
        assertError(http.putJson(views(appB) + "/report", guest, Map.of("name", "x", "exportable", true)), 403, "guest_token");
        assertError(http.delete(views(appB) + "/report/guests/" + grant.get("id").asText(), guest), 403, "guest_token");
        assertError(http.get(views(appB) + "/report/guests", guest), 403, "guest_token");
    }

    // --- arrangement ---------------------------------------------------------------------------------------------

    private String views(String clientId) {
        return server.viewgateUrl() + "/views/" + clientId;
    }

    private String createApp(String clientId) {
        String uuid = admin.createApp(REALM, clientId);
        cleanup.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/clients/" + uuid, http.adminToken()));
        return uuid;
    }

    private String createGroupWithClientRole(String name, String clientUuid) {
        String token = http.adminToken();
        Http.Result created = Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/groups", token, Map.of("name", name)), 201);
        String id = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
        cleanup.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/groups/" + id, http.adminToken()));
        JsonNode role = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + clientUuid + "/roles/viewgate-share",
                token), 200).json();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/groups/" + id + "/role-mappings/clients/" + clientUuid, token,
                List.of(role)), 204);
        return id;
    }

    /** A new member (password = username) holding the given realm roles; removed after the test. */
    private String member(String username, String... roles) {
        String id = admin.createUser(REALM, username, "Admission", "Test");
        cleanup.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/users/" + id, http.adminToken()));
        if (roles.length > 0) {
            admin.grantRealmRoles(REALM, id, roles);
        }
        return id;
    }

    private String token(String clientId, String userId) {
        String username = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users/" + userId, http.adminToken()), 200)
                .json().get("username").asText();
        String secret = clientId.equals("demo-app") ? "demo-app-secret" : clientId + "-secret";
        return http.passwordGrant(server.realmUrl(), clientId, secret, username, username);
    }

    private Http.Result exchange(String clientId, String secret) {
        return http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of("grant_type", GRANT_TYPE,
                "client_id", clientId, "client_secret", clientId + "-secret", "guest_secret", secret));
    }

    private JsonNode introspect(String clientId, String token) {
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token/introspect", Map.of(
                "client_id", clientId, "client_secret", clientId + "-secret", "token", token)), 200).json();
    }

    private Http.Result call(String method, String url, String token) {
        return switch (method) {
            case "GET" -> http.get(url, token);
            case "DELETE" -> http.delete(url, token);
            case "PUT" -> http.putJson(url, token, Map.of("name", "x"));
            default -> http.postJson(url, token, Map.of("permissions", List.of("read")));
        };
    }

    private static void assertError(Http.Result result, int status, String error) {
        assertEquals(status, result.status(), result.body());
        assertEquals(error, result.json().get("error").asText(), result.body());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
