package dev.viewgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.viewgate.it.support.Admin;
import dev.viewgate.it.support.DistributionServer;
import dev.viewgate.it.support.Http;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Part 6: a soak at half the measured guest-exchange throughput, paced (open loop: request n is due at n / rate,
 * latency counts from then), of a fixed mix: 5 in 10 guest exchanges, 3 introspections of the latest guest token,
 * 1 access request submitted or updated by a member, 1 read of the deciders' queue (first page + count). Every
 * {@code soakSampleSeconds} the server's heap is measured after a full GC ({@code jcmd GC.run}, {@code GC.heap_info}).
 */
final class SoakBench {

    private static final String[] KINDS = {"guest exchange", "introspection", "access request submit", "queue read"};
    private static final int[] MIX = {0, 0, 0, 0, 0, 1, 1, 1, 2, 3};
    private static final int WORKERS = 16;

    private record HeapSample(double minute, double usedMegabytes, long done, int errors) {
    }

    private SoakBench() {
    }

    static void run(BenchContext context, DistributionServer server) throws Exception {
        BenchSettings settings = context.settings();
        Report report = context.report();
        report.section("6. Soak");
        double rate = settings.soakRate() > 0 ? settings.soakRate() : context.guestExchangeRate() / 2;
        if (rate <= 0) {
            throw new IllegalStateException("No soak rate: run the guest part first or set -Dviewgate.bench.soakRate");
        }
        long durationNanos = settings.soak().toNanos();
        long total = (long) (rate * durationNanos / 1e9);
        Map<Integer, Load.Call> calls = calls(server);

        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[][] latencies = new long[KINDS.length][(int) total + 1];
        AtomicInteger[] counts = new AtomicInteger[KINDS.length];
        Arrays.setAll(counts, k -> new AtomicInteger());
        AtomicInteger done = new AtomicInteger();
        List<HeapSample> heap = new ArrayList<>();
        heap.add(new HeapSample(0, Jcmd.heapAfterGc(server.pid()), 0, 0));
        System.out.printf("  soak: %.1f requests/s for %.1f min (%d requests); heap after full GC at start %.1f MB%n",
                rate, durationNanos / 6e10, total, heap.get(0).usedMegabytes());

        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        sampler.scheduleAtFixedRate(() -> {
            try {
                HeapSample sample = new HeapSample((System.nanoTime() - start) / 6e10, Jcmd.heapAfterGc(server.pid()), done.get(),
                        errors.get());
                synchronized (heap) {
                    heap.add(sample);
                }
                System.out.printf("  %5.1f min  heap after full GC %7.1f MB  %d requests done, %d errors%n",
                        sample.minute(), sample.usedMegabytes(), sample.done(), sample.errors());
            } catch (IOException | RuntimeException e) {
                System.out.println("  heap sample failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, settings.soakSampleSeconds(), settings.soakSampleSeconds(), TimeUnit.SECONDS);
        for (long n = 0; n < total; n++) {
            long wait = start + (long) (n / rate * 1e9) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long due = start + (long) (n / rate * 1e9);
            int kind = MIX[(int) (n % MIX.length)];
            long index = n;
            workers.execute(() -> {
                try {
                    calls.get(kind).call(0, (int) index);
                } catch (Exception | AssertionError e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, KINDS[kind] + ": " + e.getMessage());
                }
                latencies[kind][counts[kind].getAndIncrement()] = System.nanoTime() - due;
                done.incrementAndGet();
            });
        }
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.shutdown();
        sampler.awaitTermination(2, TimeUnit.MINUTES);
        heap.add(new HeapSample(seconds / 60, Jcmd.heapAfterGc(server.pid()), done.get(), errors.get()));

        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            long[] sorted = Arrays.copyOf(latencies[k], counts[k].get());
            Arrays.sort(sorted);
            rows.add(List.of(KINDS[k], Integer.toString(sorted.length), Report.f("%.2f", Load.percentile(sorted, 0.5)),
                    Report.f("%.2f", Load.percentile(sorted, 0.99))));
        }
        for (HeapSample sample : heap) {
            report.rawRow("soak-heap", List.of("minute", "heap_used_after_full_gc_mb", "requests_done", "errors"),
                    List.of(sample.minute(), sample.usedMegabytes(), sample.done(), sample.errors()));
        }
        report.text(Report.f("%.1f requests/s (half of the guest exchange's median) for %.1f minutes: %d requests sent, "
                + "%d answered in %.1f s (%.1f/s), **%d errors**%s. Mix: %s. Latency from the moment a request was due; "
                + "the p99 includes the pauses of the full GCs that the heap samples force.",
                rate, durationNanos / 6e10, total, done.get(), seconds, done.get() / seconds, errors.get(),
                firstError.get() == null ? "" : " (first: " + firstError.get() + ")",
                "5/10 guest exchange, 3/10 introspection of the latest guest token, 1/10 access request submit/update, "
                        + "1/10 queue first page + count"));
        report.table(List.of("Request", "count", "p50 ms", "p99 ms"), rows);
        report.table(List.of("Minute", "Heap used after full GC, MB", "Requests done", "Errors"),
                heap.stream().map(s -> List.of(Report.f("%.1f", s.minute()), Report.f("%.1f", s.usedMegabytes()),
                        Long.toString(s.done()), Integer.toString(s.errors()))).toList());
        // The trend: least-squares slope of the samples taken under load (the one before the load is a baseline).
        List<HeapSample> loaded = heap.subList(1, heap.size());
        double slope = slope(loaded);
        double mean = loaded.stream().mapToDouble(HeapSample::usedMegabytes).average().orElse(Double.NaN);
        double growth = slope * (seconds / 60);
        boolean flat = loaded.size() >= 3 && growth <= 0.05 * mean;
        report.text(Report.f("Trend of the %d samples under load: %+.2f MB/min, %+.1f MB over the soak (%.1f%% of their mean "
                + "%.1f MB)%s. The goal counts as met when that growth stays under 5%% of the mean, with at least 3 samples, "
                + "and no request failed.", loaded.size(), slope, growth, 100 * growth / mean, mean,
                loaded.size() < 3 ? "; too few samples to judge a trend (a smoke-sized soak)" : ""));
        report.goal("Soak: heap after full GC does not grow, no errors", "flat, 0 errors",
                Report.f("%+.1f MB over %.0f min, %d errors", growth, seconds / 60, errors.get()), flat && errors.get() == 0);
    }

    private static Map<Integer, Load.Call> calls(DistributionServer server) {
        Http http = new Http(server);
        String tokenUrl = GuestExchangeBench.tokenUrl(server);
        Map<String, String> guest = GuestExchangeBench.guestForm(server, http);
        AtomicReference<String> lastGuestToken = new AtomicReference<>();
        Load.Call exchange = (t, i) -> lastGuestToken.set(Admin.expect(http.postForm(tokenUrl, guest), 200).json()
                .get("access_token").asText());
        try {
            exchange.call(0, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> members = List.of("nora", "vera", "eric", "bob");
        List<TokenSource> memberTokens = members.stream()
                .map(m -> new TokenSource(() -> http.memberToken(m), Duration.ofSeconds(60))).toList();
        TokenSource decider = new TokenSource(() -> http.memberToken("ada"), Duration.ofSeconds(60));
        String requests = server.viewgateUrl() + "/access-requests";
        return Map.of(
                0, exchange,
                1, (t, i) -> {
                    JsonNode answer = Admin.expect(http.postForm(tokenUrl + "/introspect", Map.of("client_id", "demo-app",
                            "client_secret", "demo-app-secret", "token", lastGuestToken.get())), 200).json();
                    if (!answer.path("active").asBoolean()) {
                        throw new AssertionError("guest token introspected as inactive: " + answer);
                    }
                },
                2, (t, i) -> {
                    TokenSource member = memberTokens.get(i % members.size());
                    Http.Result result;
                    // A member sends one request at a time, as a person at a form does. Two first submissions of one
                    // member at once are a race the API answers with a documented 409, which the ITs cover.
                    synchronized (member) {
                        result = http.postJson(requests, member.get(), Map.of("desiredRole", "builder", "message", "soak " + i));
                    }
                    if (result.status() != 200 && result.status() != 201) {
                        throw new AssertionError("access request answered " + result.status() + ": " + result.body());
                    }
                },
                3, (t, i) -> {
                    Admin.expect(http.get(requests + "?status=PENDING&first=0&max=20", decider.get()), 200);
                    Admin.expect(http.get(requests + "/count?status=PENDING", decider.get()), 200);
                });
    }

    private static double slope(List<HeapSample> samples) {
        double n = samples.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (HeapSample s : samples) {
            sx += s.minute();
            sy += s.usedMegabytes();
            sxx += s.minute() * s.minute();
            sxy += s.minute() * s.usedMegabytes();
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? Double.NaN : (n * sxy - sx * sy) / denominator;
    }
}
