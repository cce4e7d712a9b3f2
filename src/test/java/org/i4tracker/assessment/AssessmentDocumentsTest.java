package org.i4tracker.assessment;

import org.i4tracker.model.AnswerValue;
import org.i4tracker.model.Confidence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The answer and score documents of an assessment row: their JSON text, and reading it back. */
class AssessmentDocumentsTest {

    @Test
    void answerDocumentIsSortedByItemAndReadsBack() {
        List<StoredAnswer> answers = List.of(
                new StoredAnswer("HC4", AnswerValue.NOT_APPLICABLE, Confidence.VERIFIED_ON_SITE, "said \"n/a\"\nsecond line \\ end"),
                new StoredAnswer("DR_CLOUD", new AnswerValue.Option("IN_USE"), Confidence.EVIDENCED, null),
                new StoredAnswer("DBS3", new AnswerValue.YesNo(false), null, null),
                new StoredAnswer("DBS1", new AnswerValue.Points(4), Confidence.SELF_DECLARED, "ok"));
        String document = StoredAnswer.document(answers);
        assertEquals("[{\"item\":\"DBS1\",\"value\":4,\"notApplicable\":false,\"confidence\":\"SELF_DECLARED\",\"remark\":\"ok\"},"
                + "{\"item\":\"DBS3\",\"value\":false,\"notApplicable\":false,\"confidence\":\"SELF_DECLARED\",\"remark\":null},"
                + "{\"item\":\"DR_CLOUD\",\"value\":\"IN_USE\",\"notApplicable\":false,\"confidence\":\"EVIDENCED\",\"remark\":null},"
                + "{\"item\":\"HC4\",\"value\":null,\"notApplicable\":true,\"confidence\":\"VERIFIED_ON_SITE\","
                + "\"remark\":\"said \\\"n/a\\\"\\nsecond line \\\\ end\"}]", document);
        assertEquals(List.of(answers.get(3), answers.get(2), answers.get(1), answers.get(0)), StoredAnswer.fromDocument(document));
        assertEquals(List.of(), StoredAnswer.fromDocument(StoredAnswer.document(List.of())));
    }

    @Test
    void scoreDocumentKeepsOrderAndNulls() {
        List<FrozenScore> scores = List.of(new FrozenScore("STRATEGY", 62.5, "MODERATELY_ADVANCED"), new FrozenScore("READINESS", null, null),
                new FrozenScore("AUTOMATION", 0.0, "BASIC"));
        String document = FrozenScore.document(scores);
        assertEquals("[{\"dimension\":\"STRATEGY\",\"score\":62.5,\"band\":\"MODERATELY_ADVANCED\"},"
                + "{\"dimension\":\"READINESS\",\"score\":null,\"band\":null},{\"dimension\":\"AUTOMATION\",\"score\":0.0,\"band\":\"BASIC\"}]",
                document);
        assertEquals(scores, FrozenScore.fromDocument(document));
        assertEquals(List.of(), FrozenScore.fromDocument(null), "not validated: no document");
    }
}
