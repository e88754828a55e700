package dev.viewgate.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.viewgate.audit.AuditLog;
import dev.viewgate.audit.AuditType;
import dev.viewgate.audit.SettingChangeRecorder;
import dev.viewgate.base.Caller;
import dev.viewgate.base.ViewgateException;
import dev.viewgate.tier.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Viewgate's settings of one realm as its admins see and change them: every {@link Setting}, its stored value and the
 * value in force. A change is checked by the same rule the code reads it with, stored as the realm attribute and
 * audited ({@code SETTING_CHANGED}) in the same transaction.
 */
final class RealmSettings {

    private static final Logger LOG = Logger.getLogger(RealmSettings.class);

    /**
     * One setting: {@code value} is the stored attribute (null when unset), {@code effective} what Viewgate uses (the
     * default when unset or malformed; null only for an unset setting without a default), {@code problem} why a stored
     * value is not used; {@code min} and {@code max} bound a number (null for a role list).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SettingRepresentation(String name, String description, String kind, Integer min, Integer max,
                                        String defaultValue, String value, String effective, String problem) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    RealmSettings(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    List<SettingRepresentation> list() {
        return Arrays.stream(Setting.values()).map(this::representation).toList();
    }

    /** Stores {@code value} (its canonical form); an unchanged value is no change and records nothing. */
    SettingRepresentation set(Caller admin, String name, String value) {
        Setting setting = find(name);
        Setting.Reading reading = setting.check(value);
        if (!reading.valid()) {
            LOG.debugf("Viewgate, realm '%s': %s refused for %s: %s", realm.getName(), name, admin.user().getUsername(),
                    reading.problem());
            throw ViewgateException.badRequest("invalid_setting", name + " " + reading.problem());
        }
        String previous = realm.getAttribute(setting.attribute());
        if (!reading.canonical().equals(previous)) {
            realm.setAttribute(setting.attribute(), reading.canonical());
            record(admin, setting, OperationType.UPDATE, previous, reading.canonical());
        }
        return representation(setting);
    }

    /** Removes the attribute, so the default applies; nothing to remove records nothing. */
    void reset(Caller admin, String name) {
        Setting setting = find(name);
        String previous = realm.getAttribute(setting.attribute());
        if (previous != null) {
            realm.removeAttribute(setting.attribute());
            record(admin, setting, OperationType.DELETE, previous, null);
        }
    }

    private Setting find(String name) {
        return Setting.byAttribute(name).orElseThrow(() -> ViewgateException.notFound("unknown_setting",
                "Viewgate has no setting named " + (name == null || name.length() > 100 ? "like that" : "'" + name + "'")));
    }

    private void record(Caller admin, Setting setting, OperationType operation, String previous, String value) {
        AuditLog.record(session, realm, admin, AuditType.SETTING_CHANGED, operation, "viewgate/settings/" + setting.attribute(),
                null, SettingChangeRecorder.details(setting, previous, value));
    }

    private SettingRepresentation representation(Setting setting) {
        String stored = realm.getAttribute(setting.attribute());
        String problem = stored == null || stored.isBlank() ? null : setting.check(stored).problem();
        return new SettingRepresentation(setting.attribute(), setting.description(),
                setting.kind().name().toLowerCase(java.util.Locale.ROOT), setting.min(), setting.max(),
                setting.defaultValue(), stored,
                setting.effective(stored, ignored -> { }), problem);
    }
}
