package dev.viewgate.demo;

import static dev.viewgate.demo.Html.esc;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Dates as people read them. Viewgate speaks ISO-8601 UTC; pages show "3 Dec 2026, 08:17 UTC" inside a
 * {@code <time>} element whose {@code datetime} and {@code title} keep the exact instant, and /static/app.js rewrites
 * the text into the reader's own time zone. The share forms' {@code datetime-local} fields are read in the zone the
 * page says they are in: the browser's (sent by app.js in {@code timeZone}), else UTC.
 */
public final class Times {

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private Times() {
    }

    /** "3 Dec 2026, 08:17 UTC"; null for null. */
    public static String utc(Instant instant) {
        return instant == null ? null : DISPLAY.format(instant.atZone(ZoneOffset.UTC)) + " UTC";
    }

    /** "3 Dec 2026, 09:17 (Europe/Berlin)", or the UTC form when the zone is UTC. */
    public static String in(Instant instant, ZoneId zone) {
        if (instant == null) {
            return null;
        }
        if (zone == null || ZoneOffset.UTC.equals(zone.normalized())) {
            return utc(instant);
        }
        return DISPLAY.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /** An ISO-8601 instant from Viewgate, or null when absent or malformed. */
    public static Instant parse(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A {@code <time>} element for an instant from Viewgate: readable text, the exact ISO value as {@code datetime}
     * and {@code title}; {@code absent} (escaped) when there is none.
     */
    public static String html(String iso, String absent, String testId) {
        Instant instant = parse(iso);
        String test = testId == null ? "" : " data-test=\"" + esc(testId) + "\"";
        if (instant == null) {
            return "<span" + test + ">" + esc(iso == null || iso.isBlank() ? absent : iso) + "</span>";
        }
        return "<time datetime=\"" + esc(instant) + "\" title=\"" + esc(instant) + "\" data-local" + test + ">"
                + esc(utc(instant)) + "</time>";
    }

    /** The zone a form's times are in: the browser's IANA zone when it sent a valid one, else UTC. */
    public static ZoneId zone(String value) {
        if (value == null || value.isBlank() || value.length() > 64) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /**
     * A share form's expiry: the {@code datetime-local} value read in {@code zone}; null when empty. It must lie in the
     * future; the message of the refusal says what was understood.
     */
    public static Instant expiry(String value, ZoneId zone, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The expiry is not a date and time.", e);
        }
        Instant instant = local.atZone(zone).toInstant();
        if (!instant.isAfter(now)) {
            throw new IllegalArgumentException("The expiry must lie in the future: " + in(instant, zone)
                    + " has already passed.");
        }
        return instant;
    }
}
