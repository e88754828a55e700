package dev.viewgate.guest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A guest grant as the API shows it. {@code secret} is present only in the answer that created the grant;
 * {@code secretHint} (its last four characters) tells grants apart afterwards. {@code principal} is the Keycloak user
 * the guest's tokens are issued to, while the grant is active (revoking or expiry removes it).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GuestGrantRepresentation(String id, String client, String view, String secret, String link, List<String> permissions,
                                       List<String> effectivePermissions, String expiresAt, boolean isPublic,
                                       String label, Map<String, String> createdBy, String createdAt, String revokedAt,
                                       String status, String secretHint, String lastUsedAt, long useCount,
                                       Map<String, String> principal) {

    static GuestGrantRepresentation of(GuestGrantEntity grant, ViewEntity view, String clientId, String secret) {
        List<String> permissions = List.of(grant.getPermissions().split(","));
        long now = System.currentTimeMillis();
        String status = grant.getRevokedAt() != null ? "revoked"
                : grant.getExpiredAt() != null || grant.getExpiresAt() != null && grant.getExpiresAt() <= now ? "expired"
                : "active";
        return new GuestGrantRepresentation(grant.getId(), clientId, view.getViewKey(), secret, null, permissions,
                Permissions.effective(permissions, view.isEditable(), view.isAddable(), view.isExportable()),
                time(grant.getExpiresAt()), grant.isPublicLink(), grant.getLabel(),
                Map.of("id", grant.getCreatedById(), "username", String.valueOf(grant.getCreatedByUsername())),
                time(grant.getCreatedAt()), time(grant.getRevokedAt()), status, grant.getSecretHint(),
                time(grant.getLastUsedAt()), grant.getUseCount(),
                "active".equals(status) && grant.getPrincipalId() != null
                        ? Map.of("id", grant.getPrincipalId(), "username", GuestPrincipals.usernameOf(grant.getId())) : null);
    }

    /** The contract's field name; a record component cannot be called {@code public}. */
    @com.fasterxml.jackson.annotation.JsonProperty("public")
    public boolean isPublic() {
        return isPublic;
    }

    private static String time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
