package org.i4tracker.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks calculation code: plain Java that computes the numbers users act on (scores, percentiles,
 * Bass fits, estimators, KPIs). The architecture test keeps such classes free of Micronaut, JDBC
 * and HTTP so that they can be read, tested and benchmarked on their own.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Calculation {
}
