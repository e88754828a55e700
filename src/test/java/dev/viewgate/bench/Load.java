package dev.viewgate.bench;

import dev.viewgate.it.support.DistributionServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * The load driver: a bounded number of requests over a fixed number of client threads, each sending its next request
 * when the previous one is answered (closed loop), to one server on loopback. Times every request and reads the
 * server's CPU time before and after.
 */
final class Load {

    /** One request; throws when the answer is not the expected one (that request counts as an error). */
    interface Call {
        void call(int thread, int index) throws Exception;
    }

    /** The figures of one measured run. Latencies in milliseconds, CPU of the Keycloak process per request. */
    record Sample(int requests, int errors, double seconds, double perSecond, double p50Millis, double p99Millis,
                  double cpuMillisPerRequest, double postgresCpuMillisPerRequest, String firstError) {

        /** Each figure the median of the samples' figures (errors are summed). */
        static Sample median(List<Sample> samples) {
            return new Sample(samples.get(0).requests(), samples.stream().mapToInt(Sample::errors).sum(),
                    Load.median(samples, Sample::seconds), Load.median(samples, Sample::perSecond),
                    Load.median(samples, Sample::p50Millis), Load.median(samples, Sample::p99Millis),
                    Load.median(samples, Sample::cpuMillisPerRequest),
                    Load.median(samples, Sample::postgresCpuMillisPerRequest),
                    samples.stream().map(Sample::firstError).filter(e -> e != null).findFirst().orElse(null));
        }
    }

    private Load() {
    }

    /** {@code requests} calls spread over {@code threads} client threads; returns when all are answered. */
    static Sample closed(DistributionServer server, int requests, int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long[][] latencies = new long[threads][];
        try {
            Duration cpuBefore = server.cpuTime();
            Duration postgresBefore = postgresCpuTime();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                int count = requests / threads + (t < requests % threads ? 1 : 0);
                latencies[t] = new long[count];
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < count; i++) {
                        long sent = System.nanoTime();
                        try {
                            call.call(thread, i);
                        } catch (Exception | AssertionError e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, String.valueOf(e.getMessage()));
                        }
                        latencies[thread][i] = System.nanoTime() - sent;
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMillis = server.cpuTime().minus(cpuBefore).toNanos() / 1e6;
            double postgresMillis = postgresCpuTime().minus(postgresBefore).toNanos() / 1e6;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            return new Sample(requests, errors.get(), seconds, requests / seconds, percentile(all, 0.50),
                    percentile(all, 0.99), cpuMillis / requests, postgresMillis / requests, firstError.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * CPU time of every PostgreSQL process on the machine (server and backends; a backend that ends meanwhile is
     * missed): what the database spent for the requests, as long as nothing else uses it.
     */
    static Duration postgresCpuTime() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The nearest-rank percentile of sorted nanosecond latencies, in milliseconds. */
    static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
        List<Double> sorted = new ArrayList<>(values.stream().map(figure::applyAsDouble).toList());
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
