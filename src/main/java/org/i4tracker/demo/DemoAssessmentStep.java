package org.i4tracker.demo;

import jakarta.inject.Singleton;
import org.i4tracker.actor.Firm;
import org.i4tracker.assessment.AssessmentRequests;
import org.i4tracker.assessment.AssessmentService;
import org.i4tracker.assessment.AssessmentView;
import org.i4tracker.model.Confidence;
import org.i4tracker.model.Dimension;
import org.i4tracker.model.Item;
import org.i4tracker.model.ModelRegistry;
import org.i4tracker.programme.ProgrammeParticipants;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Digital-maturity assessments for the demo firms: a T0 in autumn 2021, before the demo programme
 * opens, and a T1 in spring 2025. Each firm has a latent maturity that grows with its size; every
 * firm drifts up a little between waves, programme participants (enrolled by the demo programme
 * step) gain about 12 points more on the 0–100 scale, with noise — so the evaluation has a real,
 * known effect to find.
 */
@Singleton
class DemoAssessmentStep implements DemoStep {

    private static final String MODEL = "digital-maturity";
    private static final String VERSION = "1.0.0";

    private final AssessmentService service;
    private final ModelRegistry models;
    private final ProgrammeParticipants participants;

    DemoAssessmentStep(AssessmentService service, ModelRegistry models, ProgrammeParticipants participants) {
        this.service = service;
        this.models = models;
        this.participants = participants;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void load(DemoRegion demo) {
        Random random = demo.random();
        List<Item> items = new ArrayList<>();
        for (Dimension d : models.engine(MODEL, VERSION).model().dimensions()) {
            items.addAll(d.items());
        }
        Set<Long> treated = participants.all();
        Set<Long> districtsSeen = new java.util.HashSet<>();
        for (Firm firm : demo.firms()) {
            // Two thirds of the firms take part in the assessment campaigns; the first firm of each
            // district always does, so the demo firm user has a benchmark report to read.
            boolean firstOfDistrict = districtsSeen.add(firm.districtId());
            if (random.nextDouble() > 0.67 && !treated.contains(firm.id()) && !firstOfDistrict) {
                continue;
            }
            double latent = 22 + 10 * Math.log10(1 + firm.employees()) + 8 * random.nextGaussian();
            double gain = 4 + (treated.contains(firm.id()) ? 12 : 0) + 4 * random.nextGaussian();
            LocalDate t0 = LocalDate.of(2021, 10, 1).plusDays(random.nextInt(60));
            LocalDate t1 = LocalDate.of(2025, 3, 1).plusDays(random.nextInt(60));
            assess(firm, "T0", t0, latent, items, random);
            assess(firm, "T1", t1, latent + gain, items, random);
        }
    }

    private void assess(Firm firm, String wave, LocalDate date, double level, List<Item> items, Random random) {
        AssessmentView draft = service.create(new AssessmentRequests.Create(firm.id(), MODEL, VERSION, wave, date), "demo-assessor");
        List<AssessmentRequests.AnswerInput> answers = new ArrayList<>();
        for (Item item : items) {
            double target = Math.max(0, Math.min(100, level + 15 * random.nextGaussian()));
            Object value = switch (item.scale().type()) {
                case LIKERT_5 -> (int) Math.round(1 + target / 25);
                case SCALE_0_10 -> (int) Math.round(target / 10);
                case YES_NO -> random.nextDouble() * 100 < target;
                case CHOICE -> item.scale().options().stream()
                        .min((a, b) -> Double.compare(Math.abs(a.score() - target), Math.abs(b.score() - target)))
                        .orElseThrow().code();
            };
            answers.add(new AssessmentRequests.AnswerInput(item.code(), value, false,
                    random.nextDouble() < 0.5 ? Confidence.EVIDENCED : Confidence.SELF_DECLARED, null));
        }
        AssessmentView saved = service.saveAnswers(draft.id(), new AssessmentRequests.Answers(draft.version(), answers), "demo-assessor");
        AssessmentView submitted = service.submit(saved.id(), new AssessmentRequests.Transition(saved.version()), "demo-assessor", false);
        service.validate(submitted.id(), new AssessmentRequests.Transition(submitted.version()), "demo-assessor");
    }

}
