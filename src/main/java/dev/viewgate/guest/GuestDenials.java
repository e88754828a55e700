package dev.viewgate.guest;

import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.tier.Setting;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Keeps refused guest exchanges from growing the audit log without bound ({@link DenialBudget}). Each client has one
 * budget for secrets that match no grant, which is all an anonymous caller can send, and each grant has one for its
 * own secret (revoked, expired, presented by another client): there are only as many of those as members and apps
 * created grants, and a replayed revoked link cannot drown the refusals of other grants. Each budget is one row of
 * {@code VG_GUEST_DENIAL}, changed in the refusing transaction under a row lock, so every node shares the count; a
 * grant's row is created with the grant. The allowed exchange never touches it. Summary rows are written by the expiry
 * task on whichever node gets there first.
 */
public final class GuestDenials {

    private static final Logger LOG = Logger.getLogger(GuestDenials.class);
    private static final int SUMMARY_BATCH = 200;

    /** The realm's budget: {@code viewgate.guest.denials.windowSeconds} (60) and {@code ...recorded} (10 per window). */
    record Settings(long windowMillis, int recordedPerWindow) {
        static Settings of(RealmModel realm) {
            // debug, not warn: this runs for every refused secret, which an attacker can send as fast as they like
            java.util.function.Consumer<String> problems = problem -> LOG.debugf("Viewgate, realm '%s': %s", realm.getName(), problem);
            return new Settings(1000L * Setting.GUEST_DENIALS_WINDOW_SECONDS.number(realm::getAttribute, problems),
                    Setting.GUEST_DENIALS_RECORDED.number(realm::getAttribute, problems));
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    GuestDenials(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = em(session);
    }

    /**
     * A new grant's budget, in the grant's own transaction: its first refusal then costs what any other refusal costs,
     * so timing never tells that a presented secret once opened a grant.
     */
    void open(String appClientUuid, String grantId) {
        GuestDenialEntity row = new GuestDenialEntity();
        row.setBudgetKey(keyOf(null, grantId));
        row.setClientUuid(appClientUuid);
        row.setGrantId(grantId);
        row.setRealmId(realm.getId());
        row.setWindowMillis(Settings.of(realm).windowMillis());
        em.persist(row);
    }

    /**
     * Counts a refusal for {@code client} of a secret of {@code grantId} (null: it matched no grant): true when it is
     * to be audited on its own, false when a summary will count it.
     */
    boolean recordsIndividually(ClientModel client, String grantId) {
        long now = System.currentTimeMillis();
        Settings settings = Settings.of(realm);
        String key = keyOf(client, grantId);
        GuestDenialEntity row = em.find(GuestDenialEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) { // a client's first unknown secret, or a grant older than budgets
            create(key, client, grantId);
            row = em.find(GuestDenialEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (row == null) {
                throw new IllegalStateException("No denial count " + key + " after creating it");
            }
        }
        long windowStart = DenialBudget.windowStart(now, settings.windowMillis());
        if (row.getWindowStart() != windowStart) {
            row.setWindowStart(windowStart);
            row.setWindowMillis(settings.windowMillis());
            row.setRecorded(0);
        }
        if (DenialBudget.recordsIndividually(row.getRecorded(), settings.recordedPerWindow())) {
            row.setRecorded(row.getRecorded() + 1);
            return true;
        }
        row.setUnrecorded(row.getUnrecorded() + 1);
        if (row.getUnrecordedFrom() == null) {
            row.setUnrecordedFrom(now);
        }
        row.setUnrecordedTo(now);
        return false;
    }

    /** A grant's budget is the grant's, whichever client presents its secret; unknown secrets count per client. */
    private static String keyOf(ClientModel client, String grantId) {
        return grantId != null ? grantId : client.getId() + "/*";
    }

    private void create(String key, ClientModel client, String grantId) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                GuestDenialEntity row = new GuestDenialEntity();
                row.setBudgetKey(key);
                row.setClientUuid(client.getId());
                row.setGrantId(grantId);
                row.setRealmId(realm.getId());
                row.setWindowMillis(Settings.of(realm).windowMillis());
                em(own).persist(row);
                em(own).flush();
            });
        } catch (ModelDuplicateException | PersistenceException e) {
            LOG.debugf("Denial count %s was created by another transaction at the same moment", key);
        }
    }

    /**
     * Writes the summary rows that are due, each in its own transaction under its budget's row lock, so two nodes never
     * write the same one: {@code GUEST_TOKEN_DENIED} with {@code aggregated: true}, {@code unrecorded}, {@code from},
     * {@code to}.
     */
    public static void summarizeDue(KeycloakSessionFactory factory) {
        long now = System.currentTimeMillis();
        List<String> due = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> em(session)
                .createQuery("select d.budgetKey from GuestDenialEntity d where d.unrecordedFrom is not null "
                        + "and d.unrecordedFrom + d.windowMillis <= :now order by d.unrecordedFrom", String.class)
                .setParameter("now", now)
                .setMaxResults(SUMMARY_BATCH)
                .getResultList());
        for (String key : due) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> summarize(session, key));
        }
    }

    private static void summarize(KeycloakSession session, String key) {
        long now = System.currentTimeMillis();
        GuestDenialEntity row = em(session).find(GuestDenialEntity.class, key, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !DenialBudget.summaryDue(row.getUnrecordedFrom(), row.getWindowMillis(), now)) {
            return; // another node wrote it
        }
        RealmModel realm = session.realms().getRealm(row.getRealmId());
        ClientModel client = realm == null ? null : realm.getClientById(row.getClientUuid());
        if (client != null) {
            session.getContext().setRealm(realm);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("client", client.getClientId());
            if (row.getGrantId() != null) {
                details.put("grantId", row.getGrantId());
            }
            details.put("aggregated", true);
            details.put("unrecorded", row.getUnrecorded());
            details.put("from", Instant.ofEpochMilli(row.getUnrecordedFrom()).toString());
            details.put("to", Instant.ofEpochMilli(row.getUnrecordedTo()).toString());
            details.put("reason", "refusals beyond " + Settings.of(realm).recordedPerWindow() + " per "
                    + row.getWindowMillis() / 1000 + " s, counted only");
            AuditLog.recordDirect(session, realm, AuditType.GUEST_TOKEN_DENIED, null, client.getClientId(),
                    GuestRedemption.resourceOf(row.getGrantId()), null, details);
        }
        row.setUnrecorded(0);
        row.setUnrecordedFrom(null);
        row.setUnrecordedTo(null);
    }

    /** Removes the budgets of a client, or of every client of a realm, when it goes. */
    public static void forgetClient(KeycloakSession session, String clientUuid) {
        em(session).createQuery("delete from GuestDenialEntity d where d.clientUuid = :id").setParameter("id", clientUuid)
                .executeUpdate();
    }

    public static void forgetRealm(KeycloakSession session, String realmId) {
        em(session).createQuery("delete from GuestDenialEntity d where d.realmId = :id").setParameter("id", realmId)
                .executeUpdate();
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
