package io.glengarry.report.spend;

import io.glengarry.runtime.Errors;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records the spend control totals in the manifest ({@code control_totals.spend.*}) and decides the gate: a
 * control row whose difference is not 0, or a line that breaks one (a missing FX rate), fails the run with
 * exit 4, naming the reconciliation file and the first lines.
 */
public final class SpendControlCheck {
    private SpendControlCheck() {
    }

    /**
     * @param controls      the control rows of {@link SpendControl} (record_id empty)
     * @param breakingLines the first few line rows that break a control total
     * @param breakingCount how many line rows break one
     */
    public static Optional<GlengarryException> check(List<Row> controls, List<Row> breakingLines,
                                                     long breakingCount, Path file, RunManifest manifest,
                                                     StageLog log) {
        List<String> breaks = new ArrayList<>();
        for (Row r : controls) {
            String check = r.getAs("check");
            String currency = r.getAs("currency");
            BigDecimal expected = r.getAs("expected");
            BigDecimal actual = r.getAs("actual");
            BigDecimal difference = r.getAs("difference");
            String name = "spend." + check + (isPerCurrency(check) ? "." + currency : "");
            manifest.recordControlTotal(name + ".expected", expected.toPlainString());
            manifest.recordControlTotal(name + ".actual", actual.toPlainString());
            manifest.recordControlTotal(name + ".difference", difference.toPlainString());
            if (difference.signum() != 0) {
                breaks.add(check + (isPerCurrency(check) ? " " + currency : "") + ": expected "
                        + expected.toPlainString() + ", actual " + actual.toPlainString() + ", difference "
                        + difference.toPlainString());
            }
        }
        for (Row r : breakingLines) {
            breaks.add(r.getAs("reason") + " " + r.getAs("record_id") + " (" + r.getAs("detail") + ")");
        }
        manifest.recordControlTotal("spend.breaking_lines", breakingCount);
        manifest.recordControlTotal("spend.reconciliation_breaks", breaks.size() - breakingLines.size()
                + breakingCount);
        if (breaks.isEmpty() && breakingCount == 0) {
            return Optional.empty();
        }
        log.warn("spend control totals do not tie: {}", breaks);
        return Optional.of(Errors.reconciliationFailed("Spend control totals (" + String.join("; ", breaks) + ")",
                file.toString()));
    }

    private static boolean isPerCurrency(String check) {
        return check.equals(SpendControl.LEDGER_CURRENCY_TOTAL) || check.equals(SpendControl.ORDERS_CURRENCY_TOTAL);
    }
}
