package dev.viewgate.bench;

import dev.viewgate.it.support.DistributionServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sides of one comparison measured the same way: warm-up rounds of every side (discarded), then measured rounds in
 * alternating order (reversed every other round, so drift during the run weighs on every side alike). Reports each
 * side's median figures as a table and keeps every round in {@code raw/rounds.csv}.
 */
final class Comparison {

    /**
     * One side: a named kind of request against a server. {@code requests} per round, 0 for the settings' number: a
     * side that reads thousands of rows per request sends fewer, or it alone would take an hour (its req/s stays comparable).
     */
    record Side(String name, DistributionServer server, Load.Call call, int requests) {
        Side(String name, DistributionServer server, Load.Call call) {
            this(name, server, call, 0);
        }

        int requests(BenchSettings settings) {
            return requests > 0 ? requests : settings.requests();
        }
    }

    private static final List<String> RAW_HEADER = List.of("comparison", "side", "round", "requests", "threads", "seconds",
            "requests_per_second", "p50_ms", "p99_ms", "cpu_ms_per_request", "postgres_cpu_ms_per_request", "errors");

    private Comparison() {
    }

    /** Runs the comparison {@code title}; returns each side's median sample, in the order of {@code sides}. */
    static Map<String, Load.Sample> run(BenchContext context, String title, List<Side> sides) throws Exception {
        BenchSettings settings = context.settings();
        Report report = context.report();
        for (int round = 1; round <= settings.warmupRounds(); round++) {
            for (Side side : sides) {
                Load.Sample warmup = Load.closed(side.server(), side.requests(settings), settings.threads(), side.call());
                System.out.printf("  warm-up %d %-34s %8.1f req/s  errors %d%n", round, side.name(), warmup.perSecond(),
                        warmup.errors());
                record(report, title, side, "warmup-" + round, warmup, settings);
            }
        }
        Map<String, List<Load.Sample>> samples = new LinkedHashMap<>();
        sides.forEach(side -> samples.put(side.name(), new ArrayList<>()));
        for (int round = 1; round <= settings.rounds(); round++) {
            List<Side> order = new ArrayList<>(sides);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Side side : order) {
                Path recording = settings.jfr() && round == 1 ? recording(settings, title, side) : null;
                if (recording != null) {
                    Jcmd.startRecording(side.server().pid(), recording);
                }
                Load.Sample sample = Load.closed(side.server(), side.requests(settings), settings.threads(), side.call());
                if (recording != null) {
                    Jcmd.stopRecording(side.server().pid());
                    System.out.println("    JFR recording: " + recording);
                }
                samples.get(side.name()).add(sample);
                System.out.printf("  round %d   %-34s %8.1f req/s  p50 %6.2f ms  p99 %7.2f ms  CPU %6.3f ms/req"
                                + "  PostgreSQL %6.3f ms/req  errors %d%n", round, side.name(), sample.perSecond(),
                        sample.p50Millis(), sample.p99Millis(), sample.cpuMillisPerRequest(),
                        sample.postgresCpuMillisPerRequest(), sample.errors());
                if (sample.firstError() != null) {
                    System.out.println("    first error: " + sample.firstError());
                }
                record(report, title, side, Integer.toString(round), sample, settings);
            }
        }
        Map<String, Load.Sample> medians = new LinkedHashMap<>();
        samples.forEach((name, list) -> medians.put(name, Load.Sample.median(list)));
        List<List<String>> rows = new ArrayList<>();
        medians.forEach((name, median) -> rows.add(List.of(name, Report.f("%.1f", median.perSecond()),
                Report.f("%.2f", median.p50Millis()), Report.f("%.2f", median.p99Millis()),
                Report.f("%.3f", median.cpuMillisPerRequest()), Report.f("%.3f", median.postgresCpuMillisPerRequest()),
                Integer.toString(median.errors()),
                samples.get(name).stream().map(s -> Report.f("%.1f", s.perSecond())).toList().toString())));
        report.text(Report.f("%s: %d measured rounds x %d requests, %d client threads, after %d warm-up rounds per side.",
                title, settings.rounds(), settings.requests(), settings.threads(), settings.warmupRounds())
                + sides.stream().filter(side -> side.requests() > 0)
                .map(side -> Report.f(" %s: %d requests a round.", side.name(), side.requests())).reduce("", String::concat));
        report.table(List.of("Side", "req/s (median)", "p50 ms", "p99 ms", "Keycloak CPU ms/request",
                "PostgreSQL CPU ms/request", "errors",
                "req/s per round"), rows);
        return medians;
    }

    /** {@code side / base} of throughput and of CPU per request, as the report states them. */
    static String ratios(Load.Sample side, Load.Sample base) {
        return Report.f("throughput x%.3f, CPU/request x%.3f", side.perSecond() / base.perSecond(),
                side.cpuMillisPerRequest() / base.cpuMillisPerRequest());
    }

    private static Path recording(BenchSettings settings, String title, Side side) throws IOException {
        Path dir = settings.benchDir().resolve("jfr");
        Files.createDirectories(dir);
        return dir.resolve((title + "-" + side.name()).replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("-$", "").toLowerCase(Locale.ROOT) + ".jfr");
    }

    private static void record(Report report, String title, Side side, String round, Load.Sample sample,
                               BenchSettings settings) {
        report.rawRow("rounds", RAW_HEADER, List.of(title, side.name(), round, sample.requests(), settings.threads(),
                sample.seconds(), sample.perSecond(), sample.p50Millis(), sample.p99Millis(), sample.cpuMillisPerRequest(),
                sample.postgresCpuMillisPerRequest(), sample.errors()));
    }
}
