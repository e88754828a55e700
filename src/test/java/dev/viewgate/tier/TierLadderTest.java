package dev.viewgate.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TierLadderTest {

    private static TierLadder.Candidate role(String name, String tier, String description) {
        return new TierLadder.Candidate(name, tier, description);
    }

    @Test
    void ordersTiersAscendingAndLabelsThemFromDescriptions() {
        TierLadder ladder = TierLadder.of(List.of(
                role("owner", "8", "Owner"), role("viewer", "1", "Viewer"), role("plain", null, "not a tier"),
                role("builder", " 4 ", null)), problem -> { throw new AssertionError(problem); });
        assertEquals(List.of(new Tier(1, "viewer", "Viewer"), new Tier(4, "builder", "builder"), new Tier(8, "owner", "Owner")),
                ladder.tiers());
    }

    @Test
    void malformedAttributesAreReportedAndIgnored() {
        List<String> problems = new ArrayList<>();
        TierLadder ladder = TierLadder.of(List.of(role("a", "seven", null), role("b", "-1", null), role("c", "0", null),
                role("d", "", null), role("e", "1e3", null), role("f", "99999999999", null), role("g", "2", null),
                role("h", "\u0661\u0660", null), role("i", "\uFF13", null)), // Arabic-Indic 10, fullwidth 3: not ASCII digits
                problems::add);
        assertEquals(List.of(new Tier(2, "g", "g")), ladder.tiers());
        assertEquals(8, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("role 'a' has a malformed viewgate.tier 'seven'"), problems.get(0));
    }

    @Test
    void aLevelClaimedTwiceKeepsTheFirstRoleByName() {
        List<String> problems = new ArrayList<>();
        TierLadder ladder = TierLadder.of(List.of(role("zeta", "3", null), role("alpha", "3", null)), problems::add);
        assertEquals(List.of(new Tier(3, "alpha", "alpha")), ladder.tiers());
        assertEquals(1, problems.size());
    }

    @Test
    void highestHeldPicksTheTopTierAmongTheMembersRoles() {
        TierLadder ladder = TierLadder.of(List.of(role("viewer", "1", null), role("builder", "4", null),
                role("owner", "8", null)), p -> { });
        assertEquals(4, ladder.highestHeld(Set.of("viewer", "builder")::contains).level());
        assertEquals(Tier.NONE, ladder.highestHeld(Set.of("other")::contains));
        assertEquals(8, ladder.byRole("owner").orElseThrow().level());
        assertEquals("builder", ladder.byLevel(4).orElseThrow().role());
    }
}
