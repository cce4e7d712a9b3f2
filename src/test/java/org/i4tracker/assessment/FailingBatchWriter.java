package org.i4tracker.assessment;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.i4tracker.common.AdoptionsObserved;

import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test stand-in for the batch writer (only where {@code test.failing-batch-writer} is set): a batch of several
 * rows holding a row of one of the {@link #failFor} firms fails after the real writer has written it, as a
 * lost connection would, so the import must roll it back and write its rows one by one; a write holding a
 * row of one of the {@link #alwaysFailFor} firms fails even alone, as a constraint violation would. While
 * {@link #resume} is set, every write, once done, counts {@link #written} down and waits for {@code resume}.
 */
@Singleton
@Replaces(ValidatedAssessmentWriter.class)
@Requires(property = "test.failing-batch-writer")
class FailingBatchWriter extends ValidatedAssessmentWriter {

    static final Set<Long> failFor = ConcurrentHashMap.newKeySet();
    static final Set<Long> alwaysFailFor = ConcurrentHashMap.newKeySet();
    static volatile CountDownLatch written;
    static volatile CountDownLatch resume;

    FailingBatchWriter(AssessmentAudit audit, TransactionOperations<Connection> transactions,
                       ApplicationEventPublisher<AdoptionsObserved> adoptions) {
        super(audit, transactions, adoptions);
    }

    @Override
    List<Long> write(Connection connection, List<Validated> rows, Batch batch) {
        List<Long> ids = super.write(connection, rows, batch);
        CountDownLatch waitFor = resume;
        if (waitFor != null) {
            written.countDown();
            try {
                if (!waitFor.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never resumed the writer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (rows.stream().anyMatch(r -> alwaysFailFor.contains(r.firmId()) || rows.size() > 1 && failFor.contains(r.firmId()))) {
            throw new IllegalStateException("simulated failure of the batch of lines " + rows.get(0).line() + ".." + rows.get(rows.size() - 1).line());
        }
        return ids;
    }
}
