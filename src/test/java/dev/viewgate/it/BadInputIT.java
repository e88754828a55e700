package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.BadInputCorpus;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bad-input corpus of {@code src/test/resources/bad-input/}: every JSON endpoint gets every malformed body, every
 * field every odd value (wrong types, oversized, unicode edge cases, CRLF, SQL/HQL/FreeMarker injection), every path
 * segment and query parameter odd values, and the guest exchange odd secrets. Each answer must be a 2xx or a 4xx with
 * a JSON error and no stack trace, never a 5xx; after a 4xx nothing of Viewgate's may have been written. A summary
 * lands in target/it/bad-input.md.
 */
@ExtendWith(KeycloakExtension.class)
class BadInputIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String REQUESTER = "badinput-requester";
    /** Keycloak's (Quarkus') default limit on request bodies: 10,240 KiB. */
    private static final int HTTP_BODY_LIMIT = 10_240 * 1024;

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private final Map<String, Supplier<String>> actors = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
    private final List<String> refusedByHttpLayer = new ArrayList<>();
    private int cases;

    BadInputIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
        actors.put("requester", () -> http.memberToken(REQUESTER));
        actors.put("ada", () -> http.memberToken("ada"));
        actors.put("arch", () -> http.memberToken("arch"));
        actors.put("admin", http::adminToken);
        actors.put("app", () -> http.demoAppToken());
    }

    @Test
    void noInputGetsA5xxAStackTraceOrAHalfWrittenChange() throws IOException {
        String requesterId = admin.createUser(REALM, REQUESTER, "Bad", "Input");
        JsonNode payloads = BadInputCorpus.resource("payloads.json");
        try {
            Admin.expect(http.putJson(server.viewgateUrl() + "/views/demo-app/bad-input", token("app"), Map.of("name", "Bad input")), 201);
            for (JsonNode endpoint : BadInputCorpus.resource("endpoints.json")) {
                ObjectNode valid = (ObjectNode) endpoint.get("valid");
                for (JsonNode body : payloads.get("bodies")) {
                    send(endpoint, path(endpoint, null), body(body), "body " + body.get("name").asText());
                }
                for (Iterator<String> fields = valid.fieldNames(); fields.hasNext(); ) {
                    String field = fields.next();
                    for (JsonNode value : payloads.get("values")) {
                        send(endpoint, path(endpoint, null), withField(valid, field, value),
                                field + " = " + value.get("name").asText());
                    }
                }
                if (endpoint.get("path").asText().matches(".*\\{(request|view)}.*")) {
                    for (JsonNode segment : payloads.get("segments")) {
                        send(endpoint, path(endpoint, segment.asText()), Http.toJson(valid), "segment " + segment.asText());
                    }
                }
            }
            for (JsonNode list : BadInputCorpus.resource("queries.json")) {
                for (JsonNode param : list.get("params")) {
                    for (JsonNode value : payloads.get("values")) {
                        String text = value.has("json") ? value.get("json").asText() : value.has("raw") ? value.get("raw").asText()
                                : BadInputCorpus.generated(value.get("generate").asText());
                        String url = base(list.get("path").asText()) + "?" + param.asText() + "="
                                + URLEncoder.encode(text, StandardCharsets.UTF_8);
                        check(http.send(http.request(url, token(list.get("actor").asText())).GET()),
                                "GET " + list.get("path").asText() + " " + param.asText() + " = " + value.get("name").asText(), false);
                    }
                }
            }
            for (JsonNode secret : BadInputCorpus.resource("guest-secrets.json")) {
                Http.Result answer = http.postForm(server.realmUrl() + "/protocol/openid-connect/token", Map.of(
                        "grant_type", "urn:viewgate:grant-type:guest", "client_id", "demo-app", "client_secret", "demo-app-secret",
                        "guest_secret", secret.asText()));
                check(answer, "guest secret " + secret.asText().length() + " characters", true);
                if (answer.status() != 400 || !answer.body().contains("\"invalid_grant\"")) {
                    failures.add("guest secret " + secret.asText() + ": " + answer.status() + " " + answer.body());
                }
            }
        } finally {
            http.delete(server.viewgateUrl() + "/view-as", token("arch"));
            http.delete(admin.realmAdminUrl(REALM) + "/viewgate/settings/viewgate.share.minTier", http.adminToken());
            http.delete(admin.realmAdminUrl(REALM) + "/users/" + requesterId, http.adminToken());
        }
        StringBuilder report = new StringBuilder("# Bad input\n\n").append(cases).append(" cases; answers by status: ")
                .append(statuses).append("\n\n").append(failures.isEmpty() ? "No failure.\n" : String.join("\n", failures))
                .append("\n\nRefused by Keycloak's HTTP layer before any provider code (empty body):\n\n")
                .append(String.join("\n", refusedByHttpLayer)).append('\n');
        Files.writeString(Path.of(System.getProperty("viewgate.it.workdir", "target/it"), "bad-input.md"), report);
        assertTrue(cases >= 300, "at least 300 cases: " + cases);
        assertEquals(List.of(), failures);
    }

    private void send(JsonNode endpoint, String url, String body, String name) {
        String method = endpoint.get("method").asText();
        String actor = endpoint.get("actor").asText();
        if (url.contains("/access-requests/")) {
            url = url.replace("{request}", pendingRequest());
        }
        long before = stored();
        Http.Result answer;
        try {
            answer = http.send(http.request(url, token(actor)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)));
        } catch (java.io.UncheckedIOException e) {
            cases++;
            String what = method + " " + endpoint.get("path").asText() + " " + name;
            if (body.length() > HTTP_BODY_LIMIT) {
                // Keycloak's HTTP layer answers 413 and closes; a client still sending may see only the close.
                refusedByHttpLayer.add(what + ": connection closed (" + e.getMessage() + ")");
            } else {
                failures.add(what + ": no answer (" + e.getMessage() + ")");
            }
            return;
        }
        boolean rejected = check(answer, method + " " + endpoint.get("path").asText() + " " + name, false);
        if (rejected && stored() != before) {
            failures.add(method + " " + endpoint.get("path").asText() + " " + name + ": refused with " + answer.status()
                    + " but something was written");
        }
        if (!rejected && url.endsWith("/view-as")) {
            http.delete(server.viewgateUrl() + "/view-as", token("arch"));
        }
    }

    /** Records the answer; a failure unless it is a 2xx or a JSON 4xx without a stack trace. True when refused. */
    private boolean check(Http.Result answer, String name, boolean oauth) {
        cases++;
        statuses.merge(answer.status(), 1, Integer::sum);
        String body = answer.body();
        if (answer.status() >= 500 || body.contains("Exception") || body.contains("\tat ") || body.contains("at org.")) {
            failures.add(name + ": " + answer.status() + " " + body.substring(0, Math.min(300, body.length())));
        } else if ((answer.status() == 413 || answer.status() == 414) && body.isEmpty()) {
            // Keycloak's HTTP layer (10 MiB bodies, 8 KiB request lines) answers before any provider code runs.
            refusedByHttpLayer.add(name + ": " + answer.status());
            return true;
        } else if (answer.status() >= 400) {
            JsonNode error = null;
            try {
                error = answer.json().get("error");
            } catch (RuntimeException notJson) {
                // reported below
            }
            if (error == null || !error.isTextual()) {
                failures.add(name + ": " + answer.status() + " without a JSON error: "
                        + body.substring(0, Math.min(200, body.length())));
            }
            return true;
        }
        return false;
    }

    private String pendingRequest() {
        Http.Result submitted = http.postJson(server.viewgateUrl() + "/access-requests", token("requester"), Map.of("message", "bad input"));
        return Admin.expect(submitted, submitted.status() == 201 ? 201 : 200).json().get("id").asText();
    }

    private long stored() {
        return BadInputCorpus.stored(http, token("ada"));
    }

    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, Long> issued = new LinkedHashMap<>();

    /** A token per actor, renewed every minute so a long run never sends an expired one. */
    private String token(String actor) {
        long now = System.currentTimeMillis();
        if (!tokens.containsKey(actor) || now - issued.get(actor) > 60_000) {
            tokens.put(actor, actors.get(actor).get());
            issued.put(actor, now);
        }
        return tokens.get(actor);
    }

    private String path(JsonNode endpoint, String segment) {
        String path = endpoint.get("path").asText();
        if (segment != null) {
            path = path.replace("{request}", segment).replace("{view}", segment);
        }
        return base(path.replace("{view}", "bad-input"));
    }

    private String base(String path) {
        return server.baseUrl() + path.replace("{realm}", REALM);
    }

    private static String body(JsonNode body) {
        return body.has("body") ? body.get("body").asText() : BadInputCorpus.generated(body.get("generate").asText());
    }

    private static String withField(ObjectNode valid, String field, JsonNode value) {
        String placeholder = "\"__value__\"";
        ObjectNode copy = valid.deepCopy();
        copy.put(field, "__value__");
        String text = value.has("json") ? Http.toJson(value.get("json"))
                : value.has("raw") ? value.get("raw").asText()
                : Http.toJson(BadInputCorpus.generated(value.get("generate").asText()));
        return Http.toJson(copy).replace(placeholder, text);
    }

}
