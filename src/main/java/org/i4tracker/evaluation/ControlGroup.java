package org.i4tracker.evaluation;

/**
 * Which units serve as the comparison for a cohort in staggered designs (Callaway &amp;
 * Sant'Anna 2021, §2): units never treated in the observed window, or additionally units not
 * yet treated by the later of the period and its base period.
 */
public enum ControlGroup { NEVER_TREATED, NOT_YET_TREATED }
