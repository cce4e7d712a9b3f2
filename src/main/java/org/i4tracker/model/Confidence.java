package org.i4tracker.model;

/**
 * How well an answer is backed, weakest first: declared by the firm, backed by attached
 * evidence, or verified by the assessor on site. Reported beside each score; it never changes
 * the score itself.
 */
public enum Confidence {
    SELF_DECLARED, EVIDENCED, VERIFIED_ON_SITE
}
