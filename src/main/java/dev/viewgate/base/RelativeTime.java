package dev.viewgate.base;

import java.time.Duration;

/**
 * How long ago something happened, as a person says it: "just now", "1 minute ago", "2 hours ago", "3 days ago".
 * The page picks the message key (one per unit, singular and plural apart, so each language words it its own way)
 * and the amount; a time in the future (another node's clock a little ahead) reads as "just now".
 */
public final class RelativeTime {

    /** A message key of the theme ({@code viewgateAgo...}) and the amount it takes as {@code {0}}. */
    public record Ago(String key, long amount) {
    }

    private RelativeTime() {
    }

    public static Ago of(Duration elapsed) {
        long seconds = Math.max(0, elapsed.getSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        if (minutes < 1) {
            return new Ago("viewgateAgoJustNow", 0);
        }
        if (hours < 1) {
            return unit("Minute", minutes);
        }
        if (days < 1) {
            return unit("Hour", hours);
        }
        if (days < 30) {
            return unit("Day", days);
        }
        if (days < 365) {
            return unit("Month", days / 30);
        }
        return unit("Year", days / 365);
    }

    private static Ago unit(String unit, long amount) {
        return new Ago("viewgateAgo" + unit + (amount == 1 ? "" : "s"), amount);
    }
}
