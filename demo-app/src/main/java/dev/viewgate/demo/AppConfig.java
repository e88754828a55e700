package dev.viewgate.demo;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The app's settings. Each comes from a system property ({@code -Dviewgate.keycloak.url=...}), else from an
 * environment variable ({@code VIEWGATE_KEYCLOAK_URL}), else from its default.
 */
public record AppConfig(String keycloakUrl, String realm, String clientId, String clientSecret, String appBaseUrl,
                        String bindAddress, int port) {

    public static final String KEYCLOAK_URL = "viewgate.keycloak.url";
    public static final String REALM = "viewgate.realm";
    public static final String CLIENT_ID = "viewgate.client.id";
    public static final String CLIENT_SECRET = "viewgate.client.secret";
    public static final String APP_BASE_URL = "viewgate.app.url";
    public static final String PORT = "viewgate.app.port";
    public static final String BIND_ADDRESS = "viewgate.app.bind";

    public AppConfig {
        keycloakUrl = withoutTrailingSlash(Objects.requireNonNull(keycloakUrl));
        appBaseUrl = withoutTrailingSlash(Objects.requireNonNull(appBaseUrl));
        Objects.requireNonNull(realm);
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(clientSecret);
        Objects.requireNonNull(bindAddress);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Reads the settings from system properties, then the environment, then the defaults. */
    public static AppConfig load() {
        return from(System::getProperty, System.getenv());
    }

    static AppConfig from(UnaryOperator<String> properties, Map<String, String> environment) {
        Settings settings = new Settings(properties, environment);
        int port = Integer.parseInt(settings.get(PORT, "8081"));
        return new AppConfig(
                settings.get(KEYCLOAK_URL, "http://localhost:8080"),
                settings.get(REALM, "viewgate-demo"),
                settings.get(CLIENT_ID, "demo-app"),
                settings.get(CLIENT_SECRET, "demo-app-secret"),
                settings.get(APP_BASE_URL, "http://localhost:" + port),
                settings.get(BIND_ADDRESS, "localhost"),
                port);
    }

    public String realmUrl() {
        return keycloakUrl + "/realms/" + realm;
    }

    public String oidcUrl(String endpoint) {
        return realmUrl() + "/protocol/openid-connect/" + endpoint;
    }

    public String viewgateUrl(String path) {
        return realmUrl() + "/viewgate/" + path;
    }

    public String appUrl(String path) {
        return appBaseUrl + path;
    }

    /** scheme://host[:port] of the app, what a browser sends as {@code Origin}. */
    public String appOrigin() {
        return origin(appBaseUrl);
    }

    public String keycloakOrigin() {
        return origin(keycloakUrl);
    }

    public boolean secureCookies() {
        return appBaseUrl.startsWith("https:");
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Settings(UnaryOperator<String> properties, Map<String, String> environment) {
        String get(String property, String fallback) {
            String value = properties.apply(property);
            if (value == null || value.isBlank()) {
                value = environment.get(property.toUpperCase(Locale.ROOT).replace('.', '_'));
            }
            return value == null || value.isBlank() ? fallback : value.trim();
        }
    }
}
