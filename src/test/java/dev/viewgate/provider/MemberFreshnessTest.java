package dev.viewgate.provider;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.viewgate.base.ViewAsNotes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberFreshnessTest {

    private static final long EXPIRES = 1_800_000_123_456L;
    private static final ViewAsNotes.State AS_BOB = new ViewAsNotes.State("user", 4, "bob-id", "bob", 1_800_000_000_000L, EXPIRES);
    private static final ViewAsNotes.State AS_T2 = new ViewAsNotes.State("tier", 2, null, null, 1_800_000_000_000L, EXPIRES);

    private static Map<String, Object> claim(String mode, int tier, String userId, long expiresAtSeconds) {
        Map<String, Object> claim = new HashMap<>();
        claim.put("mode", mode);
        claim.put("tier", tier);
        claim.put("user", userId == null ? null : Map.of("id", userId, "username", "whoever"));
        claim.put("expires_at", expiresAtSeconds);
        return claim;
    }

    @Test
    void noViewAsOnEitherSideIsCurrent() {
        assertTrue(MemberFreshness.sameViewAs(null, Optional.empty()));
    }

    @Test
    void aViewAsEndedElsewhereOrStartedElsewhereIsAChange() {
        assertFalse(MemberFreshness.sameViewAs(claim("user", 4, "bob-id", EXPIRES / 1000), Optional.empty()));
        assertFalse(MemberFreshness.sameViewAs(null, Optional.of(AS_BOB)));
    }

    @Test
    void theSameViewAsIsCurrentInEitherMode() {
        assertTrue(MemberFreshness.sameViewAs(claim("user", 4, "bob-id", EXPIRES / 1000), Optional.of(AS_BOB)));
        assertTrue(MemberFreshness.sameViewAs(claim("tier", 2, null, EXPIRES / 1000), Optional.of(AS_T2)));
    }

    @Test
    void anotherMemberTierModeOrExpiryIsAChange() {
        assertFalse(MemberFreshness.sameViewAs(claim("user", 4, "eve-id", EXPIRES / 1000), Optional.of(AS_BOB)));
        assertFalse(MemberFreshness.sameViewAs(claim("tier", 4, null, EXPIRES / 1000), Optional.of(AS_BOB)));
        assertFalse(MemberFreshness.sameViewAs(claim("tier", 3, null, EXPIRES / 1000), Optional.of(AS_T2)));
        assertFalse(MemberFreshness.sameViewAs(claim("tier", 2, null, EXPIRES / 1000 + 60), Optional.of(AS_T2)));
    }

    @Test
    void aMalformedClaimIsNeverCurrent() {
        assertFalse(MemberFreshness.sameViewAs("view_as", Optional.of(AS_T2)));
        assertFalse(MemberFreshness.sameViewAs(Map.of("mode", "tier"), Optional.of(AS_T2)));
    }
}
