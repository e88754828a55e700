package dev.viewgate.base;

/**
 * Text from requests. PostgreSQL cannot store or even compare a NUL character (U+0000) in text, while H2 can, and an
 * unpaired surrogate (a JSON {@code "\ud800"}) is no character at all, which each database and driver stores its own
 * way: refusing both at the edge keeps every database answering the same clear 400 and storing what was sent.
 */
public final class InputText {

    private InputText() {
    }

    public static String requireText(String name, String value) {
        if (hasNul(value)) {
            throw ViewgateException.badRequest("invalid_request", "'" + name + "' must not contain NUL characters");
        }
        if (hasUnpairedSurrogate(value)) {
            throw ViewgateException.badRequest("invalid_request", "'" + name + "' must be Unicode text (it has an unpaired surrogate)");
        }
        return value;
    }

    public static boolean hasNul(String value) {
        return value != null && value.indexOf('\u0000') >= 0;
    }

    static boolean hasUnpairedSurrogate(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
