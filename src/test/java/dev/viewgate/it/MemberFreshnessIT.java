package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /realms/{r}/viewgate/me/freshness} (issue 18): an app learns at its next page, not at its token's expiry,
 * that a member's tier was granted, a request declined, a view as started or ended elsewhere; a refresh makes the
 * token current again.
 */
@ExtendWith(KeycloakExtension.class)
class MemberFreshnessIT {

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    MemberFreshnessIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    /** A member's token response (access and refresh token) through the demo app, as the app signs in. */
    private JsonNode signIn(String username) {
        return Admin.expect(http.postForm(tokenUrl(), Map.of("grant_type", "password", "client_id", "demo-app",
                "client_secret", "demo-app-secret", "username", username, "password", username)), 200).json();
    }

    private JsonNode refresh(JsonNode tokens) {
        return Admin.expect(http.postForm(tokenUrl(), Map.of("grant_type", "refresh_token", "client_id", "demo-app",
                "client_secret", "demo-app-secret", "refresh_token", tokens.get("refresh_token").asText())), 200).json();
    }

    private String tokenUrl() {
        return server.realmUrl() + "/protocol/openid-connect/token";
    }

    private JsonNode freshness(JsonNode tokens) {
        return Admin.expect(http.get(server.viewgateUrl() + "/me/freshness", tokens.get("access_token").asText()), 200).json();
    }

    private static List<String> changed(JsonNode answer) {
        List<String> values = new java.util.ArrayList<>();
        answer.get("changed").forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void aGrantAndADeclineReachTheAppAtItsNextCallAndARefreshMakesTheTokenCurrent() {
        String username = "fresh-" + System.nanoTime();
        admin.createUser(KeycloakServer.REALM, username, "Fred", "Fresh");
        JsonNode tokens = signIn(username);
        JsonNode first = freshness(tokens);
        assertTrue(first.get("current").asBoolean(), first.toString());
        assertEquals(List.of(), changed(first));
        assertEquals(0, first.get("tier").asInt());
        assertTrue(first.get("request").isNull() && first.get("queue").isNull() && first.get("viewAs").isNull(), first.toString());

        // Asked: the request shows; nothing the token says has changed.
        String asked = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", tokens.get("access_token").asText(),
                Map.of("desiredRole", "explorer", "message", "please")), 201).json().get("id").asText();
        JsonNode pending = freshness(tokens);
        assertTrue(pending.get("current").asBoolean());
        assertEquals(asked, pending.get("request").get("id").asText());
        assertEquals("PENDING", pending.get("request").get("status").asText());

        // Declined: the outcome and the reason, at once.
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + asked + "/decline", http.memberToken("ada"),
                Map.of("reason", "Not this quarter")), 200);
        JsonNode declined = freshness(tokens);
        assertTrue(declined.get("current").asBoolean(), "a decline changes no claim");
        assertEquals("DECLINED", declined.get("request").get("status").asText());
        assertEquals("Not this quarter", declined.get("request").get("reason").asText());

        // Asked again and granted: the token's tier (0) no longer holds; the answer tells the tier now.
        String again = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", tokens.get("access_token").asText(),
                Map.of("desiredRole", "builder")), 201).json().get("id").asText();
        Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests/" + again + "/grant", http.memberToken("ada"),
                Map.of("role", "analyst")), 200);
        JsonNode granted = freshness(tokens);
        assertFalse(granted.get("current").asBoolean(), granted.toString());
        assertEquals(List.of("tier"), changed(granted));
        assertEquals(3, granted.get("tier").asInt());
        assertEquals("analyst", granted.get("tierRole").asText());
        assertEquals("GRANTED", granted.get("request").get("status").asText());
        assertEquals("analyst", granted.get("request").get("grantedRole").asText());

        JsonNode refreshed = refresh(tokens);
        JsonNode after = freshness(refreshed);
        assertTrue(after.get("current").asBoolean(), after.toString());
        assertEquals(3, after.get("tier").asInt());

        // The session ended (signed out elsewhere): 401, as at userinfo.
        Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/logout", Map.of("client_id", "demo-app",
                "client_secret", "demo-app-secret", "refresh_token", refreshed.get("refresh_token").asText())), 204);
        assertEquals(401, http.get(server.viewgateUrl() + "/me/freshness", refreshed.get("access_token").asText()).status());
        assertEquals(401, http.get(server.viewgateUrl() + "/me/freshness", null).status());
    }

    @Test
    void aViewAsStartedOrEndedElsewhereMakesTheTokenStale() {
        JsonNode tokens = signIn("ada");
        JsonNode before = freshness(tokens);
        assertTrue(before.get("current").asBoolean(), before.toString());
        assertEquals(7, before.get("tier").asInt());
        // A decider sees the realm's pending count, as the count API gives it.
        long pending = Admin.expect(http.get(server.viewgateUrl() + "/access-requests/count?status=PENDING",
                tokens.get("access_token").asText()), 200).json().get("count").asLong();
        assertEquals(pending, before.get("queue").get("pending").asLong());

        try {
            // Started on a Keycloak page of the same session (here: the API): the app's token is stale.
            Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", tokens.get("access_token").asText(),
                    Map.of("tier", 2)), 200);
            JsonNode started = freshness(tokens);
            assertFalse(started.get("current").asBoolean(), started.toString());
            assertEquals(List.of("tier", "viewAs"), changed(started));
            assertEquals(2, started.get("tier").asInt());
            assertEquals("tier", started.get("viewAs").get("mode").asText());
            assertTrue(started.get("queue").isNull(), "previewing T2, ada decides nothing: " + started);

            JsonNode previewing = refresh(tokens);
            assertTrue(freshness(previewing).get("current").asBoolean());

            // Ended elsewhere: the previewing token no longer holds.
            assertEquals(204, http.delete(server.viewgateUrl() + "/view-as", previewing.get("access_token").asText()).status());
            JsonNode ended = freshness(previewing);
            assertFalse(ended.get("current").asBoolean(), ended.toString());
            assertEquals(List.of("tier", "viewAs"), changed(ended));
            assertEquals(7, ended.get("tier").asInt());
            assertTrue(ended.get("viewAs").isNull());
            assertTrue(freshness(refresh(previewing)).get("current").asBoolean());
        } finally {
            http.delete(server.viewgateUrl() + "/view-as", tokens.get("access_token").asText());
        }
    }

    @Test
    void aMemberWhoDecidesNothingSeesNoQueue() {
        JsonNode eric = freshness(signIn("eric"));
        assertTrue(eric.get("queue").isNull(), eric.toString());
        assertTrue(eric.get("current").asBoolean());
    }
}
