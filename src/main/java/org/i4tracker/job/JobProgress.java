package org.i4tracker.job;

/**
 * Handed to running work: report progress and ask whether the user asked to cancel. Work that
 * sees {@link #cancelled()} should stop at the next safe point and return what it has. The job's
 * progress may be called from several threads of the same job.
 */
public interface JobProgress {

    /** The progress of work that runs outside a job (a load at start-up, the checks of an upload): nobody follows it, nobody cancels it. */
    JobProgress UNOBSERVED = new JobProgress() {
        @Override
        public void total(long total) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    void total(long total);

    /** Marks {@code n} more units of work done. */
    void advance(long n);

    boolean cancelled();
}
