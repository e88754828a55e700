package dev.viewgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlAndCsvTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;",
                Html.esc("<script>alert('x')</script> & \"q\""));
        assertEquals("", Html.esc(null));
    }

    @Test
    void aCellCannotBreakOutOfTheTable() {
        DataView view = new DataView("v", new ViewSettings("V", true, true, true), true, List.of("A"));
        view.add(List.of("\"><img src=x onerror=alert(1)>"));
        Session session = new SessionStore().create();
        String html = Pages.table(session, view, view.rows(), true, "/views/v");
        assertFalse(html.contains("<img"));
        assertTrue(html.contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""));
    }

    @Test
    void csvQuotesAndDefusesFormulas() {
        assertEquals("plain", Csv.cell("plain"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("'=HYPERLINK(1)", Csv.cell("=HYPERLINK(1)"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("\"'+1,2\"", Csv.cell("+1,2"));
        assertEquals("-120", Csv.cell("-120"), "a negative number stays a number");
        assertEquals("A,B\r\n1,\"x\ny\"\r\n", Csv.of(List.of("A", "B"), List.of(List.of("1", "x\ny"))));
    }
}
