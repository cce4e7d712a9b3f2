package org.i4tracker.benchmark;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The report's two charts drawn as PDF vector graphics: a radar of the firm's dimension scores against
 * the peers' published figures, and the history of the scores by wave. Axis labels are wrapped into the
 * space beside the chart, never cut. A series with a missing value is left out rather than drawn as a
 * false shape (a withheld peer figure is not zero).
 */
final class PdfCharts {

    static final Color FIRM = new Color(0x1f, 0x6f, 0xeb);
    static final Color P50 = new Color(0xd9, 0x73, 0x0d);
    static final Color P75 = new Color(0x1b, 0x7f, 0x4b);
    static final Color[] LINES = {new Color(0x1f, 0x5f, 0xae), new Color(0xd9, 0x73, 0x0d), new Color(0x1b, 0x7f, 0x4b),
            new Color(0x8e, 0x44, 0xad), new Color(0xc0, 0x39, 0x2b), new Color(0x16, 0xa0, 0x85), new Color(0x7f, 0x8c, 0x8d)};
    private static final Color GRID = new Color(0xdd, 0xe1, 0xe6);

    /** A named series of values, one per axis or wave; null = no value. */
    record Series(String name, Color colour, List<Double> values, boolean dashed) {
        boolean complete() {
            return values.stream().noneMatch(v -> v == null);
        }
    }

    private PdfCharts() {
    }

