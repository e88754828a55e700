package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A member's tier moves without any role being mapped to them: through a group, a composite, a role's
 * {@code viewgate.tier}, a deleted role or group, a moved group, a client role. Each such change, made through
 * Keycloak's admin REST API as an admin or kcadm.sh would, must leave exactly one {@code TIER_ROLE_CHANGED} row per
 * member whose tier moved, and none for a member who did not move. Every test works in its own scratch realm (ladder
 * t1 < t2 < t3), so no ladder change leaks into the demo realm.
 */
@ExtendWith(KeycloakExtension.class)
class TierChangeAuditIT {

    private static final String MEMBER_LIMIT = "viewgate.audit.tierChangeMemberLimit";

    private final Http http;
    private final Admin admin;
    private String realm;

    TierChangeAuditIT(KeycloakServer server) {
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @BeforeEach
    void scratchRealm() {
        realm = "tier-audit-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createRealm(realm);
        for (int level = 1; level <= 3; level++) {
            admin.createRealmRole(realm, Map.of("name", "t" + level, "attributes", Map.of("viewgate.tier", List.of("" + level))));
        }
        admin.createRealmRole(realm, Map.of("name", "bundle"));
        admin.createRealmRole(realm, Map.of("name", "outer"));
        admin.makeComposite(realm, "outer", "bundle");
    }

    @AfterEach
    void dropScratchRealm() {
        admin.deleteRealm(realm);
    }

    @Test
    void aGroupsRoleMappingMovesEveryMemberOfTheGroupAndItsSubgroupsOnce() {
        String group = group("staff");
        String sub = subgroup(group, "interns");
        String low = user("low", group, "t1");
        user("intern", sub);
        user("high", group, "t3");
        user("outsider", null, "t1");
        user("double", group, "t2"); // holds the group's new tier already: does not move either way
        admin.joinGroup(realm, low, sub); // in the group twice over: still one row

        assertEquals(List.of("intern null>t2 group", "low t1>t2 group"),
                changes(() -> Admin.expect(http.postJson(url("/groups/" + group + "/role-mappings/realm"), http.adminToken(),
                        List.of(admin.realmRole(realm, "t2"))), 204)));
        JsonNode row = rows("subject=low").get(0);
        assertEquals(2, row.get("details").get("newTier").asInt(), row.toString());
        assertEquals(1, row.get("details").get("previousTier").asInt(), row.toString());
        assertEquals("staff", row.get("details").get("group").asText(), row.toString());
        assertEquals("admin", row.get("actor").get("username").asText());

        assertEquals(List.of("intern t2>null group", "low t2>t1 group"),
                changes(() -> deleteWithBody(url("/groups/" + group + "/role-mappings/realm"), List.of(admin.realmRole(realm, "t2")))));
        assertEquals(List.of(), changes(() -> Admin.expect(http.postJson(url("/groups/" + group + "/role-mappings/realm"),
                http.adminToken(), List.of(admin.realmRole(realm, "bundle"))), 204)), "a role that carries no tier moves no one");
    }

    @Test
    void aRoleBecomingACompositeOfATierRoleMovesEveryoneHoldingItDirectlyByGroupOrByCompositeOnce() {
        user("direct", null, "bundle");
        String team = group("team", "bundle");
        user("grouped", team);
        String both = user("both", team, "outer");
        user("above", null, "bundle", "t3");
        user("nobody", null);

        assertEquals(List.of("both null>t2 composite", "direct null>t2 composite", "grouped null>t2 composite"),
                changes(() -> admin.makeComposite(realm, "bundle", "t2")));
        assertEquals("bundle", rows("subject=" + both).get(0).get("details").get("role").asText());
        assertEquals(List.of("both t2>null composite", "direct t2>null composite", "grouped t2>null composite"),
                changes(() -> deleteWithBody(url("/roles/bundle/composites"), List.of(admin.realmRole(realm, "t2")))));
        assertEquals(List.of(), changes(() -> admin.makeComposite(realm, "outer", "bundle")), "no new tier, no row");
    }

    @Test
    void aRoleGainingOrLosingItsTierAttributeMovesItsHolders() {
        user("viewer", null, "t1", "bundle");
        user("plain", null, "outer");
        user("above", null, "t3", "bundle");

        assertEquals(List.of("plain null>bundle role-attribute", "viewer t1>bundle role-attribute"),
                changes(() -> updateRole("bundle", Map.of("viewgate.tier", List.of("2")))));
        assertEquals(List.of("plain bundle>null role-attribute", "viewer bundle>t1 role-attribute"),
                changes(() -> updateRole("bundle", Map.of())));
        assertEquals(List.of("above t3>t3 role-attribute"), changes(() -> updateRole("t3", Map.of("viewgate.tier", List.of("9")))),
                "the level moved, the role did not");
        JsonNode row = rows("subject=above").get(0);
        assertEquals(3, row.get("details").get("previousTier").asInt(), row.toString());
        assertEquals(9, row.get("details").get("newTier").asInt(), row.toString());
        assertEquals(List.of(), changes(() -> updateRole("t3", Map.of("viewgate.tier", List.of("9"), "note", List.of("x")))),
                "an unrelated attribute moves no one");
        assertEquals(List.of(), changes(() -> Admin.expect(http.putJson(url("/roles/t3"), http.adminToken(),
                Map.of("name", "t3-renamed")), 204)), "a renamed tier role is the same tier");
    }

    @Test
    void aNewRoleClaimingATakenLevelDisplacesTheRoleThatHadItAndItsHoldersMove() {
        user("holder", null, "t3", "t1");
        user("unmoved", null, "t2");
        // The ladder keeps the first role by name for a level: "a-usurper" pushes t3 out of it.
        assertEquals(List.of("holder t3>t1 role-attribute"), changes(() -> admin.createRealmRole(realm,
                Map.of("name", "a-usurper", "attributes", Map.of("viewgate.tier", List.of("3"))))));
    }

    @Test
    void aDeletedTierRoleMovesItsHoldersIncludingThroughGroupsAndComposites() {
        admin.makeComposite(realm, "bundle", "t2");
        user("direct", null, "t2", "t1");
        user("grouped", group("team", "t2"));
        user("composed", null, "outer");
        user("above", null, "t3", "t2");

        assertEquals(List.of("composed t2>null role-deleted", "direct t2>t1 role-deleted", "grouped t2>null role-deleted"),
                changes(() -> admin.deleteRealmRole(realm, "t2")));
    }

    @Test
    void deletingOrMovingAGroupMovesItsMembers() {
        String parent = group("parents", "t3");
        String team = group("team", "t2");
        String sub = subgroup(team, "juniors");
        user("member", team, "t1");
        user("junior", sub);

        assertEquals(List.of("junior t2>t3 group", "member t2>t3 group"),
                changes(() -> Admin.expect(http.postJson(url("/groups/" + parent + "/children"), http.adminToken(),
                        Map.of("id", team, "name", "team")), 204)));
        assertEquals(List.of("junior t3>null group", "member t3>t1 group"),
                changes(() -> Admin.expect(http.delete(url("/groups/" + parent), http.adminToken()), 204)));
    }

    @Test
    void aClientRoleThatCarriesATierMovesWhoeverHoldsIt() {
        String client = Admin.expect(http.postJson(url("/clients"), http.adminToken(), Map.of("clientId", "tier-app")), 201)
                .header("Location").replaceAll(".*/", "");
        Admin.expect(http.postJson(url("/clients/" + client + "/roles"), http.adminToken(), Map.of("name", "app-admin")), 201);
        JsonNode appAdmin = Admin.expect(http.get(url("/clients/" + client + "/roles/app-admin"), http.adminToken()), 200).json();
        String early = user("early", null);
        Admin.expect(http.postJson(url("/users/" + early + "/role-mappings/clients/" + client), http.adminToken(), List.of(appAdmin)), 204);

        assertEquals(List.of("early null>t3 composite"), changes(() -> Admin.expect(http.postJson(
                url("/clients/" + client + "/roles/app-admin/composites"), http.adminToken(), List.of(admin.realmRole(realm, "t3"))), 204)));
        String late = user("late", null);
        assertEquals(List.of("late null>t3 role-mapping"), changes(() -> Admin.expect(http.postJson(
                url("/users/" + late + "/role-mappings/clients/" + client), http.adminToken(), List.of(appAdmin)), 204)));
        assertEquals(List.of("late t3>null role-mapping"),
                changes(() -> deleteWithBody(url("/users/" + late + "/role-mappings/clients/" + client), List.of(appAdmin))));
        assertEquals(List.of("early t3>null client-deleted"),
                changes(() -> Admin.expect(http.delete(url("/clients/" + client), http.adminToken()), 204)), "its roles go with it");
    }

    @Test
    void theRealmsDefaultRolesCarryingATierMoveEveryMember() {
        user("first", null);
        user("second", null, "t3");
        String defaultRole = Admin.expect(http.get(admin.realmAdminUrl(realm), http.adminToken()), 200).json()
                .get("defaultRole").get("id").asText();
        assertEquals(List.of("first null>t1 composite"), changes(() -> Admin.expect(http.postJson(
                url("/roles-by-id/" + defaultRole + "/composites"), http.adminToken(), List.of(admin.realmRole(realm, "t1"))), 204)));
    }

    @Test
    void aUserCreatedInAGroupThatCarriesATierIsRecordedOnce() {
        String staff = group("staff", "t2");
        subgroup(staff, "interns");
        assertEquals(List.of("newcomer null>t2 user-created"), changes(() -> createUserIn("newcomer", "/staff/interns")));
        assertEquals(List.of(), changes(() -> createUserIn("plain")), "a new user without a tier moves no tier");
    }

    @Test
    void aChangeMovingMoreMembersThanTheLimitRecordsTheExaminedMembersAndOneSummaryThatSaysSo() {
        setMemberLimit("3");
        String crowd = group("crowd");
        for (int i = 0; i < 5; i++) {
            user("crowd" + i, crowd);
        }
        List<String> changes = changes(() -> Admin.expect(http.postJson(url("/groups/" + crowd + "/role-mappings/realm"),
                http.adminToken(), List.of(admin.realmRole(realm, "t2"))), 204));
        assertEquals(4, changes.size(), changes.toString());
        assertEquals(3, changes.stream().filter(c -> c.matches("crowd\\d null>t2 group")).count(), changes.toString());
        JsonNode summary = null;
        for (JsonNode row : rows("type=TIER_ROLE_CHANGED")) {
            if (row.get("subject") == null || row.get("subject").isNull()) {
                summary = row;
            }
        }
        assertTrue(summary != null, "one summary row without a subject");
        JsonNode details = summary.get("details");
        assertEquals("group", details.get("cause").asText(), details.toString());
        assertEquals(3, details.get("membersExamined").asInt(), details.toString());
        assertTrue(details.get("membersNotExamined").asBoolean(), details.toString());
        assertEquals(3, details.get("memberLimit").asInt(), details.toString());
        assertEquals("crowd", details.get("group").asText(), details.toString());
        assertEquals(List.of("t2"), List.of(details.get("rolesAdded").get(0).asText()), details.toString());

        setMemberLimit("10");
        assertEquals(5, changes(() -> deleteWithBody(url("/groups/" + crowd + "/role-mappings/realm"),
                List.of(admin.realmRole(realm, "t2")))).size(), "within the limit: every mover, no summary");
    }

    // --- arranging, as an admin would through the admin REST API

    private String url(String path) {
        return admin.realmAdminUrl(realm) + path;
    }

    private String group(String name, String... roles) {
        return admin.createGroup(realm, name, roles);
    }

    private String subgroup(String parent, String name) {
        return Admin.expect(http.postJson(url("/groups/" + parent + "/children"), http.adminToken(), Map.of("name", name)), 201)
                .header("Location").replaceAll(".*/", "");
    }

    private String user(String username, String group, String... roles) {
        String id = admin.createUser(realm, username, "First", "Last");
        if (roles.length > 0) {
            admin.grantRealmRoles(realm, id, roles);
        }
        if (group != null) {
            admin.joinGroup(realm, id, group);
        }
        return id;
    }

    /** Creates a user through the admin API as kcadm.sh would, placing them in {@code groups} at once. */
    private void createUserIn(String username, String... groups) {
        Admin.expect(http.postJson(url("/users"), http.adminToken(), Map.of("username", username, "enabled", true,
                "groups", List.of(groups))), 201);
    }

    private void updateRole(String role, Map<String, Object> attributes) {
        Admin.expect(http.putJson(url("/roles/" + role), http.adminToken(), Map.of("name", role, "attributes", attributes)), 204);
    }

    private void deleteWithBody(String url, Object body) {
        Admin.expect(http.send(http.request(url, http.adminToken()).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(Http.toJson(body)))), 204);
    }

