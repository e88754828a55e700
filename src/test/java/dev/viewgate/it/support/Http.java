package dev.viewgate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** Talks to Keycloak over HTTP the way an app does: tokens from the token endpoint, JSON in and out. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A response with its body kept as text; {@link #json()} parses it. */
    public record Result(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final KeycloakServer server;
    /** HTTP/1.1, as browsers speak to a plain-http server (no h2c upgrade). */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public Http(KeycloakServer server) {
        this.server = server;
    }

    public Result get(String url, String token) {
        return send(request(url, token).GET());
    }

    public Result delete(String url, String token) {
        return send(request(url, token).DELETE());
    }

    public Result postJson(String url, String token, Object body) {
        return send(request(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Result putJson(String url, String token, Object body) {
        return send(request(url, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Result postForm(String url, Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    public Result send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** An access token of a demo-realm member (password grant through the demo-app client; password = username). */
    public String memberToken(String username) {
        return passwordGrant(server.realmUrl(), "demo-app", "demo-app-secret", username, username);
    }

    /** The demo app's own access token (client_credentials, its service account), as the app's back end gets one. */
    public String demoAppToken() {
        Result result = postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", "demo-app", "client_secret", "demo-app-secret"));
        if (result.status() != 200) {
            throw new AssertionError("client_credentials for demo-app failed: " + result.status() + " " + result.body());
        }
        return result.json().get("access_token").asText();
    }

    /** The server this client talks to. */
    public KeycloakServer server() {
        return server;
    }

    /** An access token of the server admin (master realm, admin-cli), as kcadm.sh would get one. */
    public String adminToken() {
        return passwordGrant(server.baseUrl() + "/realms/master", "admin-cli", null, "admin", "admin");
    }

    public String passwordGrant(String realmUrl, String clientId, String secret, String username, String password) {
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of(
                "grant_type", "password", "client_id", clientId, "username", username, "password", password));
        if (secret != null) {
            form.put("client_secret", secret);
        }
        // Keycloak's blocking brute-force protector refuses a user's login as "Invalid user credentials" while the
        // previous login of that user is still being booked off-thread (DefaultBlockingBruteForceProtector); a loaded
        // machine makes that window long. The password is right, so the login is tried again until it is accepted.
        Result result;
        try {
            result = Await.until(Duration.ofSeconds(10), () -> postForm(realmUrl + "/protocol/openid-connect/token", form),
                    r -> r.status() != 400 || !r.body().contains("Invalid user credentials"), "the login of " + username);
        } catch (AssertionError stillRefused) {
            result = postForm(realmUrl + "/protocol/openid-connect/token", form);
        }
        if (result.status() != 200) {
            throw new AssertionError("Token request for " + username + " failed: " + result.status() + " " + result.body()
                    + (username.equals("admin") ? "" : "\n" + whyRefused(realmUrl, username)));
        }
        return result.json().get("access_token").asText();
    }

    /** What the admin API says of a user whose password grant failed: does it exist, is it enabled, is it locked out. */
    private String whyRefused(String realmUrl, String username) {
        try {
            String adminRealm = realmUrl.replace("/realms/", "/admin/realms/");
            String admin = adminToken();
            Result users = get(adminRealm + "/users?exact=true&briefRepresentation=false&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8), admin);
            if (users.status() != 200 || users.json().isEmpty()) {
                return "user lookup: " + users.status() + " " + users.body();
            }
            String id = users.json().get(0).get("id").asText();
            return "user: " + users.body()
                    + "\ncredentials: " + get(adminRealm + "/users/" + id + "/credentials", admin).body()
                    + "\nbrute force: " + get(adminRealm + "/attack-detection/brute-force/users/" + id, admin).body();
        } catch (RuntimeException | AssertionError e) {
            return "no diagnosis: " + e;
        }
    }

    public static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
