package org.i4tracker.common;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading and writing CSV in one place: strict input, formula-safe output that reads back unchanged. */
class CsvTableTest {

    private static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("a", "b"));

    @Test
    void formulaCellsArePrefixedButPlainNumbersAreNot() {
        // OWASP CSV injection: = + - @ tab CR start a formula; a whole-cell decimal number is only a number.
        assertEquals("'=1+1", CsvTable.cell("=1+1"));
        assertEquals("'+A1", CsvTable.cell("+A1"));
        assertEquals("'-2+3", CsvTable.cell("-2+3"));
        assertEquals("'@SUM(A1)", CsvTable.cell("@SUM(A1)"));
        assertEquals("'\tx", CsvTable.cell("\tx"));
        assertEquals("'\rx", CsvTable.cell("\rx"));
        assertEquals("-12.5", CsvTable.cell("-12.5"));
        assertEquals("+3", CsvTable.cell("+3"));
        assertEquals("-1e5", CsvTable.cell("-1e5"));
        assertEquals(-7, CsvTable.cell(-7));
        assertEquals("plain", CsvTable.cell("plain"));
        assertEquals("''=x", CsvTable.cell("'=x"), "an apostrophe already there is kept by adding one more");
        assertEquals("'x", CsvTable.cell("'x"), "an apostrophe before ordinary text is ordinary text");
    }

    @Test
    void everyCellReadsBackAsItWasWritten() {
        List<String> odd = List.of("=HYPERLINK(\"http://x\")", "'=x", "''@y", "-2+3", "-12.5", "'x", "a,b", "line\nbreak", "+", "@");
        List<List<String>> rows = new ArrayList<>();
        odd.forEach(v -> rows.add(List.of(v, "1")));
        String csv = CsvTable.write(List.of("a", "b"), rows);
        CsvTable table = CsvTable.parse(csv.getBytes(StandardCharsets.UTF_8), COLUMNS, COLUMNS, 100);
        for (int i = 0; i < odd.size(); i++) {
            assertEquals(odd.get(i), table.rows().get(i).get("a"), "row " + i);
        }
    }

    @Test
    void aByteOrderMarkIsSkippedAndBadBytesNameTheirLine() {
        byte[] bom = ("\uFEFFa,b\n1,2\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("1", CsvTable.parse(bom, COLUMNS, COLUMNS, 10).rows().get(0).get("a"));
        byte[] latin1 = "a,b\n1,2\nCAF\u00C9,3\n".getBytes(StandardCharsets.ISO_8859_1);
        DomainException encoding = assertThrows(DomainException.class, () -> CsvTable.parse(latin1, COLUMNS, COLUMNS, 10));
        assertTrue(encoding.getMessage().contains("line 3 is not valid UTF-8"), encoding.getMessage());
        DomainException nul = assertThrows(DomainException.class, () -> CsvTable.parse("a,b\n1,\u0000\n", COLUMNS, COLUMNS, 10));
        assertTrue(nul.getMessage().contains("line 2"), nul.getMessage());
        DomainException twice = assertThrows(DomainException.class, () -> CsvTable.parse("a,b,a\n1,2,3\n", COLUMNS, COLUMNS, 10));
        assertTrue(twice.getMessage().contains("'a' appears more than once"), twice.getMessage());
        DomainException open = assertThrows(DomainException.class, () -> CsvTable.parse("a,b\n1,2\n3,4\n\"5,6\n", COLUMNS, COLUMNS, 10));
        assertTrue(open.getMessage().contains("line 4"), open.getMessage());
    }
}
