package org.i4tracker.assessment;

import org.i4tracker.common.Check;
import org.i4tracker.common.DomainException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A file uploaded as evidence, checked: not empty (400), within the size limit (413), of an accepted type told by its
 * bytes ({@link EvidenceFileType}, 415 otherwise), each naming {@code file}; its declared name made safe
 * ({@link #safeName}). Build it with {@link #of}.
 *
 * @param name    the safe file name, 1 to {@value #MAX_NAME_LENGTH} characters, with an extension of its type
 * @param type    the type sniffed from the bytes
 * @param content the bytes, as uploaded
 * @param sha256  SHA-256 of the bytes, 64 lower-case hex digits
 */
record EvidenceUpload(String name, EvidenceFileType type, byte[] content, String sha256) {

    /** Longest stored file name, in characters. */
    static final int MAX_NAME_LENGTH = 200;
    /** Longest declared name accepted before it is made safe. */
    static final int MAX_DECLARED_NAME_LENGTH = 1000;

    /** Characters that mean something in a path or on a command line of some system, replaced by {@code _}. */
    private static final String RESERVED = "\"\\/:*?<>|%";

    /** Checks the upload and makes its name safe; {@code maxBytes} is the size limit ({@code i4.evidence.max-file-size}). */
    static EvidenceUpload of(String declaredName, byte[] content, long maxBytes) {
        Check.that(declaredName != null && !declaredName.isBlank(), "filename", "is required: the name of the uploaded file");
        Check.that(declaredName.length() <= MAX_DECLARED_NAME_LENGTH, "filename", "must be at most " + MAX_DECLARED_NAME_LENGTH + " characters");
        Check.that(content != null && content.length > 0, "file", "is empty: upload a file with content");
        if (content.length > maxBytes) {
            throw DomainException.tooLarge("file", "is " + content.length + " bytes; files of at most " + maxBytes
                    + " bytes are accepted (i4.evidence.max-file-size)");
        }
        EvidenceFileType type = EvidenceFileType.of(content, declaredName).orElseThrow(() -> DomainException.unsupportedType("file",
                "is not an accepted kind of file: upload a PDF, PNG or JPEG image, CSV or plain text (UTF-8), XLSX, DOCX or ODS "
                        + "(told by its content, not its name)"));
        return new EvidenceUpload(safeName(declaredName, type), type, content, sha256(content));
    }

    EvidenceUpload {
        name = Check.notBlank(name, "filename", MAX_NAME_LENGTH);
        Check.notNull(type, "file");
        Check.that(content != null && content.length > 0, "file", "is empty: upload a file with content");
        Check.that(sha256 != null && sha256.matches("[0-9a-f]{64}"), "sha256", "must be 64 lower-case hex digits");
    }

    /**
     * The declared name made safe to store and to offer for download: only its last path segment; Unicode NFC;
     * control, format (e.g. the right-to-left override that hides an extension), private-use and unassigned code
     * points dropped; path, shell and wildcard characters replaced by {@code _}; runs of white space one space; no
     * leading or trailing dots or spaces; an extension of {@code type} (the type's first one is appended when the
     * name ends in another, so a text file never downloads as {@code .html} or {@code .exe}); at most
     * {@value #MAX_NAME_LENGTH} characters, the stem shortened; "evidence" when nothing is left of the stem.
     */
    static String safeName(String declared, EvidenceFileType type) {
        String name = declared == null ? "" : declared;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int kind = Character.getType(cp);
            if (kind == Character.CONTROL || kind == Character.FORMAT || kind == Character.SURROGATE || kind == Character.PRIVATE_USE
                    || kind == Character.UNASSIGNED) {
                return;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(RESERVED.indexOf(cp) >= 0 ? '_' : cp);
            }
        });
        name = out.toString().replaceAll(" {2,}", " ").replaceAll("^[. ]+|[. ]+$", "");
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        String stem = name;
        if (type.extensions().contains(extension)) {
            stem = name.substring(0, dot);
        } else {
            extension = type.extensions().get(0);
        }
        stem = stem.replaceAll("[. ]+$", "");
        int room = MAX_NAME_LENGTH - extension.length() - 1;
        if (stem.codePointCount(0, stem.length()) > room) {
            stem = stem.substring(0, stem.offsetByCodePoints(0, room)).replaceAll("[. ]+$", "");
        }
        return (stem.isEmpty() ? "evidence" : stem) + "." + extension;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * {@code Content-Disposition} for downloading a stored file: always {@code attachment} (never shown inline), with
     * an ASCII {@code filename} (other characters, quotes and backslashes as {@code _}) and the exact name as
     * {@code filename*} in UTF-8 (RFC 6266, RFC 8187).
     */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' ? (char) cp : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvidenceUpload u && name.equals(u.name) && type == u.type && sha256.equals(u.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "EvidenceUpload[" + name + ", " + type + ", " + content.length + " bytes, sha256 " + sha256 + "]";
    }
}
