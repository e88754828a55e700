package dev.viewgate.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How many refused guest secrets reach the audit log one by one, and when the rest are summarized. */
class DenialBudgetTest {

    @ParameterizedTest(name = "now {0}, window {1} -> starts {2}")
    @CsvSource({"0, 60000, 0", "59999, 60000, 0", "60000, 60000, 60000", "1800000012345, 60000, 1800000000000",
            "1800000012345, 3000, 1800000012000"})
    void windowsAreAlignedToTheEpoch(long now, long window, long start) {
        assertEquals(start, DenialBudget.windowStart(now, window));
    }

    @ParameterizedTest(name = "{0} recorded of {1} -> individually {2}")
    @CsvSource({"0, 10, true", "9, 10, true", "10, 10, false", "11, 10, false", "0, 0, false"})
    void theFirstRefusalsOfAWindowAreAuditedOneByOne(int recorded, int perWindow, boolean individually) {
        assertEquals(individually, DenialBudget.recordsIndividually(recorded, perWindow));
    }

    @ParameterizedTest(name = "first unrecorded {0}, window {1}, now {2} -> due {3}")
    @CsvSource(nullValues = "none", value = {"none, 60000, 100000, false", "100000, 60000, 159999, false",
            "100000, 60000, 160000, true", "100000, 3000, 200000, true"})
    void aSummaryIsDueAWindowAfterTheFirstCountedRefusal(Long from, long window, long now, boolean due) {
        assertEquals(due, DenialBudget.summaryDue(from, window, now));
    }
}
