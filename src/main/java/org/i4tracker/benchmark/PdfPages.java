package org.i4tracker.benchmark;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A flowing A4 document on PDFBox: paragraphs wrap at the text width, tables wrap each cell inside its
 * column, and a block that does not fit the rest of the page starts a new one, so no text is clipped.
 * Text is set in Helvetica (one of the 14 standard PDF fonts, nothing embedded); characters outside its
 * WinAnsi encoding are replaced by plain equivalents ({@link #plain}). Coordinates are PDF points from
 * the bottom-left corner. Not thread-safe: one instance per document.
 */
final class PdfPages implements AutoCloseable {

    static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    static final float MARGIN = 50;
    static final float KEEP_WITH_NEXT = 120;
    static final Color MUTED = new Color(0x57, 0x60, 0x6a);

    private final PDDocument document = new PDDocument();
    private PDPageContentStream out;
    private float y;

    PdfPages() {
        newPage();
    }

    float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    float left() {
        return MARGIN;
    }

    /** The content stream of the current page, for drawing; {@link #reserve} first. */
    PDPageContentStream canvas() {
        return out;
    }

    /** The top of the free space on the current page. */
    float top() {
        return y;
    }

    /** Makes room for a block of the given height (a new page when it does not fit) and returns its top. */
    float reserve(float height) {
        if (y - height < MARGIN) {
            newPage();
        }
        float at = y;
        y -= height;
        return at;
    }

    void space(float points) {
        y -= points;
    }

    /** A heading, moved to the next page with what follows when less than {@value #KEEP_WITH_NEXT} points remain below it. */
    void heading(String text, float size) {
        if (y - size * 2 - KEEP_WITH_NEXT < MARGIN) {
            newPage();
        }
        space(size * 0.6f);
        paragraph(text, BOLD, size, Color.BLACK);
        space(2);
    }

    void paragraph(String text, PDFont font, float size, Color colour) {
        for (String line : wrap(text, font, size, width())) {
            float at = reserve(size * 1.35f);
            text(line, font, size, colour, left(), at - size);
        }
    }

    void paragraph(String text) {
        paragraph(text, REGULAR, 10, Color.BLACK);
    }

    void note(String text) {
        paragraph(text, REGULAR, 8.5f, MUTED);
    }

    /**
     * A table with a bold header row; {@code widths} are fractions of the text width. Each row is as tall as its
     * longest wrapped cell and never split across pages.
     */
    void table(List<String> header, List<List<String>> rows, float[] widths) {
        row(header, widths, BOLD, new Color(0xf0, 0xf2, 0xf4));
        for (List<String> r : rows) {
            row(r, widths, REGULAR, null);
        }
    }

    private void row(List<String> cells, float[] widths, PDFont font, Color fill) {
        float size = 8.5f;
        float lineHeight = size * 1.3f;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> w = wrap(cells.get(i), font, size, widths[i] * width() - 6);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        float height = lines * lineHeight + 5;
        float at = reserve(height);
        try {
            if (fill != null) {
                out.setNonStrokingColor(fill);
                out.addRect(left(), at - height, width(), height);
                out.fill();
            }
            out.setStrokingColor(new Color(0xdd, 0xe1, 0xe6));
            out.setLineWidth(0.5f);
            out.moveTo(left(), at - height);
            out.lineTo(left() + width(), at - height);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float x = left();
        for (int i = 0; i < cells.size(); i++) {
            float lineTop = at - 3;
            for (String line : wrapped.get(i)) {
                text(line, font, size, Color.BLACK, x + 3, lineTop - size);
                lineTop -= lineHeight;
            }
            x += widths[i] * width();
        }
    }

    /** One line of text at a baseline, no wrapping (the caller measured it). */
    void text(String text, PDFont font, float size, Color colour, float x, float baseline) {
        try {
            out.beginText();
            out.setFont(font, size);
            out.setNonStrokingColor(colour);
            out.newLineAtOffset(x, baseline);
            out.showText(plain(text));
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float textWidth(String text, PDFont font, float size) {
        try {
            return font.getStringWidth(plain(text)) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits text into lines no wider than {@code max} points, breaking at spaces (a longer word is cut). */
    static List<String> wrap(String text, PDFont font, float size, float max) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : plain(text).split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (textWidth(candidate, font, size) <= max) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                }
                line.setLength(0);
                String rest = word;
                while (textWidth(rest, font, size) > max && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && textWidth(rest.substring(0, cut), font, size) > max) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text in characters Helvetica's WinAnsi encoding has: ≥ → ">=", − → "-", anything else unknown → "?". */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '≥' -> b.append(">=");
                case '≤' -> b.append("<=");
                case '−' -> b.append('-');
                case '\t', '\r' -> b.append(' ');
                default -> b.append(encodable(c) ? Character.toString(c) : "?");
            }
        });
        return b.toString();
    }

    private static boolean encodable(int c) {
        if (c == '\n') {
            return true;
        }
        try {
            REGULAR.encode(Character.toString(c));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private void newPage() {
        try {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            out = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes() {
        try {
            out.close();
            out = null;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
