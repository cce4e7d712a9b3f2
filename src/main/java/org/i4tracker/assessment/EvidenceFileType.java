package org.i4tracker.assessment;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file accepted as evidence, told by their bytes ("magic numbers"), never by the name or the type the
 * client declares: a file that is not one of them is refused, whatever it is called.
 * <ul>
 *   <li>PDF ({@code %PDF-}), PNG (its 8-byte signature), JPEG ({@code FF D8 FF});</li>
 *   <li>XLSX and DOCX: a zip whose central directory lists {@code [Content_Types].xml} and {@code xl/…} or
 *   {@code word/…} entries, without a macro project ({@code vbaProject.bin}); ODS: a zip whose first entry is
 *   {@code mimetype} holding {@code application/vnd.oasis.opendocument.spreadsheet} (OpenDocument 1.3, part 2,
 *   §3.3). Only the zip's directory is read, nothing is inflated, so a zip bomb costs nothing here;</li>
 *   <li>CSV and plain text: valid UTF-8 without control characters other than tab, line feed, carriage return and
 *   form feed, that does not start with markup ({@code <} after a byte-order mark and white space: HTML, XML, SVG);
 *   CSV when the declared name ends in {@code .csv}.</li>
 * </ul>
 */
enum EvidenceFileType {
    PDF("application/pdf", "pdf"),
    PNG("image/png", "png"),
    JPEG("image/jpeg", "jpg", "jpeg"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ODS("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    CSV("text/csv; charset=utf-8", "csv"),
    TEXT("text/plain; charset=utf-8", "txt", "text", "log", "md");

    /** Entries of a zip's central directory read at most; an office file has a few dozen. */
    static final int MAX_ZIP_ENTRIES = 10_000;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

    private final String mediaType;
    private final List<String> extensions;

    EvidenceFileType(String mediaType, String... extensions) {
        this.mediaType = mediaType;
        this.extensions = List.of(extensions);
    }

    /** The media type the file is stored and served with. */
    String mediaType() {
        return mediaType;
    }

    /** File name extensions (lower case, without the dot) that fit the type; the first is the one added when the name has none of them. */
    List<String> extensions() {
        return extensions;
    }

    /** The accepted type of {@code content}, or empty when it is none of them. {@code declaredName} only tells CSV from plain text. */
    static Optional<EvidenceFileType> of(byte[] content, String declaredName) {
        if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        if (startsWith(content, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (content.length >= 3 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8 && (content[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, new byte[] {'P', 'K', 3, 4})) {
            return office(content);
        }
        if (isPlainText(content)) {
            boolean csv = declaredName != null && declaredName.strip().toLowerCase(Locale.ROOT).endsWith(".csv");
            return Optional.of(csv ? CSV : TEXT);
        }
        return Optional.empty();
    }

    private static Optional<EvidenceFileType> office(byte[] zip) {
        if (isOdfSpreadsheet(zip)) {
            return Optional.of(ODS);
        }
        Optional<List<String>> names = zipEntryNames(zip);
        if (names.isEmpty() || !names.get().contains("[Content_Types].xml")
                || names.get().stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin"))) {
            return Optional.empty();
        }
        if (names.get().stream().anyMatch(n -> n.startsWith("xl/"))) {
            return Optional.of(XLSX);
        }
        if (names.get().stream().anyMatch(n -> n.startsWith("word/"))) {
            return Optional.of(DOCX);
        }
        return Optional.empty();
    }

    /** The ODF rule: the first local entry is the uncompressed {@code mimetype} file naming the document's type. */
    private static boolean isOdfSpreadsheet(byte[] zip) {
        if (zip.length < 30 || u16(zip, 8) != 0) { // method 0: stored
            return false;
        }
        int nameLength = u16(zip, 26);
        int extraLength = u16(zip, 28);
        int data = 30 + nameLength + extraLength;
        byte[] mimetype = ODS_MIMETYPE.getBytes(StandardCharsets.US_ASCII);
        return nameLength == 8 && data + mimetype.length <= zip.length && u32(zip, 18) == mimetype.length
                && new String(zip, 30, 8, StandardCharsets.US_ASCII).equals("mimetype")
                && new String(zip, data, mimetype.length, StandardCharsets.US_ASCII).equals(ODS_MIMETYPE);
    }

    /**
     * The entry names in the zip's central directory (APPNOTE.TXT 6.3, §4.3.12 and §4.3.16), or empty when the
     * directory is missing, malformed, in ZIP64 form or longer than {@link #MAX_ZIP_ENTRIES}.
     */
    static Optional<List<String>> zipEntryNames(byte[] zip) {
        int end = -1;
        for (int p = zip.length - 22; p >= 0 && p >= zip.length - 22 - 0xFFFF; p--) {
            if (u32(zip, p) == 0x06054b50L) {
                end = p;
                break;
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        int entries = u16(zip, end + 10);
        long directory = u32(zip, end + 16);
        if (entries == 0xFFFF || entries > MAX_ZIP_ENTRIES || directory >= end) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(entries);
        int p = (int) directory;
        for (int i = 0; i < entries; i++) {
            if (p + 46 > end || u32(zip, p) != 0x02014b50L) {
                return Optional.empty();
            }
            int nameLength = u16(zip, p + 28);
            int next = p + 46 + nameLength + u16(zip, p + 30) + u16(zip, p + 32);
            if (next > end) {
                return Optional.empty();
            }
            names.add(new String(zip, p + 46, nameLength, StandardCharsets.UTF_8));
            p = next;
        }
        return Optional.of(names);
    }

    /** Valid UTF-8, no control character but tab, line feed, form feed and carriage return, and no markup at the start. */
    private static boolean isPlainText(byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return false;
            }
        }
        String start = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return !start.strip().startsWith("<");
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return at < 0 || at + 2 > b.length ? -1 : (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return at < 0 || at + 4 > b.length ? -1 : (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
                | (b[at + 3] & 0xFFL) << 24;
    }
}
