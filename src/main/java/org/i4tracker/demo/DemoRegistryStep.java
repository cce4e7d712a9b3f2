package org.i4tracker.demo;

import jakarta.inject.Singleton;
import org.i4tracker.actor.ActorRef;
import org.i4tracker.actor.Capabilities;
import org.i4tracker.actor.Firm;
import org.i4tracker.actor.FirmService;
import org.i4tracker.actor.Institution;
import org.i4tracker.actor.InstitutionRepository;
import org.i4tracker.actor.Link;
import org.i4tracker.actor.LinkService;
import org.i4tracker.district.District;
import org.i4tracker.district.DistrictEmployment;
import org.i4tracker.district.DistrictEmploymentRepository;
import org.i4tracker.district.DistrictRepository;
import org.i4tracker.district.Region;
import org.i4tracker.district.RegionRepository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo registry: the Valencian footwear, toy and ceramic-tile districts of seed 002 and the
 * Sorocaba metal-mechanic cluster of seed 000, about 300 firms with a realistic size mix (most
 * firms micro or small, few large), the districts' technology institutes, a university, local
 * government and business associations, and buy–sell, knowledge-flow, joint-project and membership links.
 */
@Singleton
class DemoRegistryStep implements DemoStep {

    /** A district to generate: its sector, firm count, typical processes and certifications. */
    private record Cluster(String region, String name, String nace, List<String> relatedNace, int firms, int employment,
                           int establishments, String description, List<String> processes, List<String> certifications) {
    }

    private static final List<Cluster> CLUSTERS = List.of(
            new Cluster("ES52", "Elche-Elda footwear district", "15.20", List.of("15.11", "22.19"), 90, 28_000, 1_900,
                    "Footwear and components around Elche, Elda and Petrer (seed 002)",
                    List.of("cutting", "stitching", "lasting", "sole injection", "finishing", "leather tanning"),
                    List.of("ISO 9001", "ISO 14001", "Leather Working Group")),
            new Cluster("ES52", "Foia de Castalla toy valley", "32.40", List.of("22.29", "25.73"), 60, 6_500, 420,
                    "Toys and plastic injection around Ibi, Onil and Castalla (seed 002)",
                    List.of("plastic injection", "mould making", "assembly", "painting", "packaging design"),
                    List.of("ISO 9001", "EN 71 toy safety", "ISO 14001")),
            new Cluster("ES52", "Castellon ceramic tile district", "23.31", List.of("20.30", "28.92"), 80, 16_000, 300,
                    "Ceramic tiles, frits and glazes and kiln machinery around Castellon (seed 002)",
                    List.of("pressing", "glazing", "kiln firing", "digital decoration", "rectifying"),
                    List.of("ISO 9001", "ISO 14001", "ISO 50001", "EMAS")),
            new Cluster("BR-SP-SOR", "Sorocaba metal-mechanic cluster", "25.62", List.of("28.41", "29.32", "24.51"), 70, 22_000, 900,
                    "Metal-mechanic and automotive suppliers of the Sorocaba metropolitan region (seed 000)",
                    List.of("CNC machining", "stamping", "welding", "heat treatment", "casting", "tool making"),
                    List.of("ISO 9001", "IATF 16949", "ISO 14001")));

    private static final List<String> TECHNOLOGIES = List.of("ERP_MES", "CONNECTED_MACHINES", "ADDITIVE_MANUFACTURING",
            "ROBOTICS", "CLOUD", "DATA_ANALYTICS_AI", "DIGITAL_TWIN", "B2B_PLATFORM", "CYBERSECURITY");

    private final RegionRepository regions;
    private final DistrictRepository districts;
    private final DistrictEmploymentRepository employment;
    private final FirmService firms;
    private final InstitutionRepository institutions;
    private final LinkService links;

