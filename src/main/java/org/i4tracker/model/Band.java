package org.i4tracker.model;

/** A named score range; it covers scores above the previous band's {@code upTo} up to and including its own. */
public record Band(String code, String label, double upTo) {
}
