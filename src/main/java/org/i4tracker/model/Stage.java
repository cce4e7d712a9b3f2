package org.i4tracker.model;

/** One ordered stage of a staged model; its number is its position from 1. */
public record Stage(String code, String name, String description) {
}
