package org.i4tracker.benchmark;

import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmService;
import org.i4tracker.common.SizeClass;
import org.i4tracker.district.District;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.district.RegionRepository;
import org.i4tracker.label.Labels;
import org.i4tracker.model.AssessmentModel;
import org.i4tracker.model.Band;
import org.i4tracker.model.ModelRegistry;

import java.awt.Color;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark report of {@link BenchmarkService} as a PDF for the firm to keep and share: the same
 * figures as the JSON report, in words — the firm, districts, bands, dimensions and services by name, the
 * peer group described by what it holds, and the privacy rule stated as what it protects. The radar and
 * the history are drawn as vector graphics ({@link PdfCharts}). Scopes are the JSON report's: the caller
 * checks {@code FirmAccess} first.
 */
@Singleton
class BenchmarkPdf {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final BenchmarkService benchmarks;
    private final FirmService firms;
    private final DistrictRepository districts;
    private final RegionRepository regions;
    private final ModelRegistry models;

    BenchmarkPdf(BenchmarkService benchmarks, FirmService firms, DistrictRepository districts, RegionRepository regions,
                 ModelRegistry models) {
        this.benchmarks = benchmarks;
        this.firms = firms;
        this.districts = districts;
        this.regions = regions;
        this.models = models;
    }

    byte[] render(long firmId, String modelId, String version, String peers) {
        BenchmarkReport report = benchmarks.report(firmId, modelId, version, peers);
        AssessmentModel model = models.engine(modelId, version).model();
        Firm firm = firms.require(firmId);
        District district = districts.findById(firm.districtId()).orElse(null);
        Function<String, String> band = code -> code == null ? "–" : model.bands().stream().filter(b -> b.code().equals(code))
                .map(Band::label).findFirst().orElse(code);
        Map<String, String> dimensionNames = report.dimensions().stream()
                .collect(Collectors.toMap(BenchmarkReport.Metric::code, BenchmarkReport.Metric::name));
        try (PdfPages pages = new PdfPages()) {
            pages.paragraph("Benchmark report · " + model.name(), PdfPages.REGULAR, 10, PdfPages.MUTED);
            pages.paragraph(firm.name(), PdfPages.BOLD, 20, Color.BLACK);
            pages.paragraph((district == null ? "" : district.name() + " · ") + "assessment " + report.wave() + " of "
                    + DATE.format(report.date()) + " · model version " + report.modelVersion(), PdfPages.REGULAR, 10, PdfPages.MUTED);
            pages.space(6);
            pages.paragraph(peerGroupWords(report, firm, district));
            pages.paragraph("Overall score: " + number(report.overall().score()) + " of " + number(model.scaleMax())
                    + (report.overall().band() == null ? "" : " (" + band.apply(report.overall().band()) + ")") + ".");

            pages.heading("Your firm against comparable firms", 13);
            List<String> axes = report.dimensions().stream().map(BenchmarkReport.Metric::name).toList();
            PdfCharts.radar(pages, axes, List.of(
                    new PdfCharts.Series(firm.name(), PdfCharts.FIRM, report.dimensions().stream().map(BenchmarkReport.Metric::score).toList(), false),
                    new PdfCharts.Series("Comparable firms: median", PdfCharts.P50, peerValues(report, BenchmarkReport.Peers::p50), false),
                    new PdfCharts.Series("Comparable firms: upper quarter (P75)", PdfCharts.P75, peerValues(report, BenchmarkReport.Peers::p75), true)),
                    model.scaleMax());
            figures(pages, report, band);

            pages.heading("How your scores moved", 13);
            history(pages, report, model);

            advice(pages, report, dimensionNames, band);
            pages.heading("About the figures of other firms", 11);
            pages.note("Figures about other firms are shown only when at least " + report.kFloor() + " other firms of the group have a "
                    + "validated assessment. They are computed without your own scores, rounded to the middle of a class a few points "
                    + "wide, and small groups show only the median, so that no other firm's score can be worked out from this report. "
                    + "When a group is too small, a wider group is used or the figures are left out.");
            return pages.bytes();
        }
    }

