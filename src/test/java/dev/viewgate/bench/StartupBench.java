package dev.viewgate.bench;

import dev.viewgate.it.support.DistributionServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 5: time to ready with and without the Viewgate jar. Two copies of the distribution, each built once
 * ({@code kc.sh build}), each on its own database, no realm import. A first start of each migrates its empty database
 * (discarded); then alternating restarts, timed from {@code kc.sh start --optimized} to the first 200 of
 * {@code /health/ready}, and Quarkus' own "started in" figure from the log.
 */
final class StartupBench {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private record Variant(String name, String home, String database, DistributionServer.Setup setup) {
    }

    private StartupBench() {
    }

    static void run(BenchContext context) throws Exception {
        Report report = context.report();
        report.section("5. Start-up with and without the Viewgate jar");
        List<Variant> variants = List.of(
                new Variant("without Viewgate", "startup-plain", "viewgate_bench_start_plain", DistributionServer.Setup.PLAIN),
                new Variant("with Viewgate", "startup-viewgate", "viewgate_bench_start_viewgate", DistributionServer.Setup.VIEWGATE_JAR));
        for (Variant variant : variants) {
            DistributionServer first = context.start(variant.home(), variant.database(), variant.setup(), List.of(), true);
            first.stop();
            System.out.printf("  first start %-18s %.1f s (build, database migration; discarded)%n", variant.name(),
                    first.startupTime().toMillis() / 1000.0);
        }
        Map<String, List<double[]>> starts = new LinkedHashMap<>();
        variants.forEach(v -> starts.put(v.name(), new ArrayList<>()));
        for (int round = 1; round <= context.settings().startupRounds(); round++) {
            List<Variant> order = new ArrayList<>(variants);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Variant variant : order) {
                DistributionServer server = context.start(variant.home(), variant.database(), variant.setup(), List.of(), false);
                double ready = server.startupTime().toMillis() / 1000.0;
                double quarkus = quarkusStarted(server.log());
                server.stop();
                starts.get(variant.name()).add(new double[] {ready, quarkus});
                System.out.printf("  start %d  %-18s ready after %.2f s (Quarkus: started in %.3f s)%n", round, variant.name(),
                        ready, quarkus);
                report.rawRow("startup", List.of("variant", "round", "ready_seconds", "quarkus_started_seconds"),
                        List.of(variant.name(), round, ready, quarkus));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        Map<String, double[]> medians = new LinkedHashMap<>();
        starts.forEach((name, list) -> {
            double ready = Load.median(list, s -> s[0]);
            double quarkus = Load.median(list, s -> s[1]);
            medians.put(name, new double[] {ready, quarkus});
            rows.add(List.of(name, Report.f("%.2f", ready), Report.f("%.3f", quarkus),
                    list.stream().map(s -> Report.f("%.2f", s[0])).toList().toString()));
        });
        report.text(Report.f("%d alternating restarts per variant on an existing database, after a first start each "
                + "(discarded).", context.settings().startupRounds()));
        report.table(List.of("Variant", "Time to /health/ready, s (median)", "Quarkus \"started in\", s (median)",
                "Time to ready per start"), rows);
        double ratio = medians.get("with Viewgate")[0] / medians.get("without Viewgate")[0];
        double quarkusRatio = medians.get("with Viewgate")[1] / medians.get("without Viewgate")[1];
        report.text(Report.f("With / without: time to ready x%.3f, Quarkus start x%.3f.", ratio, quarkusRatio));
        report.goal("Start-up time to ready, with / without the jar", "<= 1.10x", Report.f("%.3fx", ratio), ratio <= 1.10);
    }

    private static double quarkusStarted(String log) {
        Matcher matcher = STARTED.matcher(log);
        double seconds = Double.NaN;
        while (matcher.find()) {
            seconds = Double.parseDouble(matcher.group(1));
        }
        return seconds;
    }
}
