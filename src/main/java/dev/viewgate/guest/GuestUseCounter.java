package dev.viewgate.guest;

import dev.viewgate.audit.AuditEventEntity;
import dev.viewgate.audit.AuditRowsSealed;
import dev.viewgate.audit.AuditType;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.TreeMap;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.provider.ProviderEvent;

/**
 * Counts each grant's uses ({@code useCount}, {@code lastUsedAt}) from its sealed {@code GUEST_TOKEN_ISSUED} audit
 * rows, in the sealing transaction: once per row, a second or so after the exchange, and without the exchange
 * updating the grant's row, which would make every exchange of a busy public link wait for the one before it.
 */
public final class GuestUseCounter {

    private GuestUseCounter() {
    }

    public static void onEvent(ProviderEvent event) {
        if (event instanceof AuditRowsSealed sealed) {
            count(sealed);
        }
    }

    /** A grant's uses in one sealed batch, and the time of the last. */
    private record Uses(long count, long last) {
        Uses plus(Uses other) {
            return new Uses(count + other.count, Math.max(last, other.last));
        }
    }

    private static void count(AuditRowsSealed sealed) {
        // Grants in id order: two sealers never lock the same grants in opposite orders.
        Map<String, Uses> uses = new TreeMap<>();
        for (AuditEventEntity row : sealed.rows()) {
            String grantId = AuditType.GUEST_TOKEN_ISSUED.name().equals(row.getType())
                    ? GuestRedemption.grantOfResource(row.getResource()) : null;
            if (grantId != null) {
                uses.merge(grantId, new Uses(1, row.getTime()), Uses::plus);
            }
        }
        EntityManager em = sealed.session().getProvider(JpaConnectionProvider.class).getEntityManager();
        uses.forEach((grantId, counted) -> em.createQuery("update GuestGrantEntity g set g.useCount = g.useCount + :uses, "
                        + "g.lastUsedAt = case when g.lastUsedAt is null or g.lastUsedAt < :last then :last else g.lastUsedAt end "
                        + "where g.id = :id")
                .setParameter("uses", counted.count())
                .setParameter("last", counted.last())
                .setParameter("id", grantId)
                .executeUpdate());
    }
}
