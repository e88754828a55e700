package dev.viewgate.adapter;

import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

/**
 * The messages a page or an email is rendered with: the realm's theme of that type, in the locale Keycloak resolves for
 * the reader, with the realm's localization texts over it (as {@code FreeMarkerLoginFormsProvider} reads them).
 */
public final class ThemeMessages {

    private static final Logger LOG = Logger.getLogger(ThemeMessages.class);

    private ThemeMessages() {
    }

    /** For a page shown to {@code reader} in this request. */
    public static Properties forPage(KeycloakSession session, UserModel reader) {
        return load(session, session.getContext().getRealm(), Theme.Type.LOGIN, session.getContext().resolveLocale(reader));
    }

    /** For an email to {@code recipient}. */
    public static Properties forEmail(KeycloakSession session, RealmModel realm, UserModel recipient) {
        return load(session, realm, Theme.Type.EMAIL, session.getContext().resolveLocale(recipient));
    }

    private static Properties load(KeycloakSession session, RealmModel realm, Theme.Type type, Locale locale) {
        try {
            return session.theme().getTheme(type).getEnhancedMessages(realm, locale);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Viewgate, realm '%s': no %s messages for %s", realm.getName(), type, locale);
            return new Properties();
        }
    }
}