    /** Radar over the axes (0 at the centre, {@code max} at the rim), with a legend below. */
    static void radar(PdfPages pages, List<String> axes, List<Series> series, double max) {
        float height = 330;
        float top = pages.reserve(height);
        PDPageContentStream c = pages.canvas();
        float cx = pages.left() + pages.width() / 2;
        float cy = top - 150;
        float r = 105;
        int n = axes.size();
        try {
            c.setLineWidth(0.6f);
            c.setStrokingColor(GRID);
            for (double ring : new double[]{0.25, 0.5, 0.75, 1}) {
                for (int i = 0; i <= n; i++) {
                    float[] p = point(cx, cy, r * ring, i % n, n);
                    if (i == 0) {
                        c.moveTo(p[0], p[1]);
                    } else {
                        c.lineTo(p[0], p[1]);
                    }
                }
                c.stroke();
                pages.text(number(max * ring), PdfPages.REGULAR, 6.5f, PdfPages.MUTED, cx + 2, (float) (cy + r * ring + 1));
            }
            for (int i = 0; i < n; i++) {
                float[] p = point(cx, cy, r, i, n);
                c.moveTo(cx, cy);
                c.lineTo(p[0], p[1]);
                c.stroke();
                label(pages, axes.get(i), point(cx, cy, r + 10, i, n), cx);
            }
            for (Series s : series) {
                if (!s.complete()) {
                    continue;
                }
                for (int i = 0; i <= n; i++) {
                    float[] p = point(cx, cy, (float) (r * Math.max(0, Math.min(1, s.values().get(i % n) / max))), i % n, n);
                    if (i == 0) {
                        c.moveTo(p[0], p[1]);
                    } else {
                        c.lineTo(p[0], p[1]);
                    }
                }
                c.setStrokingColor(s.colour());
                c.setLineWidth(1.6f);
                c.setLineDashPattern(s.dashed() ? new float[]{4, 3} : new float[0], 0);
                fillTranslucent(c, s.colour());
                c.setLineDashPattern(new float[0], 0);
            }
            legend(pages, series.stream().filter(Series::complete).toList(), top - height + 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of each series over the waves (x) on a 0..max scale (y), with a legend below. */
    static void history(PdfPages pages, List<String> waves, List<Series> series, double max) {
        int legendRows = (series.size() + 1) / 2;
        float height = 200 + legendRows * 12;
        float top = pages.reserve(height);
        PDPageContentStream c = pages.canvas();
        float left = pages.left() + 30;
        float right = pages.left() + pages.width() - 20;
        float bottom = top - 170;
        float plotTop = top - 10;
        try {
            c.setLineWidth(0.5f);
            for (int i = 0; i <= 4; i++) {
                float y = bottom + (plotTop - bottom) * i / 4;
                c.setStrokingColor(GRID);
                c.moveTo(left, y);
                c.lineTo(right, y);
                c.stroke();
                String t = number(max * i / 4);
                pages.text(t, PdfPages.REGULAR, 7, PdfPages.MUTED, left - 4 - PdfPages.textWidth(t, PdfPages.REGULAR, 7), y - 2.5f);
            }
            int n = waves.size();
            for (int i = 0; i < n; i++) {
                float x = x(i, n, left, right);
                String t = waves.get(i);
                pages.text(t, PdfPages.REGULAR, 7, Color.BLACK, x - PdfPages.textWidth(t, PdfPages.REGULAR, 7) / 2, bottom - 12);
            }
            for (Series s : series) {
                c.setStrokingColor(s.colour());
                c.setNonStrokingColor(s.colour());
                c.setLineWidth(s.dashed() ? 1 : 2);
                boolean drawing = false;
                for (int i = 0; i < n; i++) {
                    Double v = s.values().get(i);
                    if (v == null) {
                        drawing = false;
                        continue;
                    }
                    float x = x(i, n, left, right);
                    float y = (float) (bottom + (plotTop - bottom) * Math.max(0, Math.min(1, v / max)));
                    if (drawing) {
                        c.lineTo(x, y);
                    } else {
                        c.moveTo(x, y);
                    }
                    drawing = true;
                }
                c.stroke();
                for (int i = 0; i < n; i++) {
                    Double v = s.values().get(i);
                    if (v != null) {
                        float y = (float) (bottom + (plotTop - bottom) * Math.max(0, Math.min(1, v / max)));
                        c.addRect(x(i, n, left, right) - 1.8f, y - 1.8f, 3.6f, 3.6f);
                        c.fill();
                    }
                }
            }
            legend(pages, series, bottom - 26);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float x(int i, int n, float left, float right) {
        return n == 1 ? (left + right) / 2 : left + 20 + (right - left - 40) * i / (n - 1);
    }

    private static void fillTranslucent(PDPageContentStream c, Color colour) throws IOException {
        PDExtendedGraphicsState state = new PDExtendedGraphicsState();
        state.setNonStrokingAlphaConstant(0.12f);
        c.saveGraphicsState();
        c.setGraphicsStateParameters(state);
        c.setNonStrokingColor(colour);
        c.fillAndStroke();
        c.restoreGraphicsState();
    }

    /** An axis label beside its spoke, wrapped to at most 120 points and aligned away from the centre. */
    private static void label(PdfPages pages, String text, float[] at, float cx) {
        float size = 7.5f;
        List<String> lines = PdfPages.wrap(text, PdfPages.REGULAR, size, 120);
        float lineHeight = size * 1.2f;
        float y = at[1] + (lines.size() - 1) * lineHeight / 2 - size / 3;
        for (String line : lines) {
            float w = PdfPages.textWidth(line, PdfPages.REGULAR, size);
            float x = at[0] < cx - 5 ? at[0] - w : at[0] > cx + 5 ? at[0] : at[0] - w / 2;
            pages.text(line, PdfPages.REGULAR, size, Color.BLACK, x, y);
            y -= lineHeight;
        }
    }

    private static void legend(PdfPages pages, List<Series> series, float baseline) throws IOException {
        PDPageContentStream c = pages.canvas();
        float x = pages.left();
        float y = baseline;
        for (int i = 0; i < series.size(); i++) {
            if (i > 0 && i % 2 == 0) {
                x = pages.left();
                y -= 12;
            }
            Series s = series.get(i);
            c.setNonStrokingColor(s.colour());
            c.addRect(x, y, 10, 6);
            c.fill();
            pages.text(s.name(), PdfPages.REGULAR, 7.5f, Color.BLACK, x + 14, y);
            x += pages.width() / 2;
        }
    }

    private static float[] point(float cx, float cy, double radius, int i, int n) {
        double a = Math.PI / 2 - 2 * Math.PI * i / n;
        return new float[]{(float) (cx + Math.cos(a) * radius), (float) (cy + Math.sin(a) * radius)};
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
