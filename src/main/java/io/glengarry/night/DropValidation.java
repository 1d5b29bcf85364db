package io.glengarry.night;

import io.glengarry.config.Settings;
import io.glengarry.ingest.BronzeIngest;
import io.glengarry.ingest.DropIntake;
import io.glengarry.ingest.ExtractIntake;
import io.glengarry.ingest.ColumnSource;
import io.glengarry.ingest.ExtractColumn;
import io.glengarry.ingest.ExtractMapping;
import io.glengarry.ingest.ExtractTyping;
import io.glengarry.ingest.SourceMapping;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;

/**
 * {@code glengarry validate}: checks a drop exactly as a run would and prints what the run would do with it,
 * writing nothing. Fatal problems raise the same errors (exit 3) a run would.
 */
public final class DropValidation {
    /** How many quarantined rows to show per extract. */
    private static final int SAMPLE_ROWS = 20;

    private DropValidation() {
    }

    /** Returns the drop's intake (for tests); prints the report to out. */
    public static DropIntake validate(SparkSession spark, Settings settings, LocalDate runDate, StageLog log,
                                      PrintStream out) {
        Path dropDir = Path.of(settings.landing()).resolve(runDate.toString());
        SourceMapping mapping = settings.sourceMapping();
        DropIntake drop = BronzeIngest.read(spark, dropDir, runDate, mapping, log);
        if (!mapping.name().equals(SourceMapping.CANONICAL)) {
            printMapping(mapping, drop, out);
        }
        out.printf(Locale.ROOT, "Drop %s%n%n%-22s %10s %10s %12s  %s%n", dropDir, "extract", "rows", "accepted",
                "quarantined", "by reason");
        for (ExtractIntake e : drop.extracts()) {
            out.printf(Locale.ROOT, "%-22s %10d %10d %12d  %s%n", e.extract().fileName(), e.rowsRead(),
                    e.rowsAccepted(), e.rowsQuarantined(), e.quarantinedByReason());
        }
        if (!drop.missingExtracts().isEmpty()) {
            out.println("\nnot in this drop (reports that need them use earlier drops): "
                    + drop.missingExtracts().stream().map(x -> x.fileName()).toList());
        }
        for (ExtractIntake e : drop.extracts()) {
            if (e.rowsQuarantined() == 0) {
                continue;
            }
            out.printf(Locale.ROOT, "%nquarantined rows of %s (first %d):%n", e.extract().fileName(), SAMPLE_ROWS);
            List<Row> rows = e.typedRows().filter(col(ExtractTyping.REASON).isNotNull())
                    .orderBy("source_file", "source_line")
                    .select("source_file", "source_line", ExtractTyping.REASON, ExtractTyping.DETAIL)
                    .limit(SAMPLE_ROWS).collectAsList();
            for (Row r : rows) {
                out.printf(Locale.ROOT, "  %s:%d  %s  %s%n", r.getString(0), r.getLong(1), r.getString(2),
                        r.getString(3));
            }
        }
        double maxShare = settings.quarantineMaxShare();
        boolean passes = drop.extracts().stream().allMatch(e -> e.quarantinedShare() <= maxShare);
        out.printf(Locale.ROOT, "%n%s%n", passes
                ? "The drop passes the contract; a run would accept it."
                : "A run would FAIL: an extract's quarantined share is above quarantine.max-share " + maxShare + ".");
        BronzeIngest.enforceQuarantineShare(drop, maxShare);
        return drop;
    }

    /** What the source mapping does with each file of the drop, column by column. */
    static void printMapping(SourceMapping mapping, DropIntake drop, PrintStream out) {
        out.printf(Locale.ROOT, "Source mapping %s%n", mapping.label());
        for (ExtractIntake e : drop.extracts()) {
            ExtractMapping m = e.files().mapping();
            out.printf(Locale.ROOT, "%n%s <- %s%s%n", e.extract().fileName(), String.join(", ", e.files().names()),
                    m.identity() ? " (canonical contract)" : "");
            if (m.where() != null) {
                out.printf(Locale.ROOT, "  rows where %s%n", m.where());
            }
            for (ExtractColumn c : e.extract().columns()) {
                ColumnSource source = m.source(c.name());
                out.printf(Locale.ROOT, "  %-26s %s%n", c.name(), source == null ? "(not mapped: empty)"
                        : m.identity() ? "<- " + c.name() : source.constant() != null || source.expression() != null
                        ? "= " + source.describe() : "<- " + source.describe());
            }
            if (!e.files().ignoredColumns().isEmpty()) {
                out.printf(Locale.ROOT, "  ignored file columns: %s%n", e.files().ignoredColumns());
            }
        }
        out.println();
    }
}
