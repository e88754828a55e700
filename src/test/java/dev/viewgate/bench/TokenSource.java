package dev.viewgate.bench;

import java.time.Duration;
import java.util.function.Supplier;

/** An access token fetched again once it is {@code maxAge} old, well before it expires (the master admin's lives 60 s). */
final class TokenSource implements Supplier<String> {

    private final Supplier<String> fetch;
    private final long maxAgeNanos;
    private String token;
    private long fetchedAt;

    TokenSource(Supplier<String> fetch, Duration maxAge) {
        this.fetch = fetch;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public synchronized String get() {
        if (token == null || System.nanoTime() - fetchedAt > maxAgeNanos) {
            token = fetch.get();
            fetchedAt = System.nanoTime();
        }
        return token;
    }
}
