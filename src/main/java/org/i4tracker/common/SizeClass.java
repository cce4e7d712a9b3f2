package org.i4tracker.common;

/**
 * Firm size class by head-count, following the EU SME definition as used in seed 000:
 * micro &lt; 10, small &lt; 50, medium &lt; 250 employees, large otherwise.
 */
public enum SizeClass {
    MICRO(0, 9), SMALL(10, 49), MEDIUM(50, 249), LARGE(250, Integer.MAX_VALUE);

    private final int minEmployees;
    private final int maxEmployees;

    SizeClass(int minEmployees, int maxEmployees) {
        this.minEmployees = minEmployees;
        this.maxEmployees = maxEmployees;
    }

    public static SizeClass of(int employees) {
        Check.that(employees >= 0, "employees", "must not be negative");
        for (SizeClass c : values()) {
            if (employees <= c.maxEmployees) {
                return c;
            }
        }
        return LARGE;
    }

    public int minEmployees() {
        return minEmployees;
    }

    public int maxEmployees() {
        return maxEmployees;
    }
}
