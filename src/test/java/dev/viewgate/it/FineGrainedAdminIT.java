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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin mirror under Keycloak's fine-grained admin permissions (v2, a supported feature, on per realm): a delegated
 * admin holding no admin role, allowed to view users, to map roles of one member and to map one role, decides through
 * {@code /admin/realms/{r}/viewgate/access-requests} exactly as Keycloak's own role-mapping API lets them map roles.
 * Each refusal is checked against that API for the same admin, member and role.
 */
@ExtendWith(KeycloakExtension.class)
class FineGrainedAdminIT {

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private String realm;
    private String permissionsClient;
    private String delegatePolicy;

    FineGrainedAdminIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @BeforeEach
    void aRealmWithFineGrainedAdminPermissionsAndADelegate() {
        realm = "fgap-" + UUID.randomUUID().toString().substring(0, 8);
        Admin.expect(http.postJson(server.baseUrl() + "/admin/realms", http.adminToken(), Map.of("realm", realm,
                "enabled", true, "adminPermissionsEnabled", true)), 201);
        Admin.expect(http.postJson(admin.realmAdminUrl(realm) + "/viewgate/setup", http.adminToken(), Map.of()), 200);
        for (String[] tier : new String[][] {{"viewer", "1"}, {"explorer", "2"}, {"builder", "4"}}) {
            admin.createRealmRole(realm, Map.of("name", tier[0], "attributes", Map.of("viewgate.tier", List.of(tier[1]))));
        }
        permissionsClient = Admin.expect(http.get(admin.realmAdminUrl(realm), http.adminToken()), 200).json()
                .get("adminPermissionsClient").get("id").asText();
        String delegate = admin.createUser(realm, "delegate", "Del", "Egate");
        delegatePolicy = Admin.expect(http.postJson(authz("/policy/user"), http.adminToken(), Map.of("name", "the delegate",
                "users", List.of(delegate), "logic", "POSITIVE")), 201).json().get("id").asText();
        permission("view all users", "Users", "view", List.of());
    }

    @AfterEach
    void dropTheRealm() {
        admin.deleteRealm(realm);
    }

    @Test
    void theDelegateGrantsExactlyWhatKeycloaksRoleMappingApiLetsThemMap() {
        String member = admin.createUser(realm, "member", "Mem", "Ber");
        String other = admin.createUser(realm, "other", "Oth", "Er");
        permission("map roles of member", "Users", "map-roles", List.of(member));
        permission("map explorer", "Roles", "map-role", List.of(admin.realmRole(realm, "explorer").get("id").asText()));
        String delegate = token("delegate");

        // Keycloak's own API, as the baseline: explorer to member yes; builder to member no; explorer to other no.
        assertEquals(403, mapRealmRole(delegate, member, "builder"), "Keycloak refuses builder");
        assertEquals(403, mapRealmRole(delegate, other, "explorer"), "Keycloak refuses another member");

        String memberRequest = submit("member");
        String otherRequest = submit("other");
        assertRefused(grant(delegate, memberRequest, "builder"));
        assertRefused(grant(delegate, otherRequest, "explorer"));
        assertRefused(decline(delegate, otherRequest));
        assertEquals(List.of(), realmTierRoles(member), "nothing was mapped by the refusals");

        Http.Result granted = grant(delegate, memberRequest, "explorer");
        assertEquals(200, granted.status(), granted.body());
        assertEquals(List.of("explorer"), realmTierRoles(member));
        assertEquals(204, mapRealmRole(delegate, member, "explorer"), "and Keycloak agrees it may map explorer to member");
    }

    @Test
    void aDelegateWhoMayNotViewUsersLearnsNothingOfTheQueue() {
        String member = admin.createUser(realm, "member", "Mem", "Ber");
        String id = submit("member");
        admin.createUser(realm, "stranger", "Str", "Anger");
        String stranger = token("stranger");
        assertRefused(http.get(admin.realmAdminUrl(realm) + "/viewgate/access-requests?status=PENDING", stranger));
        assertRefused(grant(stranger, id, "viewer"));
        assertRefused(grant(stranger, UUID.randomUUID().toString(), "viewer"));
        assertEquals(List.of(), realmTierRoles(member));
    }

    // --- arrangement -----------------------------------------------------------------------------------------------

    private String authz(String path) {
        return admin.realmAdminUrl(realm) + "/clients/" + permissionsClient + "/authz/resource-server" + path;
    }

    /** A permission for the delegate: {@code scope} on {@code resources} of {@code type} (none: all of that type). */
    private void permission(String name, String type, String scope, List<String> resources) {
        Admin.expect(http.postJson(authz("/permission/scope"), http.adminToken(), Map.of("name", name, "resourceType", type,
                "scopes", List.of(scope), "resources", resources, "policies", List.of(delegatePolicy),
                "decisionStrategy", "UNANIMOUS")), 201);
    }

    private String token(String username) {
        return http.passwordGrant(server.baseUrl() + "/realms/" + realm, "admin-cli", null, username, username);
    }

    private String submit(String username) {
        return Admin.expect(http.postJson(server.baseUrl() + "/realms/" + realm + "/viewgate/access-requests",
                token(username), Map.of("message", "fgap")), 201).json().get("id").asText();
    }

    private Http.Result grant(String token, String requestId, String role) {
        return http.postJson(admin.realmAdminUrl(realm) + "/viewgate/access-requests/" + requestId + "/grant", token,
                Map.of("role", role));
    }

    private Http.Result decline(String token, String requestId) {
        return http.postJson(admin.realmAdminUrl(realm) + "/viewgate/access-requests/" + requestId + "/decline", token,
                Map.of("reason", "fgap"));
    }

    private int mapRealmRole(String token, String userId, String role) {
        return http.postJson(admin.realmAdminUrl(realm) + "/users/" + userId + "/role-mappings/realm", token,
                List.of(admin.realmRole(realm, role))).status();
    }

    private List<String> realmTierRoles(String userId) {
        List<String> roles = new ArrayList<>();
        for (JsonNode role : Admin.expect(http.get(admin.realmAdminUrl(realm) + "/users/" + userId + "/role-mappings/realm",
                http.adminToken()), 200).json()) {
            if (List.of("viewer", "explorer", "builder").contains(role.get("name").asText())) {
                roles.add(role.get("name").asText());
            }
        }
        return roles;
    }

    /** Viewgate's refusal: 403 with its JSON error, never a hint of what exists. */
    private static void assertRefused(Http.Result result) {
        assertEquals(403, result.status(), result.body());
        assertTrue(result.json().has("error"), result.body());
    }
}
