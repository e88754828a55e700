package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may call the JSON API, and what everyone else gets: a 401/404 JSON error, never a stack trace. */
@ExtendWith(KeycloakExtension.class)
class AuthenticationIT {

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    AuthenticationIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private void assertJsonError(Http.Result result, int status, String error) {
        assertEquals(status, result.status(), result.body());
        assertTrue(result.header("Content-Type").startsWith("application/json"), result.header("Content-Type"));
        JsonNode body = result.json();
        assertEquals(error, body.get("error").asText(), result.body());
        assertFalse(result.body().contains("Exception") || result.body().contains("\tat "), "no stack trace: " + result.body());
    }

    @Test
    void noToken() {
        Http.Result result = http.get(server.viewgateUrl() + "/me", null);
        assertJsonError(result, 401, "not_authenticated");
        assertEquals("Bearer", result.header("WWW-Authenticate"));
        assertTrue(result.json().get("error_description").asText().contains("viewgate-demo"));
    }

    @Test
    void malformedTokens() {
        for (String header : List.of("Bearer not-a-jwt", "Bearer a.b.c", "Bearer ", "Basic YWRhOmFkYQ==", "Bearer "
                + "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEifQ.")) {
            Http.Result result = http.send(http.request(server.viewgateUrl() + "/me", null).header("Authorization", header));
            assertJsonError(result, 401, "invalid_token");
        }
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = http.memberToken("vera");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"vera\"", "\"olga\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertJsonError(http.get(server.viewgateUrl() + "/me", forged), 401, "invalid_token");
    }

    @Test
    void tokenOfAnotherRealmIsRefused() {
        assertJsonError(http.get(server.viewgateUrl() + "/me", http.adminToken()), 401, "invalid_token");
    }

    @Test
    void tokenOfALoggedOutSessionIsRefused() {
        String userId = admin.createUser(KeycloakServer.REALM, "logout-probe", "Lou", "Logout");
        String token = http.memberToken("logout-probe");
        Admin.expect(http.get(server.viewgateUrl() + "/me", token), 200);
        Admin.expect(http.postJson(admin.realmAdminUrl(KeycloakServer.REALM) + "/users/" + userId + "/logout",
                http.adminToken(), "{}"), 204);
        assertJsonError(http.get(server.viewgateUrl() + "/me", token), 401, "invalid_token");
    }

    @Test
    void expiredTokenIsRefused() throws InterruptedException {
        // A client whose access tokens live 1 second; the test waits on the token's own exp, not on a guess.
        Admin.expect(http.postJson(admin.realmAdminUrl(KeycloakServer.REALM) + "/clients", http.adminToken(), Map.of(
                "clientId", "short-lived", "publicClient", true, "directAccessGrantsEnabled", true,
                "attributes", Map.of("access.token.lifespan", "1"))), 201);
        String token = http.passwordGrant(server.realmUrl(), "short-lived", null, "bob", "bob");
        JsonNode claims = Http.JSON.valueToTree(decode(token));
        Instant expiry = Instant.ofEpochSecond(claims.get("exp").asLong());
        Admin.expect(http.get(server.viewgateUrl() + "/me", token), 200);
        Duration untilExpired = Duration.between(Instant.now(), expiry.plusSeconds(1));
        if (!untilExpired.isNegative()) {
            Thread.sleep(untilExpired.toMillis());
        }
        assertJsonError(http.get(server.viewgateUrl() + "/me", token), 401, "invalid_token");
    }

    @Test
    void unknownRealmIs404() {
        Http.Result result = http.get(server.baseUrl() + "/realms/no-such-realm/viewgate/me", http.memberToken("ada"));
        assertEquals(404, result.status());
        assertTrue(result.json().has("error"), result.body());
    }

    @Test
    void unknownPathIs404() {
        Http.Result result = http.get(server.viewgateUrl() + "/no-such-thing", http.memberToken("ada"));
        assertEquals(404, result.status());
        assertTrue(result.json().has("error"), result.body());
    }

    @Test
    void corsAllowsTheTokensOriginsOnly() {
        String token = http.memberToken("ada"); // demo-app's web origin is http://localhost:8081
        Http.Result allowed = http.send(http.request(server.viewgateUrl() + "/me", token).header("Origin", "http://localhost:8081"));
        assertEquals(200, allowed.status());
        assertEquals("http://localhost:8081", allowed.header("Access-Control-Allow-Origin"));
        Http.Result foreign = http.send(http.request(server.viewgateUrl() + "/me", token).header("Origin", "https://evil.example"));
        assertEquals(403, foreign.status());
        assertEquals(null, foreign.header("Access-Control-Allow-Origin"));
        Http.Result preflight = http.send(http.request(server.viewgateUrl() + "/me", null)
                .header("Origin", "http://localhost:8081").header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, preflight.status());
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("Authorization"));
    }

    private static Map<?, ?> decode(String jwt) {
        try {
            return Http.JSON.readValue(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
