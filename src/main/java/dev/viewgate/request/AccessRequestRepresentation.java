package dev.viewgate.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.tier.TierResource;
import java.time.Instant;
import org.keycloak.models.UserModel;

/** An access request as the API shows it. Timestamps are ISO-8601 UTC; fields of an open request are null. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccessRequestRepresentation(String id, AccessRequestStatus status, String desiredRole, String message,
                                          Requester requester, String createdAt, String updatedAt, String decidedAt,
                                          Decider decidedBy, String previousRole, String grantedRole, String reason) {

    /** Who asked; name and email ride along so the decider knows who is asking. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Requester(String id, String username, String email, String name) {
    }

    /** Who decided (or withdrew). */
    public record Decider(String id, String username) {
    }

    public static AccessRequestRepresentation of(AccessRequestEntity request, UserModel requester) {
        Requester who = requester == null ? new Requester(request.getRequesterId(), null, null, null)
                : new Requester(requester.getId(), requester.getUsername(), requester.getEmail(),
                        TierResource.displayName(requester));
        Decider decider = request.getDecidedById() == null ? null
                : new Decider(request.getDecidedById(), request.getDecidedByUsername());
        return new AccessRequestRepresentation(request.getId(), request.getStatus(), request.getDesiredRole(),
                request.getMessage(), who, time(request.getCreatedAt()), time(request.getUpdatedAt()),
                request.getDecidedAt() == null ? null : time(request.getDecidedAt()), decider, request.getPreviousRole(),
                request.getGrantedRole(), request.getReason());
    }

    private static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
