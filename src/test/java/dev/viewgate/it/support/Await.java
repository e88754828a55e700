package dev.viewgate.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition by polling it, with a deadline; never a blind sleep. */
public final class Await {

    private Await() {
    }

    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> condition, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T value = probe.get();
        while (!condition.test(value)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last value: " + value);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = probe.get();
        }
        return value;
    }
}
