package dev.viewgate.base;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Dates and instants as clients send them, read strictly: ISO-8601 between the years 0000 and 9999. Java parses far
 * more ({@code +999999999-12-31T23:59:59Z}) than a millisecond clock holds; such input is a client mistake, not a 500.
 */
public final class InstantInput {

    private static final long EARLIEST = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long LATEST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private InstantInput() {
    }

    /** Epoch milliseconds of an ISO-8601 instant ({@code 2026-12-31T23:59:59Z}) within range; empty otherwise. */
    public static Optional<Long> instant(String text) {
        try {
            return inRange(Instant.parse(text).toEpochMilli());
        } catch (DateTimeException | ArithmeticException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * Epoch milliseconds of the first ({@code endOfDay} false) or last millisecond of an ISO-8601 UTC date
     * ({@code 2026-12-31}) within range; empty otherwise.
     */
    public static Optional<Long> day(String text, boolean endOfDay) {
        try {
            LocalDate day = LocalDate.parse(text);
            long start = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            return inRange(endOfDay ? Math.addExact(start, 86_400_000L - 1) : start);
        } catch (DateTimeException | ArithmeticException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> inRange(long millis) {
        return millis >= EARLIEST && millis <= LATEST ? Optional.of(millis) : Optional.empty();
    }
}
