package dev.viewgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What Viewgate's freshness check ({@code GET /realms/{r}/viewgate/me/freshness}) told the app at this page: the
 * member's newest access request (its status, the role granted or the reason declined) and, for deciders, how many
 * requests wait. {@link #UNKNOWN} when Keycloak could not be asked: the page then shows what the token says.
 */
record AccountNews(String requestStatus, String grantedRole, String reason, Instant decidedAt, Long queuePending) {

    static final AccountNews UNKNOWN = new AccountNews(null, null, null, null, null);
    /** How long a decision stays on the home page. */
    static final Duration OUTCOME_SHOWN = Duration.ofDays(7);

    static AccountNews of(JsonNode answer) {
        JsonNode request = answer.path("request");
        JsonNode queue = answer.path("queue");
        String decidedAt = text(request.path("decidedAt"));
        Instant decided;
        try {
            decided = decidedAt == null ? null : Instant.parse(decidedAt);
        } catch (DateTimeParseException e) {
            decided = null;
        }
        return new AccountNews(text(request.path("status")), text(request.path("grantedRole")), text(request.path("reason")),
                decided, queue.path("pending").isNumber() ? queue.path("pending").asLong() : null);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    boolean requestPending() {
        return "PENDING".equals(requestStatus);
    }

    /** A decision of the last {@link #OUTCOME_SHOWN}: "GRANTED" or "DECLINED"; null otherwise. */
    String recentOutcome(Instant now) {
        boolean decided = "GRANTED".equals(requestStatus) || "DECLINED".equals(requestStatus);
        return decided && decidedAt != null && decidedAt.plus(OUTCOME_SHOWN).isAfter(now) ? requestStatus : null;
    }

    boolean decides() {
        return queuePending != null;
    }
}
