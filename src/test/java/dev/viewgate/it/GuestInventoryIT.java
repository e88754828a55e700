package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The realm's guest-link inventory ({@code /admin/realms/{r}/viewgate/guests}) filtered to an app or a view: the
 * views' grants are read view by view and merged, or, past a number of rows to merge, filtered in one query. Both
 * answer what the app's grants sorted newest first are, page by page.
 */
@ExtendWith(KeycloakExtension.class)
class GuestInventoryIT {

    private static final String REALM = KeycloakServer.REALM;
    /** More views than GuestGrantService.MERGED_ROWS / 1000: a page of 1000 then takes the one-query path. */
    private static final int VIEWS = 11;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private final List<String> apps = new ArrayList<>();

    GuestInventoryIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @AfterEach
    void removeApps() {
        for (String app : apps) {
            Admin.expect(http.delete(admin.realmAdminUrl(REALM) + "/clients/" + app, http.adminToken()), 204);
        }
        apps.clear();
    }

    @Test
    void anAppsGrantsAcrossItsViewsAreListedNewestFirstOnEveryPageAndWithEveryFilter() {
        String app = app("inventory-" + System.nanoTime());
        String token = admin.appToken(app);
        String suffix = Long.toString(System.nanoTime());
        List<String> keys = new ArrayList<>();
        for (int v = 0; v < VIEWS; v++) {
            keys.add("v" + v + "-" + suffix);
            Admin.expect(http.putJson(views(app) + "/" + keys.get(v), token, Map.of("name", "View " + v)), 201);
        }
        // Seven grants on the first three views, interleaved in time; one revoked.
        int[] viewOf = {0, 1, 2, 0, 1, 0, 1};
        for (int view : viewOf) {
            Admin.expect(http.postJson(views(app) + "/" + keys.get(view) + "/guests", token,
                    Map.of("permissions", List.of("read"), "label", "grant on " + view)), 201);
        }
        List<JsonNode> all = new ArrayList<>();
        for (String key : keys) {
            Admin.expect(http.get(views(app) + "/" + key + "/guests", token), 200).json().forEach(all::add);
        }
        all.sort(Comparator.comparing((JsonNode g) -> Instant.parse(g.get("createdAt").asText())).reversed()
                .thenComparing(g -> g.get("id").asText()));
        String revoked = all.stream().filter(g -> g.get("view").asText().equals(keys.get(1))).findFirst().orElseThrow()
                .get("id").asText();
        Admin.expect(http.delete(views(app) + "/" + keys.get(1) + "/guests/" + revoked, token), 204);
        List<String> newestFirst = all.stream().map(g -> g.get("id").asText()).toList();
        assertEquals(7, newestFirst.size());

        assertEquals(newestFirst, ids("client=" + app + "&max=21"), "merged view by view");
        assertEquals(newestFirst, ids("client=" + app + "&max=1000"), "one query (11 views x 1000 rows to merge)");
        assertEquals(newestFirst, ids("max=7"), "the realm's newest grants are this app's");
        for (int max = 1; max <= 3; max++) {
            List<String> paged = new ArrayList<>();
            for (int first = 0; first < 7; first += max) {
                paged.addAll(ids("client=" + app + "&first=" + first + "&max=" + max));
            }
            assertEquals(newestFirst, paged, "pages of " + max);
        }
        assertEquals(List.of(revoked), ids("client=" + app + "&status=revoked"));
        assertEquals(newestFirst.stream().filter(id -> !id.equals(revoked)).toList(), ids("client=" + app + "&status=active"));
        assertEquals(List.of(), ids("client=" + app + "&status=expired"));
        List<String> onFirstView = all.stream().filter(g -> g.get("view").asText().equals(keys.get(0)))
                .map(g -> g.get("id").asText()).toList();
        assertEquals(3, onFirstView.size());
        assertEquals(onFirstView, ids("client=" + app + "&view=" + keys.get(0)));
        assertEquals(onFirstView.subList(1, 3), ids("view=" + keys.get(0) + "&first=1"), "a view key across apps");
        assertEquals(List.of(), ids("client=" + app + "&view=" + keys.get(5)), "a view without grants");
        assertEquals(List.of(), ids("client=" + app + "&public=true"));
    }

    @Test
    void anAppWithoutGrantsListsNothingAndABadStatusIsStillRefused() {
        String app = app("inventory-empty-" + System.nanoTime());
        Admin.expect(http.putJson(views(app) + "/only", admin.appToken(app), Map.of("name", "Only")), 201);
        assertEquals(List.of(), ids("client=" + app));
        assertEquals(List.of(), ids("view=never-registered-" + System.nanoTime()));
        Http.Result bad = http.get(inventory("client=" + app + "&status=open"), http.adminToken());
        assertEquals(400, bad.status(), bad.body());
        assertEquals("invalid_parameter", bad.json().get("error").asText());
    }

    private String app(String clientId) {
        apps.add(admin.createApp(REALM, clientId));
        return clientId;
    }

    /** The app's views in the realm API, which the app calls with its own token. */
    private String views(String app) {
        return server.viewgateUrl() + "/views/" + app;
    }

    private String inventory(String query) {
        return admin.realmAdminUrl(REALM) + "/viewgate/guests?" + query;
    }

    private List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        Admin.expect(http.get(inventory(query), http.adminToken()), 200).json().forEach(g -> ids.add(g.get("id").asText()));
        return ids;
    }
}
