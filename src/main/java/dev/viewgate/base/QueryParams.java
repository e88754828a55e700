package dev.viewgate.base;


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
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ViewgateException.badRequest("invalid_parameter", name + " must be an integer from " + min + " to " + max);
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
