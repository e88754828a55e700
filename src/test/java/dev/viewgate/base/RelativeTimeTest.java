package dev.viewgate.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeTimeTest {

    @ParameterizedTest(name = "{0} s -> {1} {2}")
    @CsvSource({
            "-30, viewgateAgoJustNow, 0",
            "0, viewgateAgoJustNow, 0",
            "59, viewgateAgoJustNow, 0",
            "60, viewgateAgoMinute, 1",
            "119, viewgateAgoMinute, 1",
            "120, viewgateAgoMinutes, 2",
            "3599, viewgateAgoMinutes, 59",
            "3600, viewgateAgoHour, 1",
            "7200, viewgateAgoHours, 2",
            "86399, viewgateAgoHours, 23",
            "86400, viewgateAgoDay, 1",
            "172800, viewgateAgoDays, 2",
            "2591999, viewgateAgoDays, 29",
            "2592000, viewgateAgoMonth, 1",
            "5184000, viewgateAgoMonths, 2",
            "31535999, viewgateAgoMonths, 12",
            "31536000, viewgateAgoYear, 1",
            "94608000, viewgateAgoYears, 3",
    })
    void readsAsAPersonSaysIt(long seconds, String key, long amount) {
        assertEquals(new RelativeTime.Ago(key, amount), RelativeTime.of(Duration.ofSeconds(seconds)));
    }
}