    private String peerGroupWords(BenchmarkReport report, Firm firm, District district) {
        BenchmarkReport.PeerGroupUsed group = report.peerGroup();
        if (group.suppressed()) {
            return "Figures of comparable firms are not shown: too few firms with a validated assessment of this model for "
                    + "their scores to stay confidential.";
        }
        PeerGroupLevel level = PeerGroupLevel.parse(group.used());
        String districtName = district == null ? "your district" : district.name();
        SizeClass size = firm.sizeClass();
        String words = switch (level) {
            case DISTRICT_SECTOR_SIZE -> "firms of " + districtName + " in your sector (NACE " + Labels.nace(division(firm)) + ") and of your size ("
                    + size.name().toLowerCase(Locale.ROOT) + " firms, " + sizeRange(size) + " employees)";
            case DISTRICT_SECTOR -> "firms of " + districtName + " in your sector (NACE " + Labels.nace(division(firm)) + ")";
            case DISTRICT -> "firms of " + districtName;
            case REGION -> "firms of the region " + (district == null ? "" : regions.findById(district.regionId()).map(r -> r.name()).orElse(""));
            case ALL -> "all firms with a validated assessment of this model";
        };
        String text = "Compared with " + group.n() + " " + words + ", your own firm included.";
        if (!group.skipped().isEmpty()) {
            text += " A narrower group was not used because " + group.skipped().stream().map(s -> skippedWords(s.reason()))
                    .collect(Collectors.toCollection(LinkedHashSet::new)).stream().collect(Collectors.joining("; ")) + ".";
        }
        return text;
    }

    private static String skippedWords(String reason) {
        if (reason != null && reason.contains("subtraction")) {
            return "its figures could be worked out by subtracting them from a wider group";
        }
        if (reason != null && reason.contains("enclosing")) {
            return "the wider group around it is not shown";
        }
        return "it has too few firms with a validated assessment for their scores to stay confidential";
    }

    private static String division(Firm firm) {
        return firm.naceCode().length() >= 2 ? firm.naceCode().substring(0, 2) : firm.naceCode();
    }

    private static String sizeRange(SizeClass size) {
        return size.maxEmployees() == Integer.MAX_VALUE ? size.minEmployees() + " or more" : size.minEmployees() + " to " + size.maxEmployees();
    }

    private static List<Double> peerValues(BenchmarkReport report, Function<BenchmarkReport.Peers, Double> figure) {
        return report.dimensions().stream().map(m -> m.peers() == null ? null : figure.apply(m.peers())).toList();
    }

    private static void figures(PdfPages pages, BenchmarkReport report, Function<String, String> band) {
        List<List<String>> rows = new ArrayList<>();
        List<BenchmarkReport.Metric> metrics = new ArrayList<>();
        metrics.add(report.overall());
        metrics.addAll(report.dimensions());
        for (BenchmarkReport.Metric m : metrics) {
            BenchmarkReport.Peers p = m.peers();
            rows.add(List.of(m.name(), number(m.score()), band.apply(m.band()), signed(m.change()),
                    p == null ? "not shown" : Integer.toString(p.n()), p == null ? "not shown" : number(p.p50()),
                    p == null ? "not shown" : peer(p.p75()), p == null ? "not shown" : signed(p.gapToMedian())));
        }
        pages.table(List.of("Dimension", "Score", "Band", "Change since last wave", "Other firms", "Their median", "Their P75",
                "Median minus your score"), rows, new float[]{0.24f, 0.08f, 0.14f, 0.11f, 0.1f, 0.1f, 0.1f, 0.13f});
        Set<String> reasons = new LinkedHashSet<>();
        metrics.stream().map(BenchmarkReport.Metric::peers).filter(p -> p != null && p.withheld() != null)
                .forEach(p -> reasons.add("Not every figure is shown: " + p.withheld() + "."));
        if (metrics.stream().anyMatch(m -> m.peers() == null)) {
            reasons.add("\"Not shown\": too few comparable firms have a score in this dimension for their figures to stay confidential.");
        }
        pages.space(4);
        reasons.forEach(pages::note);
    }

