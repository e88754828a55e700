package dev.viewgate.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.viewgate.tier.AuthorityRule.Holding;
import dev.viewgate.tier.AuthorityRule.RoleRef;
import dev.viewgate.tier.AuthorityRule.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authority rule as tables. Roles are written {@code name:tier} (tier 0 = no tier role); what an actor holds as
 * {@code tier|role,role}; {@code -} is "nothing".
 */
class AuthorityRuleTest {

    private static List<RoleRef> roles(String spec) {
        if (spec == null || spec.equals("-")) {
            return List.of();
        }
        return Arrays.stream(spec.split(" ")).map(r -> {
            String[] parts = r.split(":");
            return new RoleRef("id-" + parts[0], parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        }).toList();
    }

    private static Holding holding(int tier, String roles) {
        return new Holding(tier, roles(roles).stream().map(RoleRef::id).collect(java.util.stream.Collectors.toSet()));
    }

    @Nested
    class Grant {

        @ParameterizedTest(name = "T{0} holding [{1}] grants T{3} role carrying [{4}] to a T{2} member: {5}")
        @CsvSource(delimiter = ';', value = {
                // actor tier; actor's other roles; member tier; role tier; the role and what it carries; verdict
                "7; -; 0; 2; explorer:2; ALLOWED",
                "7; -; 6; 7; administrator:7; ALLOWED",
                "7; -; 0; 8; owner:8; ABOVE_OWN_TIER",
                "7; -; 8; 1; viewer:1; MEMBER_NOT_BELOW",           // demoting an owner
                "7; -; 7; 1; viewer:1; MEMBER_NOT_BELOW",           // demoting a peer
                "7; -; 7; 7; administrator:7; MEMBER_NOT_BELOW",    // a peer's lateral grant
                "7; -; 0; 5; maintainer:5 manage-users; BEYOND_OWN_ACCESS",
                "7; manage-users; 0; 5; maintainer:5 manage-users; ALLOWED",
                "7; -; 0; 3; analyst:3 owner:8; BEYOND_OWN_ACCESS", // a low tier role made a composite of a higher one
                "7; -; 0; 3; analyst:3 viewer:1 explorer:2; ALLOWED",
                "7; -; 0; 2; explorer:2 viewgate-share; BEYOND_OWN_ACCESS",
                "7; viewgate-share offline_access; 0; 2; explorer:2 viewgate-share offline_access; ALLOWED",
                "7; -; 0; 2; explorer:2 realm-admin manage-users view-users; BEYOND_OWN_ACCESS",
                "0; manage-users; 0; 1; viewer:1; ABOVE_OWN_TIER",  // a decider by manage-users alone has no tier to give
                "4; manage-users; 0; 4; builder:4; ALLOWED",
                "4; manage-users; 4; 4; builder:4; MEMBER_NOT_BELOW",
                "8; -; 7; 1; viewer:1; ALLOWED",
        })
        void table(int actorTier, String actorRoles, int memberTier, int roleTier, String carried, Verdict expected) {
            assertEquals(expected, AuthorityRule.grant(holding(actorTier, actorRoles), memberTier, roleTier, roles(carried)));
        }

        @Test
        void theRoleAboveOwnTierIsNamedBeforeWhatItCarries() {
            assertEquals(Verdict.ABOVE_OWN_TIER, AuthorityRule.grant(holding(2, "-"), 0, 8, roles("owner:8 manage-users")));
        }
    }

    @Nested
    class ViewAsTier {

        @ParameterizedTest(name = "T{0} holding [{1}], min T{2}, views as T{3} carrying [{4}]: {5}")
        @CsvSource(delimiter = ';', value = {
                // actor tier; actor's other roles; mode's min tier; simulated tier; what its role carries; verdict
                "7; -; 2; 7; administrator:7; ALLOWED",
                "7; -; 2; 2; explorer:2; ALLOWED",
                "2; -; 2; 2; explorer:2; ALLOWED",
                "1; -; 2; 1; viewer:1; TIER_TOO_LOW",
                "0; -; 1; 1; viewer:1; TIER_TOO_LOW",
                "2; -; 2; 3; analyst:3; ABOVE_OWN_TIER",
                // recomputed after a demotion: an administrator viewing as T7 is now a viewer
                "1; -; 2; 7; administrator:7; TIER_TOO_LOW",
                "3; -; 2; 7; administrator:7; ABOVE_OWN_TIER",
                // recomputed after the simulated role became a composite of more
                "7; -; 2; 2; explorer:2 owner:8; BEYOND_OWN_ACCESS",
                "7; -; 2; 2; explorer:2 manage-users; BEYOND_OWN_ACCESS",
                "7; manage-users; 2; 2; explorer:2 manage-users; ALLOWED",
                "7; -; 2; 0; -; BEYOND_OWN_ACCESS",                 // a tier that left the ladder
        })
        void table(int actorTier, String actorRoles, int minTier, int simulatedTier, String carried, Verdict expected) {
            assertEquals(expected, AuthorityRule.viewAsTier(holding(actorTier, actorRoles), minTier, simulatedTier, roles(carried)));
        }
    }

    @Nested
    class ViewAsMember {

        @ParameterizedTest(name = "T{0} holding [{1}], min T{2}, views as a T{3} member holding admin roles [{4}], tier role carrying [{5}]: {6}")
        @CsvSource(delimiter = ';', value = {
                // actor tier; actor's roles; min tier; target tier; target's admin roles; target's tier role carries; verdict
                "6; -; 6; 4; -; builder:4; ALLOWED",
                "6; -; 6; 6; -; architect:6; ALLOWED",
                "5; -; 6; 4; -; builder:4; TIER_TOO_LOW",
                "6; -; 6; 7; -; administrator:7; ABOVE_OWN_TIER",
                "6; -; 6; 0; -; -; NOT_A_MEMBER",
                "6; -; 6; 4; manage-users; builder:4; HOLDS_UNHELD_ADMIN_ROLE",
                "6; manage-users; 6; 4; manage-users; builder:4; ALLOWED",
                // recomputed: the actor was demoted below the member, or the member rose above the actor
                "1; -; 6; 5; -; maintainer:5; TIER_TOO_LOW",
                "6; -; 6; 7; -; administrator:7; ABOVE_OWN_TIER",
                // recomputed: the member's tier role now carries what the actor lacks
                "7; -; 6; 4; -; builder:4 owner:8; BEYOND_OWN_ACCESS",
                "7; -; 6; 4; -; builder:4 view-users; BEYOND_OWN_ACCESS",
        })
        void table(int actorTier, String actorRoles, int minTier, int targetTier, String targetAdmin, String carried,
                   Verdict expected) {
            Set<String> admin = roles(targetAdmin).stream().map(RoleRef::id).collect(java.util.stream.Collectors.toSet());
            assertEquals(expected, AuthorityRule.viewAsMember(holding(actorTier, actorRoles), minTier, targetTier, admin,
                    roles(carried)));
        }
    }
}
