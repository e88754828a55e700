package dev.viewgate.guest;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
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
 * lookup, the row of its refusal budget ({@link GuestDenials}) and, within the budget, one audit row. The reason is
 * written only to the audit log.
 */
public final class GuestRedemption {

    /** Client attribute of a public client naming the confidential client whose public links it may redeem. */
    public static final String PUBLIC_CLIENT_APP_ATTRIBUTE = "viewgate.guest.app";
    private static final Logger LOG = Logger.getLogger(GuestRedemption.class);
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String RESOURCE_PREFIX = "viewgate/guests/";

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

    /**
     * The open grant a presented secret names, with its principal, or nothing (the refusal is audited). Writes
     * nothing on success: the caller signs the token, then {@link #claimUse} records the use or refuses it after all.
     */
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
            principal = session.users().getUserById(realm, found.get().principalId());
            refusal = principal == null || !principal.isEnabled() ? "no_principal" : null;
        }
        if (refusal != null) {
            deny(client, found, refusal);
            return Optional.empty();
        }
        session.setAttribute(GuestViewClaims.ISSUING_ATTRIBUTE, found.get());
        return Optional.of(new Redeemed(found.get(), principal));
    }

    /**
     * Records a use of a redeemed grant once its token is signed; false (audited as a refusal) when a revoke or the
     * expiry came first, and then the token must not leave. The grant's row is read under a shared lock held until
     * commit: a revoke committed first is seen here, a revoke arriving later waits for this exchange and then ends
     * the session it used. Shared, so exchanges of one grant (a busy public link) never wait for each other; the use
     * is counted from the audit row when it is sealed ({@link GuestUseCounter}).
     */
    public boolean claimUse(ClientModel client, Redeemed redeemed) {
        GrantAndView grant = redeemed.grant();
        GuestGrantEntity row = em.find(GuestGrantEntity.class, grant.grantId(), LockModeType.PESSIMISTIC_READ);
        long now = System.currentTimeMillis();
        if (row == null || row.getRevokedAt() != null || row.getExpiresAt() != null && row.getExpiresAt() <= now) {
            deny(client, Optional.of(grant), "revoked");
            return false;
        }
        Map<String, Object> details = details(client, Optional.of(grant));
        details.put("permissions", grant.effectivePermissions());
        details.put("expiresAt", grant.expiresAt() == null ? null : Instant.ofEpochMilli(grant.expiresAt()).toString());
        AuditLog.recordDirect(session, realm, AuditType.GUEST_TOKEN_ISSUED, null, client.getClientId(), resource(grant),
                redeemed.principal(), details);
        return true;
    }

    private void deny(ClientModel client, Optional<GrantAndView> found, String refusal) {
        LOG.debugf("Guest secret refused for client %s in realm %s: %s", client.getClientId(), realm.getName(), refusal);
        if (!new GuestDenials(session, realm).recordsIndividually(client, found.map(GrantAndView::grantId).orElse(null))) {
            return; // beyond its budget for this window: counted, and reported by a summary row
        }
        Map<String, Object> details = details(client, found);
        details.put("reason", refusal);
        AuditLog.recordDirect(session, realm, AuditType.GUEST_TOKEN_DENIED, null, client.getClientId(),
                resourceOf(found.map(GrantAndView::grantId).orElse(null)), null, details);
    }

    private static Map<String, Object> details(ClientModel client, Optional<GrantAndView> found) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("client", client.getClientId());
        found.ifPresent(grant -> {
            details.put("grantId", grant.grantId());
            details.put("view", grant.viewKey());
        });
        return details;
    }

    private static String resource(GrantAndView grant) {
        return RESOURCE_PREFIX + grant.grantId();
    }

    /** The resource of an exchange's audit row: the grant, or all guest access for a secret that matched none. */
    static String resourceOf(String grantId) {
        return grantId == null ? "viewgate/guests" : RESOURCE_PREFIX + grantId;
    }

    /** The grant an exchange's audit row names, or null. */
    static String grantOfResource(String resource) {
        return resource != null && resource.startsWith(RESOURCE_PREFIX) ? resource.substring(RESOURCE_PREFIX.length()) : null;
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
}
