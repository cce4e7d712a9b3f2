package org.i4tracker.model;

/**
 * One option of a CHOICE item. {@code score} is already on the 0..100 item scale;
 * {@code inUse} marks the option that means "the item's technology is in use".
 */
public record ChoiceOption(String code, String label, double score, boolean inUse) {
}
