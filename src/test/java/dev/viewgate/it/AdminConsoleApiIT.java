package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.Tokens;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API behind the console's view-as, settings and ladder pages (issue 17), as an admin uses it and as an
 * attacker tries it: members and admins of another realm are refused everything, and refused input changes nothing.
 */
@ExtendWith(KeycloakExtension.class)
class AdminConsoleApiIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final List<String> SETTINGS = List.of("viewgate.viewAsTier.minTier", "viewgate.viewAsUser.minTier",
            "viewgate.decide.minTier", "viewgate.share.minTier", "viewgate.request.roles", "viewgate.viewAs.maxMinutes",
            "viewgate.guest.tokenSeconds", "viewgate.audit.retentionDays", "viewgate.audit.tierChangeMemberLimit",
            "viewgate.guest.denials.windowSeconds", "viewgate.guest.denials.recorded");
    private static final List<String> DEFAULTS = java.util.Arrays.asList("2", "6", "7", "4", "explorer,builder,administrator",
            "60", "300", null, "500", "60", "10");

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    AdminConsoleApiIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private String api(String path) {
        return server.adminUrl() + path;
    }

    private static void assertError(Http.Result result, int status, String error) {
        assertEquals(status, result.status(), result.body());
        assertEquals(error, result.json().get("error").asText(), result.body());
        assertFalse(result.json().get("error_description").asText().isBlank(), result.body());
    }

    private JsonNode audit(String query) {
        return Admin.expect(http.get(api("/audit?" + query), http.adminToken()), 200).json();
    }

    private JsonNode settings(String token) {
        return Admin.expect(http.get(api("/settings"), token), 200).json();
    }

    private JsonNode setting(String name) {
        for (JsonNode setting : settings(http.adminToken())) {
            if (setting.get("name").asText().equals(name)) {
                return setting;
            }
        }
        throw new AssertionError("no setting " + name);
    }

    private Http.Result put(String name, String token, String rawBody) {
        return http.send(http.request(api("/settings/" + name), token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    private Http.Result putValue(String name, String token, String value) {
        return http.putJson(api("/settings/" + name), token, Map.of("value", value));
    }

    private List<JsonNode> sessions() {
        List<JsonNode> all = new ArrayList<>();
        Admin.expect(http.get(api("/view-as-sessions?max=1000"), http.adminToken()), 200).json().forEach(all::add);
        return all;
    }

    private JsonNode sessionOn(String sid) {
        return sessions().stream().filter(s -> s.get("sessionId").asText().equals(sid)).findFirst().orElse(null);
    }

    /** An admin of another realm (realm-admin there), with a token of that realm, as kcadm.sh would get it. */
    private String otherRealmAdminToken(String realm) {
        admin.createRealm(realm);
        String user = admin.createUser(realm, "otheradmin", "Otto", "Other");
        admin.grantClientRole(realm, user, "realm-management", "realm-admin");
        return http.passwordGrant(server.baseUrl() + "/realms/" + realm, "admin-cli", null, "otheradmin", "otheradmin");
    }

    @Test
    void membersAndAdminsOfAnotherRealmAreRefusedEveryEndpoint() {
        String before = settings(http.adminToken()).toString();
        String otherRealm = "adminapi-other-" + System.nanoTime();
        Map<String, Supplier<String>> callers = new LinkedHashMap<>();
        callers.put("ada (T7, no Keycloak admin)", () -> http.memberToken("ada"));
        callers.put("olga (T8, no Keycloak admin)", () -> http.memberToken("olga"));
        try {
            String other = otherRealmAdminToken(otherRealm);
            callers.put("realm admin of another realm", () -> other);
            for (Map.Entry<String, Supplier<String>> caller : callers.entrySet()) {
                String token = caller.getValue().get();
                List<Http.Result> answers = List.of(
                        http.get(api("/view-as-sessions"), token),
                        http.delete(api("/view-as-sessions/no-such-session"), token),
                        http.get(api("/settings"), token),
                        putValue("viewgate.decide.minTier", token, "1"),
                        put("viewgate.nope", token, "{\"value\":\"1\"}"),
                        http.delete(api("/settings/viewgate.decide.minTier"), token),
                        http.delete(api("/settings/viewgate.nope"), token),
                        http.get(api("/ladder"), token));
                for (Http.Result answer : answers) {
                    assertEquals(403, answer.status(), caller.getKey() + ": " + answer.raw().request().method() + " "
                            + answer.raw().uri() + " " + answer.body());
                    assertFalse(answer.body().contains("not_found") || answer.body().contains("unknown_setting"),
                            "a refusal tells nothing about what exists: " + answer.body());
                }
            }
        } finally {
            admin.deleteRealm(otherRealm);
        }
        assertEquals(before, settings(http.adminToken()).toString(), "nothing changed");
    }

    @Test
    void anAdminListsAMembersViewAsAndEndsIt() {
        Tokens ada = new Tokens(server, http, "ada");
        Tokens arch = new Tokens(server, http, "arch");
        String otherRealm = "adminapi-end-" + System.nanoTime();
        try {
            Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", ada.access(), Map.of("tier", 2)), 200);
            Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", arch.access(), Map.of("user", "bob")), 200);
            assertEquals(2, ada.refresh().get("tier").asInt(), "ada simulates T2");
            String adaSid = Tokens.claims(ada.access()).get("sid").asText();
            String archSid = Tokens.claims(arch.access()).get("sid").asText();

            JsonNode listed = sessionOn(adaSid);
            assertEquals("ada", listed.get("actor").get("username").asText());
            assertEquals(admin.userId(REALM, "ada"), listed.get("actor").get("id").asText());
            assertEquals("tier", listed.get("mode").asText());
            assertEquals(2, listed.get("tier").asInt());
            assertTrue(listed.get("target").isNull(), listed.toString());
            Instant started = Instant.parse(listed.get("startedAt").asText());
            Instant expires = Instant.parse(listed.get("expiresAt").asText());
            assertEquals(Duration.ofMinutes(60), Duration.between(started, expires));

            JsonNode member = sessionOn(archSid);
            assertEquals("user", member.get("mode").asText());
            assertEquals(4, member.get("tier").asInt());
            assertEquals("bob", member.get("target").get("username").asText());
            assertEquals(admin.userId(REALM, "bob"), member.get("target").get("id").asText());

            List<JsonNode> all = sessions();
            for (int i = 1; i < all.size(); i++) {
                assertFalse(Instant.parse(all.get(i - 1).get("startedAt").asText())
                        .isAfter(Instant.parse(all.get(i).get("startedAt").asText())), "ordered by start: " + all);
            }
            assertEquals(1, Admin.expect(http.get(api("/view-as-sessions?max=1"), http.adminToken()), 200).json().size());
            assertEquals(all.size() - 1, Admin.expect(http.get(api("/view-as-sessions?first=1"), http.adminToken()), 200)
                    .json().size());
            for (String bad : List.of("max=0", "max=1001", "max=abc", "first=-1", "first=1e3", "max=-5", "max=99999999999")) {
                assertError(http.get(api("/view-as-sessions?" + bad), http.adminToken()), 400, "invalid_parameter");
            }

            // An admin of another realm and a member cannot end it, whatever they know of the session.
            String other = otherRealmAdminToken(otherRealm);
            assertEquals(403, http.delete(api("/view-as-sessions/" + adaSid), other).status());
            assertEquals(403, http.delete(api("/view-as-sessions/" + adaSid), http.memberToken("olga")).status());
            assertEquals(403, http.delete(api("/view-as-sessions/" + adaSid), ada.access()).status());
            assertTrue(sessionOn(adaSid) != null, "still in force");

            // Unknown ids answer like a session without view as: 404 to the admin.
            assertError(http.delete(api("/view-as-sessions/no-such-session"), http.adminToken()), 404, "not_found");
            String noViewAs = Tokens.claims(new Tokens(server, http, "mia").access()).get("sid").asText();
            assertError(http.delete(api("/view-as-sessions/" + noViewAs), http.adminToken()), 404, "not_found");
            assertError(http.delete(api("/view-as-sessions/" + "x".repeat(300)), http.adminToken()), 404, "not_found");

            assertEquals(204, http.delete(api("/view-as-sessions/" + adaSid), http.adminToken()).status());
            assertError(http.delete(api("/view-as-sessions/" + adaSid), http.adminToken()), 404, "not_found");
            assertNull(sessionOn(adaSid), "no longer listed");
            assertTrue(sessionOn(archSid) != null, "arch's view as is untouched");

            JsonNode claims = ada.refresh();
            assertTrue(claims.get("view_as") == null, "the next refresh carries no simulation: " + claims);
            assertEquals(7, claims.get("tier").asInt());
            assertTrue(Tokens.realmRoles(claims).contains("administrator"));
            JsonNode state = Admin.expect(http.get(server.viewgateUrl() + "/view-as", ada.access()), 200).json();
            assertFalse(state.get("active").asBoolean());

            JsonNode ended = audit("type=VIEW_AS_ENDED&subject=ada&max=1").get(0);
            assertEquals("ended_by_admin", ended.get("details").get("reason").asText(), ended.toString());
            assertEquals("admin", ended.get("actor").get("username").asText());
            assertEquals("ada", ended.get("subject").get("username").asText());
            assertEquals("viewgate/view-as/" + adaSid, ended.get("resource").asText());
            assertEquals(1, audit("type=VIEW_AS_ENDED&subject=ada&max=100").findValuesAsText("resource").stream()
                    .filter(("viewgate/view-as/" + adaSid)::equals).count(), "recorded once");
        } finally {
            http.delete(server.viewgateUrl() + "/view-as", arch.access());
            http.delete(server.viewgateUrl() + "/view-as", ada.access());
            if (http.get(admin.realmAdminUrl(otherRealm), http.adminToken()).status() == 200) {
                admin.deleteRealm(otherRealm);
            }
        }
    }

    @Test
    void settingsListChangeResetAndRefuseBadValues() {
        JsonNode listed = settings(http.adminToken());
        assertEquals(SETTINGS, listed.findValuesAsText("name"));
        for (int i = 0; i < SETTINGS.size(); i++) {
            JsonNode setting = listed.get(i);
            assertEquals(DEFAULTS.get(i), setting.get("defaultValue").isNull() ? null : setting.get("defaultValue").asText(),
                    setting.toString());
            assertTrue(setting.get("value").isNull(), "the demo realm sets none: " + setting);
            assertEquals(setting.get("defaultValue"), setting.get("effective"), setting.toString());
            assertFalse(setting.get("description").asText().isBlank());
            boolean number = "number".equals(setting.get("kind").asText());
            assertEquals(number, setting.get("min").isInt(), "a number has bounds, a role list none: " + setting);
            assertEquals(number, setting.get("max").isInt(), setting.toString());
        }
        JsonNode minutes = listed.get(SETTINGS.indexOf("viewgate.viewAs.maxMinutes"));
        assertEquals(1, minutes.get("min").asInt());
        assertEquals(1440, minutes.get("max").asInt());
        String maxMinutes = "viewgate.viewAs.maxMinutes";
        int rowsBefore = audit("type=SETTING_CHANGED&max=1000").size();
        try {
            JsonNode changed = Admin.expect(putValue(maxMinutes, http.adminToken(), " 5 "), 200).json();
            assertEquals("5", changed.get("value").asText(), "stored as Viewgate reads it");
            assertEquals("5", changed.get("effective").asText());
            assertEquals(rowsBefore + 1, audit("type=SETTING_CHANGED&max=1000").size());
            JsonNode row = audit("type=SETTING_CHANGED&max=1").get(0);
            assertEquals("admin", row.get("actor").get("username").asText());
            assertEquals(maxMinutes, row.get("details").get("setting").asText());
            assertTrue(row.get("details").get("previousValue").isNull(), row.toString());
            assertEquals("5", row.get("details").get("newValue").asText());

            // What Viewgate does follows: a view as started now lasts five minutes.
            Tokens eric = new Tokens(server, http, "eric");
            JsonNode state = Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", eric.access(), Map.of("tier", 1)), 200).json();
            assertEquals(Duration.ofMinutes(5), Duration.between(Instant.parse(state.get("startedAt").asText()),
                    Instant.parse(state.get("expiresAt").asText())));
            Admin.expect(http.delete(server.viewgateUrl() + "/view-as", eric.access()), 204);

            Admin.expect(putValue(maxMinutes, http.adminToken(), "5"), 200);
            assertEquals(rowsBefore + 1, audit("type=SETTING_CHANGED&max=1000").size(), "the same value is no change");

            String unchanged = settings(http.adminToken()).toString();
            Map<String, String> badValues = new LinkedHashMap<>();
            badValues.put("not a number", "{\"value\":\"five\"}");
            badValues.put("negative", "{\"value\":\"-5\"}");
            badValues.put("zero", "{\"value\":\"0\"}");
            badValues.put("beyond a day", "{\"value\":\"1441\"}");
            badValues.put("huge", "{\"value\":\"99999999999999999999\"}");
            badValues.put("decimal", "{\"value\":\"2.5\"}");
            badValues.put("empty", "{\"value\":\"\"}");
            badValues.put("blank", "{\"value\":\"   \"}");
            badValues.put("null", "{\"value\":null}");
            badValues.put("missing", "{}");
            badValues.put("10 kB", "{\"value\":\"" + "1".repeat(10_240) + "\"}");
            for (Map.Entry<String, String> bad : badValues.entrySet()) {
                Http.Result answer = put(maxMinutes, http.adminToken(), bad.getValue());
                assertError(answer, 400, "invalid_setting");
                assertTrue(answer.json().get("error_description").asText().length() < 300, bad.getKey());
            }
            assertError(put(maxMinutes, http.adminToken(), "{\"value\":5}"), 400, "invalid_request");
            assertError(put(maxMinutes, http.adminToken(), "{\"value\":\"5\",\"other\":1}"), 400, "invalid_request");
            assertError(put(maxMinutes, http.adminToken(), "{\"value\":\"5\"} trailing"), 400, "invalid_request");
            assertError(put(maxMinutes, http.adminToken(), "not json"), 400, "invalid_request");
            assertError(put("viewgate.request.roles", http.adminToken(), "{\"value\":\" , ,\"}"), 400, "invalid_setting");
            assertError(put("viewgate.decide.minTier", http.adminToken(), "{\"value\":\"1000000\"}"), 400, "invalid_setting");
            assertError(putValue("viewgate.nope", http.adminToken(), "1"), 404, "unknown_setting");
            assertError(putValue("viewgate.tier", http.adminToken(), "1"), 404, "unknown_setting");
            assertError(putValue("x".repeat(500), http.adminToken(), "1"), 404, "unknown_setting");
            assertError(http.delete(api("/settings/viewgate.nope"), http.adminToken()), 404, "unknown_setting");
            assertEquals(unchanged, settings(http.adminToken()).toString(), "refused input changes nothing");
            assertEquals(rowsBefore + 1, audit("type=SETTING_CHANGED&max=1000").size(), "and records nothing");

            assertEquals(204, http.delete(api("/settings/" + maxMinutes), http.adminToken()).status());
            JsonNode reset = setting(maxMinutes);
            assertTrue(reset.get("value").isNull());
            assertEquals("60", reset.get("effective").asText());
            assertEquals(rowsBefore + 2, audit("type=SETTING_CHANGED&max=1000").size());
            JsonNode resetRow = audit("type=SETTING_CHANGED&max=1").get(0);
            assertEquals("5", resetRow.get("details").get("previousValue").asText());
            assertTrue(resetRow.get("details").get("newValue").isNull());
            assertTrue(resetRow.get("details").get("reset").asBoolean());
            assertEquals(204, http.delete(api("/settings/" + maxMinutes), http.adminToken()).status());
            assertEquals(rowsBefore + 2, audit("type=SETTING_CHANGED&max=1000").size(), "nothing to reset, nothing recorded");

            // A second observable: the decide threshold in /me.
            String arch = http.memberToken("arch");
            assertFalse(me(arch).get("can").get("decideRequests").asBoolean());
            Admin.expect(putValue("viewgate.decide.minTier", http.adminToken(), "6"), 200);
            assertTrue(me(arch).get("can").get("decideRequests").asBoolean(), "T6 decides at min tier 6");
            assertEquals(204, http.delete(api("/settings/viewgate.decide.minTier"), http.adminToken()).status());
            assertFalse(me(arch).get("can").get("decideRequests").asBoolean());
            assertEquals(rowsBefore + 4, audit("type=SETTING_CHANGED&max=1000").size(), "each change one row");
        } finally {
            http.delete(api("/settings/" + maxMinutes), http.adminToken());
            http.delete(api("/settings/viewgate.decide.minTier"), http.adminToken());
        }
        assertEquals(listed.toString(), settings(http.adminToken()).toString(), "restored");
    }

    private JsonNode me(String token) {
        return Admin.expect(http.get(server.viewgateUrl() + "/me", token), 200).json();
    }

    @Test
    void theOverviewGivesEachPartTheAdminMayReadInOneCall() {
        JsonNode all = Admin.expect(http.get(api("/overview"), http.adminToken()), 200).json();
        assertEquals(0, all.get("refused").size(), all.toString());
        long pending = Admin.expect(http.get(api("/access-requests/count?status=PENDING"), http.adminToken()), 200).json()
                .get("count").asLong();
        assertEquals(pending, all.get("pending").asLong());
        JsonNode chain = Admin.expect(http.get(api("/audit/chain"), http.adminToken()), 200).json();
        assertTrue(all.get("audit").get("sealedThrough").asLong() <= chain.get("sealedThrough").asLong(), all + " " + chain);
        JsonNode active = Admin.expect(http.get(api("/guests?status=active&first=0&max=6"), http.adminToken()), 200).json();
        assertTrue(all.get("guests").size() <= 6, all.toString());
        for (int i = 0; i < all.get("guests").size(); i++) {
            assertEquals(active.get(i).get("id").asText(), all.get("guests").get(i).get("id").asText(), "the newest active, in order");
        }

        // An admin who may only view users gets the count; the audit and the guest links are named as refused.
        String username = "overview-viewusers-" + System.nanoTime();
        String userId = admin.createUser(REALM, username, "Ova", "Viewusers");
        admin.grantClientRole(REALM, userId, "realm-management", "view-users");
        String viewUsers = http.passwordGrant(server.realmUrl(), "admin-cli", null, username, username);
        JsonNode partial = Admin.expect(http.get(api("/overview"), viewUsers), 200).json();
        assertEquals(List.of("audit", "guests"), List.of(partial.get("refused").get(0).asText(), partial.get("refused").get(1).asText()));
        assertTrue(partial.get("audit").isNull() && partial.get("guests").isNull(), partial.toString());
        assertEquals(pending, partial.get("pending").asLong());

        // A member, or an admin of another realm, reads none of it.
        assertError(http.get(api("/overview"), http.memberToken("ada")), 403, "forbidden");
        assertEquals(403, http.get(api("/overview"), otherRealmAdminToken("overview-other-" + System.nanoTime())).status());
    }

    @Test
    void theRequestHistoryFiltersByStatusAndRequesterNewestFirst() {
        String username = "history-" + System.nanoTime();
        String userId = admin.createUser(REALM, username, "Hist", "Ory");
        String member = http.memberToken(username);
        String first = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", member,
                Map.of("desiredRole", "explorer")), 201).json().get("id").asText();
        Admin.expect(http.postJson(api("/access-requests/" + first + "/decline"), http.adminToken(), Map.of("reason", "not yet")), 200);
        String second = Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", member,
                Map.of("desiredRole", "builder")), 201).json().get("id").asText();

        // Every status, newest first, by id or by username; nobody else's.
        for (String requester : List.of(userId, username)) {
            JsonNode all = Admin.expect(http.get(api("/access-requests?status=ALL&requester=" + requester), http.adminToken()), 200).json();
            assertEquals(2, all.size(), all.toString());
            assertEquals(second, all.get(0).get("id").asText(), all.toString());
            assertEquals(first, all.get(1).get("id").asText(), all.toString());
            assertEquals("PENDING", all.get(0).get("status").asText());
            assertEquals("DECLINED", all.get(1).get("status").asText());
            assertEquals("not yet", all.get(1).get("reason").asText());
        }
        JsonNode declined = Admin.expect(http.get(api("/access-requests?status=DECLINED&requester=" + username), http.adminToken()), 200)
                .json();
        assertEquals(1, declined.size(), declined.toString());
        assertEquals(first, declined.get(0).get("id").asText());
        assertEquals(0, Admin.expect(http.get(api("/access-requests?status=ALL&requester=nobody-" + System.nanoTime()),
                http.adminToken()), 200).json().size(), "an unknown requester has no requests");
        // History newest first across members: the declined request is above older declines.
        JsonNode recent = Admin.expect(http.get(api("/access-requests?status=DECLINED&max=100"), http.adminToken()), 200).json();
        for (int i = 1; i < recent.size(); i++) {
            // Instants, not strings: ISO-8601 leaves out a zero fraction ("…:44Z" is before "…:44.276Z").
            assertFalse(Instant.parse(recent.get(i - 1).get("createdAt").asText())
                    .isBefore(Instant.parse(recent.get(i).get("createdAt").asText())), "newest first: " + recent);
        }
        assertError(http.get(api("/access-requests?status=all"), http.adminToken()), 400, "invalid_parameter");
        // Paging reads ASCII digits only: fullwidth digits and a sign are refused, not read as 10 and 1.
        assertError(http.get(api("/access-requests?max=%EF%BC%91%EF%BC%90"), http.adminToken()), 400, "invalid_parameter");
        assertError(http.get(api("/access-requests?first=%2B1"), http.adminToken()), 400, "invalid_parameter");
        assertError(http.get(api("/ladder?members=yes"), http.adminToken()), 400, "invalid_parameter");
        JsonNode rungs = Admin.expect(http.get(api("/ladder?members=false"), http.adminToken()), 200).json();
        assertEquals(8, rungs.size(), rungs.toString());
        assertTrue(rungs.get(0).get("members").isNull() && rungs.get(0).get("capped").isNull(), rungs.toString());
        assertError(http.get(api("/access-requests?status=BOGUS&requester=" + username), http.adminToken()), 400, "invalid_parameter");
        // A member without view-users learns nothing about who asked.
        assertEquals(403, http.get(api("/access-requests?status=ALL&requester=" + username), http.memberToken("vera")).status());
    }

    @Test
    void theLadderCountsMembersByEffectiveTierIncludingThroughAGroup() {
        JsonNode ladder = Admin.expect(http.get(api("/ladder"), http.adminToken()), 200).json();
        assertEquals(List.of("viewer", "explorer", "analyst", "builder", "maintainer", "architect", "administrator", "owner"),
                ladder.findValuesAsText("role"));
        Map<String, Integer> levels = new HashMap<>();
        for (int i = 0; i < ladder.size(); i++) {
            JsonNode rung = ladder.get(i);
            assertEquals(i + 1, rung.get("tier").asInt());
            assertFalse(rung.get("capped").asBoolean());
            assertEquals(rung.get("members").asLong(), rung.get("membersAtLeast").asLong());
            assertTrue(rung.get("members").asLong() >= 1, "every demo tier has its demo member: " + rung);
            levels.put(rung.get("role").asText(), rung.get("tier").asInt());
        }
        assertEquals("Analyst", ladder.get(2).get("label").asText());
        assertEquals(countsByKeycloak(levels), counts(ladder), "the same counts as Keycloak's effective role mappings");

        String user = admin.createUser(REALM, "ladder-" + System.nanoTime(), "Lena", "Ladder");
        String group = admin.createGroup(REALM, "ladder-analysts-" + System.nanoTime(), "analyst");
        try {
            admin.joinGroup(REALM, user, group);
            JsonNode after = Admin.expect(http.get(api("/ladder"), http.adminToken()), 200).json();
            Map<Integer, Long> expected = counts(ladder);
            expected.merge(3, 1L, Long::sum);
            assertEquals(expected, counts(after), "a member through a group counts at the group's tier");
            assertEquals(countsByKeycloak(levels), counts(after));
        } finally {
            Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/users/" + user, http.adminToken()), 204);
            Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/groups/" + group, http.adminToken()), 204);
        }
        assertEquals(counts(ladder), counts(Admin.expect(http.get(api("/ladder"), http.adminToken()), 200).json()));
    }

    private static Map<Integer, Long> counts(JsonNode ladder) {
        Map<Integer, Long> counts = new HashMap<>();
        ladder.forEach(rung -> counts.put(rung.get("tier").asInt(), rung.get("members").asLong()));
        return counts;
    }

    /** The same census from Keycloak's own admin API: each person's effective realm roles, highest tier wins. */
    private Map<Integer, Long> countsByKeycloak(Map<String, Integer> levels) {
        Map<Integer, Long> counts = new HashMap<>();
        levels.values().forEach(level -> counts.put(level, 0L));
        String token = http.adminToken();
        for (int first = 0; ; first += 100) {
            JsonNode page = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users?briefRepresentation=false&first="
                    + first + "&max=100", token), 200).json();
            for (JsonNode user : page) {
                if (user.path("attributes").has("viewgate.guest") || user.get("username").asText().startsWith("service-account-")) {
                    continue;
                }
                int highest = 0;
                for (JsonNode role : Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/users/" + user.get("id").asText()
                        + "/role-mappings/realm/composite", token), 200).json()) {
                    highest = Math.max(highest, levels.getOrDefault(role.get("name").asText(), 0));
                }
                if (highest > 0) {
                    counts.merge(highest, 1L, Long::sum);
                }
            }
            if (page.size() < 100) {
                return counts;
            }
        }
    }

    @Test
    void aRefusedCallerCannotTellASessionFromNoSession() {
        Tokens bob = new Tokens(server, http, "bob");
        String sid = Tokens.claims(bob.access()).get("sid").asText();
        Http.Result real = http.delete(api("/view-as-sessions/" + sid), http.memberToken("olga"));
        Http.Result fake = http.delete(api("/view-as-sessions/" + "f".repeat(36)), http.memberToken("olga"));
        assertEquals(403, real.status());
        assertEquals(real.status(), fake.status());
        assertEquals(real.json().get("error").asText(), fake.json().get("error").asText());
        assertNotEquals(404, fake.status());
    }
}
