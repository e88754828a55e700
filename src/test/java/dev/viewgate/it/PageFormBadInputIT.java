package dev.viewgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.BadInputCorpus;
import dev.viewgate.it.support.Browser;
import dev.viewgate.it.support.Http;
import dev.viewgate.it.support.KeycloakExtension;
import dev.viewgate.it.support.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The bad-input corpus on every field of every Viewgate page form ({@code bad-input/forms.json}), posted with a signed-in
 * browser's cookies and CSRF token as the form itself would be: each field missing, duplicated, 1 MB long and set to every
 * value of {@code payloads.json}, then a 10 MB body. Each answer must be a redirect (accepted) or a page with a 4xx
 * status, never a 5xx or a stack trace; after a refusal nothing of Viewgate's may have been written. A summary lands in
 * target/it/bad-input-pages.md.
 */
@ExtendWith(KeycloakExtension.class)
class PageFormBadInputIT {

    private static final String REALM = KeycloakServer.REALM;
    private static final String REQUESTER = "pageinput-requester";
    private static final String ONE_MB = "y".repeat(1024 * 1024);
    /** Keycloak's (Quarkus') default limit on request bodies: 10,240 KiB. */
    private static final int HTTP_BODY_LIMIT = 10_240 * 1024;
    private static final String TEN_MB = "y".repeat(HTTP_BODY_LIMIT + 1);
    /** A lone surrogate as a browser could send it: its three bytes, which are not UTF-8. */
    private static final String LONE_SURROGATE = "%ED%B0%80x";

    private final KeycloakServer server;
    private final Http http;
    private final Admin admin;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private int cases;

    PageFormBadInputIT(KeycloakServer server) {
        this.server = server;
        this.http = new Http(server);
        this.admin = new Admin(server, http);
    }

    /** A signed-in browser session as a plain HTTP client sees it: its cookies and its CSRF token. */
    private record Session(String cookies, String csrf) {
    }

    @Test
    void noFormFieldGetsA5xxAStackTraceOrAHalfWrittenChange() throws Exception {
        String requesterId = admin.createUser(REALM, REQUESTER, "Page", "Input");
        JsonNode values = BadInputCorpus.resource("payloads.json").get("values");
        Map<String, Session> sessions = new LinkedHashMap<>();
        List<Browser> browsers = new ArrayList<>();
        try {
            for (String actor : List.of(REQUESTER, "ada", "arch")) {
                Browser browser = Browser.start("en");
                browsers.add(browser);
                browser.open(server.viewgateUrl() + "/access-requests/form");
                browser.signIn(actor, actor);
                String csrf = browser.element(By.name("csrf")).getAttribute("value");
                sessions.put(actor, new Session(browser.driver().manage().getCookies().stream()
                        .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; ")), csrf));
            }
            for (JsonNode form : BadInputCorpus.resource("forms.json")) {
                Session session = sessions.get(form.get("actor").asText().replace("requester", REQUESTER));
                List<String> fields = new ArrayList<>();
                form.get("valid").fieldNames().forEachRemaining(fields::add);
                form.path("extraFields").forEach(f -> fields.add(f.asText()));
                for (String field : fields) {
                    send(form, session, field, null, field + " missing");
                    send(form, session, field, List.of("a", "b"), field + " duplicated");
                    send(form, session, field, List.of(ONE_MB), field + " 1 MB");
                    for (JsonNode value : values) {
                        String name = value.get("name").asText();
                        send(form, session, field, List.of(name.equals("lone surrogate") ? LONE_SURROGATE : encode(text(value))),
                                field + " = " + name);
                    }
                }
                send(form, session, "padding", List.of(TEN_MB), "10 MB body");
            }
        } finally {
            browsers.forEach(Browser::close);
            http.delete(server.viewgateUrl() + "/view-as", http.memberToken("arch"));
            http.delete(admin.realmAdminUrl(REALM) + "/users/" + requesterId, http.adminToken());
        }
        String report = "# Bad input on page forms\n\n" + cases + " cases; answers by status: " + statuses + "\n\n"
                + (failures.isEmpty() ? "No failure.\n" : String.join("\n", failures) + "\n");
        Files.writeString(Path.of(System.getProperty("viewgate.it.workdir", "target/it"), "bad-input-pages.md"), report);
        assertTrue(cases >= 300, "at least 300 cases: " + cases);
        assertEquals(List.of(), failures);
    }

    /** Posts the form with {@code field} set to {@code value}, URL-encoded (null: left out), as the page's own form would. */
    private void send(JsonNode form, Session session, String field, List<String> value, String name)
            throws IOException, InterruptedException {
        String page = form.get("page").asText();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> valid = form.get("valid").fields(); valid.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = valid.next();
            fields.put(entry.getKey(), List.of(encode(entry.getValue().asText().replace("{request}", page.endsWith("/queue")
                    ? pendingRequest() : ""))));
        }
        fields.remove(field);
        if (value != null) {
            fields.put(field, value);
        }
        String body = "csrf=" + session.csrf() + fields.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> "&" + e.getKey() + "=" + v))
                .collect(Collectors.joining());
        long before = BadInputCorpus.stored(http, probeToken());
        HttpResponse<String> answer;
        cases++;
        String what = "POST " + page + " " + name;
        try {
            answer = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + page.replace("{realm}", REALM)))
                    .header("Cookie", session.cookies())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException closed) {
            if (body.length() <= HTTP_BODY_LIMIT) {
                failures.add(what + ": no answer (" + closed + ")");
            }
            return;
        }
        int status = answer.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String text = answer.body();
        if (status >= 500 || text.contains("Exception") || text.contains("\tat ") || text.contains("at org.")) {
            failures.add(what + ": " + status + " " + text.substring(0, Math.min(300, text.length())));
        } else if (status >= 400 && !(text.contains("<html") || text.contains("\"error\"") || (status == 413 && text.isEmpty()))) {
            failures.add(what + ": " + status + " is neither a page nor a JSON error: " + text.substring(0, Math.min(200, text.length())));
        } else if (status >= 400 && BadInputCorpus.stored(http, probeToken()) != before) {
            failures.add(what + ": refused with " + status + " but something was written");
        } else if (status == 303 && page.endsWith("/view-as/select")) {
            client.send(HttpRequest.newBuilder(URI.create(server.viewgateUrl() + "/view-as/exit"))
                    .header("Cookie", session.cookies()).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + session.csrf())).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** The form text of a corpus value: a JSON string as itself, other JSON as its text, raw as is, generated. */
    private static String text(JsonNode value) {
        if (value.has("json")) {
            return value.get("json").isTextual() ? value.get("json").asText() : Http.toJson(value.get("json"));
        }
        return value.has("raw") ? value.get("raw").asText() : BadInputCorpus.generated(value.get("generate").asText());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String probeToken;
    private long probeTokenAt;

    /** ada's token for the row-count probe, renewed every minute. */
    private String probeToken() {
        if (probeToken == null || System.currentTimeMillis() - probeTokenAt > 60_000) {
            probeToken = http.memberToken("ada");
            probeTokenAt = System.currentTimeMillis();
        }
        return probeToken;
    }

    private String pendingRequest() {
        Http.Result submitted = http.postJson(server.viewgateUrl() + "/access-requests", http.memberToken(REQUESTER),
                Map.of("message", "page input"));
        return Admin.expect(submitted, submitted.status() == 201 ? 201 : 200).json().get("id").asText();
    }
}
