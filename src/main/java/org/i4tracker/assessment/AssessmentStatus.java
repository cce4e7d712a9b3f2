package org.i4tracker.assessment;

/** DRAFT (answers change) → SUBMITTED (complete, awaiting an assessor) → VALIDATED (immutable). */
public enum AssessmentStatus { DRAFT, SUBMITTED, VALIDATED }
