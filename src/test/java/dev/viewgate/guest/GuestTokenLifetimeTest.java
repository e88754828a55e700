package dev.viewgate.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The last second a guest token may live: the realm's lifetime, and always wholly before its grant's expiry. */
class GuestTokenLifetimeTest {

    private static final long NOW = 1_800_000_000L;

    @ParameterizedTest(name = "token {0} s, grant expires {1} ms -> ends {2}")
    @CsvSource(nullValues = "never", value = {
            // tokenSeconds, grant expiresAt (epoch ms), end (epoch s)
            "300, never,          1800000300",
            "300, 1800003600000,  1800000300",
            "300, 1800000060000,  1800000059",   // grant ends in a minute: a second before it
            "300, 1800000060500,  1800000059",   // a fraction of a second: still the whole second before
            "300, 1800000300000,  1800000299",
            "300, 1800000301000,  1800000300",
            "60,  1800000030000,  1800000029",
            "1,   never,          1800000001",
            "300, 1800000000000,  1799999999",   // expires now: already over
            "300, 0,              -1",           // a grant that is gone counts as long expired
    })
    void endsWithTheRealmsLifetimeButBeforeTheGrant(int tokenSeconds, Long expiresAt, long end) {
        assertEquals(end, GuestTokenLifetime.end(NOW, tokenSeconds, expiresAt));
    }

    @ParameterizedTest(name = "exp {0} capped at {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "1800000300, 1800000059, 1800000059",   // Keycloak's 300 s token exchange answer, grant ends sooner
            "1800000100, 1800000300, 1800000100",   // already shorter: kept
            "none,       1800000059, 1800000059",   // no exp: a guest token always gets one
            "0,          1800000059, 1800000059",
            "1800001800, 1800000300, 1800000300",   // a refresh token's 30 min
    })
    void everyTokenOfTheSessionIsCapped(Long exp, long end, long capped) {
        assertEquals(capped, GuestTokenLifetime.capped(exp, end));
    }
}
