package org.i4tracker.common;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV of the service, read and written in this one place with Apache Commons CSV (RFC 4180 quoting).
 *
 * <p>Reading: the document is UTF-8, optionally with a byte-order mark; bytes that are not UTF-8, a
 * NUL character, an unterminated quote or a column named twice are refused (400) naming the line.
 * The header must name every required column and no column outside the known set, so that a
 * misspelt column is reported rather than silently ignored. Line numbers are 1-based and count the header.
 *
 * <p>Writing ({@link #write}): a text cell that a spreadsheet would run as a formula — one starting
 * with {@code = + - @}, tab or carriage return (OWASP "CSV Injection") — is prefixed with an
 * apostrophe, unless the whole cell is a plain decimal number such as {@code -12.5}, which a
 * spreadsheet reads as that number and nothing else. A cell that already starts with apostrophes
 * followed by such a character gets one more, so that {@link Row#get} (which removes exactly one)
 * gives back the exported text unchanged and exports import again.
 */
public final class CsvTable {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern ESCAPED = Pattern.compile("^'+[=+\\-@\t\r].*", Pattern.DOTALL);
    private static final Pattern FORMULA = Pattern.compile("^'*[=+\\-@\t\r].*", Pattern.DOTALL);
    private static final Pattern START_LINE = Pattern.compile("startline (\\d+)");

    /** One data row; {@link #get} returns null for an empty cell. */
    public record Row(long line, CSVRecord record) {
        public String get(String column) {
            if (!record.isMapped(column) || !record.isSet(column)) {
                return null;
            }
            String value = unescape(record.get(column).strip()).strip();
            return value.isEmpty() ? null : value;
        }
    }

    private final List<Row> rows;

    private CsvTable(List<Row> rows) {
        this.rows = rows;
    }

    /** Reads a request body: strict UTF-8 (a leading byte-order mark is skipped), then {@link #parse(String, Set, Set, int)}. */
    public static CsvTable parse(byte[] body, Set<String> required, Set<String> known, int maxRows) {
        return parse(utf8(body == null ? new byte[0] : body), required, known, maxRows);
    }

    public static CsvTable parse(String text, Set<String> required, Set<String> known, int maxRows) {
        Check.that(text != null && !text.isBlank(), "body", "the CSV document is empty");
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int nul = body.indexOf('\0');
        if (nul >= 0) {
            throw DomainException.invalid("body", "line " + lineOf(body, nul) + " contains a NUL character; a CSV document is text");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).setIgnoreEmptyLines(true).setTrim(true).build();
        long lastLine = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(body.strip().replace("\r\n", "\n")), format)) {
            List<String> header = parser.getHeaderNames();
            Set<String> seen = new HashSet<>();
            for (String column : header) {
                Check.that(seen.add(column), "header", "column '" + column + "' appears more than once");
            }
            for (String column : required) {
                Check.that(header.contains(column), "header", "missing column '" + column + "'; expected " + known);
            }
            for (String column : header) {
                Check.that(known.contains(column), "header", "unknown column '" + column + "'; expected " + known);
            }
            lastLine = parser.getCurrentLineNumber();
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Check.that(rows.size() < maxRows, "body", "at most " + maxRows + " rows per import");
                rows.add(new Row(record.getRecordNumber() + 1, record));
                lastLine = parser.getCurrentLineNumber();
            }
            return new CsvTable(rows);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            Matcher start = START_LINE.matcher(String.valueOf(e.getMessage()));
            long line = start.find() ? Long.parseLong(start.group(1)) : lastLine + 1;
            String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw DomainException.invalid("body", "not a readable CSV document at line " + line + ": " + reason);
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Writes {@code rows} under {@code header} as RFC 4180 CSV. Text cells are neutralised against
     * formula injection (see the class comment); numbers, booleans and dates are written as they are.
     */
    public static String write(List<String> header, List<? extends List<?>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).build())) {
            for (List<?> row : rows) {
                printer.printRecord(row.stream().map(CsvTable::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One exported cell: text a spreadsheet would run as a formula gets a leading apostrophe. */
    public static Object cell(Object value) {
        if (!(value instanceof CharSequence text)) {
            return value;
        }
        String s = text.toString();
        return FORMULA.matcher(s).matches() && !PLAIN_NUMBER.matcher(s).matches() ? "'" + s : s;
    }

    /** Undoes {@link #cell}: one apostrophe before a formula character is removed. */
    static String unescape(String value) {
        return ESCAPED.matcher(value).matches() ? value.substring(1) : value;
    }

    /** Decodes strict UTF-8; the first malformed byte sequence is reported with its line. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            long line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw DomainException.invalid("body", "line " + line + " is not valid UTF-8 (byte " + (in.position() + 1)
                    + "); save the file as UTF-8 and send it again");
        }
        return out.flip().toString();
    }

    private static long lineOf(String text, int index) {
        return text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
