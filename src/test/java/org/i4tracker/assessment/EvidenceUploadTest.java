package org.i4tracker.assessment;

import org.i4tracker.common.DomainException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Which files are accepted as evidence, told by their bytes, and how declared names are made safe. The office files
 * are built here as zips with the entries their formats require (ECMA-376 part 2 for XLSX/DOCX, OpenDocument 1.3 part 2
 * §3.3 for ODS); the SHA-256 of "abc" is the FIPS 180-2 example value.
 */
class EvidenceUploadTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] PDF = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

    static byte[] zip(Map<String, String> entries, boolean storedFirst) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            boolean first = true;
            for (var e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                if (first && storedFirst) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                first = false;
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] xlsx() throws IOException {
        return zip(ordered("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>", "_rels/.rels", "<Relationships/>"), false);
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    private static Optional<EvidenceFileType> type(byte[] content, String name) {
        return EvidenceFileType.of(content, name);
    }

    @Test
    void acceptedFilesAreToldByTheirBytesNotTheirName() throws IOException {
        assertEquals(Optional.of(EvidenceFileType.PDF), type(PDF, "scan.png"));
        assertEquals(Optional.of(EvidenceFileType.PNG), type(PNG, "photo.pdf"));
        assertEquals(Optional.of(EvidenceFileType.JPEG), type(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16}, "x"));
        assertEquals(Optional.of(EvidenceFileType.XLSX), type(xlsx(), "sheet.bin"));
        assertEquals(Optional.of(EvidenceFileType.DOCX), type(zip(ordered("[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>"),
                false), "report"));
        assertEquals(Optional.of(EvidenceFileType.ODS), type(zip(ordered("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                "content.xml", "<office/>"), true), "sheet"));
        assertEquals(Optional.of(EvidenceFileType.CSV), type("firm;score\nA;3\n".getBytes(StandardCharsets.UTF_8), "scores.CSV"));
        assertEquals(Optional.of(EvidenceFileType.TEXT), type("\uFEFFÜbersicht: 3 Roboter\r\n".getBytes(StandardCharsets.UTF_8), "notes"));
    }

    @Test
    void everythingElseIsRefusedWhateverItIsCalled() throws IOException {
        for (String markup : List.of("<!DOCTYPE html><html><script>alert(1)</script></html>", "  \n<html>", "\uFEFF<svg onload=x>",
                "<?xml version=\"1.0\"?><svg/>")) {
            assertEquals(Optional.empty(), type(markup.getBytes(StandardCharsets.UTF_8), "report.pdf"), markup);
        }
        assertEquals(Optional.empty(), type(new byte[] {'M', 'Z', (byte) 0x90, 0}, "tool.txt"), "an executable");
        assertEquals(Optional.empty(), type("a\u0000b".getBytes(StandardCharsets.UTF_8), "a.csv"), "a NUL is no text");
        assertEquals(Optional.empty(), type(new byte[] {'a', (byte) 0xC3, '(', 'b'}, "a.txt"), "invalid UTF-8");
        assertEquals(Optional.empty(), type(new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80}, "a.gif"), "GIF is not on the list");
        assertEquals(Optional.empty(), type(zip(ordered("payload.exe", "MZ"), false), "sheet.xlsx"), "a plain zip");
        assertEquals(Optional.empty(), type(zip(ordered("[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>",
                "word/vbaProject.bin", "macro"), false), "report.docx"), "a document with macros");
        assertEquals(Optional.empty(), type(zip(ordered("mimetype", "application/vnd.oasis.opendocument.text"), true), "a.ods"),
                "an ODF text is not a spreadsheet");
        byte[] cut = xlsx();
        assertEquals(Optional.empty(), type(java.util.Arrays.copyOf(cut, cut.length - 30), "a.xlsx"), "a truncated zip");
        assertEquals(Optional.empty(), type(new byte[] {'P', 'K', 3, 4}, "a.xlsx"));
    }

    @Test
    void uploadsAreCheckedNamingTheFile() {
        DomainException empty = assertThrows(DomainException.class, () -> EvidenceUpload.of("a.pdf", new byte[0], 100));
        assertEquals(DomainException.Kind.INVALID, empty.kind());
        assertEquals("file", empty.errors().get(0).field());
        DomainException large = assertThrows(DomainException.class, () -> EvidenceUpload.of("a.txt", "x".repeat(101).getBytes(), 100));
        assertEquals(DomainException.Kind.TOO_LARGE, large.kind());
        assertEquals("file", large.errors().get(0).field());
        assertEquals(100, EvidenceUpload.of("a.txt", "x".repeat(100).getBytes(), 100).content().length, "the limit itself is accepted");
        DomainException html = assertThrows(DomainException.class, () -> EvidenceUpload.of("a.pdf", "<html></html>".getBytes(), 100));
        assertEquals(DomainException.Kind.UNSUPPORTED_TYPE, html.kind());
        assertEquals("file", html.errors().get(0).field());
        assertEquals("filename", assertThrows(DomainException.class, () -> EvidenceUpload.of(" ", PDF, 100)).errors().get(0).field());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                EvidenceUpload.of("abc.txt", "abc".getBytes(StandardCharsets.US_ASCII), 100).sha256());
    }

    @Test
    void declaredNamesAreMadeSafe() {
        assertEquals("Digital plan.pdf", EvidenceUpload.safeName("Digital plan.pdf", EvidenceFileType.PDF));
        assertEquals("passwd.txt", EvidenceUpload.safeName("../../etc/passwd", EvidenceFileType.TEXT), "only the last path segment");
        assertEquals("scan.pdf", EvidenceUpload.safeName("C:\\Users\\me\\scan.PDF", EvidenceFileType.PDF));
        assertEquals("Planfdp.exe.pdf", EvidenceUpload.safeName("Plan\u202Efdp.exe", EvidenceFileType.PDF),
                "the right-to-left override that would show 'Planexe.pdf' is dropped, and the type's extension added");
        assertEquals("page.html.txt", EvidenceUpload.safeName("page.html", EvidenceFileType.TEXT), "text never downloads as HTML");
        assertEquals("a_b_c_ d.csv", EvidenceUpload.safeName("a\"b*c:\t d.csv", EvidenceFileType.CSV));
        assertEquals("evidence.png", EvidenceUpload.safeName("...", EvidenceFileType.PNG));
        assertEquals("hidden.pdf", EvidenceUpload.safeName(".hidden.pdf", EvidenceFileType.PDF), "no leading dot");
        assertEquals("Übersicht.xlsx", EvidenceUpload.safeName("U\u0308bersicht.xlsx", EvidenceFileType.XLSX), "NFC");
        String longName = EvidenceUpload.safeName("x".repeat(500) + ".pdf", EvidenceFileType.PDF);
        assertEquals(EvidenceUpload.MAX_NAME_LENGTH, longName.length());
        assertEquals("x".repeat(196) + ".pdf", longName, "the stem is shortened, the extension kept");
    }

    @Test
    void downloadsAreAttachmentsWithAnAsciiAndAUtf8Name() {
        assertEquals("attachment; filename=\"Digital plan.pdf\"; filename*=UTF-8''Digital%20plan.pdf",
                EvidenceUpload.contentDisposition("Digital plan.pdf"));
        assertEquals("attachment; filename=\"_bersicht 2024.xlsx\"; filename*=UTF-8''%C3%9Cbersicht%202024.xlsx",
                EvidenceUpload.contentDisposition("Übersicht 2024.xlsx"));
    }
}
