package dev.viewgate.provider;

import org.keycloak.common.util.HtmlUtils;
/**
 * The HTML shell of the Viewgate console: no data, only where to sign in (realm, client, server) in escaped
 * {@code data-} attributes, PatternFly 5 from Keycloak's own resources and the console's script. Everything the
 * console shows is built by {@code app.js} with DOM calls after the admin has signed in.
 */
public final class ConsoleShell {

    /** The console's policy. A CSP header set by a resource is replaced by the realm's, so it travels as a meta tag. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'";

    /** What the shell needs to know; {@code resources} is {@code /resources/{tag}} of this installation. */
    public record Config(String lang, String realm, String clientId, String serverUrl, String consoleUrl,
                         String resources, boolean setUp, boolean secureContext) {
    }

    private ConsoleShell() {
    }

    public static String html(Config config) {
        boolean german = "de".equals(config.lang());
        String vendor = config.resources() + "/common/keycloak/vendor";
        StringBuilder html = new StringBuilder(2048);
        html.append("<!DOCTYPE html>\n<html lang=\"").append(german ? "de" : "en").append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(escape(CSP)).append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>").append(german ? "Viewgate-Konsole" : "Viewgate console").append("</title>\n")
                .append("<link rel=\"icon\" href=\"").append(escape(config.resources() + "/common/keycloak/img/favicon.ico")).append("\">\n")
                .append("<link rel=\"stylesheet\" href=\"").append(escape(vendor + "/patternfly-v5/patternfly.min.css")).append("\">\n")
                .append("<link rel=\"stylesheet\" href=\"").append(escape(vendor + "/patternfly-v5/patternfly-addons.css")).append("\">\n")
                .append("<link rel=\"stylesheet\" href=\"").append(escape(config.consoleUrl() + "app.css")).append("\">\n");
        if (config.setUp()) {
            if (!config.secureContext()) {
                // PKCE needs crypto.subtle, which browsers offer only in secure contexts; Keycloak's shim fills in
                // (loaded as the admin console's index.ftl loads it).
                html.append("<script type=\"module\" src=\"").append(escape(vendor + "/web-crypto-shim/web-crypto-shim.js")).append("\"></script>\n");
            }
            html.append("<script src=\"").append(escape(config.consoleUrl() + "app.js")).append("\" defer></script>\n");
        }
        html.append("</head>\n<body class=\"vg-console\" data-realm=\"").append(escape(config.realm()))
                .append("\" data-client-id=\"").append(escape(config.clientId()))
                .append("\" data-server-url=\"").append(escape(config.serverUrl()))
                .append("\" data-console-url=\"").append(escape(config.consoleUrl()))
                .append("\" data-lang=\"").append(german ? "de" : "en").append("\">\n");
        if (config.setUp()) {
            html.append("<div id=\"vg-app\" class=\"pf-v5-c-page\"></div>\n<noscript><p class=\"vg-notice\">")
                    .append(german ? "Die Viewgate-Konsole braucht JavaScript." : "The Viewgate console needs JavaScript.")
                    .append("</p></noscript>\n");
        } else {
            html.append("<main class=\"vg-notice\"><div class=\"pf-v5-c-alert pf-m-warning\" id=\"vg-not-set-up\">")
                    .append("<p class=\"pf-v5-c-alert__title\">")
                    .append(german ? "Viewgate ist in diesem Realm nicht eingerichtet: Setup ausführen"
                            : "Viewgate is not set up in this realm: run setup")
                    .append("</p><div class=\"pf-v5-c-alert__description\"><p>POST /admin/realms/")
                    .append(escape(config.realm())).append("/viewgate/setup</p></div></div></main>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** HTML text and attribute values (double- or single-quoted), as Keycloak escapes them. */
    public static String escape(String text) {
        return text == null ? "" : HtmlUtils.escapeAttribute(text);
    }
}
