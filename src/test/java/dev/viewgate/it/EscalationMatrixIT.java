package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.EscalationMatrix;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
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
 * Who may do what: every actor of the demo realm (members of each tier, a guest token, a view-as token, the app's
 * service account, Keycloak's admin) tries every privileged action, and each answer must be the one the matrix in
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
    /** For each member, a member exactly one tier higher (olga has none: her own name). */
    private static final Map<String, String> NEXT_MEMBER = Map.of("vera", "eric", "eric", "anna", "bob", "mia",
            "arch", "ada", "ada", "olga", "olga", "olga", "nora", "vera");
    private static final Map<String, Integer> TIER = Map.of("vera", 1, "eric", 2, "bob", 4, "arch", 6, "ada", 7,
            "olga", 8, "nora", 0);
    private static final List<String> ROLES = List.of("viewer", "explorer", "analyst", "builder", "maintainer",
            "architect", "administrator", "owner");

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

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
            String otherGrant = arrangeOtherAppGrant();
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
                row.put("share another client's view", answer(shareOtherClientsView(actor)));
                row.put("revoke another app's grant", answer(revokeOtherAppsGrant(actor, otherGrant)));
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
        assertTrue(cells >= 60, "at least 60 cells: " + cells);
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
        actors.add(new Actor("guest token", this::guestToken, null, false));
        actors.add(new Actor("view-as token (ada as T2)", this::viewAsToken, "ada", false));
        actors.add(new Actor("demo-app service account", this::serviceAccountToken, null, false));
        actors.add(new Actor("realm admin (realm-admin role; no tier)", () -> http.memberToken(REALM_ADMIN), REALM_ADMIN, false));
        actors.add(new Actor("Keycloak admin (master)", http::adminToken, null, true));
        return actors;
    }

    private int tierOf(Actor actor) {
        if (actor.name().startsWith("view-as")) {
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
        String id = submitted.json().get("id").asText();
        String role = ROLES.get(Math.min(tierOf(actor), ROLES.size() - 1));
        if (actor.keycloakAdmin()) {
            return http.postJson(server.adminUrl() + "/access-requests/" + id + "/grant", actor.token().get(), Map.of("role", role));
        }
        return post(actor, "/access-requests/" + id + "/grant", Map.of("role", role));
    }

    private Http.Result shareOtherClientsView(Actor actor) {
        Map<String, Object> body = Map.of("permissions", List.of("read"));
        if (actor.keycloakAdmin()) {
            return http.postJson(server.adminUrl() + "/views/" + OTHER_APP + "/report/guests", actor.token().get(), body);
        }
        return post(actor, "/views/" + OTHER_APP + "/report/guests", body);
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
        String view = server.viewgateUrl() + "/views/demo-app/matrix-view";
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

    /** Another confidential client with a registered view and an active grant, arranged by a Keycloak admin. */
    private String arrangeOtherAppGrant() {
        String token = http.adminToken();
        Admin.expect(http.postJson(admin.realmAdminUrl(REALM) + "/clients", token, Map.of("clientId", OTHER_APP,
                "publicClient", false, "secret", "other-secret", "standardFlowEnabled", false)), 201);
        http.putJson(server.adminUrl() + "/views/" + OTHER_APP + "/report", token, Map.of("name", "Other report"));
        return Admin.expect(http.postJson(server.adminUrl() + "/views/" + OTHER_APP + "/report/guests", token,
                Map.of("permissions", List.of("read"))), 201).json().get("id").asText();
    }
}
