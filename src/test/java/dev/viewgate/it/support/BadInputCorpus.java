package dev.viewgate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The bad-input corpus in {@code src/test/resources/bad-input/}, and how the ITs tell whether anything was written. */
public final class BadInputCorpus {

    /** Viewgate's rows, minus what background tasks add on their own (expiries, ended view-as sessions). */
    /** Rows a request could write; the rows background tasks write (expiries, denial summaries, pruning) are left out. */
    private static final String STORED = "select (select count(*) from VG_AUDIT_EVENT where EVENT_TYPE not in "
            + "('GUEST_GRANT_EXPIRED', 'VIEW_AS_ENDED', 'GUEST_TOKEN_DENIED', 'AUDIT_PRUNED')) + (select count(*) from VG_GUEST_GRANT) "
            + "+ (select count(*) from VG_ACCESS_REQUEST) + (select count(*) from VG_VIEW)";

    private BadInputCorpus() {
    }

    public static JsonNode resource(String name) throws IOException {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream("/bad-input/" + name)) {
            return Http.JSON.readTree(in);
        }
    }

    /** How many rows Viewgate holds (through the IT probe, with a member's token). */
    public static long stored(Http http, String token) {
        return Long.parseLong(Admin.expect(http.postJson(http.server().realmUrl() + "/viewgate-it-probe/sql", token,
                Map.of("query", STORED)), 200).json().get("value").asText());
    }

    /** A value built from its recipe: {@code nested:N}, {@code string:N}, {@code keys:N} (JSON bodies) or {@code text:N}. */
    public static String generated(String recipe) {
        String[] parts = recipe.split(":");
        int n = Integer.parseInt(parts[1]);
        return switch (parts[0]) {
            case "nested" -> "{\"message\":" + "[".repeat(n) + "]".repeat(n) + "}";
            case "string" -> "{\"message\":\"" + "x".repeat(n) + "\"}";
            case "keys" -> {
                StringBuilder keys = new StringBuilder("{");
                for (int i = 0; i < n; i++) {
                    keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
                }
                yield keys.append('}').toString();
            }
            case "text" -> "y".repeat(n);
            default -> throw new IllegalArgumentException(recipe);
        };
    }
}
