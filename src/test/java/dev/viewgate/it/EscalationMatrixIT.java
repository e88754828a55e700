package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.EscalationMatrix;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import dev.viewgate.it.support.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what: every actor of the demo realm (members of each tier, a T7 through a group, a guest token, a view-as
 * token, the token of a member demoted during view as, two apps' service accounts, a realm admin, Keycloak's admin)
 * tries every privileged action (among them granting a role that carries admin roles, demoting a member at or above
 * one's tier, and changing another app's views and grants), and each answer must be the one the matrix in
 * {@code src/test/resources/escalation-matrix.csv} (and the README) expects. The observed matrix is written to
 * target/it/escalation-matrix.md.
 */
@ExtendWith(KeycloakExtension.class)
class EscalationMatrixIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String OTHER_APP = "matrix-other-app";
    private static final String REQUESTER = "matrix-requester";
    private static final String ADMIN_ROLE_HOLDER = "matrix-admin-holder";
    private static final String OTHER_REALM = "matrix-other-realm";
    private static final String REALM_ADMIN = "matrix-realm-admin";
    private static final String GROUP_ADMIN = "matrix-group-admin";
    private static final String DEMOTED = "matrix-demoted";
    private static final String DEMO_VIEW = "matrix-view";
    /** For each member, a member exactly one tier higher (olga has none: her own name). */
    private static final Map<String, String> NEXT_MEMBER = Map.of("vera", "eric", "eric", "anna", "bob", "mia",
            "arch", "ada", "ada", "olga", "olga", "olga", "nora", "vera", GROUP_ADMIN, "olga", DEMOTED, "eric");
    private static final Map<String, Integer> TIER = Map.of("vera", 1, "eric", 2, "bob", 4, "arch", 6, "ada", 7,
            "olga", 8, "nora", 0, GROUP_ADMIN, 7, DEMOTED, 1);
    private static final List<String> ROLES = List.of("viewer", "explorer", "analyst", "builder", "maintainer",
            "architect", "administrator", "owner");

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private final List<Runnable> cleanup = new ArrayList<>();
    private String demotedToken;

    EscalationMatrixIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    /** An actor: how to get its token, whose request is its own, and which API it speaks. */
    private record Actor(String name, Supplier<String> token, String username, boolean keycloakAdmin) {
    }

    @Test
    void everyActorGetsExactlyTheExpectedAnswerForEveryPrivilegedAction() throws IOException {
        List<Actor> actors = actors();
        Map<String, Map<String, String>> observed = new LinkedHashMap<>();
        try {
            String otherRealmUser = arrangeOtherRealm();
            arrangeAdminRoleHolder();
            arrangeOtherApp();
            arrangeMembersOfTheNewRows();
            arrangeRoleCarryingManageUsers();
            int fresh = 0;
            for (Actor actor : actors) {
                Map<String, String> row = new LinkedHashMap<>();
                String own = actor.keycloakAdmin() || actor.username() == null ? null : ownRequest(actor);
                row.put("decide own request", own == null ? "n/a" : answer(post(actor, "/access-requests/" + own + "/decline", Map.of())));
                row.put("grant above own tier", answer(grantAboveOwnTier(actor)));
                row.put("view as higher tier", answer(post(actor, "/view-as", Map.of("tier", tierOf(actor) + 1))));
                row.put("view as higher member", answer(post(actor, "/view-as",
                        Map.of("user", NEXT_MEMBER.getOrDefault(actor.username() == null ? "" : actor.username(), "olga")))));
                row.put("view as admin-role holder", answer(post(actor, "/view-as", Map.of("user", ADMIN_ROLE_HOLDER))));
                row.put("view as self", answer(post(actor, "/view-as", Map.of("user", actor.username() == null
                        ? "service-account-demo-app" : actor.username()))));
                row.put("view as other realm's user", answer(post(actor, "/view-as", Map.of("user", otherRealmUser))));
                row.put("share other-app's view", answer(share(actor, OTHER_APP)));
                row.put("revoke other-app's grant", answer(revokeOtherAppsGrant(actor, arrangeOtherAppGrant())));
                row.put("share demo-app's view", answer(share(actor, "demo-app")));
                row.put("grant role carrying manage-users", answer(grant(actor, requester("carry", ++fresh), "analyst")));
                row.put("demote member at or above own tier", answer(grant(actor, requester("owner", ++fresh, "owner"),
                        "viewer")));
                row.put("read audit", answer(http.get(server.adminUrl() + "/audit?max=1", actor.token().get())));
                row.put("call setup", answer(http.postJson(server.adminUrl() + "/setup", actor.token().get(), Map.of())));
                observed.put(actor.name(), row);
                endViewAs(actor);
            }
        } finally {
            for (String member : List.of("vera", "eric", "bob", "arch", "ada", "olga", "nora")) {
                http.delete(server.viewgateUrl() + "/access-requests/mine", http.memberToken(member));
            }
            removeArrangements();
            cleanup.forEach(Runnable::run);
        }
        Path report = Path.of(System.getProperty("viewgate.it.workdir", "target/it"), "escalation-matrix.md");
        Files.writeString(report, EscalationMatrix.markdown(observed));

        Map<String, Map<String, String>> expected = EscalationMatrix.expected();
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (var actor : expected.entrySet()) {
            for (var cell : actor.getValue().entrySet()) {
                cells += "n/a".equals(cell.getValue()) ? 0 : 1;
                String seen = observed.getOrDefault(actor.getKey(), Map.of()).get(cell.getKey());
                if (!cell.getValue().equals(seen)) {
                    mismatches.add(actor.getKey() + " / " + cell.getKey() + ": expected " + cell.getValue() + ", got " + seen);
                }
            }
        }
        assertTrue(cells >= 200, "at least 200 cells: " + cells);
        assertEquals(List.of(), mismatches, "observed matrix in " + report);
        assertEquals(expected.keySet(), observed.keySet());
        assertTrue(Files.readString(Path.of("README.md")).contains(EscalationMatrix.markdown(expected)),
                "the README shows the matrix this test checks");
    }

    private List<Actor> actors() {
        List<Actor> actors = new ArrayList<>();
        for (String member : List.of("vera", "eric", "bob", "arch", "ada", "olga", "nora")) {
            actors.add(new Actor(member, () -> http.memberToken(member), member, false));
        }
        actors.add(new Actor("T7 through a group", () -> http.memberToken(GROUP_ADMIN), GROUP_ADMIN, false));
        actors.add(new Actor("view-as token of a member demoted since (T7 as T4; now T1)", this::demotedViewAsToken, DEMOTED, false));
        actors.add(new Actor("guest token", this::guestToken, null, false));
        actors.add(new Actor("view-as token (ada as T2)", this::viewAsToken, "ada", false));
        actors.add(new Actor("demo-app service account", this::serviceAccountToken, null, false));
        actors.add(new Actor("other-app's service account", () -> admin.appToken(OTHER_APP), null, false));
        actors.add(new Actor("realm admin (realm-admin role; no tier)", () -> http.memberToken(REALM_ADMIN), REALM_ADMIN, false));
        actors.add(new Actor("Keycloak admin (master)", http::adminToken, null, true));
        return actors;
    }

    private int tierOf(Actor actor) {
        if (actor.name().startsWith("view-as token (")) {
            return 2;
        }
        return actor.username() == null ? 0 : TIER.getOrDefault(actor.username(), 0);
    }

    /** The actor's own pending request (created if missing), or null when it cannot have one. */
    private String ownRequest(Actor actor) {
        String token = actor.name().startsWith("view-as") ? http.memberToken(actor.username()) : actor.token().get();
        Http.Result submitted = http.postJson(server.viewgateUrl() + "/access-requests", token, Map.of("message", "matrix"));
        return submitted.status() / 100 == 2 ? submitted.json().get("id").asText() : null;
    }

    private Http.Result grantAboveOwnTier(Actor actor) {
        String requester = http.memberToken(REQUESTER);
        Http.Result submitted = http.postJson(server.viewgateUrl() + "/access-requests", requester, Map.of("message", "matrix"));
        assertTrue(submitted.status() == 200 || submitted.status() == 201, submitted.body());
        return grant(actor, submitted.json().get("id").asText(), ROLES.get(Math.min(tierOf(actor), ROLES.size() - 1)));
    }

    private Http.Result grant(Actor actor, String requestId, String role) {
        String path = "/access-requests/" + requestId + "/grant";
        return actor.keycloakAdmin() ? http.postJson(server.adminUrl() + path, actor.token().get(), Map.of("role", role))
                : post(actor, path, Map.of("role", role));
    }

    /** A new member holding {@code roles} with a pending request; returns the request's id. */
    private String requester(String kind, int n, String... roles) {
        String username = "matrix-" + kind + "-" + n;
        String id = admin.createUser(REALM, username, "Matrix", "Requester");
        cleanup.add(() -> http.delete(admin.realmAdminUrl(REALM) + "/users/" + id, http.adminToken()));
        if (roles.length > 0) {
            admin.grantRealmRoles(REALM, id, roles);
        }
        return Admin.expect(http.postJson(server.viewgateUrl() + "/access-requests", http.memberToken(username),
                Map.of("message", "matrix")), 201).json().get("id").asText();
    }

    /** Shares the view of {@code app} that the matrix registered ({@link #DEMO_VIEW} of demo-app, report of other-app). */
    private Http.Result share(Actor actor, String app) {
        String path = "/views/" + app + "/" + (OTHER_APP.equals(app) ? "report" : DEMO_VIEW) + "/guests";
        Map<String, Object> body = Map.of("permissions", List.of("read"));
        return actor.keycloakAdmin() ? http.postJson(server.adminUrl() + path, actor.token().get(), body) : post(actor, path, body);
    }

    private Http.Result revokeOtherAppsGrant(Actor actor, String grantId) {
        String path = "/views/" + OTHER_APP + "/report/guests/" + grantId;
        return actor.keycloakAdmin() ? http.delete(server.adminUrl() + path, actor.token().get())
                : http.delete(server.viewgateUrl() + path, actor.token().get());
    }

    private Http.Result post(Actor actor, String path, Object body) {
        return http.postJson(server.viewgateUrl() + path, actor.token().get(), body);
    }

    private static String answer(Http.Result result) {
        if (result.status() / 100 == 2) {
            return Integer.toString(result.status());
        }
        JsonNode error = result.body().isBlank() ? null : result.json().get("error");
        boolean code = error != null && error.asText().matches("[a-z_]+");
        return result.status() + (code ? " " + error.asText() : "");
    }

    /** A view-as started by an actor's token ends, so the next cell starts from the same state. */
    private void endViewAs(Actor actor) {
        if (!actor.keycloakAdmin() && actor.username() != null) {
            http.delete(server.viewgateUrl() + "/view-as", http.memberToken(actor.username()));
        }
    }

    private String guestToken() {
        String app = serviceAccountToken();
        String view = server.viewgateUrl() + "/views/demo-app/" + DEMO_VIEW;
        http.putJson(view, app, Map.of("name", "Matrix", "editable", true, "addable", true, "exportable", true));
        String secret = Admin.expect(http.postJson(view + "/guests", app, Map.of("permissions", List.of("read", "write",
                "create", "export"))), 201).json().get("secret").asText();
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "urn:viewgate:grant-type:guest", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "guest_secret", secret)), 200).json().get("access_token").asText();
    }

    private String viewAsToken() {
        JsonNode tokens = Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "username", "ada", "password", "ada")), 200).json();
        Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", tokens.get("access_token").asText(), Map.of("tier", 2)), 200);
        return Admin.expect(http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", "demo-app", "client_secret", "demo-app-secret",
                "refresh_token", tokens.get("refresh_token").asText())), 200).json().get("access_token").asText();
    }

    private String serviceAccountToken() {
        return http.demoAppToken();
    }

    private String arrangeOtherRealm() {
        admin.createRealm(OTHER_REALM);
        return admin.createUser(OTHER_REALM, "stranger", "Stranger", "Elsewhere");
    }

    /** A Builder (T4) who also holds realm-management manage-users, which no member of the demo realm holds. */
    private void arrangeAdminRoleHolder() {
        String id = admin.createUser(REALM, ADMIN_ROLE_HOLDER, "Admin", "Holder");
        admin.grantRealmRoles(REALM, id, "builder");
        admin.grantClientRole(REALM, id, "realm-management", "manage-users");
        admin.createUser(REALM, REQUESTER, "Matrix", "Requester");
        String realmAdmin = admin.createUser(REALM, REALM_ADMIN, "Realm", "Admin");
        admin.grantClientRole(REALM, realmAdmin, "realm-management", "realm-admin");
    }

    /** The matrix's users and client go again: deciders among them would receive other tests' emails. */
    private void removeArrangements() {
        for (String username : List.of(ADMIN_ROLE_HOLDER, REQUESTER, REALM_ADMIN)) {
            http.delete(admin.realmAdminUrl(REALM) + "/users/" + admin.userId(REALM, username), http.adminToken());
        }
        JsonNode clients = http.get(admin.realmAdminUrl(REALM) + "/clients?clientId=" + OTHER_APP, http.adminToken()).json();
        clients.forEach(c -> http.delete(admin.realmAdminUrl(REALM) + "/clients/" + c.get("id").asText(), http.adminToken()));
        admin.deleteRealm(OTHER_REALM);
    }

    /** Another app, with its own service account and a registered view, arranged by a Keycloak admin. */
    private void arrangeOtherApp() {
        admin.createApp(REALM, OTHER_APP);
        http.putJson(server.adminUrl() + "/views/" + OTHER_APP + "/report", http.adminToken(), Map.of("name", "Other report"));
        http.putJson(server.viewgateUrl() + "/views/demo-app/" + DEMO_VIEW, http.demoAppToken(), Map.of("name", "Matrix"));
    }

    /** An active grant of the other app's view, new for each cell so that one actor's revocation changes no other cell. */
    private String arrangeOtherAppGrant() {
        return Admin.expect(http.postJson(server.adminUrl() + "/views/" + OTHER_APP + "/report/guests", http.adminToken(),
                Map.of("permissions", List.of("read"))), 201).json().get("id").asText();
    }

    /** A T7 whose administrator role comes only from a group, and a T7 who is demoted while viewing as a T4. */
    private void arrangeMembersOfTheNewRows() {
        String groupAdmin = admin.createUser(REALM, GROUP_ADMIN, "Group", "Admin");
        String group = admin.createGroup(REALM, "matrix-administrators", "administrator");
        admin.joinGroup(REALM, groupAdmin, group);
        String demoted = admin.createUser(REALM, DEMOTED, "Demoted", "Admin");
        admin.grantRealmRoles(REALM, demoted, "administrator");
        cleanup.add(() -> {
            for (String id : List.of(groupAdmin, demoted)) {
                http.delete(admin.realmAdminUrl(REALM) + "/users/" + id, http.adminToken());
            }
            http.delete(admin.realmAdminUrl(REALM) + "/groups/" + group, http.adminToken());
        });
    }

    /** For the matrix's duration, analyst (T3) also carries realm-management's manage-users. */
    private void arrangeRoleCarryingManageUsers() {
        String realmManagement = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients?clientId=realm-management",
                http.adminToken()), 200).json().get(0).get("id").asText();
        JsonNode manageUsers = Admin.expect(http.get(admin.realmAdminUrl(REALM) + "/clients/" + realmManagement
                + "/roles/manage-users", http.adminToken()), 200).json();
        String composites = admin.realmAdminUrl(REALM) + "/roles/analyst/composites";
        Admin.expect(http.postJson(composites, http.adminToken(), List.of(manageUsers)), 204);
        cleanup.add(() -> Admin.expect(http.send(http.request(composites, http.adminToken())
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(Http.toJson(List.of(manageUsers))))), 204));
    }

    /**
     * A token of a session that started view as at T4 while its member held administrator, refreshed after an admin
     * replaced administrator with viewer: it must carry the member's real (T1) access, not the simulation.
     */
    private String demotedViewAsToken() {
        if (demotedToken == null) {
            Tokens tokens = new Tokens(server, http, DEMOTED);
            Admin.expect(http.postJson(server.viewgateUrl() + "/view-as", tokens.access(), Map.of("tier", 4)), 200);
            tokens.refresh();
            admin.setRealmRoles(REALM, admin.userId(REALM, DEMOTED), List.of("administrator"), List.of("viewer"));
            tokens.refresh();
            demotedToken = tokens.access();
        }
        return demotedToken;
    }
}
