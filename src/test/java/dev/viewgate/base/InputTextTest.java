package dev.viewgate.base;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputTextTest {

    @ParameterizedTest(name = "{0} is text")
    @ValueSource(strings = {"", "plain", "Ünïcødé ✓", "🙂 a pair", "\u202Eshown as sent"})
    void textPasses(String value) {
        assertFalse(InputText.hasNul(value) || InputText.hasUnpairedSurrogate(value), value);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"lone \uD800 high", "lone \uDC00 low", "reversed \uDE42\uD83D", "ends high \uD83D"})
    void unpairedSurrogatesAreFound(String value) {
        assertTrue(InputText.hasUnpairedSurrogate(value), value);
    }

    @ParameterizedTest(name = "{0} has a NUL")
    @ValueSource(strings = {"a\u0000b", "\u0000"})
    void nulIsFound(String value) {
        assertTrue(InputText.hasNul(value), value);
    }
}
