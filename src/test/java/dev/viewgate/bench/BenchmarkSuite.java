package dev.viewgate.bench;

import dev.viewgate.it.support.DistributionServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark suite (not a test): Viewgate's hot paths against Keycloak's own, as ratios measured in one run on
 * one machine, against Keycloak 26.7.3 on PostgreSQL in production mode. Writes {@code BENCHMARKS.md}. Run it with
 * {@code bench/run.sh}; sizes are system properties (see {@link BenchSettings}).
 */
public final class BenchmarkSuite {

    private static final String DATABASE = "viewgate_bench";
    private static final String DATABASE_LISTENER_OFF = "viewgate_bench_noaudit";
    /** An arbitrary key of PostgreSQL's advisory locks, held for the run. */
    private static final long RUN_LOCK = 0x76676265L;

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws Exception {
        // What the issue asks for, unless told otherwise: PostgreSQL, production mode (kc.sh build + start --optimized).
        System.setProperty("viewgate.it.db", System.getProperty("viewgate.it.db", "postgres"));
        System.setProperty("viewgate.it.mode", System.getProperty("viewgate.it.mode", "production"));
        BenchSettings settings = BenchSettings.fromSystemProperties();
        try (Connection lock = holdRunLock()) {
            run(settings);
        }
    }

    /**
     * The suite empties and reuses fixed databases (viewgate_bench*): a second run at the same time would wreck the
     * first one's figures, so it stops here. PostgreSQL frees the lock when this connection closes, however the run ends.
     */
    private static Connection holdRunLock() throws SQLException {
        Connection connection = DriverManager.getConnection(DistributionServer.postgresUrl("postgres"), "postgres", "");
        try (ResultSet locked = connection.createStatement().executeQuery("select pg_try_advisory_lock(" + RUN_LOCK + ")")) {
            if (!locked.next() || !locked.getBoolean(1)) {
                connection.close();
                throw new IllegalStateException("Another benchmark run uses the viewgate_bench databases on this machine");
            }
        }
        return connection;
    }

    private static void run(BenchSettings settings) throws Exception {
        Report report = new Report(settings);
        BenchContext context = new BenchContext(settings, report);
        describeMachine(report, settings);
        report.write();

        double signatures = SigningReference.run(context);
        report.write();
        part(context, "startup", () -> StartupBench.run(context));
        DistributionServer server = context.start("viewgate", DATABASE, DistributionServer.Setup.VIEWGATE, List.of(), true);
        try {
            report.machine("Keycloak", keycloakVersion(server.log()) + ", JVM " + jvmOf(server));
            // First, while the server is as fresh as the one without the listener: both get the same warm-up.
            part(context, "audit", () -> {
                DistributionServer off = context.start("viewgate-listener-off", DATABASE_LISTENER_OFF,
                        DistributionServer.Setup.VIEWGATE, AuditListenerBench.LISTENER_OFF, true);
                try {
                    AuditListenerBench.run(context, server, off);
                } finally {
                    off.stop();
                }
            });
            part(context, "guest", () -> GuestExchangeBench.run(context, server, signatures));
            part(context, "viewas", () -> ViewAsRefreshBench.run(context, server));
            part(context, "queue", () -> {
                AccessRequestQueueBench.run(context, server, DATABASE);
                ConsoleListsBench.run(context, server, DATABASE);
            });
            part(context, "soak", () -> SoakBench.run(context, server));
        } finally {
            server.stop();
        }
        report.write();
        System.out.println("Report written to " + settings.report());
    }

    private interface Part {
        void run() throws Exception;
    }

    /** Runs a part unless {@code -Dviewgate.bench.parts} leaves it out; the report is rewritten after each. */
    private static void part(BenchContext context, String name, Part part) throws Exception {
        if (context.settings().runs(name)) {
            part.run();
            context.report().write();
        }
    }

    private static void describeMachine(Report report, BenchSettings settings) throws IOException, InterruptedException {
        report.machine("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        report.machine("Memory", memory());
        report.machine("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        report.machine("Load driver JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.machine("Load average at start (1, 5, 15 min)", Files.readString(Path.of("/proc/loadavg")).strip()
                .replaceAll("^(\\S+) (\\S+) (\\S+).*", "$1, $2, $3")
                + " (other work on the machine shows here and weighs on every figure)");
        report.machine("PostgreSQL", postgresVersion());
        report.machine("Database, mode", System.getProperty("viewgate.it.db") + ", " + System.getProperty("viewgate.it.mode"));
        report.machine("Viewgate commit", command(settings.projectDir(), "git", "rev-parse", "--short", "HEAD").strip()
                + (command(settings.projectDir(), "git", "status", "--porcelain", "--untracked-files=no").isBlank()
                ? "" : " (with uncommitted changes)"));
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    }

    private static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Report.f("%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                .findFirst().orElse("unknown");
    }

    private static String postgresVersion() {
        try (Connection db = DriverManager.getConnection(DistributionServer.postgresUrl("postgres"), "postgres", "");
             ResultSet version = db.createStatement().executeQuery("select version()")) {
            version.next();
            return version.getString(1) + ", 127.0.0.1:5432";
        } catch (SQLException e) {
            return "not reachable: " + e.getMessage();
        }
    }

    private static String keycloakVersion(String log) {
        Matcher matcher = Pattern.compile("(Keycloak [0-9.]+) on JVM \\(powered by (Quarkus [0-9.]+)\\)").matcher(log);
        return matcher.find() ? matcher.group(1) + " (" + matcher.group(2) + ")" : "unknown version";
    }

    /** The {@code java -version} of the binary the server runs on (no attach: that may time out on a busy machine). */
    private static String jvmOf(DistributionServer server) throws IOException, InterruptedException {
        String java = ProcessHandle.of(server.pid()).flatMap(p -> p.info().command()).filter(c -> c.endsWith("/java"))
                .orElse("java");
        List<String> lines = command(null, java, "-version").lines().toList();
        return java + ": " + (lines.isEmpty() ? "unknown" : lines.get(lines.size() - 1).strip());
    }

    private static String command(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
