package dev.viewgate.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void cellsAreQuotedAndQuotesDoubled() {
        assertEquals("\"a \"\"b\"\", c\nd\"", AuditCsv.cell("a \"b\", c\nd"));
        assertEquals("\"\"", AuditCsv.cell(null));
        assertEquals("\"\"", AuditCsv.cell(""));
    }

    @Test
    void formulaLeadersAreNeutralized() {
        for (String payload : new String[] {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"}) {
            assertEquals("\"'" + payload + "\"", AuditCsv.cell(payload), payload);
        }
        assertEquals("\"a=b\"", AuditCsv.cell("a=b"));
    }

    @Test
    void aLineEndsWithCrLf() {
        assertEquals("\"x\",\"\",\"y\"\r\n", AuditCsv.line(Arrays.asList("x", null, "y")));
    }
}
