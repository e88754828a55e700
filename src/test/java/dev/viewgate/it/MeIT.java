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

@ExtendWith(KeycloakExtension.class)
class MeIT {

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    MeIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    private JsonNode me(String username) {
        return Admin.expect(http.get(server.viewgateUrl() + "/me", http.memberToken(username)), 200).json();
    }

    @Test
    void administratorSeesIdentityTierAndEveryCapability() {
        JsonNode me = me("ada");
        assertEquals("ada", me.get("username").asText());
        assertEquals("ada@viewgate.test", me.get("email").asText());
        assertEquals("Ada Admin", me.get("name").asText());
        assertEquals(7, me.get("tier").asInt());
        assertEquals("administrator", me.get("tierRole").asText());
        assertTrue(me.has("viewAs") && me.get("viewAs").isNull(), "viewAs is present and null: " + me);
        assertEquals(36, me.get("id").asText().length());
        JsonNode can = me.get("can");
        assertTrue(can.get("viewAsTier").asBoolean());
        assertTrue(can.get("viewAsUser").asBoolean());
        assertTrue(can.get("decideRequests").asBoolean());
        assertTrue(can.get("share").asBoolean());
    }

    @Test
    void capabilitiesFollowTheDefaultThresholds() {
        // viewAsTier >= 2, viewAsUser >= 6, decide >= 7, share >= 4
        Map<String, List<Boolean>> expected = Map.of(
                "vera", List.of(false, false, false, false),
                "eric", List.of(true, false, false, false),
                "bob", List.of(true, false, false, true),
                "arch", List.of(true, true, false, true),
                "olga", List.of(true, true, true, true));
        expected.forEach((user, flags) -> {
            JsonNode can = me(user).get("can");
            assertEquals(flags, List.of(can.get("viewAsTier").asBoolean(), can.get("viewAsUser").asBoolean(),
                    can.get("decideRequests").asBoolean(), can.get("share").asBoolean()), user);
        });
    }

    @Test
    void memberWithoutTierGetsTierZero() {
        JsonNode me = me("nora");
        assertEquals(0, me.get("tier").asInt());
        assertTrue(me.get("tierRole").isNull());
        me.get("can").forEach(flag -> assertFalse(flag.asBoolean(), "nora can do nothing: " + me));
    }

    @Test
    void tierComesFromCompositesAndGroups() {
        String realm = KeycloakServer.REALM;
        admin.createRealmRole(realm, Map.of("name", "team-lead", "description", "Team lead (not a tier)"));
        admin.makeComposite(realm, "team-lead", "architect");
        String lead = admin.createUser(realm, "composite-lead", "Cora", "Composite");
        admin.grantRealmRoles(realm, lead, "viewer", "team-lead");
        assertEquals(6, me("composite-lead").get("tier").asInt(), "architect through a composite role");
        assertEquals("architect", me("composite-lead").get("tierRole").asText());

        String group = admin.createGroup(realm, "analysts-team", "analyst");
        String member = admin.createUser(realm, "grouped-member", "Gus", "Group");
        admin.grantRealmRoles(realm, member, "viewer");
        admin.joinGroup(realm, member, group);
        assertEquals(3, me("grouped-member").get("tier").asInt(), "analyst through a group");
    }

    @Test
    void malformedTierAttributeIsLoggedAndIgnored() {
        String realm = KeycloakServer.REALM;
        admin.createRealmRole(realm, Map.of("name", "broken-tier", "attributes", Map.of("viewgate.tier", List.of("seven"))));
        try {
            String user = admin.createUser(realm, "broken-tier-holder", "Bea", "Broken");
            admin.grantRealmRoles(realm, user, "explorer", "broken-tier");
            JsonNode me = me("broken-tier-holder");
            assertEquals(2, me.get("tier").asInt(), "the malformed role is not a tier; explorer still counts");
            JsonNode tiers = Admin.expect(http.get(server.viewgateUrl() + "/tiers", http.memberToken("ada")), 200).json();
            tiers.forEach(t -> assertFalse(t.get("role").asText().equals("broken-tier")));
            assertTrue(server.log().contains("role 'broken-tier' has a malformed viewgate.tier 'seven'"),
                    "a clear log line names the role and the value");
        } finally {
            admin.deleteRealmRole(realm, "broken-tier");
        }
    }
}
