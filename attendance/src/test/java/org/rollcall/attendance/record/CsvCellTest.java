package org.rollcall.attendance.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** CSV cells: RFC 4180 quoting and spreadsheet-formula neutralisation. */
class CsvCellTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "person-1|person-1",
        "=HYPERLINK(\"http://x\")|`\"'=HYPERLINK(\"\"http://x\"\")\"`",
        "=1+1|'=1+1",
        "+41 44 000|'+41 44 000",
        "-2+3|'-2+3",
        "@SUM(A1)|'@SUM(A1)",
        "a,b|`\"a,b\"`",
        "say \"hi\"|`\"say \"\"hi\"\"\"`",
        "x=1|x=1",
        "a-b|a-b",
        "FACE|FACE"})
    void cells(String in, String out) {
        assertEquals(out, CsvExport.cell(in));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsAnEmptyCell(String in) {
        assertEquals("", CsvExport.cell(in));
    }

    @org.junit.jupiter.api.Test
    void controlCharactersThatStartAFormulaAreNeutralisedAndLineBreaksQuoted() {
        assertEquals("'\tcmd", CsvExport.cell("\tcmd"));
        assertEquals("\"'\rcmd\"", CsvExport.cell("\rcmd"));
        assertEquals("\"line1\nline2\"", CsvExport.cell("line1\nline2"));
        assertEquals("\"a\rb\"", CsvExport.cell("a\rb"));
    }
}
