package dev.viewgate.bench;

import dev.viewgate.it.support.DistributionServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the parts of the suite share: settings, the report, copies of the distribution, figures of earlier parts. */
final class BenchContext {

    private final BenchSettings settings;
    private final Report report;
    private final Path distribution = Path.of(System.getProperty("keycloak.server.home"));
    /** The guest exchange's median throughput, once measured: the soak runs at half of it. */
    private double guestExchangeRate;

    BenchContext(BenchSettings settings, Report report) {
        this.settings = settings;
        this.report = report;
    }

    BenchSettings settings() {
        return settings;
    }

    Report report() {
        return report;
    }

    double guestExchangeRate() {
        return guestExchangeRate;
    }

    void guestExchangeRate(double perSecond) {
        guestExchangeRate = perSecond;
    }

    /**
     * Starts Keycloak from its own copy {@code name} of the distribution (built once for its providers and build
     * options), on its own PostgreSQL database, emptied first when {@code fresh}.
     */
    DistributionServer start(String name, String database, DistributionServer.Setup setup, List<String> buildOptions,
                             boolean fresh) throws IOException, InterruptedException {
        Path home = copy(distribution, settings.benchDir().resolve("homes").resolve(name));
        Path workDir = settings.benchDir().resolve("run").resolve(name);
        Files.createDirectories(workDir);
        // Production mode clusters by default: the transport stays on loopback, on a port no other node uses.
        List<String> options = new ArrayList<>(List.of("--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + DistributionServer.freePort()));
        options.addAll(settings.serverOptions());
        return DistributionServer.start(new DistributionServer.Node(home, workDir, 0, database, fresh, options, setup,
                buildOptions));
    }

    /** A private copy of the unpacked distribution, without its data and providers, made once. */
    private static Path copy(Path source, Path target) throws IOException {
        if (Files.exists(target.resolve("bin/kc.sh"))) {
            return target;
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else if (!file.startsWith(source.resolve("data")) && !file.startsWith(source.resolve("providers"))) {
                    Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return target;
    }
}