    private void setMemberLimit(String limit) {
        JsonNode rep = Admin.expect(http.get(admin.realmAdminUrl(realm), http.adminToken()), 200).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) rep.withObject("/attributes")).put(MEMBER_LIMIT, limit);
        Admin.expect(http.putJson(admin.realmAdminUrl(realm), http.adminToken(), rep), 204);
    }

    // --- reading the audit log

    private JsonNode rows(String query) {
        return Admin.expect(http.get(url("/viewgate/audit?max=1000&" + query), http.adminToken()), 200).json();
    }

    /**
     * The TIER_ROLE_CHANGED rows {@code change} added, each as "subject previous>new cause" (summary rows as
     * "* summary cause"), sorted. Rows are written in the change's own transaction: they are there when it answers.
     */
    private List<String> changes(Runnable change) {
        int before = rows("type=TIER_ROLE_CHANGED").size();
        change.run();
        JsonNode all = rows("type=TIER_ROLE_CHANGED");
        List<String> added = new ArrayList<>();
        for (int i = 0; i < all.size() - before; i++) {
            JsonNode row = all.get(i);
            JsonNode details = row.get("details");
            JsonNode subject = row.get("subject");
            added.add(subject == null || subject.isNull()
                    ? "* summary " + details.path("cause").asText()
                    : subject.get("username").asText() + " " + role(details.get("previousRole")) + ">"
                    + role(details.get("newRole")) + " " + details.path("cause").asText());
        }
        added.sort(null);
        return added;
    }

    private static String role(JsonNode role) {
        return role == null || role.isNull() ? "null" : role.asText();
    }
}
