package dev.viewgate.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unpacked Keycloak distribution started as a child process with the freshly built jar and the demo realm:
 * free ports on 127.0.0.1, H2 in memory or PostgreSQL at 127.0.0.1:5432 ({@code -Dviewgate.it.db=postgres}),
 * ready when {@code /health/ready} says so, log in {@code target/it/keycloak.log}, stopped by PID.
 */
public final class DistributionServer implements KeycloakServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** -Dviewgate.it.pgDatabase lets two checkouts run the PostgreSQL ITs at once. */
    private static final String POSTGRES_DATABASE = System.getProperty("viewgate.it.pgDatabase", "viewgate_it");
    /** What the last {@code kc.sh build} in a home was run with. */
    private static final String BUILD_MARKER = "data/viewgate-last-build.txt";

    private final Process process;
    private final String baseUrl;
    private final String managementUrl;
    private final Path pidFile;
    private final Path log;
    private Duration startupTime;

    private DistributionServer(Process process, String baseUrl, String managementUrl, Path pidFile, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.pidFile = pidFile;
        this.log = log;
    }

    /** What a node's home holds besides Keycloak itself. */
    public enum Setup {
        /** The Viewgate jar, the test probe and the demo realm (imported at start): what the ITs run against. */
        TEST(true, true, true),
        /** The Viewgate jar and the demo realm, no test probe: Viewgate as deployed. */
        VIEWGATE(true, false, true),
        /** The Viewgate jar alone, no realm import. */
        VIEWGATE_JAR(true, false, false),
        /** Keycloak as shipped: no provider, no realm import. */
        PLAIN(false, false, false);

        private final boolean jar;
        private final boolean probe;
        private final boolean realm;

        Setup(boolean jar, boolean probe, boolean realm) {
            this.jar = jar;
            this.probe = probe;
            this.realm = realm;
        }
    }

    /**
     * One node: its own unpacked distribution and log directory, its HTTP port (0 picks a free one), its PostgreSQL
     * database and whether that starts empty (a node joining a cluster or restarting after a crash keeps it), extra options,
     * what the home holds, and build-time options (of {@code kc.sh build} in production mode, of the start in dev mode).
     */
    public record Node(Path home, Path workDir, int httpPort, String postgresDatabase, boolean freshDatabase,
            List<String> options, Setup setup, List<String> buildOptions) {
        public Node {
            if (!postgresDatabase.matches("[a-z_]+")) {
                throw new IllegalArgumentException("PostgreSQL database: lower-case letters and _ only, not " + postgresDatabase);
            }
        }

        /** A node as the ITs run it: {@link Setup#TEST}, no extra build-time options. */
        public Node(Path home, Path workDir, int httpPort, String postgresDatabase, boolean freshDatabase,
                List<String> options) {
            this(home, workDir, httpPort, postgresDatabase, freshDatabase, options, Setup.TEST, List.of());
        }
    }

    static DistributionServer start() throws IOException, InterruptedException {
        return start(Path.of(required("keycloak.server.home")), Path.of(required("viewgate.it.workdir")), List.of());
    }

    /** Starts the distribution unpacked at {@code home}, logging into {@code workDir}, with extra server options. */
    public static DistributionServer start(Path home, Path workDir, List<String> extraOptions)
            throws IOException, InterruptedException {
        return start(new Node(home, workDir, 0, POSTGRES_DATABASE, true, extraOptions));
    }

    public static DistributionServer start(Node node) throws IOException, InterruptedException {
        Path home = node.home();
        Path workDir = node.workDir();
        Path pidFile = workDir.resolve("keycloak.pid");
        Path log = workDir.resolve("keycloak.log");
        killLeftover(pidFile, home);

        Setup setup = node.setup();
        boolean providersChanged = place(setup.jar ? Path.of(required("viewgate.jar")) : null,
                home.resolve("providers/viewgate.jar"));
        place(setup.realm ? Path.of(required("viewgate.realm.file")) : null,
                home.resolve("data/import/viewgate-demo-realm.json"));
        Path probe = null;
        if (setup.probe) {
            probe = workDir.resolve("viewgate-it-probe.jar");
            Files.write(probe, ProbeJar.bytes());
        }
        providersChanged |= place(probe, home.resolve("providers/viewgate-it-probe.jar"));

        int httpPort = node.httpPort() == 0 ? freePort() : node.httpPort();
        int managementPort = freePort();
        boolean production = "production".equals(System.getProperty("viewgate.it.mode", "dev"));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        if (production) {
            buildIfNeeded(home, log, providersChanged, node.buildOptions());
            command.addAll(List.of("start", "--optimized", "--http-enabled=true", "--hostname-strict=false"));
        } else {
            command.add("start-dev");
            Files.deleteIfExists(home.resolve(BUILD_MARKER)); // start-dev re-augments: the next production start builds
        }
        command.addAll(List.of("--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort));
        if (setup.realm) {
            command.add("--import-realm");
        }
        if (!production) {
            command.add("--health-enabled=true");
            command.addAll(node.buildOptions());
        }
        command.addAll(databaseOptions(production, node));
        command.addAll(node.options());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        long started = System.nanoTime();
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        DistributionServer server = new DistributionServer(process, "http://127.0.0.1:" + httpPort,
                "http://127.0.0.1:" + managementPort, pidFile, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitReady(log);
        server.startupTime = Duration.ofNanos(System.nanoTime() - started);
        return server;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    /** From the start of {@code kc.sh start} to the first 200 of {@code /health/ready} (polled every 100 ms). */
    public Duration startupTime() {
        return startupTime;
    }

    /** The server's JVM (a child of {@code kc.sh}), for jcmd. */
    public long pid() {
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle()).pid();
    }

    /** CPU time the server's processes (the start script and its JVM) have used so far. */
    public Duration cpuTime() {
        ProcessHandle root = process.toHandle();
        return Stream.concat(Stream.of(root), root.descendants())
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String log() {
        return read(log);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code http://127.0.0.1:<management port>}: health and metrics. */
    public String managementUrl() {
        return managementUrl;
    }

    /** kill -9 of the JVM (and of the start script, when it is a separate process): no shutdown hook, no flush. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(pidFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl + "/health/ready")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the management interface is not up yet
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /**
     * Production mode, as Keycloak is run in production: {@code kc.sh build} with the build-time options (database
     * vendor, health), then {@code start --optimized}. Only with PostgreSQL: production mode has no embedded database.
     * The build is skipped when the providers and options are those of the last build in this home.
     */
    private static void buildIfNeeded(Path home, Path log, boolean providersChanged, List<String> buildOptions)
            throws IOException, InterruptedException {
        if (!"postgres".equals(System.getProperty("viewgate.it.db", "h2"))) {
            throw new IllegalArgumentException("-Dviewgate.it.mode=production needs -Dviewgate.it.db=postgres");
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres",
                "--health-enabled=true"));
        command.addAll(buildOptions);
        Path marker = home.resolve(BUILD_MARKER);
        if (!providersChanged && Files.exists(marker) && Files.readString(marker).equals(command.toString())) {
            return;
        }
        Files.deleteIfExists(marker);
        Process build = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!build.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed:\n" + tail(log));
        }
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, command.toString());
    }

    private static List<String> databaseOptions(boolean production, Node node) {
        String db = System.getProperty("viewgate.it.db", "h2");
        return switch (db) {
            case "h2" -> List.of("--db=dev-mem");
            case "postgres" -> {
                if (node.freshDatabase()) {
                    recreatePostgresDatabase(node.postgresDatabase());
                }
                List<String> options = new ArrayList<>(List.of("--db-url=" + postgresUrl(node.postgresDatabase()),
                        "--db-username=postgres", "--db-password=postgres"));
                if (!production) {
                    options.add("--db=postgres"); // a build-time option: part of kc.sh build in production mode
                }
                yield options;
            }
            default -> throw new IllegalArgumentException("viewgate.it.db must be h2 or postgres, not " + db);
        };
    }

    public static String postgresUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    private static void recreatePostgresDatabase(String database) {
        try (Connection connection = DriverManager.getConnection(postgresUrl("postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for -Dviewgate.it.db=postgres", e);
        }
    }

    /**
     * Copies only changed bytes (Keycloak re-augments whenever a provider's modification time changes), or removes the
     * target when {@code source} is null; true if that changed the target.
     */
    private static boolean place(Path source, Path target) throws IOException {
        if (source == null) {
            return Files.deleteIfExists(target);
        }
        Files.createDirectories(target.getParent());
        if (!Files.exists(target) || Files.mismatch(source, target) != -1) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        return false;
    }

    /** A server left running by a test JVM that was killed would hold the database; stop it by its PID. */
    private static void killLeftover(Path pidFile, Path home) throws IOException {
        if (!Files.exists(pidFile)) {
            Files.createDirectories(pidFile.getParent());
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid)
                .filter(handle -> handle.info().commandLine().orElse("").contains(home.toString()))
                .ifPresent(handle -> {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
            handle.onExit().join();
        });
        Files.delete(pidFile);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set: run the ITs through Maven (mvn verify)");
        }
        return value;
    }
}
