package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Await;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guest-token exchange, the guest view mapper, revocation, expiry and what a guest token may not do. */
@ExtendWith(KeycloakExtension.class)
class GuestTokenIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String GRANT_TYPE = "urn:viewgate:grant-type:guest";

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    GuestTokenIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @Test
    void aBuilderSharesReadAndExportAndTheGuestTokenCarriesExactlyTheView() throws Exception {
        String key = registerView(false, false, true);
        JsonNode grant = share(key, http.memberToken("bob"), Map.of("permissions", List.of("read", "export"),
                "expiresAt", Instant.now().plusSeconds(3600).toString(), "label", "ACME auditor"));

        JsonNode response = Admin.expect(exchange("demo-app", "demo-app-secret", grant.get("secret").asText()), 200).json();
        assertTrue(fieldNames(response).containsAll(Set.of("access_token", "token_type", "expires_in")), response.toString());
        assertFalse(response.has("refresh_token"), "no refresh token: " + response);
        assertFalse(response.has("id_token"), "no id token: " + response);
        assertTrue(response.get("expires_in").asInt() <= 300, "viewgate.guest.tokenSeconds: " + response);

        // A standard JWT library, with nothing but the realm's JWKS, accepts the token.
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(URI.create(server.realmUrl() + "/protocol/openid-connect/certs").toURL()).build()));
        jwt.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(server.realmUrl()).build(),
                Set.of("sub", "exp", "iat", "azp")));
        JWTClaimsSet claims = jwt.process(response.get("access_token").asText(), null);
        assertEquals(Boolean.TRUE, claims.getBooleanClaim("guest"));
        assertEquals(Map.of("client", "demo-app", "key", key, "permissions", List.of("read", "export")), claims.getJSONObjectClaim("view"));
        assertEquals(grant.get("id").asText(), claims.getStringClaim("viewgate_grant"));
        assertEquals("demo-app", claims.getStringClaim("azp"));
        assertEquals(null, claims.getClaim("tier"), "a guest has no tier");
        assertEquals(null, claims.getClaim("realm_access"), "no member roles");
        assertEquals(null, claims.getClaim("resource_access"), "no client roles");
        assertEquals(null, claims.getClaim("email"));
        assertTrue(claims.getExpirationTime().toInstant().isBefore(Instant.parse(grant.get("expiresAt").asText()).plusSeconds(1)));
        assertTrue(claims.getJWTID().substring(4, 6).equals("vg"), "the grant's shortcut in the jti: " + claims.getJWTID());

        // In Keycloak's Users list the principal reads as what it is: a guest link to this view of demo-app.
        JsonNode principal = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users?briefRepresentation=true&search=viewgate-guest-"
                + grant.get("id").asText(), http.adminToken()), 200).json().get(0);
        assertEquals("Guest link", principal.get("firstName").asText(), principal.toString());
        assertEquals("demo-app / " + key, principal.get("lastName").asText(), principal.toString());
        assertEquals(claims.getSubject(), principal.get("id").asText());

        // The same grant exchanged again: the same principal and session, so sub is stable per grant.
        JsonNode again = Tokens.claims(Admin.expect(exchange("demo-app", "demo-app-secret", grant.get("secret").asText()), 200)
                .json().get("access_token").asText());
        assertEquals(claims.getSubject(), again.get("sub").asText());
        assertEquals(claims.getStringClaim("sid"), again.get("sid").asText());

        JsonNode introspected = introspect(response.get("access_token").asText());
        assertTrue(introspected.get("active").asBoolean(), introspected.toString());
        assertEquals("[\"read\",\"export\"]", introspected.get("view").get("permissions").toString());

        // Uses are counted from the audit rows as they are sealed, about a second later.
        JsonNode listed = Await.until(Duration.ofSeconds(30),
                () -> Admin.expect(http.get(guestsUrl(key), http.memberToken("bob")), 200).json().get(0),
                grantNow -> grantNow.get("useCount").asInt() >= 2, "both uses counted");
        assertEquals(2, listed.get("useCount").asInt(), listed.toString());
        assertFalse(listed.get("lastUsedAt").isNull(), listed.toString());

        assertFalse(server.log().contains(grant.get("secret").asText()), "the secret is never logged");
        assertFalse(server.log().contains(response.get("access_token").asText()), "nor the token");
        assertEquals("0", sql("select count(*) from VG_AUDIT_EVENT where DETAILS like '%" + grant.get("secret").asText() + "%'"));

        JsonNode issued = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=GUEST_TOKEN_ISSUED&max=1",
                http.adminToken()), 200).json().get(0);
        assertEquals(grant.get("id").asText(), issued.get("details").get("grantId").asText());
        assertEquals("demo-app", issued.get("actor").get("username").asText(), issued.toString());
    }

    @Test
    void theViewsSettingsWinAndIntrospectionFollowsAChangeAtOnce() {
        String bob = http.memberToken("bob");
        List<String> all = List.of("read", "write", "create", "export");
        // The brief's table: editable no + write = read only; exportable no + export = no export; addable yes + create = create.
        record Row(boolean editable, boolean addable, boolean exportable, List<String> effective) {
        }
        for (Row row : List.of(new Row(false, false, false, List.of("read")),
                new Row(true, false, false, List.of("read", "write")),
                new Row(false, true, false, List.of("read", "create")),
                new Row(false, false, true, List.of("read", "export")))) {
            String key = registerView(row.editable(), row.addable(), row.exportable());
            JsonNode grant = share(key, bob, Map.of("permissions", all));
            JsonNode claims = Tokens.claims(Admin.expect(exchange("demo-app", "demo-app-secret", grant.get("secret").asText()), 200)
                    .json().get("access_token").asText());
            assertEquals(row.effective(), strings(claims.get("view").get("permissions")), "row " + row);
        }

        String key = registerView(true, true, true);
        JsonNode grant = share(key, bob, Map.of("permissions", List.of("read", "export")));
        String token = Admin.expect(exchange("demo-app", "demo-app-secret", grant.get("secret").asText()), 200).json()
                .get("access_token").asText();
        assertEquals(List.of("read", "export"), strings(introspect(token).get("view").get("permissions")));
        Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/" + key, appToken(), Map.of("name", key,
                "editable", true, "addable", true, "exportable", false)), 200);
        JsonNode after = introspect(token);
        assertTrue(after.get("active").asBoolean());
        assertEquals(List.of("read"), strings(after.get("view").get("permissions")), "the view made non-exportable: " + after);
    }

    @Test
    void revocationEndsTheNextExchangeAndEveryIssuedTokenAtOnce() {
        String key = registerView(true, true, true);
        String bob = http.memberToken("bob");
        JsonNode grant = share(key, bob, Map.of("permissions", List.of("read", "write")));
        String secret = grant.get("secret").asText();
        String first = Admin.expect(exchange("demo-app", "demo-app-secret", secret), 200).json().get("access_token").asText();
        String second = Admin.expect(exchange("demo-app", "demo-app-secret", secret), 200).json().get("access_token").asText();
        assertTrue(introspect(first).get("active").asBoolean());

        Admin.expect(http.delete(guestsUrl(key) + "/" + grant.get("id").asText(), bob), 204);

        Http.Result refused = exchange("demo-app", "demo-app-secret", secret);
        assertEquals(400, refused.status());
        assertEquals("invalid_grant", refused.json().get("error").asText());
        assertEquals("{\"active\":false}", introspect(first).toString());
        assertEquals("{\"active\":false}", introspect(second).toString());
        assertEquals(401, http.get(server.viewgateUrl() + "/me", first).status(), "the token no longer authenticates");
        JsonNode listed = Await.until(Duration.ofSeconds(30), () -> Admin.expect(http.get(guestsUrl(key), bob), 200).json().get(0),
                grantNow -> grantNow.get("useCount").asInt() >= 2, "both uses counted");
        assertEquals("revoked", listed.get("status").asText());
        assertEquals(2, listed.get("useCount").asInt(), "the refused exchange is no use");
        // The grant's own refusal budget (GuestDenials): its first refusal is recorded with its reason, whatever other
        // refusals of demo-app (other tests' bogus secrets and their summaries) are recorded around it.
        JsonNode denied = null;
        for (JsonNode row : Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=GUEST_TOKEN_DENIED&max=100",
                http.adminToken()), 200).json()) {
            if (grant.get("id").asText().equals(row.path("details").path("grantId").asText())) {
                denied = row;
                break;
            }
        }
        assertTrue(denied != null, "a GUEST_TOKEN_DENIED row for the revoked grant");
        assertEquals("revoked", denied.get("details").get("reason").asText(), denied.toString());
    }

    @Test
    void aGrantExpiringInTwoSecondsStopsWorkingAndIsAuditedAsExpired() {
        String key = registerView(false, false, false);
        Instant expiry = Instant.now().plusSeconds(2);
        JsonNode grant = share(key, http.memberToken("bob"), Map.of("permissions", List.of("read"), "expiresAt", expiry.toString()));
        String secret = grant.get("secret").asText();
        JsonNode response = Admin.expect(exchange("demo-app", "demo-app-secret", secret), 200).json();
        assertTrue(response.get("expires_in").asInt() <= 2, "never beyond the grant's expiry: " + response);
        String token = response.get("access_token").asText();
        assertTrue(Tokens.claims(token).get("exp").asLong() <= expiry.getEpochSecond());

        Await.until(Duration.ofSeconds(10), () -> exchange("demo-app", "demo-app-secret", secret), r -> r.status() == 400,
                "the exchange refused after the expiry");
        assertFalse(introspect(token).get("active").asBoolean());
        JsonNode expired = Await.until(Duration.ofSeconds(20),
                () -> Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=GUEST_GRANT_EXPIRED&max=50",
                        http.adminToken()), 200).json(),
                rows -> contains(rows, grant.get("id").asText()), "GUEST_GRANT_EXPIRED for the grant");
        assertTrue(contains(expired, grant.get("id").asText()));
        assertEquals("expired", Admin.expect(http.get(guestsUrl(key), http.memberToken("bob")), 200).json().get(0)
                .get("status").asText());
        assertEquals("0", sql("select count(*) from USER_ENTITY where USERNAME = 'viewgate-guest-" + grant.get("id").asText() + "'"),
                "the grant's principal is gone");
    }

    @Test
    void noTokenOfARevokedGrantIsUsableOnceTheRevokeIsAcknowledged() throws Exception {
        String key = registerView(false, false, true);
        String bob = http.memberToken("bob");
        for (int round = 0; round < 5; round++) {
            JsonNode grant = share(key, bob, Map.of("permissions", List.of("read")));
            String secret = grant.get("secret").asText();
            java.util.concurrent.atomic.AtomicBoolean acknowledged = new java.util.concurrent.atomic.AtomicBoolean();
            List<String> tokens = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> issuedAfterAck = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            List<java.util.concurrent.Future<?>> exchangers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                exchangers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        boolean afterAck = acknowledged.get();
                        Http.Result answer = exchange("demo-app", "demo-app-secret", secret);
                        if (answer.status() == 200) {
                            tokens.add(answer.json().get("access_token").asText());
                            if (afterAck) {
                                issuedAfterAck.add(answer.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            Await.until(Duration.ofSeconds(20), tokens::size, n -> n >= 3, "some exchanges before the revoke");
            Admin.expect(http.delete(guestsUrl(key) + "/" + grant.get("id").asText(), bob), 204);
            acknowledged.set(true);
            for (var exchanger : exchangers) {
                exchanger.get();
            }
            pool.shutdown();
            assertEquals(List.of(), issuedAfterAck, "no exchange that began after the acknowledgement succeeded");
            for (String token : List.copyOf(tokens)) {
                assertEquals("{\"active\":false}", introspect(token).toString(), "every token of the grant is dead");
            }
            String grantId = grant.get("id").asText();
            int issued = tokens.size();
            Await.until(Duration.ofSeconds(30), () -> useCountOf(key, grantId, bob), n -> n >= issued, issued + " uses counted");
            assertEquals(issued, useCountOf(key, grantId, bob), "each token is one use; a refused exchange is none");
        }
    }

    @Test
    void unknownExpiredRevokedMalformedAndForeignSecretsGetTheSameAnswer() throws Exception {
        String key = registerView(false, false, true);
        String bob = http.memberToken("bob");
        JsonNode revoked = share(key, bob, Map.of("permissions", List.of("read")));
        Admin.expect(http.delete(guestsUrl(key) + "/" + revoked.get("id").asText(), bob), 204);
        JsonNode expiring = share(key, bob, Map.of("permissions", List.of("read"), "expiresAt", Instant.now().plusSeconds(1).toString()));
        JsonNode valid = share(key, bob, Map.of("permissions", List.of("read")));
        Await.until(Duration.ofSeconds(5), () -> exchange("demo-app", "demo-app-secret", expiring.get("secret").asText()),
                r -> r.status() == 400, "the grant expired");
        String otherApp = otherConfidentialClient();

        List<Http.Result> answers = new ArrayList<>();
        answers.add(exchange("demo-app", "demo-app-secret", "A".repeat(43)));
        answers.add(exchange("demo-app", "demo-app-secret", revoked.get("secret").asText()));
        answers.add(exchange("demo-app", "demo-app-secret", expiring.get("secret").asText()));
        answers.add(exchange("demo-app", "demo-app-secret", "not a secret"));
        answers.add(exchange("demo-app", "demo-app-secret", ""));
        answers.add(exchange(otherApp, "other-secret", valid.get("secret").asText()));
        Map<String, String> noSecret = new HashMap<>(Map.of("grant_type", GRANT_TYPE, "client_id", "demo-app",
                "client_secret", "demo-app-secret"));
        answers.add(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", noSecret));
        for (Http.Result answer : answers) {
            assertEquals(400, answer.status());
            assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid guest secret\"}", answer.body());
        }
        Admin.expect(exchange("demo-app", "demo-app-secret", valid.get("secret").asText()), 200);
    }

    @Test
    void aPublicLinkIsReadOnlyAndRedeemableByTheAppsPublicClient() {
        String key = registerView(true, true, true);
        String bob = http.memberToken("bob");
        Http.Result write = http.postJson(guestsUrl(key), bob, Map.of("permissions", List.of("read", "write"), "public", true));
        assertEquals(400, write.status());
        assertEquals("public_is_read_only", write.json().get("error").asText());
        JsonNode grant = share(key, bob, Map.of("permissions", List.of("read"), "public", true));

        String spa = publicClient("demo-app");
        JsonNode claims = Tokens.claims(Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token",
                Map.of("grant_type", GRANT_TYPE, "client_id", spa, "guest_secret", grant.get("secret").asText())), 200)
                .json().get("access_token").asText());
        assertEquals(List.of("read"), strings(claims.get("view").get("permissions")), "read only although the view is editable");
        assertEquals(spa, claims.get("azp").asText());

        JsonNode privateGrant = share(key, bob, Map.of("permissions", List.of("read")));
        assertEquals(400, http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of("grant_type", GRANT_TYPE,
                "client_id", spa, "guest_secret", privateGrant.get("secret").asText())).status(), "only public links");
        String stranger = publicClient("someone-else");
        assertEquals(400, http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of("grant_type", GRANT_TYPE,
                "client_id", stranger, "guest_secret", grant.get("secret").asText())).status(), "only the app's public client");
    }

    @Test
    void aGuestTokenIsRefusedByKeycloaksApisAndCannotShare() {
        String key = registerView(true, true, true);
        JsonNode grant = share(key, http.memberToken("bob"), Map.of("permissions", List.of("read", "write", "create", "export")));
        String token = Admin.expect(exchange("demo-app", "demo-app-secret", grant.get("secret").asText()), 200).json()
                .get("access_token").asText();
        assertEquals(401, http.get(server.realmUrl() + "/account", token).status());
        assertEquals(401, http.get(server.baseUrl() + "/admin/realms/" + REALM + "/users", token).status());
        assertEquals(401, http.get(server.baseUrl() + "/admin/realms/" + REALM, token).status());
        Http.Result share = http.postJson(guestsUrl(key), token, Map.of("permissions", List.of("read")));
        assertEquals(403, share.status());
        assertEquals("guest_token", share.json().get("error").asText());
        for (Http.Result write : List.of(http.putJson(server.viewgateUrl() + "/views/demo-app/" + key, token, Map.of("name", "x")),
                http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("message", "let me in")))) {
            assertEquals(403, write.status(), write.body());
            assertEquals("guest_token", write.json().get("error").asText());
        }
        for (String path : List.of("/me", "/tiers", "/view-as", "/access-requests/mine", "/views/demo-app")) {
            Http.Result answer = http.get(server.viewgateUrl() + path, token);
            assertEquals(403, answer.status(), path + ": " + answer.body());
            assertEquals("guest_token", answer.json().get("error").asText(), path);
        }

        Http.Result withScope = http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of("grant_type", GRANT_TYPE,
                "client_id", "demo-app", "client_secret", "demo-app-secret", "guest_secret", grant.get("secret").asText(),
                "scope", "openid email"));
        assertEquals(400, withScope.status());
        assertEquals("invalid_scope", withScope.json().get("error").asText());
    }

    @Test
    void adminsListEveryGrantWithFiltersAndRevokeThroughTheAdminApi() {
        String key = registerView(false, false, true);
        String bob = http.memberToken("bob");
        JsonNode kept = share(key, bob, Map.of("permissions", List.of("read"), "label", "kept"));
        JsonNode publicGrant = share(key, bob, Map.of("permissions", List.of("read"), "public", true));
        String adminToken = http.adminToken();
        String inventory = admin.realmAdminUrl(REALM) + "/viewgate/guests";
        List<String> ofView = ids(Admin.expect(http.get(inventory + "?client=demo-app&view=" + key, adminToken), 200).json());
        assertEquals(List.of(publicGrant.get("id").asText(), kept.get("id").asText()), ofView, "newest first");
        assertEquals(List.of(publicGrant.get("id").asText()),
                ids(Admin.expect(http.get(inventory + "?view=" + key + "&public=true", adminToken), 200).json()));

        Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/viewgate/views/demo-app/" + key + "/guests/"
                + publicGrant.get("id").asText(), adminToken), 204);
        assertEquals(List.of(publicGrant.get("id").asText()),
                ids(Admin.expect(http.get(inventory + "?view=" + key + "&status=revoked", adminToken), 200).json()));
        assertEquals(List.of(kept.get("id").asText()),
                ids(Admin.expect(http.get(inventory + "?view=" + key + "&status=active", adminToken), 200).json()));
        assertEquals(400, http.get(inventory + "?status=gone", adminToken).status());
        assertEquals(400, http.get(inventory + "?public=yes", adminToken).status());
        assertEquals(400, http.get(inventory + "?view=../etc", adminToken).status());
        assertEquals(403, http.get(inventory, http.memberToken("bob")).status(), "members are not Keycloak admins");

        JsonNode created = Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/viewgate/views/demo-app/" + key + "/guests",
                adminToken, Map.of("permissions", List.of("read", "export"))), 201).json();
        assertEquals("admin", created.get("createdBy").get("username").asText());
        Admin.expect(exchange("demo-app", "demo-app-secret", created.get("secret").asText()), 200);
    }

    private String registerView(boolean editable, boolean addable, boolean exportable) {
        String key = "token-view-" + System.nanoTime();
        Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/" + key, appToken(), Map.of("name", key,
                "editable", editable, "addable", addable, "exportable", exportable)), 201);
        return key;
    }

    private String appToken() {
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", "demo-app", "client_secret", "demo-app-secret")), 200)
                .json().get("access_token").asText();
    }

    private JsonNode share(String key, String token, Map<String, Object> body) {
        return Admin.expect(http.postJson(guestsUrl(key), token, body), 201).json();
    }

    private int useCountOf(String key, String grantId, String token) {
        for (JsonNode listed : Admin.expect(http.get(guestsUrl(key), token), 200).json()) {
            if (listed.get("id").asText().equals(grantId)) {
                return listed.get("useCount").asInt();
            }
        }
        throw new AssertionError("grant " + grantId + " is not listed");
    }

    private String guestsUrl(String key) {
        return server.viewgateUrl() + "/views/demo-app/" + key + "/guests";
    }

    private Http.Result exchange(String clientId, String clientSecret, String secret) {
        return http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of("grant_type", GRANT_TYPE,
                "client_id", clientId, "client_secret", clientSecret, "guest_secret", secret));
    }

    private JsonNode introspect(String token) {
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token/introspect", Map.of(
                "client_id", "demo-app", "client_secret", "demo-app-secret", "token", token)), 200).json();
    }

    private String otherConfidentialClient() {
        String clientId = "other-app-" + System.nanoTime();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients", http.adminToken(), Map.of("clientId", clientId,
                "publicClient", false, "secret", "other-secret", "standardFlowEnabled", false)), 201);
        return clientId;
    }

    private String publicClient(String app) {
        String clientId = "spa-" + System.nanoTime();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients", http.adminToken(), Map.of("clientId", clientId,
                "publicClient", true, "standardFlowEnabled", false, "attributes", Map.of("viewgate.guest.app", app))), 201);
        return clientId;
    }

    private String sql(String query) {
        return Admin.expect(http.postJson(server.realmUrl() + "/viewgate-it-probe/sql", http.memberToken("ada"), Map.of("query", query)), 200)
                .json().get("value").asText();
    }

    private static boolean contains(JsonNode auditRows, String grantId) {
        for (JsonNode row : auditRows) {
            if (grantId.equals(row.path("details").path("grantId").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ids(JsonNode grants) {
        List<String> ids = new ArrayList<>();
        grants.forEach(g -> ids.add(g.get("id").asText()));
        return ids;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static TreeSet<String> fieldNames(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
