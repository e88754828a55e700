package dev.viewgate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The suite's sizes, from system properties ({@code -Dviewgate.bench.<name>=...}); the defaults are the full run.
 * {@code serverOptions} (space-separated) are added to every Keycloak start, e.g. for SQL logging while looking into a
 * figure; {@code jfr=true} records each side's first measured round with JFR into {@code target/bench/jfr} (read them
 * with {@link JfrTop}). Smoke runs shrink them, e.g. {@code -Dviewgate.bench.requests=300 -Dviewgate.bench.rounds=3 -Dviewgate.bench.soakMinutes=1}.
 */
record BenchSettings(int rounds, int warmupRounds, int requests, int threads, int queueRequests, int queueUsers,
                     int queuePending, int queueGrants, int queueAudit, int queueViewAs, int startupRounds,
                     double soakMinutes, double soakRate, int soakSampleSeconds,
                     int signingSeconds, String parts, List<String> serverOptions, boolean jfr, Path projectDir,
                     Path benchDir, Path report) {

    static BenchSettings fromSystemProperties() {
        return from(name -> System.getProperty("viewgate.bench." + name));
    }

    /** The settings that {@code p} gives for a name without the prefix (null where it is not set). */
    private static BenchSettings from(Function<String, String> p) {
        int queueRequests = integer(p, "queueRequests", 1_000_000);
        int queueGrants = integer(p, "queueGrants", 100_000);
        return new BenchSettings(
                integer(p, "rounds", 5),
                integer(p, "warmupRounds", 5),
                integer(p, "requests", 2000),
                integer(p, "threads", 4),
                queueRequests,
                integer(p, "queueUsers", 1_000_000),
                integer(p, "queuePending", 100_000),
                queueGrants,
                // one row per seeded request and grant, unless told otherwise
                integer(p, "queueAudit", queueRequests + queueGrants),
                integer(p, "queueViewAs", 100),
                integer(p, "startupRounds", 3),
                Double.parseDouble(Objects.requireNonNullElse(p.apply("soakMinutes"), "30")),
                Double.parseDouble(Objects.requireNonNullElse(p.apply("soakRate"), "0")),
                integer(p, "soakSampleSeconds", 60),
                integer(p, "signingSeconds", 10),
                Objects.requireNonNullElse(p.apply("parts"), "all"),
                Stream.of(Objects.requireNonNullElse(p.apply("serverOptions"), "").split(" ")).filter(o -> !o.isBlank()).toList(),
                Boolean.parseBoolean(p.apply("jfr")),
                path(p, "project", "."),
                path(p, "dir", "target/bench"),
                path(p, "report", "BENCHMARKS.md"));
    }

    private static int integer(Function<String, String> property, String name, int otherwise) {
        String value = property.apply(name);
        return value == null ? otherwise : Integer.parseInt(value.strip());
    }

    private static Path path(Function<String, String> property, String name, String otherwise) {
        return Path.of(Objects.requireNonNullElse(property.apply(name), otherwise)).toAbsolutePath().normalize();
    }

    /** Whether every size is at least the full run's default and every part runs. */
    boolean full() {
        BenchSettings defaults = from(name -> null);
        return rounds >= defaults.rounds && warmupRounds >= defaults.warmupRounds && requests >= defaults.requests
                && queueRequests >= defaults.queueRequests && queueUsers >= defaults.queueUsers
                && queueGrants >= defaults.queueGrants && queueAudit >= defaults.queueAudit
                && queueViewAs >= defaults.queueViewAs
                && startupRounds >= defaults.startupRounds && soakMinutes >= defaults.soakMinutes
                && signingSeconds >= defaults.signingSeconds && parts.equals("all");
    }

    /** Whether {@code part} runs: {@code -Dviewgate.bench.parts=guest,queue} runs only those (default: all). */
    boolean runs(String part) {
        return parts.equals("all") || java.util.Arrays.asList(parts.split(",")).contains(part);
    }

    Duration soak() {
        return Duration.ofMillis((long) (soakMinutes * 60_000));
    }

    /** The settings as the report lists them. */
    Map<String, Object> describe() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rounds (measured, alternating)", rounds);
        settings.put("warm-up rounds (discarded)", warmupRounds);
        settings.put("requests per round", requests);
        settings.put("client threads (closed loop)", threads);
        settings.put("access requests seeded", queueRequests);
        settings.put("users seeded in the realm", queueUsers);
        settings.put("of the requests pending", queuePending);
        settings.put("guest grants seeded (the console's guest links)", queueGrants);
        settings.put("audit rows seeded (sealed, one hash chain)", queueAudit);
        settings.put("view-as sessions started for the console's list", queueViewAs);
        settings.put("starts per variant", startupRounds);
        settings.put("soak minutes", soakMinutes);
        settings.put("soak rate (0 = half the guest exchange)", soakRate);
        settings.put("heap sample every (s)", soakSampleSeconds);
        settings.put("signing seconds per thread count", signingSeconds);
        settings.put("parts", parts);
        settings.put("JFR recording of each side's first measured round", jfr);
        settings.put("extra Keycloak runtime options", serverOptions.isEmpty() ? "none" : String.join(" ", serverOptions));
        return settings;
    }
}
