package dev.viewgate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Keycloak's own admin REST API, used by tests to arrange users, roles and realms as an admin would. */
public final class Admin {

    private final KeycloakServer server;
    private final Http http;

    public Admin(KeycloakServer server, Http http) {
        this.server = server;
        this.http = http;
    }

    public String realmAdminUrl(String realm) {
        return server.baseUrl() + "/admin/realms/" + realm;
    }

    /** Creates a user (password = username) and returns its id. */
    public String createUser(String realm, String username, String firstName, String lastName) {
        Http.Result created = http.postJson(realmAdminUrl(realm) + "/users", http.adminToken(), Map.of(
                "username", username, "enabled", true, "email", username + "@viewgate.test", "emailVerified", true,
                "firstName", firstName, "lastName", lastName,
                "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false))));
        expect(created, 201);
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public JsonNode realmRole(String realm, String role) {
        Http.Result result = http.get(realmAdminUrl(realm) + "/roles/" + role, http.adminToken());
        expect(result, 200);
        return result.json();
    }

    public void createRealmRole(String realm, Map<String, Object> role) {
        expect(http.postJson(realmAdminUrl(realm) + "/roles", http.adminToken(), role), 201);
    }

    public void deleteRealmRole(String realm, String role) {
        expect(http.delete(realmAdminUrl(realm) + "/roles/" + role, http.adminToken()), 204);
    }

    public void grantRealmRoles(String realm, String userId, String... roles) {
        List<JsonNode> reps = java.util.Arrays.stream(roles).map(r -> realmRole(realm, r)).toList();
        expect(http.postJson(realmAdminUrl(realm) + "/users/" + userId + "/role-mappings/realm", http.adminToken(), reps), 204);
    }

    /**
     * A confidential app like demo-app (secret = clientId + "-secret"): a service account holding the app's own client
     * role viewgate-share, the password grant, and an audience mapper. Returns the client's id.
     */
    public String createApp(String realm, String clientId) {
        String token = http.adminToken();
        expect(http.postJson(realmAdminUrl(realm) + "/clients", token, Map.of("clientId", clientId,
                "secret", clientId + "-secret", "publicClient", false, "serviceAccountsEnabled", true,
                "directAccessGrantsEnabled", true, "protocolMappers", List.of(Map.of("name", "audience",
                        "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.client.audience", clientId, "access.token.claim", "true",
                                "introspection.token.claim", "true"))))), 201);
        String uuid = expect(http.get(realmAdminUrl(realm) + "/clients?clientId=" + clientId, token), 200)
                .json().get(0).get("id").asText();
        expect(http.postJson(realmAdminUrl(realm) + "/clients/" + uuid + "/roles", token,
                Map.of("name", "viewgate-share")), 201);
        String serviceAccount = expect(http.get(realmAdminUrl(realm) + "/clients/" + uuid + "/service-account-user",
                token), 200).json().get("id").asText();
        grantClientRole(realm, serviceAccount, clientId, "viewgate-share");
        return uuid;
    }

    /** The access token of an app made by {@link #createApp}, as its back end gets one (client_credentials). */
    public String appToken(String clientId) {
        return expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientId + "-secret")), 200)
                .json().get("access_token").asText();
    }

    public String userId(String realm, String username) {
        return expect(http.get(realmAdminUrl(realm) + "/users?exact=true&username=" + username, http.adminToken()), 200)
                .json().get(0).get("id").asText();
    }

    /** Removes the given direct realm roles (those the user holds) and grants others, as the role-mapping tab does. */
    public void setRealmRoles(String realm, String userId, List<String> remove, List<String> grant) {
        String mappings = realmAdminUrl(realm) + "/users/" + userId + "/role-mappings/realm";
        List<JsonNode> held = new java.util.ArrayList<>();
        expect(http.get(mappings, http.adminToken()), 200).json().forEach(role -> {
            if (remove.contains(role.get("name").asText())) {
                held.add(role);
            }
        });
        if (!held.isEmpty()) {
            expect(http.send(http.request(mappings, http.adminToken()).header("Content-Type", "application/json")
                    .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(Http.toJson(held)))), 204);
        }
        grantRealmRoles(realm, userId, grant.toArray(String[]::new));
    }

    public void grantClientRole(String realm, String userId, String clientId, String role) {
        String client = expect(http.get(realmAdminUrl(realm) + "/clients?clientId=" + clientId, http.adminToken()), 200)
                .json().get(0).get("id").asText();
        JsonNode rep = expect(http.get(realmAdminUrl(realm) + "/clients/" + client + "/roles/" + role, http.adminToken()), 200).json();
        expect(http.postJson(realmAdminUrl(realm) + "/users/" + userId + "/role-mappings/clients/" + client,
                http.adminToken(), List.of(rep)), 204);
    }

    public void makeComposite(String realm, String role, String... children) {
        List<JsonNode> reps = java.util.Arrays.stream(children).map(r -> realmRole(realm, r)).toList();
        expect(http.postJson(realmAdminUrl(realm) + "/roles/" + role + "/composites", http.adminToken(), reps), 204);
    }

    /** Creates a group holding the given realm roles and returns its id. */
    public String createGroup(String realm, String name, String... roles) {
        Http.Result created = http.postJson(realmAdminUrl(realm) + "/groups", http.adminToken(), Map.of("name", name));
        expect(created, 201);
        String location = created.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        List<JsonNode> reps = java.util.Arrays.stream(roles).map(r -> realmRole(realm, r)).toList();
        expect(http.postJson(realmAdminUrl(realm) + "/groups/" + id + "/role-mappings/realm", http.adminToken(), reps), 204);
        return id;
    }

    public void joinGroup(String realm, String userId, String groupId) {
        expect(http.putJson(realmAdminUrl(realm) + "/users/" + userId + "/groups/" + groupId, http.adminToken(), "{}"), 204);
    }

    public void createRealm(String realm) {
        expect(http.postJson(server.baseUrl() + "/admin/realms", http.adminToken(),
                Map.of("realm", realm, "enabled", true)), 201);
    }

    public void deleteRealm(String realm) {
        expect(http.delete(realmAdminUrl(realm), http.adminToken()), 204);
    }

    public static Http.Result expect(Http.Result result, int status) {
        if (result.status() != status) {
            throw new AssertionError("Expected " + status + " but got " + result.status() + ": " + result.body());
        }
        return result;
    }
}
