package dev.viewgate.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/** The Viewgate version, written into the jar by the build and reported in Keycloak's Server Info. */
public final class ViewgateVersion {

    public static final String VERSION = load();

    private ViewgateVersion() {
    }

    public static Map<String, String> operationalInfo() {
        return Map.of("version", VERSION);
    }

    private static String load() {
        try (InputStream in = ViewgateVersion.class.getResourceAsStream("/META-INF/viewgate/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
