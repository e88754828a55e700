package dev.viewgate.guest;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Turns a guest secret presented by a client into the grant it opens, or into nothing. Every refusal (malformed,
 * unknown, revoked, expired, another client's) looks the same to the caller and costs the same statements: one
 * lookup, one guarded update, one audit row. The reason is written only to the audit log.
 */
public final class GuestRedemption {

    /** Client attribute of a public client naming the confidential client whose public links it may redeem. */
    public static final String PUBLIC_CLIENT_APP_ATTRIBUTE = "viewgate.guest.app";
    private static final Logger LOG = Logger.getLogger(GuestRedemption.class);
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** An open grant, with the principal its tokens are issued to. */
    public record Redeemed(GrantAndView grant, UserModel principal) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public GuestRedemption(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Optional<Redeemed> redeem(ClientModel client, String secret) {
        long now = System.currentTimeMillis();
        boolean wellFormed = secret != null && SECRET.matcher(secret).matches();
        String presentedHash = wellFormed ? GuestGrantService.hash(secret) : null;
        // Found by the hash's unique index, then compared again in constant time: what timing can tell is about
        // the hash of a 256-bit secret, never about the secret.
        Optional<GrantAndView> found = wellFormed
                ? GrantAndView.bySecretHash(em, presentedHash).filter(g -> sameHash(g.secretHash(), presentedHash))
                : Optional.empty();
        String refusal = refusal(found, client, now);
        UserModel principal = null;
        if (refusal == null) {
            // The guarded update takes the grant's row lock: a revoke committed first makes it match nothing, and a
            // revoke arriving later waits for this exchange and then ends the session it used.
            if (!claimUse(found.get().grantId(), now)) {
                refusal = "revoked";
            } else {
                principal = session.users().getUserById(realm, found.get().principalId());
                refusal = principal == null || !principal.isEnabled() ? "no_principal" : null;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("client", client.getClientId());
        found.ifPresent(grant -> {
            details.put("grantId", grant.grantId());
            details.put("view", grant.viewKey());
        });
        String resource = found.map(g -> "viewgate/guests/" + g.grantId()).orElse("viewgate/guests");
        if (refusal != null) {
            details.put("reason", refusal);
            LOG.debugf("Guest secret refused for client %s in realm %s: %s", client.getClientId(), realm.getName(), refusal);
            AuditLog.recordDirect(session, realm, AuditType.GUEST_TOKEN_DENIED, null, client.getClientId(), resource, null,
                    details);
            return Optional.empty();
        }
        GrantAndView grant = found.get();
        details.put("permissions", grant.effectivePermissions());
        details.put("expiresAt", grant.expiresAt() == null ? null : Instant.ofEpochMilli(grant.expiresAt()).toString());
        session.setAttribute(GuestViewClaims.ISSUING_ATTRIBUTE, grant);
        AuditLog.recordDirect(session, realm, AuditType.GUEST_TOKEN_ISSUED, null, client.getClientId(), resource, principal,
                details);
        return Optional.of(new Redeemed(grant, principal));
    }

    /** Keeps the grant's reusable user session; the next exchanges find it by id instead of searching. */
    public void rememberSession(String grantId, String userSessionId) {
        em.createQuery("update GuestGrantEntity g set g.userSessionId = :session where g.id = :id")
                .setParameter("session", userSessionId)
                .setParameter("id", grantId)
                .executeUpdate();
    }

    private String refusal(Optional<GrantAndView> found, ClientModel client, long now) {
        if (found.isEmpty()) {
            return "unknown";
        }
        GrantAndView grant = found.get();
        if (grant.revokedAt() != null) {
            return "revoked";
        }
        if (grant.expiresAt() != null && grant.expiresAt() <= now) {
            return "expired";
        }
        return redeemableBy(grant, client) ? null : "other_client";
    }

    /** The view's own client; for a public link also a public client that names that client as its app. */
    private boolean redeemableBy(GrantAndView grant, ClientModel client) {
        if (client.getId().equals(grant.clientUuid())) {
            return true;
        }
        if (!grant.publicLink() || !client.isPublicClient()) {
            return false;
        }
        ClientModel app = realm.getClientById(grant.clientUuid());
        return app != null && app.getClientId().equals(client.getAttribute(PUBLIC_CLIENT_APP_ATTRIBUTE));
    }

    private static boolean sameHash(String stored, String presented) {
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean claimUse(String grantId, long now) {
        return em.createQuery("update GuestGrantEntity g set g.useCount = g.useCount + 1, g.lastUsedAt = :now "
                        + "where g.id = :id and g.revokedAt is null and (g.expiresAt is null or g.expiresAt > :now)")
                .setParameter("now", now)
                .setParameter("id", grantId)
                .executeUpdate() == 1;
    }
}
