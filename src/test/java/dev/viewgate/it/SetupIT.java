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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /admin/realms/{r}/viewgate/setup on an existing realm: creates what is missing, then changes nothing. */
@ExtendWith(KeycloakExtension.class)
class SetupIT {

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    SetupIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    @Test
    void setupCreatesThePagesClientOnceAndIsIdempotent() {
        String realm = "setup-it";
        admin.createRealm(realm);
        try {
            String url = admin.realmAdminUrl(realm) + "/viewgate/setup";
            JsonNode first = Admin.expect(http.postJson(url, http.adminToken(), "{}"), 200).json();
            assertEquals(List.of("client viewgate-pages", "client scope viewgate", "realm default client scope viewgate"),
                    texts(first.get("created")).subList(0, 3));
            assertEquals(5, first.get("created").size(), first.toString());
            assertTrue(texts(first.get("created")).get(3).startsWith("client scope viewgate on clients ["), first.toString());
            assertEquals("client scope viewgate on clients [viewgate-pages]", texts(first.get("created")).get(3),
                    "the new client gets it; Keycloak's own consoles are left alone");
            assertEquals("client viewgate-console", texts(first.get("created")).get(4), first.toString());
            assertEquals(List.of(), texts(first.get("present")));

            JsonNode clients = Admin.expect(http.get(admin.realmAdminUrl(realm) + "/clients?clientId=viewgate-pages",
                    http.adminToken()), 200).json();
            assertEquals(1, clients.size());
            JsonNode client = clients.get(0);
            assertTrue(client.get("publicClient").asBoolean());
            assertEquals(List.of("/realms/setup-it/viewgate", "/realms/setup-it/viewgate/*"),
                    texts(client.get("redirectUris")).stream().sorted().toList());
            assertEquals("${authBaseUrl}", client.get("rootUrl").asText());
            assertEquals(false, client.get("directAccessGrantsEnabled").asBoolean());

            // The console's client: exact redirect, PKCE, full scope, its Home URL, and no viewgate scope.
            JsonNode consoles = Admin.expect(http.get(admin.realmAdminUrl(realm) + "/clients?clientId=viewgate-console",
                    http.adminToken()), 200).json();
            assertEquals(1, consoles.size());
            JsonNode console = consoles.get(0);
            assertTrue(console.get("publicClient").asBoolean());
            assertTrue(console.get("standardFlowEnabled").asBoolean());
            assertEquals(false, console.get("directAccessGrantsEnabled").asBoolean());
            assertEquals(false, console.get("implicitFlowEnabled").asBoolean());
            assertTrue(console.get("fullScopeAllowed").asBoolean());
            assertEquals(List.of("/realms/setup-it/viewgate/console/"), texts(console.get("redirectUris")));
            assertEquals("${authBaseUrl}", console.get("rootUrl").asText());
            assertEquals("/realms/setup-it/viewgate/console/", console.get("baseUrl").asText());
            assertEquals(List.of("+"), texts(console.get("webOrigins")));
            assertEquals("S256", console.get("attributes").get("pkce.code.challenge.method").asText());
            assertTrue(texts(console.get("defaultClientScopes")).stream().noneMatch("viewgate"::equals),
                    console.get("defaultClientScopes").toString());
            assertTrue(texts(console.get("optionalClientScopes")).stream().noneMatch("viewgate"::equals));

            JsonNode second = Admin.expect(http.postJson(url, http.adminToken(), "{}"), 200).json();
            assertEquals(List.of(), texts(second.get("created")));
            assertEquals(List.of("client viewgate-pages", "client scope viewgate", "realm default client scope viewgate",
                    "client viewgate-console"), texts(second.get("present")));
            assertEquals(1, Admin.expect(http.get(admin.realmAdminUrl(realm) + "/clients?clientId=viewgate-pages",
                    http.adminToken()), 200).json().size(), "still exactly one client");

            // A scope from before guest access (no guest view mapper) gets the mapper, and only that.
            String scopes = admin.realmAdminUrl(realm) + "/client-scopes";
            String scopeId = null;
            for (JsonNode scope : Admin.expect(http.get(scopes, http.adminToken()), 200).json()) {
                if ("viewgate".equals(scope.get("name").asText())) {
                    scopeId = scope.get("id").asText();
                }
            }
            String mappers = scopes + "/" + scopeId + "/protocol-mappers/models";
            for (JsonNode mapper : Admin.expect(http.get(mappers, http.adminToken()), 200).json()) {
                if ("oidc-viewgate-guest-view-mapper".equals(mapper.get("protocolMapper").asText())) {
                    Admin.expect(http.delete(mappers + "/" + mapper.get("id").asText(), http.adminToken()), 204);
                }
            }
            JsonNode third = Admin.expect(http.postJson(url, http.adminToken(), "{}"), 200).json();
            assertEquals(List.of("guest view mapper on client scope viewgate"), texts(third.get("created")));
            assertEquals(1, Admin.expect(http.get(mappers, http.adminToken()), 200).json().findValues("protocolMapper").stream()
                    .filter(m -> m.asText().equals("oidc-viewgate-guest-view-mapper")).count());

            // The created client is a working sign-in path for the pages of that realm.
            Http.Result page = http.get(server.baseUrl() + "/realms/" + realm + "/viewgate/", null);
            assertEquals(303, page.status());
            Http.Result login = http.get(page.header("Location"), null);
            assertEquals(200, login.status(), "Keycloak accepts the redirect_uri: " + login.body());
        } finally {
            admin.deleteRealm(realm);
        }
    }

    @Test
    void theDemoRealmAlreadyHasEverything() {
        JsonNode report = Admin.expect(http.postJson(server.adminUrl() + "/setup", http.adminToken(), "{}"), 200).json();
        assertEquals(List.of(), texts(report.get("created")));
    }

    @Test
    void onlyRealmAdminsMaySetUp() {
        Http.Result member = http.postJson(server.adminUrl() + "/setup", http.memberToken("olga"), "{}");
        assertEquals(403, member.status());
        assertEquals("forbidden", member.json().get("error").asText());
        Http.Result anonymous = http.postJson(server.adminUrl() + "/setup", null, "{}");
        assertEquals(401, anonymous.status());
    }
}
