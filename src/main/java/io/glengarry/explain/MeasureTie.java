package io.glengarry.explain;

import java.math.BigDecimal;

/**
 * One measure of a report row against its evidence: a number ties when its rows' values add up to it exactly; a
 * flag ties when it is raised exactly when it has rows.
 */
record MeasureTie(String measure, Object reported, BigDecimal total, long rows) {

    boolean ties() {
        if (reported instanceof Boolean flag) {
            return flag == (rows > 0);
        }
        BigDecimal expected = reported == null ? BigDecimal.ZERO : new BigDecimal(reported.toString());
        return expected.compareTo(total) == 0;
    }

    /** For example {@code revenue_cum = 595099.04: 14 rows adding up to 595099.04 - ties}. */
    String describe() {
        String text = measure + " = " + reported + ": " + rows + " row" + (rows == 1 ? "" : "s");
        if (!(reported instanceof Boolean)) {
            text += " adding up to " + total.stripTrailingZeros().toPlainString();
            if (!ties()) {
                BigDecimal expected = reported == null ? BigDecimal.ZERO : new BigDecimal(reported.toString());
                text += ", a difference of " + expected.subtract(total).stripTrailingZeros().toPlainString();
            }
        }
        return text + (ties() ? " - ties" : " - DOES NOT TIE");
    }
}