    DemoRegistryStep(RegionRepository regions, DistrictRepository districts, DistrictEmploymentRepository employment,
                     FirmService firms, InstitutionRepository institutions, LinkService links) {
        this.regions = regions;
        this.districts = districts;
        this.employment = employment;
        this.firms = firms;
        this.institutions = institutions;
        this.links = links;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public void load(DemoRegion demo) {
        Random random = demo.random();
        Region spain = region(demo, "ES", "Spain", null);
        Region valencia = region(demo, "ES52", "Comunitat Valenciana", spain.id());
        Region brazil = region(demo, "BR", "Brazil", null);
        Region saoPaulo = region(demo, "BR-SP", "Sao Paulo", brazil.id());
        Region sorocaba = region(demo, "BR-SP-SOR", "Sorocaba Metropolitan Region", saoPaulo.id());

        Institution upv = institution(demo, valencia, null, "Universitat Politecnica de Valencia", Institution.Kind.UNIVERSITY, false);
        Institution ivace = institution(demo, valencia, null, "IVACE regional innovation agency", Institution.Kind.LOCAL_GOVERNMENT, false);
        Institution ufscar = institution(demo, sorocaba, null, "UFSCar Sorocaba campus", Institution.Kind.UNIVERSITY, false);
        institution(demo, sorocaba, null, "Sorocaba city hall", Institution.Kind.LOCAL_GOVERNMENT, false);

        String[][] districtInstitutions = {
                {"INESCOP footwear technology institute", "FICE footwear industry federation"},
                {"AIJU toy and leisure technology institute", "AEFJ toy manufacturers association"},
                {"ITC ceramic technology institute", "ASCER ceramic tile manufacturers association"},
                {"SENAI Sorocaba technology centre", "CIESP Sorocaba industry association"}};

        for (int c = 0; c < CLUSTERS.size(); c++) {
            Cluster cluster = CLUSTERS.get(c);
            Region home = cluster.region().equals("ES52") ? valencia : sorocaba;
            District district = districts.save(new District(null, home.id(), cluster.name(), cluster.nace(), cluster.description(), null));
            demo.districts.add(district);
            for (int year = 2019; year <= 2025; year++) {
                double drift = 1 + 0.01 * (year - 2019) + 0.02 * random.nextGaussian();
                employment.save(new DistrictEmployment(null, district.id(), year, (int) Math.round(cluster.employment() * drift),
                        (int) Math.round(cluster.establishments() * (2 - drift)), null));
            }
            Institution rti = institution(demo, home, district.id(), districtInstitutions[c][0], Institution.Kind.RTI, false);
            Institution association = institution(demo, home, district.id(), districtInstitutions[c][1],
                    Institution.Kind.BUSINESS_ASSOCIATION, false);
            List<Firm> clusterFirms = new ArrayList<>();
            for (int i = 1; i <= cluster.firms(); i++) {
                clusterFirms.add(firm(demo, random, cluster, district, i));
            }
            linkCluster(random, clusterFirms, rti, association, home.code().equals("ES52") ? upv : ufscar);
        }
        linkAgency(random, demo.firms, ivace);
    }

    private Region region(DemoRegion demo, String code, String name, Long parent) {
        Region region = regions.save(new Region(null, code, name, parent, null));
        demo.regions.add(region);
        return region;
    }

    private Institution institution(DemoRegion demo, Region region, Long district, String name, Institution.Kind kind, boolean market) {
        Institution institution = institutions.save(new Institution(null, region.id(), district, name, kind, market, null));
        demo.institutions.add(institution);
        return institution;
    }

    /** Head-count drawn so that about 45 % of firms are micro, 38 % small, 14 % medium and 3 % large. */
    private static int employees(Random random) {
        double u = random.nextDouble();
        if (u < 0.45) {
            return 2 + random.nextInt(8);
        } else if (u < 0.83) {
            return 10 + random.nextInt(40);
        } else if (u < 0.97) {
            return 50 + random.nextInt(200);
        }
        return 250 + random.nextInt(600);
    }

    private Firm firm(DemoRegion demo, Random random, Cluster cluster, District district, int index) {
        int employees = employees(random);
        String nace = random.nextDouble() < 0.8 ? cluster.nace() : cluster.relatedNace().get(random.nextInt(cluster.relatedNace().size()));
        List<String> processes = pick(random, cluster.processes(), 1 + random.nextInt(3));
        List<String> certifications = new ArrayList<>();
        for (String cert : cluster.certifications()) {
            if (random.nextDouble() < Math.min(0.9, 0.1 + employees / 300.0)) {
                certifications.add(cert);
            }
        }
        // Larger firms use more technologies; connected machines are left to telemetry and assessments.
        List<String> technologies = new ArrayList<>();
        for (String technology : TECHNOLOGIES) {
            if (!technology.equals("CONNECTED_MACHINES") && random.nextDouble() < Math.min(0.7, 0.05 + employees / 600.0)) {
                technologies.add(technology);
            }
        }
        String code = String.format("%s-%03d", cluster.nace().replace(".", ""), index);
        String name = firmName(random, cluster) + " " + index;
        Firm saved = firms.add(new Firm(null, district.id(), code, name, nace, employees, true, null),
                new Capabilities(processes, certifications, technologies));
        demo.firms.add(saved);
        return saved;
    }

    private static final String[] NAME_PARTS = {"Industrias", "Talleres", "Grupo", "Componentes", "Tecnica", "Metalurgica", "Creaciones"};

    private static String firmName(Random random, Cluster cluster) {
        String sector = cluster.nace().startsWith("15") ? "Calzados" : cluster.nace().startsWith("32") ? "Juguetes"
                : cluster.nace().startsWith("23") ? "Ceramicas" : "Metalmecanica";
        return NAME_PARTS[random.nextInt(NAME_PARTS.length)] + " " + sector;
    }

    private static List<String> pick(Random random, List<String> values, int n) {
        List<String> copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    /**
     * Each firm sells to one to three larger firms of its district (supply chains run towards the
     * bigger assemblers), most firms receive training or consultancy from the district's RTI, some
     * cooperate with the university to change technology, many are members of the association, and
     * a few groups run joint projects.
     */
    private void linkCluster(Random random, List<Firm> cluster, Institution rti, Institution association, Institution university) {
        List<Firm> bySize = new ArrayList<>(cluster);
        bySize.sort((a, b) -> Integer.compare(b.employees(), a.employees()));
        for (Firm firm : cluster) {
            int customers = 1 + random.nextInt(3);
            for (int k = 0; k < customers; k++) {
                Firm customer = bySize.get(random.nextInt(Math.max(1, bySize.size() / 3)));
                if (!customer.id().equals(firm.id())) {
                    link(firm(firm), firm(customer), Link.Type.BUY_SELL, null, since(random));
                }
            }
            if (random.nextDouble() < 0.6) {
                link(institution(rti), firm(firm), Link.Type.KNOWLEDGE_FLOW,
                        random.nextDouble() < 0.75 ? Link.KnowledgeKind.USING : Link.KnowledgeKind.CHANGING, since(random));
            }
            if (random.nextDouble() < 0.1 + firm.employees() / 1000.0) {
                link(institution(university), firm(firm), Link.Type.KNOWLEDGE_FLOW, Link.KnowledgeKind.CHANGING, since(random));
            }
            if (random.nextDouble() < 0.55) {
                link(firm(firm), institution(association), Link.Type.MEMBERSHIP, null, since(random));
            }
        }
        for (int project = 0; project < cluster.size() / 15; project++) {
            List<Firm> partners = new ArrayList<>(cluster);
            java.util.Collections.shuffle(partners, random);
            LocalDate start = since(random);
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    link(firm(partners.get(a)), firm(partners.get(b)), Link.Type.JOINT_PROJECT, null, start);
                }
            }
        }
    }

    private void linkAgency(Random random, List<Firm> all, Institution agency) {
        for (Firm firm : all) {
            if (firm.districtId() <= 3 && random.nextDouble() < 0.05) {
                link(institution(agency), firm(firm), Link.Type.KNOWLEDGE_FLOW, Link.KnowledgeKind.USING, since(random));
            }
        }
    }

    private static LocalDate since(Random random) {
        return LocalDate.of(2015 + random.nextInt(9), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    private static ActorRef firm(Firm firm) {
        return new ActorRef(ActorRef.Kind.FIRM, firm.id());
    }

    private static ActorRef institution(Institution institution) {
        return new ActorRef(ActorRef.Kind.INSTITUTION, institution.id());
    }

    private void link(ActorRef from, ActorRef to, Link.Type type, Link.KnowledgeKind kind, LocalDate since) {
        links.create(new Link(null, from, to, type, kind, since, null, null));
    }
}
