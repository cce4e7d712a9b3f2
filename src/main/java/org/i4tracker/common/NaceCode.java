package org.i4tracker.common;

import java.util.regex.Pattern;

/**
 * A NACE Rev. 2 activity code at section, division, group or class level: a section letter
 * ({@code C}), a division ({@code 15}), a group ({@code 15.2}) or a class ({@code 15.20}).
 * Prefix matching ({@link #startsWith}) is how sector filters such as "NACE 15" select firms.
 */
public record NaceCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-U]|\\d{2}(\\.\\d{1,2})?");

    public NaceCode {
        Check.notNull(value, "naceCode");
        value = value.strip().toUpperCase();
        Check.that(FORMAT.matcher(value).matches(), "naceCode",
                "must be a NACE Rev. 2 code such as C, 15, 15.2 or 15.20");
    }

    public static NaceCode of(String value, String field) {
        try {
            return new NaceCode(value);
        } catch (DomainException e) {
            throw DomainException.invalid(field, e.errors().get(0).message());
        }
    }

    /** Division (two digits) or the section letter when the code is a section. */
    public String division() {
        return value.length() >= 2 ? value.substring(0, 2) : value;
    }

    public boolean startsWith(String prefix) {
        return value.startsWith(prefix.strip().toUpperCase());
    }

    @Override
    public String toString() {
        return value;
    }
}
