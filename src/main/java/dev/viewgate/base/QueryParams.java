package dev.viewgate.base;

import java.util.Optional;
import java.util.OptionalInt;

/** Query parameters read strictly: a malformed one is a 400 that names it. */
public final class QueryParams {

    private QueryParams() {
    }

    /** A page of a list: {@code first} from 0, {@code max} from 1 to {@code largest}. */
    public record Page(int first, int max) {
    }

    /** {@code first} (default 0) and {@code max} (default {@code defaultMax}, at most {@code largest}), each a 400 if malformed. */
    public static Page page(String first, String max, int defaultMax, int largest) {
        return new Page(integer("first", first, 0, 0, Integer.MAX_VALUE), integer("max", max, defaultMax, 1, largest));
    }

    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return plainInteger(value, min, max).orElseThrow(() ->
                ViewgateException.badRequest("invalid_parameter", name + " must be an integer from " + min + " to " + max));
    }

    /** ASCII digits within range; Integer.parseInt also takes "+1" and fullwidth or Arabic-Indic digits. */
    static OptionalInt plainInteger(String value, int min, int max) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.length() > 10 || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        long parsed = Long.parseLong(trimmed);
        return parsed >= min && parsed <= max ? OptionalInt.of((int) parsed) : OptionalInt.empty();
    }

    /** {@code true} or {@code false}; the fallback when absent. */
    public static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return plainBoolean(value).orElseThrow(() ->
                ViewgateException.badRequest("invalid_parameter", name + " must be true or false"));
    }

    static Optional<Boolean> plainBoolean(String value) {
        return switch (value.trim()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, E fallback, Class<E> type) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value.trim())) {
                return constant;
            }
        }
        throw ViewgateException.badRequest("invalid_parameter", name + " must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
    }
}
