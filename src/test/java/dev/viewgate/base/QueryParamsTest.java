package dev.viewgate.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

    @ParameterizedTest(name = "{0} in 0..2147483647 -> {1}")
    @CsvSource({"0, 0", "' 40 ', 40", "2147483647, 2147483647", "007, 7"})
    void plainDigitsWithinRangePass(String value, int expected) {
        assertEquals(OptionalInt.of(expected), QueryParams.plainInteger(value, 0, Integer.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"-1", "+1", "１０", "١٠", "1e2", "ten", "", "99999999999", "2147483648", "1 0"})
    void anythingButPlainDigitsWithinRangeIsRefused(String value) {
        assertTrue(QueryParams.plainInteger(value, 0, Integer.MAX_VALUE).isEmpty(), value);
    }

    @ParameterizedTest(name = "{0} is outside 1..100")
    @ValueSource(strings = {"0", "101"})
    void theRangeHolds(String value) {
        assertTrue(QueryParams.plainInteger(value, 1, 100).isEmpty(), value);
    }

    @ParameterizedTest(name = "{0} is no boolean")
    @ValueSource(strings = {"yes", "TRUE", "1", "false!"})
    void booleansAreTrueOrFalse(String value) {
        assertEquals(Optional.empty(), QueryParams.plainBoolean(value));
        assertEquals(Optional.of(true), QueryParams.plainBoolean(" true "));
        assertEquals(Optional.of(false), QueryParams.plainBoolean("false"));
    }
}
