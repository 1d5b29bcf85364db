package io.glengarry.report;

import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

/**
 * Rates and their intervals, written once. A rate is a decimal(12,6), rounded half-up, null when the
 * denominator is 0. The Wilson score interval at 95% (z = 1.96) bounds a conversion rate honestly for small
 * cohorts, where the plain p ± z·sqrt(p(1-p)/n) falls outside [0, 1].
 */
public final class Rates {
    public static final String RATE_TYPE = "decimal(12,6)";
    public static final String MONEY_TYPE = "decimal(20,2)";
    static final double Z = 1.96;

    private Rates() {
    }

    public static Column rate(Column numerator, Column denominator) {
        return when(denominator.gt(0), round(numerator.cast("decimal(20,0)")
                .divide(denominator.cast("decimal(20,0)")), 6)).cast(RATE_TYPE);
    }

    /** Money per unit (e.g. revenue per lead), 2 decimals half-up; null when the denominator is 0. */
    public static Column moneyPer(Column money, Column denominator) {
        return when(denominator.gt(0), round(money.divide(denominator.cast("decimal(20,0)")), 2)).cast(MONEY_TYPE);
    }

    public static Column wilsonLower(Column successes, Column trials) {
        return wilson(successes, trials, -1);
    }

    public static Column wilsonUpper(Column successes, Column trials) {
        return wilson(successes, trials, 1);
    }

    private static Column wilson(Column successes, Column trials, int sign) {
        Column n = trials.cast("double");
        Column p = successes.cast("double").divide(n);
        Column z2 = lit(Z * Z);
        Column denominator = lit(1.0).plus(z2.divide(n));
        Column centre = p.plus(z2.divide(n.multiply(2))).divide(denominator);
        Column half = lit(Z).multiply(sqrt(p.multiply(lit(1.0).minus(p)).divide(n)
                .plus(z2.divide(n.multiply(n).multiply(4))))).divide(denominator);
        return when(trials.gt(0), round(centre.plus(half.multiply(sign)), 6)).cast(RATE_TYPE);
    }
}
