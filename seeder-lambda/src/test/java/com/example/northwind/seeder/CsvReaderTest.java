package com.example.northwind.seeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static List<CsvReader.Record> parse(String text) {
        return CsvReader.parse("t.csv", text);
    }

    @Test
    void parse_keepsCommasAndDoubledQuotesInsideQuotes() {
        // GIVEN quoted fields with a comma and a doubled quote WHEN parsed THEN they are single values
        List<CsvReader.Record> records = parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
        assertEquals(List.of("x, y", "say \"hi\""), records.get(1).fields());
    }

    @Test
    void parse_keepsLineBreaksInQuotes_andNumbersRecordsByTheirFirstPhysicalLine() {
        // GIVEN a record spanning two lines WHEN parsed THEN the break is kept and the next record starts on line 4
        List<CsvReader.Record> records = parse("a,b\n1,\"two\nlines\"\n2,x\n");
        assertEquals(List.of("1", "two\nlines"), records.get(1).fields());
        assertEquals(2, records.get(1).line());
        assertEquals(4, records.get(2).line());
    }

    @Test
    void parse_toleratesCrlf_insideAndOutsideQuotes() {
        // GIVEN CRLF line ends WHEN parsed THEN values are the same as with LF
        List<CsvReader.Record> records = parse("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n");
        assertEquals(List.of("1", "x\ny"), records.get(1).fields());
        assertEquals(List.of("2", "z"), records.get(2).fields());
        assertEquals(4, records.get(2).line());
    }

    @Test
    void parse_readsEmptyFieldsAsEmpty_includingTheLast() {
        // GIVEN NULLs in the middle and at the end WHEN parsed THEN they are empty strings, count preserved
        List<CsvReader.Record> records = parse("a,b,c\n,,\n1,,\n");
        assertEquals(List.of("", "", ""), records.get(1).fields());
        assertEquals(List.of("1", "", ""), records.get(2).fields());
    }

    @Test
    void parse_acceptsAMissingFinalLineBreak_andSkipsBlankLines() {
        // GIVEN no newline at the end and a blank line WHEN parsed THEN two data records
        List<CsvReader.Record> records = parse("a\n1\n\n2");
        assertEquals(3, records.size());
        assertEquals(List.of("2"), records.get(2).fields());
        assertEquals(4, records.get(2).line());
    }

    @Test
    void fails_whenAQuoteIsNeverClosed() {
        // GIVEN a quote opened on line 3 and never closed WHEN parsed THEN the record's line is named
        SeedDataException e = assertThrows(SeedDataException.class, () -> parse("a,b\n1,2\n3,\"open\nmore\n"));
        assertEquals("t.csv:3: unterminated quoted field (no closing quote before the end of the file)", e.getMessage());
    }

    @Test
    void fails_whenAQuoteAppearsInsideAnUnquotedField() {
        // GIVEN a stray quote WHEN parsed THEN it is rejected with its line
        SeedDataException e = assertThrows(SeedDataException.class, () -> parse("a,b\n1,ab\"c\n"));
        assertEquals("t.csv:2: quote inside an unquoted field (quote the whole field)", e.getMessage());
    }
}
