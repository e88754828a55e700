package dev.viewgate.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The physical reference: how many RS256 signatures (SHA256withRSA, 2048-bit key) this JDK makes per second on 1 and
 * 2 threads. Every token Keycloak mints costs one such signature, so no token grant can be faster than this.
 */
final class SigningReference {

    private SigningReference() {
    }

    /** Returns the rate on 2 threads. */
    static double run(BenchContext context) throws Exception {
        Report report = context.report();
        report.section("RS256 signing on this machine (the physical reference)");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        // About the size of the header and payload of an access token Keycloak signs.
        byte[] payload = "x".repeat(900).getBytes(StandardCharsets.US_ASCII);
        rate(keys, payload, 1, 2); // warm-up: the JIT compiles the signing path
        List<List<String>> rows = new ArrayList<>();
        double two = 0;
        for (int threads = 1; threads <= 2; threads++) {
            double perSecond = rate(keys, payload, threads, context.settings().signingSeconds());
            rows.add(List.of(Integer.toString(threads), Report.f("%.0f", perSecond), Report.f("%.3f", 1000.0 * threads / perSecond)));
            report.rawRow("signing", List.of("threads", "signatures_per_second"), List.of(threads, perSecond));
            two = perSecond;
        }
        report.text(Report.f("`Signature.getInstance(\"SHA256withRSA\")` of %s, 2048-bit RSA key, a 900-byte input, "
                + "%d s per thread count after a warm-up.", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"), context.settings().signingSeconds()));
        report.table(List.of("Threads", "Signatures/s", "CPU ms per signature"), rows);
        return two;
    }

    private static double rate(KeyPair keys, byte[] payload, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Long>> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                counts.add(pool.submit(() -> {
                    Signature signature = Signature.getInstance("SHA256withRSA");
                    long count = 0;
                    while (!stop.get()) {
                        signature.initSign(keys.getPrivate());
                        signature.update(payload);
                        signature.sign();
                        count++;
                    }
                    return count;
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
