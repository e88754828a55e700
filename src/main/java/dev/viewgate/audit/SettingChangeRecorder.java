package dev.viewgate.audit;

import dev.viewgate.tier.Setting;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code SETTING_CHANGED}: what a change of a {@code viewgate.*} realm attribute records, made through Viewgate's
 * settings API or through Keycloak's own realm update ({@code PUT /admin/realms/{r}}, kcadm.sh, the admin console's
 * realm JSON). For the latter, the values before are read in a transaction of its own, which sees the committed world,
 * that is the realm before the update (as {@link TierChangeRecorder} reads tiers before).
 */
public final class SettingChangeRecorder {

    private static final Logger LOG = Logger.getLogger(SettingChangeRecorder.class);

    private final KeycloakSession session;

    SettingChangeRecorder(KeycloakSession session) {
        this.session = session;
    }

    /** The details of one change: {@code value} null is a reset to the default. */
    public static Map<String, Object> details(Setting setting, String previous, String value) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("setting", setting.attribute());
        details.put("previousValue", shortened(previous));
        details.put("newValue", shortened(value));
        details.put("reset", value == null);
        details.put("effective", setting.effective(value, problem -> { }));
        return details;
    }

    /** A value set outside Viewgate may be of any length: the row keeps its start. */
    private static String shortened(String value) {
        return value == null || value.length() <= Setting.MAX_LENGTH ? value : value.substring(0, Setting.MAX_LENGTH) + "...";
    }

    /** One row per setting that a realm update changed. */
    void record(AdminEvent event) {
        if (!"REALM".equals(event.getResourceTypeAsString()) || event.getOperationType() != OperationType.UPDATE) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        Map<Setting, String> before = before(realm.getId());
        String actorUsername = AuditEventListenerProvider.usernameOf(session, event.getAuthDetails());
        for (Setting setting : Setting.values()) {
            String previous = before.get(setting);
            String now = realm.getAttribute(setting.attribute());
            if (Objects.equals(previous, now)) {
                continue;
            }
            Map<String, Object> details = details(setting, previous, now);
            details.put("via", "keycloak-realm-update");
            details.put("adminEventId", event.getId());
            AuditEventEntity row = AuditEventListenerProvider.newRow(event, AuditType.SETTING_CHANGED);
            row.setId(KeycloakModelUtils.generateId());
            row.setResource("viewgate/settings/" + setting.attribute());
            row.setActorUsername(actorUsername);
            row.setDetails(AuditLog.toJson(details));
            AuditLog.insert(session, row);
            LOG.debugf("Viewgate audit: realm '%s' update %s changed %s", realm.getName(), event.getId(), setting.attribute());
        }
    }

    private Map<Setting, String> before(String realmId) {
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), committed -> {
            Map<Setting, String> values = new EnumMap<>(Setting.class);
            RealmModel realm = committed.realms().getRealm(realmId);
            if (realm != null) {
                for (Setting setting : Setting.values()) {
                    values.put(setting, realm.getAttribute(setting.attribute()));
                }
            }
            committed.getTransactionManager().setRollbackOnly();
            return values;
        });
    }
}
