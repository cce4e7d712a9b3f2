package org.i4tracker.common;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A CSV document with a header line, read with Apache Commons CSV (RFC 4180 quoting). The header
 * must name every required column and no column outside the known set, so that a misspelt
 * column is reported rather than silently ignored. Line numbers are 1-based and count the header.
 */
public final class CsvTable {

    /** One data row; {@link #get} returns null for an empty cell. */
    public record Row(long line, CSVRecord record) {
        public String get(String column) {
            if (!record.isMapped(column) || !record.isSet(column)) {
                return null;
            }
            String value = record.get(column).strip();
            return value.isEmpty() ? null : value;
        }
    }

    private final List<Row> rows;

    private CsvTable(List<Row> rows) {
        this.rows = rows;
    }

    public static CsvTable parse(String text, Set<String> required, Set<String> known, int maxRows) {
        Check.that(text != null && !text.isBlank(), "body", "the CSV document is empty");
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(text.strip().replace("\r\n", "\n")), format)) {
            List<String> header = parser.getHeaderNames();
            for (String column : required) {
                Check.that(header.contains(column), "header", "missing column '" + column + "'; expected " + known);
            }
            for (String column : header) {
                Check.that(known.contains(column), "header", "unknown column '" + column + "'; expected " + known);
            }
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Check.that(rows.size() < maxRows, "body", "at most " + maxRows + " rows per import");
                rows.add(new Row(record.getRecordNumber() + 1, record));
            }
            return new CsvTable(rows);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw DomainException.invalid("body", "not a readable CSV document: " + e.getMessage());
        }
    }

    public List<Row> rows() {
        return rows;
    }
}