    private static void history(PdfPages pages, BenchmarkReport report, AssessmentModel model) {
        List<BenchmarkReport.HistoryWave> waves = report.history();
        List<String> labels = waves.stream().map(w -> w.wave() + " (" + w.date() + ")").toList();
        List<PdfCharts.Series> series = new ArrayList<>();
        series.add(new PdfCharts.Series("Overall", Color.BLACK, waves.stream().map(BenchmarkReport.HistoryWave::overall).toList(), false));
        for (int d = 0; d < report.dimensions().size(); d++) {
            BenchmarkReport.Metric m = report.dimensions().get(d);
            series.add(new PdfCharts.Series(m.name(), PdfCharts.LINES[d % PdfCharts.LINES.length],
                    waves.stream().map(w -> w.dimensions().get(m.code())).toList(), true));
        }
        PdfCharts.history(pages, labels, series, model.scaleMax());
        List<String> header = new ArrayList<>();
        header.add("Dimension");
        header.addAll(labels);
        List<List<String>> rows = new ArrayList<>();
        List<String> overall = new ArrayList<>();
        overall.add("Overall");
        waves.forEach(w -> overall.add(number(w.overall())));
        rows.add(overall);
        for (BenchmarkReport.Metric m : report.dimensions()) {
            List<String> row = new ArrayList<>();
            row.add(m.name());
            waves.forEach(w -> row.add(number(w.dimensions().get(m.code()))));
            rows.add(row);
        }
        float[] widths = new float[header.size()];
        widths[0] = 0.34f;
        for (int i = 1; i < widths.length; i++) {
            widths[i] = 0.66f / (widths.length - 1);
        }
        pages.table(header, rows, widths);
    }

    private static void advice(PdfPages pages, BenchmarkReport report, Map<String, String> dimensionNames,
                               Function<String, String> band) {
        BenchmarkReport.Advice a = report.advice();
        pages.heading("What to do next", 13);
        pages.paragraph("Weakest dimensions (" + ("PEERS".equals(a.weakestBasis()) ? "compared with the other firms" : "by your own scores") + "):",
                PdfPages.BOLD, 10, Color.BLACK);
        for (BenchmarkReport.WeakDimension w : a.weakestDimensions()) {
            pages.paragraph("• " + w.name() + ": score " + number(w.score())
                    + (w.gapToMedian() == null ? "" : ", " + number(Math.abs(w.gapToMedian())) + (w.gapToMedian() >= 0 ? " points below" : " points above")
                    + " the other firms' median"));
        }
        if (a.lift() != null && a.lift().nextBand() != null) {
            pages.space(4);
            pages.paragraph("To reach " + band.apply(a.lift().nextBand()) + " (projected score " + number(a.lift().projectedScore())
                    + (a.lift().reachable() ? "" : "; these steps alone are not enough") + "):", PdfPages.BOLD, 10, Color.BLACK);
            int i = 1;
            for (BenchmarkReport.LiftItem item : a.lift().items()) {
                pages.paragraph(i++ + ". " + item.text() + " (" + dimensionNames.getOrDefault(item.dimension(), item.dimension()) + ")");
                pages.note("   " + item.advice());
            }
        }
        if (!a.services().isEmpty()) {
            pages.space(4);
            pages.paragraph("Services that address them:", PdfPages.BOLD, 10, Color.BLACK);
            for (BenchmarkReport.ServiceOffer s : a.services()) {
                String offered = s.offeredBy().isEmpty() ? "not in your current programmes"
                        : "offered by " + s.offeredBy().stream().map(BenchmarkReport.ProgrammeOffer::name).collect(Collectors.joining(", "));
                pages.paragraph("• " + dimensionNames.getOrDefault(s.dimension(), s.dimension()) + ": "
                        + s.serviceTypes().stream().map(t -> Labels.service(t.name())).collect(Collectors.joining(", ")) + " — " + offered);
            }
        }
    }

    private static String peer(Double v) {
        return v == null ? "withheld" : number(v);
    }

    private static String number(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String signed(Double v) {
        return v == null ? "–" : (v >= 0 ? "+" : "-") + String.format(Locale.ROOT, "%.1f", Math.abs(v));
    }
}
