package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creating, listing and revoking guest grants of a view (the token exchange comes with the rest of guest access). */
@ExtendWith(KeycloakExtension.class)
class GuestGrantIT {

    private static final String REALM = KeycloakServer.REALM;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    GuestGrantIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String view(String key, boolean editable, boolean addable, boolean exportable) {
        String app = http.demoAppToken();
        Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/" + key, app, Map.of("name", key,
                "editable", editable, "addable", addable, "exportable", exportable)), key.startsWith("grant-") ? 201 : 200);
        return server.viewgateUrl() + "/views/demo-app/" + key + "/guests";
    }

    private void assertError(Http.Result result, int status, String error) {
        assertEquals(status, result.status(), result.body());
        assertEquals(error, result.json().get("error").asText(), result.body());
    }

    @Test
    void aBuilderSharesAViewTheSecretIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        String guests = view("grant-client-report-" + System.nanoTime(), false, true, true);
        String bob = http.memberToken("bob");
        JsonNode created = Admin.expect(http.postJson(guests, bob, Map.of("permissions", List.of("read", "export"),
                "label", "Client ACME", "expiresAt", Instant.now().plusSeconds(3600).toString())), 201).json();
        String secret = created.get("secret").asText();
        assertTrue(secret.length() >= 43, "at least 256 bits: " + secret.length());
        assertEquals(List.of("read", "export"), List.of(created.get("permissions").get(0).asText(), created.get("permissions").get(1).asText()));
        assertEquals("[\"read\",\"export\"]", created.get("effectivePermissions").toString());
        assertFalse(created.get("public").asBoolean());
        assertFalse(created.has("isPublic"), created.toString());
        assertEquals("bob", created.get("createdBy").get("username").asText());
        assertEquals("active", created.get("status").asText());

        JsonNode listed = Admin.expect(http.get(guests, bob), 200).json().get(0);
        assertTrue(listed.get("secret").isNull(), "never shown again");
        assertEquals(secret.substring(secret.length() - 4), listed.get("secretHint").asText());

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        assertEquals("1", sql("select count(*) from VG_GUEST_GRANT where SECRET_HASH = '" + sha256 + "'"));
        assertEquals("0", sql("select count(*) from VG_GUEST_GRANT where SECRET_HASH = '" + secret + "' or SECRET_HINT = '" + secret + "'"));
        assertEquals("0", sql("select count(*) from VG_AUDIT_EVENT where DETAILS like '%" + secret + "%'"));
        assertFalse(server.log().contains(secret), "the secret is never logged");
        JsonNode audit = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=GUEST_GRANT_CREATED&actor=bob&max=1",
                http.adminToken()), 200).json().get(0);
        assertEquals(created.get("id").asText(), audit.get("details").get("grantId").asText());
    }

    @Test
    void theViewsSettingsWin() {
        String guests = view("grant-settings-" + System.nanoTime(), false, true, false);
        String bob = http.memberToken("bob");
        JsonNode editor = Admin.expect(http.postJson(guests, bob, Map.of("permissions", List.of("read", "write", "create", "export"))), 201).json();
        assertEquals("[\"read\",\"create\"]", editor.get("effectivePermissions").toString(),
                "editable no + write = read-only; addable yes + create = can add rows; exportable no + export = cannot export");
    }

    @Test
    void publicLinksAreReadOnly() {
        String guests = view("grant-public-" + System.nanoTime(), true, true, true);
        String bob = http.memberToken("bob");
        assertError(http.postJson(guests, bob, Map.of("public", true, "permissions", List.of("read", "write"))), 400, "public_is_read_only");
        JsonNode open = Admin.expect(http.postJson(guests, bob, Map.of("public", true, "permissions", List.of("read"))), 201).json();
        assertTrue(open.get("public").asBoolean());
    }

    @Test
    void revokeIsImmediateAndIdempotent() {
        String guests = view("grant-revoke-" + System.nanoTime(), true, true, true);
        String bob = http.memberToken("bob");
        String id = Admin.expect(http.postJson(guests, bob, Map.of("permissions", List.of("read"))), 201).json().get("id").asText();
        assertEquals(204, http.delete(guests + "/" + id, bob).status());
        assertEquals("revoked", Admin.expect(http.get(guests, bob), 200).json().get(0).get("status").asText());
        assertEquals(204, http.delete(guests + "/" + id, bob).status());
        JsonNode revocations = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/viewgate/audit?type=GUEST_GRANT_REVOKED&max=1000",
                http.adminToken()), 200).json();
        int forThisGrant = 0;
        for (JsonNode row : revocations) {
            forThisGrant += row.get("details").get("grantId").asText().equals(id) ? 1 : 0;
        }
        assertEquals(1, forThisGrant, "revoking twice is recorded once");
        assertError(http.delete(guests + "/no-such-grant", bob), 404, "unknown_grant");
    }

    @Test
    void badInput() {
        String guests = view("grant-bad-" + System.nanoTime(), true, true, true);
        String bob = http.memberToken("bob");
        for (Object permissions : List.of(List.of(), List.of("read", "read"), List.of("admin"), List.of("READ"))) {
            assertError(http.postJson(guests, bob, Map.of("permissions", permissions)), 400, "invalid_permissions");
        }
        assertError(http.postJson(guests, bob, Map.of()), 400, "invalid_permissions");
        assertError(http.postJson(guests, bob, "{\"permissions\": \"read\"}"), 400, "invalid_request");
        assertError(http.postJson(guests, bob, "{\"permissions\": [1]}"), 400, "invalid_request");
        assertError(http.postJson(guests, bob, Map.of("permissions", List.of("read"), "expiresAt", "2001-01-01T00:00:00Z")), 400, "invalid_expiry");
        assertError(http.postJson(guests, bob, Map.of("permissions", List.of("read"), "expiresAt", "tomorrow")), 400, "invalid_expiry");
        assertError(http.postJson(server.viewgateUrl() + "/views/demo-app/never-registered/guests", bob,
                Map.of("permissions", List.of("read"))), 404, "unknown_view");
        assertError(http.postJson(guests, http.memberToken("vera"), Map.of("permissions", List.of("read"))), 403, "tier_too_low");
    }

    private String sql(String query) {
        return Admin.expect(http.postJson(server.realmUrl() + "/viewgate-it-probe/sql", http.memberToken("ada"), Map.of("query", query)), 200)
                .json().get("value").asText();
    }
}
