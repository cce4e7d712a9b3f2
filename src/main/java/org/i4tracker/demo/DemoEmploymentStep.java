package org.i4tracker.demo;

import jakarta.inject.Singleton;
import org.i4tracker.district.Region;
import org.i4tracker.district.RegionRepository;
import org.i4tracker.typology.ReferenceStatistics;

import java.util.Locale;
import java.util.Random;

/**
 * Employment statistics for the district typology (DESIGN.md §7): the Spanish NUTS-2 regions × the industries of the
 * demo districts (footwear 15.20, toys 32.40, ceramic tiles 23.31, metal machining 25.62), 2019–2025. The stored
 * regions are the national partition the typology sums over, so they are one country's regions; the figures are of
 * the order of the regions' employment and the industries' known centres (Valencia for footwear, toys and tiles, the
 * Basque Country and Catalonia for machining, La Rioja and the Balearic Islands for footwear), drifting by about
 * 1 % a year with noise from the demo's random source (drawn last, so the other steps' data stay as they were).
 * Illustrative, not official statistics.
 */
@Singleton
class DemoEmploymentStep implements DemoStep {

    private static final String[] INDUSTRIES = {"15.20", "32.40", "23.31", "25.62"};

    /** Region code, total employment, then employment and establishments per industry in {@link #INDUSTRIES} order. */
    private static final long[][] BASE = {
            {11, 1_100_000, 250, 12, 120, 4, 90, 3, 2_600, 160},
            {12, 380_000, 60, 4, 40, 2, 50, 2, 1_400, 90},
            {13, 240_000, 40, 3, 30, 2, 60, 2, 1_100, 70},
            {21, 950_000, 120, 8, 150, 6, 80, 3, 18_000, 1_100},
            {22, 290_000, 90, 6, 60, 3, 40, 2, 3_000, 190},
            {23, 140_000, 3_000, 180, 30, 2, 20, 1, 900, 60},
            {24, 590_000, 1_100, 70, 110, 5, 150, 4, 4_000, 260},
            {30, 3_300_000, 600, 40, 700, 30, 90, 4, 5_000, 330},
            {41, 960_000, 150, 10, 80, 4, 200, 6, 3_000, 200},
            {42, 820_000, 3_500, 210, 90, 4, 180, 5, 2_200, 150},
            {43, 400_000, 80, 6, 20, 1, 30, 1, 600, 40},
            {51, 3_500_000, 1_000, 70, 1_800, 80, 300, 10, 15_000, 950},
            {52, 2_200_000, 28_000, 1_900, 6_500, 420, 16_000, 300, 7_000, 450},
            {53, 560_000, 2_200, 140, 40, 2, 20, 1, 500, 35},
            {61, 3_200_000, 1_200, 90, 200, 10, 100, 4, 4_000, 270},
            {62, 640_000, 900, 60, 150, 8, 60, 2, 1_800, 120},
            {70, 920_000, 60, 5, 30, 2, 20, 1, 700, 50}};

    /** The NUTS-2 names of the regions in {@link #BASE}, registered under Spain so that views name them. */
    private static final String[] NAMES = {"Galicia", "Principado de Asturias", "Cantabria", "Pais Vasco", "Comunidad Foral de Navarra",
            "La Rioja", "Aragon", "Comunidad de Madrid", "Castilla y Leon", "Castilla-La Mancha", "Extremadura", "Cataluna",
            "Comunitat Valenciana", "Illes Balears", "Andalucia", "Region de Murcia", "Canarias"};

    private final ReferenceStatistics statistics;
    private final RegionRepository regions;

    DemoEmploymentStep(ReferenceStatistics statistics, RegionRepository regions) {
        this.statistics = statistics;
        this.regions = regions;
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public void load(DemoRegion demo) {
        Random random = demo.random();
        Region spain = demo.regions().stream().filter(r -> r.code().equals("ES")).findFirst().orElseThrow();
        for (int r = 0; r < BASE.length; r++) {
            String code = "ES" + BASE[r][0];
            if (!regions.existsByCode(code)) {
                demo.regions.add(regions.save(new Region(null, code, NAMES[r], spain.id(), null)));
            }
        }
        StringBuilder csv = new StringBuilder("regionCode,naceCode,year,totalEmployment,industryEmployment,establishments\n");
        for (int year = 2019; year <= 2025; year++) {
            for (long[] region : BASE) {
                double growth = 1 + 0.01 * (year - 2019);
                long total = Math.round(region[1] * growth * (1 + 0.005 * random.nextGaussian()));
                for (int i = 0; i < INDUSTRIES.length; i++) {
                    double drift = growth * (1 + 0.02 * random.nextGaussian());
                    long employed = Math.min(total, Math.round(region[2 + 2 * i] * drift));
                    long establishments = Math.max(1, Math.round(region[3 + 2 * i] * (2 - drift)));
                    csv.append(String.format(Locale.ROOT, "ES%d,%s,%d,%d,%d,%d%n", region[0], INDUSTRIES[i], year, total, employed, establishments));
                }
            }
        }
        statistics.load(csv.toString());
    }
}
