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

/**
 * The unpacked Keycloak distribution started as a child process with the freshly built jar and the demo realm:
 * free ports on 127.0.0.1, H2 in memory or PostgreSQL at 127.0.0.1:5432 ({@code -Dviewgate.it.db=postgres}),
 * ready when {@code /health/ready} says so, log in {@code target/it/keycloak.log}, stopped by PID.
 */
public final class DistributionServer implements KeycloakServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final String POSTGRES_DATABASE = "viewgate_it";

    private final Process process;
    private final String baseUrl;
    private final Path pidFile;
    private final Path log;

    private DistributionServer(Process process, String baseUrl, Path pidFile, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.pidFile = pidFile;
        this.log = log;
    }

    static DistributionServer start() throws IOException, InterruptedException {
        return start(Path.of(required("keycloak.server.home")), Path.of(required("viewgate.it.workdir")), List.of());
    }

    /** Starts the distribution unpacked at {@code home}, logging into {@code workDir}, with extra server options. */
    public static DistributionServer start(Path home, Path workDir, List<String> extraOptions)
            throws IOException, InterruptedException {
        Path pidFile = workDir.resolve("keycloak.pid");
        Path log = workDir.resolve("keycloak.log");
        killLeftover(pidFile, home);

        installIfChanged(Path.of(required("viewgate.jar")), home.resolve("providers/viewgate.jar"));
        installIfChanged(Path.of(required("viewgate.realm.file")), home.resolve("data/import/viewgate-demo-realm.json"));
        Path probe = workDir.resolve("viewgate-it-probe.jar");
        Files.write(probe, ProbeJar.bytes());
        installIfChanged(probe, home.resolve("providers/viewgate-it-probe.jar"));

        int httpPort = freePort();
        int managementPort = freePort();
        boolean production = "production".equals(System.getProperty("viewgate.it.mode", "dev"));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        if (production) {
            build(home, log);
            command.addAll(List.of("start", "--optimized", "--http-enabled=true", "--hostname-strict=false"));
        } else {
            command.add("start-dev");
        }
        command.addAll(List.of("--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--import-realm"));
        if (!production) {
            command.add("--health-enabled=true");
        }
        command.addAll(databaseOptions(production));
        command.addAll(extraOptions);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"));
        Process process = builder.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        DistributionServer server = new DistributionServer(process, "http://127.0.0.1:" + httpPort, pidFile, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        server.awaitReady("http://127.0.0.1:" + managementPort + "/health/ready", log);
        return server;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    /** CPU time the server's processes (the start script and its JVM) have used so far. */
    public java.time.Duration cpuTime() {
        ProcessHandle root = process.toHandle();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
                .map(p -> p.info().totalCpuDuration().orElse(java.time.Duration.ZERO))
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
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

    private void awaitReady(String readyUrl, Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(5)).build();
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
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        stop();
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /**
     * Production mode, as Keycloak is run in production: {@code kc.sh build} with the build-time options (database
     * vendor, health), then {@code start --optimized}. Only with PostgreSQL: production mode has no embedded database.
     */
    private static void build(Path home, Path log) throws IOException, InterruptedException {
        if (!"postgres".equals(System.getProperty("viewgate.it.db", "h2"))) {
            throw new IllegalArgumentException("-Dviewgate.it.mode=production needs -Dviewgate.it.db=postgres");
        }
        Process build = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--health-enabled=true")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!build.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("kc.sh build failed:\n" + tail(log));
        }
    }

    private static List<String> databaseOptions(boolean production) {
        String db = System.getProperty("viewgate.it.db", "h2");
        return switch (db) {
            case "h2" -> List.of("--db=dev-mem");
            case "postgres" -> {
                recreatePostgresDatabase();
                List<String> options = new ArrayList<>(List.of("--db-url=jdbc:postgresql://127.0.0.1:5432/" + POSTGRES_DATABASE,
                        "--db-username=postgres", "--db-password=postgres"));
                if (!production) {
                    options.add("--db=postgres"); // a build-time option: part of kc.sh build in production mode
                }
                yield options;
            }
            default -> throw new IllegalArgumentException("viewgate.it.db must be h2 or postgres, not " + db);
        };
    }

    private static void recreatePostgresDatabase() {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + POSTGRES_DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + POSTGRES_DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed for -Dviewgate.it.db=postgres", e);
        }
    }

    /** Copies only changed bytes: Keycloak re-augments whenever a provider's modification time changes. */
    private static void installIfChanged(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (!Files.exists(target) || Files.mismatch(source, target) != -1) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
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

    static int freePort() throws IOException {
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
