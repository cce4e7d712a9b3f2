package org.i4tracker.access;

/**
 * The four roles of DESIGN.md §1. The constants are what {@code @Secured} names; access is
 * denied by default, so every endpoint lists the roles it admits.
 */
public enum Role {
    ADMIN, RTI_ASSESSOR, FIRM_USER, AGENCY_ANALYST;

    public static final String ADMIN_ROLE = "ADMIN";
    public static final String RTI = "RTI_ASSESSOR";
    public static final String FIRM = "FIRM_USER";
    public static final String AGENCY = "AGENCY_ANALYST";
}
