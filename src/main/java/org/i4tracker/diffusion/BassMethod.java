package org.i4tracker.diffusion;

/** How the Bass model's parameters are estimated (DESIGN.md §6). */
public enum BassMethod {
    /** Bass (1969) discrete-time regression of sales on cumulative sales and its square. */
    OLS,
    /** Srinivasan &amp; Mason (1986) non-linear least squares on per-period sales. */
    NLS
}
