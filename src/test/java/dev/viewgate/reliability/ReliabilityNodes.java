package dev.viewgate.reliability;

import dev.viewgate.it.support.DistributionServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keycloak nodes for the reliability suite: production mode on PostgreSQL (database {@value #DATABASE}, apart from the
 * ITs' own), each node in its own copy of the distribution, clustered over loopback only (jdbc-ping through that
 * database, the transport bound to 127.0.0.1 on a free port).
 */
final class ReliabilityNodes {

    static final String DATABASE = "viewgate_reliability";
    static final String REALM = "viewgate-demo";

    private ReliabilityNodes() {
    }

    /** The suite's working directory: {@code target/reliability}. */
    static Path dir() {
        return Path.of(System.getProperty("viewgate.reliability.dir", "target/reliability")).toAbsolutePath();
    }

    static String jdbcUrl() {
        return DistributionServer.postgresUrl(DATABASE);
    }

    /** A node named {@code name} (its own copy of the distribution), on the given HTTP port (0: any free one). */
    static DistributionServer start(String name, Path workDir, int httpPort, boolean freshDatabase, List<String> options)
            throws IOException, InterruptedException {
        if (!"postgres".equals(System.getProperty("viewgate.it.db")) || !"production".equals(System.getProperty("viewgate.it.mode"))) {
            throw new IllegalStateException("The reliability suite runs on PostgreSQL in production mode: mvn -Preliability verify");
        }
        List<String> all = new ArrayList<>(List.of("--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + DistributionServer.freePort()));
        all.addAll(options);
        return DistributionServer.start(new DistributionServer.Node(home(name), workDir, httpPort, DATABASE, freshDatabase, all));
    }

    /** {@code target/reliability/keycloak-<name>}: a copy of the ITs' unpacked distribution, made once
     * (a partial copy of an interrupted run is copied over). */
    private static Path home(String name) throws IOException {
        Path source = Path.of(System.getProperty("keycloak.server.home"));
        Path home = dir().resolve("keycloak-" + name);
        if (Files.exists(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path partial = dir().resolve("keycloak-" + name + ".partial");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = partial.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!source.relativize(file).startsWith("data")) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.move(partial, home);
        return home;
    }
}
