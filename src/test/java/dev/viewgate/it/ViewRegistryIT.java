package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Apps register their views: who may, for which client, and what bad input gets. */
@ExtendWith(KeycloakExtension.class)
class ViewRegistryIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    ViewRegistryIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String views(String clientId) {
        return server.viewgateUrl() + "/views/" + clientId;
    }

    private String serviceAccountToken(String clientId, String secret) {
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)), 200)
                .json().get("access_token").asText();
    }

    private void assertError(Http.Result result, int status, String error) {
        assertEquals(status, result.status(), result.body());
        assertEquals(error, result.json().get("error").asText(), result.body());
    }

    private void createConfidentialClient(String clientId, boolean shareRole) {
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients", http.adminToken(), Map.of("clientId", clientId,
                "secret", clientId + "-secret", "publicClient", false, "serviceAccountsEnabled", true,
                "directAccessGrantsEnabled", true)), 201);
        if (shareRole) {
            String uuid = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients?clientId=" + clientId, http.adminToken()), 200)
                    .json().get(0).get("id").asText();
            Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients/" + uuid + "/roles", http.adminToken(),
                    Map.of("name", "viewgate-share")), 201);
            String serviceAccount = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + uuid + "/service-account-user",
                    http.adminToken()), 200).json().get("id").asText();
            JsonNode role = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + uuid + "/roles/viewgate-share",
                    http.adminToken()), 200).json();
            Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/users/" + serviceAccount + "/role-mappings/clients/" + uuid,
                    http.adminToken(), List.of(role)), 204);
        }
    }

    @Test
    void theAppsServiceAccountRegistersAndUpdatesItsViews() {
        // A key of its own: the demo app registers its three views whenever a test class starts it.
        String key = "registry-report-" + System.nanoTime();
        String app = serviceAccountToken("demo-app", "demo-app-secret");
        JsonNode created = Admin.expect(http.putJson(views("demo-app") + "/" + key, app,
                Map.of("name", "Client Report", "editable", false, "addable", true, "exportable", true)), 201).json();
        assertEquals("demo-app", created.get("client").asText());
        assertEquals(key, created.get("key").asText());
        assertTrue(created.get("exportable").asBoolean());
        assertFalse(created.get("editable").asBoolean());
        JsonNode updated = Admin.expect(http.putJson(views("demo-app") + "/" + key, app,
                Map.of("name", "Client Report", "editable", true)), 200).json();
        assertTrue(updated.get("editable").asBoolean());
        assertFalse(updated.get("exportable").asBoolean(), "a setting left out is false");
        assertEquals(created.get("createdAt").asText(), updated.get("createdAt").asText());
        JsonNode list = Admin.expect(http.get(views("demo-app"), app), 200).json();
        assertTrue(list.toString().contains("\"key\":\"" + key + "\""), list.toString());
        JsonNode audit = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=VIEW_UPDATED&actor=service-account-demo-app",
                http.adminToken()), 200).json();
        assertTrue(audit.size() >= 2, audit.toString());
        assertEquals(key, audit.get(0).get("details").get("view").asText());
    }

    @Test
    void membersFromTheShareTierWithATokenOfThatApp() {
        String key = "registry-budget-" + System.nanoTime();
        Admin.expect(http.putJson(views("demo-app") + "/" + key, http.memberToken("bob"),
                Map.of("name", "Budget Overview")), 201);
        assertError(http.putJson(views("demo-app") + "/" + key, http.memberToken("vera"), Map.of("name", "x")),
                403, "tier_too_low");
        createConfidentialClient("other-app", false);
        String bobOnOtherApp = http.passwordGrant(server.realmUrl(), "other-app", "other-app-secret", "bob", "bob");
        assertError(http.putJson(views("demo-app") + "/" + key, bobOnOtherApp, Map.of("name", "x")), 403, "not_your_client");
        assertError(http.get(views("demo-app"), bobOnOtherApp), 403, "not_your_client");

        Tokens ada = new Tokens(server, http, "ada");
        Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", ada.access(), Map.of("tier", 2)), 200);
        assertError(http.putJson(views("demo-app") + "/x", ada.access(), Map.of("name", "x")), 403, "tier_too_low");
        assertEquals(204, http.delete(server.viewgateUrl() + "/view-as", ada.access()).status());
    }

    @Test
    void aServiceAccountActsOnlyForItsOwnClientWithTheShareRole() {
        createConfidentialClient("sharing-app", true);
        createConfidentialClient("plain-app", false);
        String sharing = serviceAccountToken("sharing-app", "sharing-app-secret");
        Admin.expect(http.putJson(views("sharing-app") + "/v1", sharing, Map.of("name", "V1")), 201);
        assertError(http.putJson(views("demo-app") + "/v1", sharing, Map.of("name", "V1")), 403, "not_your_client");
        assertError(http.putJson(views("plain-app") + "/v1", serviceAccountToken("plain-app", "plain-app-secret"),
                Map.of("name", "V1")), 403, "not_your_client");
    }

    @Test
    void badInput() {
        String app = serviceAccountToken("demo-app", "demo-app-secret");
        for (String key : List.of("a%20b", "x".repeat(129), "..%2Fx", "%C3%A4")) {
            assertError(http.putJson(views("demo-app") + "/" + key, app, Map.of("name", "x")), 400, "invalid_request");
        }
        assertError(http.putJson(views("no-such-client") + "/v", app, Map.of("name", "x")), 403, "not_your_client");
        assertError(http.putJson(views("bad%20client") + "/v", app, Map.of("name", "x")), 400, "invalid_request");
        for (String body : List.of("{}", "{\"name\": 5}", "{\"name\": \"x\", \"editable\": \"yes\"}", "{\"name\": \"x\", \"other\": 1}",
                "[]", "nope", "{\"name\": \"" + "n".repeat(256) + "\"}",
                "{\"name\": \"lone \\ud800 surrogate\"}", "{\"name\": \"nul \\u0000\"}")) {
            assertError(http.putJson(views("demo-app") + "/v", app, body), 400, "invalid_request");
        }
        assertEquals(401, http.putJson(views("demo-app") + "/v", null, Map.of("name", "x")).status());
    }

    @Test
    void keycloakAdminsUseTheAdminApi() {
        String adminViews = admin.realmAdminUrl(REALM) + "/viewgate/views/demo-app";
        String key = "registry-campaign-" + System.nanoTime();
        assertEquals(201, http.putJson(adminViews + "/" + key, http.adminToken(),
                Map.of("name", "Campaign Performance", "editable", true, "addable", true)).status());
        JsonNode list = Admin.expect(http.get(adminViews, http.adminToken()), 200).json();
        assertTrue(list.toString().contains(key));
        assertEquals(403, http.get(adminViews, http.memberToken("olga")).status());
    }
}
