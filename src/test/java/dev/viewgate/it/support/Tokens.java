package dev.viewgate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A member's tokens from demo-app (password grant with openid), refreshed, introspected and userinfo'd as an app would. */
public final class Tokens {

    private final KeycloakServer server;
    private final Http http;
    private String access;
    private String refresh;

    public Tokens(KeycloakServer server, Http http, String username) {
        this.server = server;
        this.http = http;
        JsonNode response = Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "username", username, "password", username, "scope", "openid")), 200).json();
        access = response.get("access_token").asText();
        refresh = response.get("refresh_token").asText();
    }

    public String access() {
        return access;
    }

    public String refreshToken() {
        return refresh;
    }

    /** Refreshes; the new access token's claims. */
    public JsonNode refresh() {
        JsonNode response = Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "refresh_token", refresh)), 200).json();
        access = response.get("access_token").asText();
        refresh = response.get("refresh_token").asText();
        return claims(access);
    }

    public JsonNode introspect(String token) {
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token/introspect", Map.of(
                "client_id", "demo-app", "client_secret", "demo-app-secret", "token", token)), 200).json();
    }

    public JsonNode userinfo() {
        return Admin.expect(http.get(server.realmUrl() + "/protocol/openid-connect/userinfo", access), 200).json();
    }

    public static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static List<String> realmRoles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }
}
