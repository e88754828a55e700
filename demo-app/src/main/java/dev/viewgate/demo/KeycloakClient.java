package dev.viewgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The app's calls to Keycloak's OpenID Connect endpoints and to Viewgate's JSON API. */
public final class KeycloakClient {

    /** An answer of Keycloak: status and JSON body (a missing node when the body was empty or not JSON). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String error() {
            String code = body.path("error").asText("");
            String description = body.path("error_description").asText("");
            return code.isEmpty() ? "HTTP " + status : description.isEmpty() ? code : code + ": " + description;
        }
    }

    /** Keycloak answered a token request with an error, or could not be reached. */
    public static final class KeycloakException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Answer answer;

        KeycloakException(String message, Answer answer, Throwable cause) {
            super(message, cause);
            this.answer = answer;
        }

        /** The answer, or null when Keycloak was not reached. */
        public Answer answer() {
            return answer;
        }

        public boolean invalidGrant() {
            return answer != null && "invalid_grant".equals(answer.body().path("error").asText());
        }
    }

    public static final String GUEST_GRANT_TYPE = "urn:viewgate:grant-type:guest";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AppConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Object serviceTokenLock = new Object();
    private String serviceToken;
    private Instant serviceTokenExpiresAt = Instant.EPOCH;

    public KeycloakClient(AppConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // ---- browser redirects ----

    public String authorizationUrl(String state, String nonce, String codeVerifier) {
        return config.oidcUrl("auth") + "?" + form(Map.of(
                "response_type", "code",
                "client_id", config.clientId(),
                "redirect_uri", config.appUrl("/callback"),
                "scope", "openid",
                "state", state,
                "nonce", nonce,
                "code_challenge", Randoms.s256(codeVerifier),
                "code_challenge_method", "S256"));
    }

    public String endSessionUrl(String idTokenHint) {
        Map<String, String> query = new LinkedHashMap<>();
        if (idTokenHint != null) {
            query.put("id_token_hint", idTokenHint);
        }
        query.put("client_id", config.clientId());
        query.put("post_logout_redirect_uri", config.appUrl("/"));
        return config.oidcUrl("logout") + "?" + form(query);
    }

    public String viewAsSelectUrl() {
        return config.viewgateUrl("view-as/select") + "?" + form(Map.of(
                "client_id", config.clientId(), "redirect_uri", config.appUrl("/view-as/return")));
    }

    /** Viewgate's request form, with the way back to this app (Keycloak checks the address against the client's). */
    public String accessRequestFormUrl() {
        return config.viewgateUrl("access-requests/form") + "?" + wayBack();
    }

    /** Viewgate's queue of access requests for deciders, with the way back to this app. */
    public String accessRequestQueueUrl() {
        return config.viewgateUrl("access-requests/queue") + "?" + wayBack();
    }

    private String wayBack() {
        return form(Map.of("client_id", config.clientId(), "redirect_uri", config.appUrl("/")));
    }

    // ---- token endpoint ----

    public JsonNode exchangeCode(String code, String codeVerifier) throws KeycloakException {
        return token(Map.of("grant_type", "authorization_code", "code", code, "code_verifier", codeVerifier,
                "redirect_uri", config.appUrl("/callback")));
    }

    public JsonNode refresh(String refreshToken) throws KeycloakException {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public JsonNode serviceAccountToken() throws KeycloakException {
        return token(Map.of("grant_type", "client_credentials"));
    }

    /** Redeems a guest link's secret: {@code {access_token, token_type, expires_in}}. */
    public JsonNode guestToken(String secret) throws KeycloakException {
        return token(Map.of("grant_type", GUEST_GRANT_TYPE, "guest_secret", secret));
    }

    /** Token introspection as the app's client: {@code {active, ...claims}}. */
    public JsonNode introspect(String token) throws KeycloakException {
        Answer answer = postForm(config.oidcUrl("token/introspect"), Map.of("token", token));
        if (!answer.ok()) {
            throw new KeycloakException("Introspection failed: " + answer.error(), answer, null);
        }
        return answer.body();
    }

    private JsonNode token(Map<String, String> parameters) throws KeycloakException {
        Answer answer = postForm(config.oidcUrl("token"), parameters);
        if (!answer.ok() || !answer.body().hasNonNull("access_token")) {
            throw new KeycloakException("Token request (" + parameters.get("grant_type") + ") failed: "
                    + answer.error(), answer, null);
        }
        return answer.body();
    }

    private Answer postForm(String url, Map<String, String> parameters) throws KeycloakException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Authorization", clientBasicAuth())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
                .build();
        return send(request);
    }

    // ---- Viewgate's JSON API, with a bearer token ----

    public Answer putView(String bearer, String viewKey, ViewSettings settings) throws KeycloakException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", settings.name());
        body.put("editable", settings.editable());
        body.put("addable", settings.addable());
        body.put("exportable", settings.exportable());
        return api("PUT", "views/" + seg(config.clientId()) + "/" + seg(viewKey), bearer, body);
    }

    public Answer createGuest(String bearer, String viewKey, Map<String, Object> body) throws KeycloakException {
        return api("POST", guestsPath(viewKey), bearer, body);
    }

    public Answer guests(String bearer, String viewKey) throws KeycloakException {
        return api("GET", guestsPath(viewKey), bearer, null);
    }

    public Answer revokeGuest(String bearer, String viewKey, String grantId) throws KeycloakException {
        return api("DELETE", guestsPath(viewKey) + "/" + seg(grantId), bearer, null);
    }

    /**
     * The view's grants as the app itself sees them, with its service account (which holds the app's client role
     * {@code viewgate-share}): what the guest pages tell a guest about their link (who shared it, until when, whether it
     * was revoked or expired) comes from here, never from the browser.
     */
    public Answer guestsAsApp(String viewKey) throws KeycloakException {
        Answer answer = api("GET", guestsPath(viewKey), serviceBearer(false), null);
        if (answer.status() == 401) {
            answer = api("GET", guestsPath(viewKey), serviceBearer(true), null);
        }
        return answer;
    }

    /** The service account's access token, reused until shortly before it expires. */
    private String serviceBearer(boolean renew) throws KeycloakException {
        synchronized (serviceTokenLock) {
            if (renew || serviceToken == null || Instant.now().plusSeconds(10).isAfter(serviceTokenExpiresAt)) {
                JsonNode answer = serviceAccountToken();
                serviceToken = answer.path("access_token").asText();
                serviceTokenExpiresAt = Instant.now().plusSeconds(Math.max(0, answer.path("expires_in").asLong(0)));
            }
            return serviceToken;
        }
    }

    public Answer exitViewAs(String bearer) throws KeycloakException {
        return api("DELETE", "view-as", bearer, null);
    }

    /** Whether the member's token still tells their access, their newest request and (deciders) the queue's count. */
    public Answer freshness(String bearer) throws KeycloakException {
        return api("GET", "me/freshness", bearer, null);
    }

    private String guestsPath(String viewKey) {
        return "views/" + seg(config.clientId()) + "/" + seg(viewKey) + "/guests";
    }

    private Answer api(String method, String path, String bearer, Object body) throws KeycloakException {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.viewgateUrl(path))).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws KeycloakException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = MissingNode.getInstance();
            if (!response.body().isBlank()) {
                try {
                    body = json.readTree(response.body());
                } catch (IOException notJson) {
                    body = MissingNode.getInstance();
                }
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new KeycloakException("Keycloak is not reachable at " + request.uri().getHost() + ":"
                    + request.uri().getPort() + " (" + e + ")", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeycloakException("Interrupted", null, e);
        }
    }

    /** HTTP Basic client authentication; RFC 6749 2.3.1 form-encodes id and secret first. */
    private String clientBasicAuth() {
        String pair = URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    private static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
