package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Dates Java can parse but no clock can hold: every date input answers 400 with a clear code, never a 500. */
@ExtendWith(KeycloakExtension.class)
class DateInputIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final List<String> OUT_OF_RANGE = List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59.999999999Z", "+292278994-08-17T07:12:55.808Z");
    private static final List<String> OUT_OF_RANGE_DAYS = List.of("+999999999-12-31", "-999999999-01-01", "+300000000-01-01");

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;

    DateInputIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    @Test
    void aGrantExpiringBeyondAnyClockIsABadRequest() {
        String key = "date-input-" + System.nanoTime();
        String app = http.demoAppToken();
        Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/" + key, app, Map.of("name", key)), 201);
        for (String expiresAt : OUT_OF_RANGE) {
            assertError(http.postJson(server.viewgateUrl() + "/views/demo-app/" + key + "/guests", app,
                    Map.of("permissions", List.of("read"), "expiresAt", expiresAt)), "invalid_expiry", expiresAt);
            assertError(http.postJson(admin.realmAdminUrl(REALM) + "/viewgate/views/demo-app/" + key + "/guests", http.adminToken(),
                    Map.of("permissions", List.of("read"), "expiresAt", expiresAt)), "invalid_expiry", expiresAt);
        }
        assertEquals(0, Admin.expect(http.get(server.viewgateUrl() + "/views/demo-app/" + key + "/guests", app), 200).json().size(),
                "nothing half-written");
    }

    @Test
    void auditFiltersBeyondAnyClockAreABadRequest() {
        String audit = admin.realmAdminUrl(REALM) + "/viewgate/audit";
        for (String value : concat(OUT_OF_RANGE, OUT_OF_RANGE_DAYS)) {
            for (String param : List.of("from", "to")) {
                String query = "?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                assertError(http.get(audit + query, http.adminToken()), "invalid_parameter", param + "=" + value);
                assertError(http.get(audit + "/export" + query, http.adminToken()), "invalid_parameter", "export " + param + "=" + value);
                assertError(http.get(audit + "/export" + query + "&format=csv", http.adminToken()), "invalid_parameter",
                        "csv export " + param + "=" + value);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static void assertError(Http.Result result, String error, String what) {
        assertEquals(400, result.status(), what + ": " + result.body());
        assertEquals(error, result.json().get("error").asText(), what + ": " + result.body());
    }
}
