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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A guest token never yields a token that outlives its grant, through any Keycloak grant: standard token exchange
 * (access, refresh and ID token), then refresh. The app here enabled standard token exchange and its refresh tokens.
 */
@ExtendWith(KeycloakExtension.class)
class GuestTokenLifetimeIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private String app;
    private String appUuid;
    private long grantExpiry;
    private String guestToken;
    private String grantId;

    GuestTokenLifetimeIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @BeforeEach
    void aGuestTokenOfAGrantEndingInAMinute() {
        app = "lifetime-" + System.nanoTime();
        String admin = http.adminToken();
        Admin.expect(http.postJson(this.admin.realmAdminUrl(REALM) + "/clients", admin, Map.of("clientId", app,
                "secret", app + "-secret", "publicClient", false, "serviceAccountsEnabled", true,
                "attributes", Map.of("standard.token.exchange.enabled", "true",
                        "standard.token.exchange.enableRefreshRequestedTokenType", "SAME_SESSION"),
                "protocolMappers", List.of(Map.of("name", "audience", "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", app,
                                "access.token.claim", "true", "introspection.token.claim", "true"))))), 201);
        appUuid = Admin.expect(http.get(this.admin.realmAdminUrl(REALM) + "/clients?clientId=" + app, admin), 200)
                .json().get(0).get("id").asText();
        Instant expiry = Instant.now().plusSeconds(60);
        grantExpiry = expiry.getEpochSecond();
        String views = this.admin.realmAdminUrl(REALM) + "/viewgate/views/" + app;
        Admin.expect(http.putJson(views + "/report", admin, Map.of("name", "Report")), 201);
        JsonNode grant = Admin.expect(http.postJson(views + "/report/guests", admin, Map.of("permissions", List.of("read"),
                "expiresAt", expiry.toString())), 201).json();
        grantId = grant.get("id").asText();
        String secret = grant.get("secret").asText();
        JsonNode issued = Admin.expect(token(Map.of("grant_type", "urn:viewgate:grant-type:guest", "guest_secret", secret)), 200).json();
        guestToken = issued.get("access_token").asText();
        assertTrue(Tokens.claims(guestToken).get("exp").asLong() < grantExpiry, issued.toString());
    }

    @AfterEach
    void removeTheApp() {
        http.delete(admin.realmAdminUrl(REALM) + "/clients/" + appUuid, http.adminToken());
    }

    @Test
    void standardTokenExchangeOfAGuestTokenEndsWithTheGrant() {
        Http.Result exchanged = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", guestToken,
                "subject_token_type", ACCESS_TOKEN_TYPE));
        assertEquals(200, exchanged.status(), "Keycloak's exchange still works, bounded: " + exchanged.body());
        assertNotBeyondTheGrant(exchanged, "access_token");
        String exchangedToken = exchanged.json().get("access_token").asText();
        assertTrue(Tokens.claims(exchangedToken).get("guest").asBoolean(), "still a guest token");
        // Exchanged, it is no more of a member than before: Viewgate refuses it, Keycloak's APIs too.
        Http.Result me = http.get(server.viewgateUrl() + "/me", exchangedToken);
        assertEquals(403, me.status(), me.body());
        assertEquals("guest_token", me.json().get("error").asText());
        assertTrue(http.get(server.realmUrl() + "/account", exchangedToken).status() >= 401);
        int users = http.get(admin.realmAdminUrl(REALM) + "/users", exchangedToken).status();
        assertTrue(users == 401 || users == 403, "admin API: " + users);

        // Revoking the grant ends the exchanged token at once, like the guest token it came from.
        Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/viewgate/views/" + app + "/report/guests/" + grantId,
                http.adminToken()), 204);
        assertEquals("{\"active\":false}", Admin.expect(token(Map.of("token", exchangedToken), "/introspect"), 200).body());
    }

    @Test
    void aRefreshTokenFromTokenExchangeAndItsRefreshesEndWithTheGrant() {
        Http.Result exchanged = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", guestToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"));
        assertEquals(200, exchanged.status(), exchanged.body());
        assertNotBeyondTheGrant(exchanged, "access_token");
        String refreshToken = exchanged.json().get("refresh_token").asText();
        assertTrue(Tokens.claims(refreshToken).get("exp").asLong() <= grantExpiry,
                "refresh token exp " + Tokens.claims(refreshToken).get("exp") + " after the grant's expiry " + grantExpiry);
        Http.Result refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertEquals(200, refreshed.status(), refreshed.body());
        assertNotBeyondTheGrant(refreshed, "access_token");
        assertTrue(!refreshed.json().has("refresh_token")
                || Tokens.claims(refreshed.json().get("refresh_token").asText()).get("exp").asLong() <= grantExpiry, refreshed.body());
    }

    @Test
    void anIdTokenFromTokenExchangeEndsWithTheGrant() {
        Http.Result idToken = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", guestToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", "urn:ietf:params:oauth:token-type:id_token"));
        assertEquals(200, idToken.status(), idToken.body());
        assertNotBeyondTheGrant(idToken, "access_token");
        Http.Result withOpenid = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", guestToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "scope", "openid"));
        assertEquals(200, withOpenid.status(), withOpenid.body());
        assertNotBeyondTheGrant(withOpenid, "access_token");
        assertNotBeyondTheGrant(withOpenid, "id_token");
    }

    @Test
    void aClientWithoutViewgatesScopeGetsNoIdTokenThatOutlivesTheGrant() {
        // Without the viewgate scope no Viewgate mapper bounds the access token before Keycloak copies its exp into the
        // ID token; only the post-processor sees the tokens, and it cannot reach the ID token.
        String scopes = admin.realmAdminUrl(REALM) + "/clients/" + appUuid + "/default-client-scopes";
        JsonNode viewgate = null;
        for (JsonNode scope : Admin.expect(http.get(scopes, http.adminToken()), 200).json()) {
            viewgate = "viewgate".equals(scope.get("name").asText()) ? scope : viewgate;
        }
        assertTrue(viewgate != null, "the app has the viewgate scope to remove");
        Admin.expect(http.delete(scopes + "/" + viewgate.get("id").asText(), http.adminToken()), 204);

        Http.Result idToken = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", guestToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "requested_token_type", "urn:ietf:params:oauth:token-type:id_token"));
        assertEquals(400, idToken.status(), idToken.body());
        assertEquals("invalid_request", idToken.json().get("error").asText(), idToken.body());
        Http.Result withOpenid = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", guestToken,
                "subject_token_type", ACCESS_TOKEN_TYPE, "scope", "openid"));
        assertEquals(400, withOpenid.status(), withOpenid.body());
        assertEquals("invalid_request", withOpenid.json().get("error").asText(), withOpenid.body());
        Http.Result accessOnly = token(Map.of("grant_type", TOKEN_EXCHANGE, "subject_token", guestToken,
                "subject_token_type", ACCESS_TOKEN_TYPE));
        assertEquals(200, accessOnly.status(), "an access token alone is bounded and issued: " + accessOnly.body());
        assertNotBeyondTheGrant(accessOnly, "access_token");
    }

    /** Refused outright, or every token in the answer ends no later than the grant. */
    private void assertNotBeyondTheGrant(Http.Result answer, String field) {
        if (answer.status() != 200) {
            assertEquals(400, answer.status(), answer.body());
            assertFalse(answer.body().contains("Exception"), answer.body());
            return;
        }
        JsonNode body = answer.json();
        if (!body.has(field)) {
            return;
        }
        long exp = Tokens.claims(body.get(field).asText()).get("exp").asLong();
        assertTrue(exp <= grantExpiry, field + " exp " + exp + " is after the grant's expiry " + grantExpiry + ": " + body);
        if ("access_token".equals(field) && body.has("expires_in")) {
            assertTrue(Instant.now().getEpochSecond() + body.get("expires_in").asLong() <= grantExpiry + 1, body.toString());
        }
    }

    private Http.Result token(Map<String, String> form) {
        return token(form, "");
    }

    private Http.Result token(Map<String, String> form, String endpoint) {
        Map<String, String> withClient = new LinkedHashMap<>(form);
        withClient.put("client_id", app);
        withClient.put("client_secret", app + "-secret");
        return http.postForm(server.realmUrl() + "/protocol/openid-connect/token" + endpoint, withClient);
    }
}
