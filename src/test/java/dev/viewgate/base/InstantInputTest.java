package dev.viewgate.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dates and instants from clients: ISO-8601, years 0000 to 9999; everything else is refused, never an overflow. */
class InstantInputTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "refused", value = {
            "2026-12-31T23:59:59Z,             1798761599000",
            "1970-01-01T00:00:00Z,             0",
            "0000-01-01T00:00:00Z,             -62167219200000",
            "9999-12-31T23:59:59.999Z,         253402300799999",
            "+10000-01-01T00:00:00Z,           refused",
            "+999999999-12-31T23:59:59Z,       refused",
            "-999999999-01-01T00:00:00Z,       refused",
            "+292278994-08-17T07:12:55.808Z,   refused",
            "2026-13-01T00:00:00Z,             refused",
            "tomorrow,                         refused",
            "2026-12-31,                       refused",
    })
    void instants(String text, Long millis) {
        assertEquals(Optional.ofNullable(millis), InstantInput.instant(text));
    }

    @ParameterizedTest(name = "{0} (end of day {1}) -> {2}")
    @CsvSource(nullValues = "refused", value = {
            "2026-11-22,        false, 1795305600000",
            "2026-11-22,        true,  1795391999999",
            "9999-12-31,        true,  253402300799999",
            "+999999999-12-31,  false, refused",
            "+999999999-12-31,  true,  refused",
            "-999999999-01-01,  false, refused",
            "2026-02-30,        false, refused",
    })
    void days(String text, boolean endOfDay, Long millis) {
        assertEquals(Optional.ofNullable(millis), InstantInput.day(text, endOfDay));
    }
}
