package dev.viewgate.audit;

import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Turns admin events into audit rows, inside the transaction that emitted them: Viewgate's own {@code VIEWGATE_*}
 * events, and what Keycloak's admin API or console changes of Viewgate's: members' tiers ({@link TierChangeRecorder})
 * and {@code viewgate.*} settings ({@link SettingChangeRecorder}).
 */
public final class AuditEventListenerProvider implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(AuditEventListenerProvider.class);

    private final KeycloakSession session;

    AuditEventListenerProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        try {
            Optional<AuditType> type = AuditType.fromResourceType(event.getResourceTypeAsString());
            if (type.isPresent()) {
                AuditLog.insert(session, fromViewgateEvent(event, type.get()));
            } else {
                new SettingChangeRecorder(session).record(event);
                new TierChangeRecorder(session).record(event);
            }
        } catch (RuntimeException e) {
            failTheChange(event, e);
        }
    }

    private AuditEventEntity fromViewgateEvent(AdminEvent event, AuditType type) {
        Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
        AuditEventEntity row = newRow(event, type);
        row.setActorUsername(details.get(AuditLog.DETAIL_ACTOR_USERNAME));
        row.setSubjectId(details.get(AuditLog.DETAIL_SUBJECT_ID));
        row.setSubjectUsername(details.get(AuditLog.DETAIL_SUBJECT_USERNAME));
        row.setDetails(event.getRepresentation());
        return row;
    }

    /** A row with what every admin event says: who, when, where from, on what. */
    static AuditEventEntity newRow(AdminEvent event, AuditType type) {
        AuditEventEntity row = new AuditEventEntity();
        row.setId(event.getId());
        row.setRealmId(event.getRealmId());
        row.setTime(event.getTime());
        row.setType(type.name());
        row.setResource(event.getResourcePath());
        AuthDetails auth = event.getAuthDetails();
        if (auth != null) {
            row.setActorId(auth.getUserId());
            row.setIp(auth.getIpAddress());
        }
        return row;
    }

    static String usernameOf(KeycloakSession session, AuthDetails auth) {
        if (auth == null || auth.getUserId() == null || auth.getRealmId() == null) {
            return null;
        }
        RealmModel realm = session.realms().getRealm(auth.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, auth.getUserId());
        return user == null ? null : user.getUsername();
    }

    /**
     * Keycloak's event builder swallows listener exceptions, so a failed audit write would let the change commit
     * unrecorded. A prepare-phase participant that fails makes the whole transaction roll back and the request fail.
     */
    private void failTheChange(AdminEvent event, RuntimeException cause) {
        LOG.errorf(cause, "Viewgate could not audit admin event %s (%s); the change is rolled back",
                event.getId(), event.getResourceTypeAsString());
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                throw new IllegalStateException("Viewgate could not write the audit row of this change", cause);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public void close() {
    }
}
