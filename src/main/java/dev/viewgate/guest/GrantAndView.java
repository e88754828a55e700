package dev.viewgate.guest;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * A guest grant together with the settings of its view, read in one query without making either a managed entity:
 * the exchange and the token mapper only read them, and every write to a grant is a guarded bulk update.
 */
public record GrantAndView(String grantId, String secretHash, String principalId, String userSessionId, List<String> granted, boolean publicLink,
                    Long expiresAt, Long revokedAt, String clientUuid, String viewKey, boolean editable, boolean addable,
                    boolean exportable) {

    private static final String SELECT = "select g.id, g.secretHash, g.principalId, g.userSessionId, g.permissions, g.publicLink, "
            + "g.expiresAt, g.revokedAt, v.clientUuid, v.viewKey, v.editable, v.addable, v.exportable "
            + "from GuestGrantEntity g, ViewEntity v where v.id = g.viewId and ";

    static Optional<GrantAndView> bySecretHash(EntityManager em, String secretHash) {
        return em.createQuery(SELECT + "g.secretHash = :value", Object[].class)
                .setParameter("value", secretHash)
                .getResultStream().findFirst().map(GrantAndView::of);
    }

    static Optional<GrantAndView> byId(EntityManager em, String grantId) {
        return em.createQuery(SELECT + "g.id = :value", Object[].class)
                .setParameter("value", grantId)
                .getResultStream().findFirst().map(GrantAndView::of);
    }

    private static GrantAndView of(Object[] row) {
        return new GrantAndView((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                List.of(((String) row[4]).split(",")), (Boolean) row[5], (Long) row[6], (Long) row[7], (String) row[8],
                (String) row[9], (Boolean) row[10], (Boolean) row[11], (Boolean) row[12]);
    }

    /** What the guest may do now: the grant's permissions, bounded by the view's current settings. */
    List<String> effectivePermissions() {
        return Permissions.effective(granted, editable, addable, exportable);
    }

    boolean usableAt(long now) {
        return revokedAt == null && (expiresAt == null || expiresAt > now);
    }
}
