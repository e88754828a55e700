package dev.viewgate.guest;

/**
 * How long any token of a guest session lives, whichever Keycloak grant issues it (the guest exchange, standard token
 * exchange, a refresh): the realm's {@code viewgate.guest.tokenSeconds}, and always ending before its grant does.
 */
public final class GuestTokenLifetime {

    private GuestTokenLifetime() {
    }

    /**
     * The last epoch second a guest token may name in {@code exp}. Keycloak still accepts a token during the second
     * named by {@code exp}, so for an expiring grant that second must lie wholly before the expiry instant.
     */
    public static long end(long nowSeconds, int tokenSeconds, Long grantExpiresAtMillis) {
        long end = nowSeconds + tokenSeconds;
        return grantExpiresAtMillis == null ? end : Math.min(end, Math.floorDiv(grantExpiresAtMillis, 1000L) - 1);
    }

    /** A token's {@code exp} bounded by {@code end}; a token without expiry (null or 0) gets {@code end}. */
    public static long capped(Long exp, long end) {
        return exp == null || exp <= 0 ? end : Math.min(exp, end);
    }
}
