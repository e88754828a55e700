package dev.viewgate.base;


/**
 * Text from requests. PostgreSQL cannot store or even compare a NUL character (U+0000) in text, while H2 can:
 * refusing it at the edge keeps every database answering the same clear 400 instead of a database error.
 */
public final class InputText {

    private InputText() {
    }

    public static String requireNoNul(String name, String value) {
        if (hasNul(value)) {
            throw ViewgateException.badRequest("invalid_request", "'" + name + "' must not contain NUL characters");
        }
        return value;
    }

    public static boolean hasNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }
}
