package dev.viewgate.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml cannot run here (no Docker engine), so its facts are checked against the build. */
class DockerComposeTest {

    private static final Path PROJECT = Path.of(System.getProperty("viewgate.project.dir", "."));

    private static String read(String file) throws IOException {
        return Files.readString(PROJECT.resolve(file));
    }

    private static String firstGroup(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "no match for " + regex);
        return matcher.group(1);
    }

    @Test
    void imageTagIsTheServerVersionOfThePom() throws IOException {
        String pomVersion = firstGroup(read("pom.xml"), "<keycloak\\.server\\.version>([^<]+)</keycloak\\.server\\.version>");
        String image = firstGroup(read("docker-compose.yml"), "image:\\s*quay\\.io/keycloak/keycloak:(\\S+)");
        assertEquals(pomVersion, image);
    }

    @Test
    void mountedPathsAreReal() throws IOException {
        Matcher mounts = Pattern.compile("-\\s*\\./([^:\\s]+):(/opt/keycloak/[^:\\s]+)").matcher(read("docker-compose.yml"));
        List<String> hostPaths = new ArrayList<>();
        while (mounts.find()) {
            String host = mounts.group(1);
            hostPaths.add(host);
            if (host.startsWith("target/")) {
                // The jar exists only after `mvn package`; its name must be the one the build writes.
                assertEquals("target/" + System.getProperty("viewgate.jar.name"), host);
                assertEquals("/opt/keycloak/providers/viewgate.jar", mounts.group(2));
            } else {
                assertTrue(Files.exists(PROJECT.resolve(host)), host + " exists");
            }
        }
        assertFalse(hostPaths.isEmpty());
        assertTrue(hostPaths.contains("realm-export"), "the demo realm is mounted for --import-realm");
        assertTrue(Files.exists(PROJECT.resolve("realm-export/viewgate-demo-realm.json")));
    }
}
