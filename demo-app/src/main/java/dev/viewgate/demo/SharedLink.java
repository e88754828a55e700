package dev.viewgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One guest grant as Viewgate lists it to the app (never as a browser claims it): what a guest page may tell its
 * guest about their link.
 */
public record SharedLink(String id, String viewKey, String label, String sharedBy, List<String> permissions,
                         Instant expiresAt, Instant revokedAt, String status, boolean isPublic) {

    /** Why a link stopped opening its view. */
    public enum Ending {
        /** The grant was revoked. */
        REVOKED,
        /** The grant's expiry passed. */
        EXPIRED,
        /** No grant of this app is known for the link. */
        UNKNOWN,
        /** A known grant, yet refused for a reason Viewgate does not tell (or could not be asked). */
        ENDED
    }

    public SharedLink {
        permissions = List.copyOf(permissions);
    }

    /** A grant of Viewgate's list ({@code GET .../guests}). */
    public static SharedLink of(JsonNode grant, String viewKey) {
        List<String> permissions = new ArrayList<>();
        grant.path("permissions").forEach(p -> permissions.add(p.asText()));
        String createdBy = grant.path("createdBy").path("username").asText("");
        return new SharedLink(grant.path("id").asText(), viewKey, grant.path("label").asText(""),
                sharer(createdBy), permissions, Times.parse(grant.path("expiresAt").asText(null)),
                Times.parse(grant.path("revokedAt").asText(null)), grant.path("status").asText(""),
                grant.path("public").asBoolean(false));
    }

    /** The member who shared, by username; the app's own service account is the app. */
    static String sharer(String username) {
        if (username == null || username.isBlank() || "null".equals(username)) {
            return null;
        }
        return username.startsWith("service-account-") ? Workspace.COMPANY : username;
    }

    /**
     * Why this grant no longer opens its view, told from Viewgate's list: revoked, or expired (a token ends a second
     * before its grant does, so an expiry a few seconds ahead already counts), else a reason Viewgate keeps to itself.
     */
    public Ending ending(Instant now) {
        if ("revoked".equals(status) || revokedAt != null) {
            return Ending.REVOKED;
        }
        if ("expired".equals(status) || expiresAt != null && !expiresAt.isAfter(now.plusSeconds(5))) {
            return Ending.EXPIRED;
        }
        return Ending.ENDED;
    }
}
