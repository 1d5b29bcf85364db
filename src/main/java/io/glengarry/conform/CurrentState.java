package io.glengarry.conform;

import io.glengarry.ingest.Extract;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

/**
 * The current state of an entity as of a run date, from every bronze drop up to it (EXTRACTS.md): per key the
 * latest {@code last_modified_at} wins; on a tie (or for extracts without it) the later drop wins, then the later
 * line of the file. A full-snapshot drop replaces everything before it. Records with {@code is_deleted = true}
 * leave the current state (a deleted lead merged into another stays: {@link #withoutDeleted}).
 */
public final class CurrentState {
    private CurrentState() {
    }

    public static Dataset<Row> asOf(Extract extract, Dataset<Row> bronze, LocalDate asOf,
                                    Optional<LocalDate> lastFullSnapshot) {
        return withoutDeleted(extract, latestVersions(extract, drops(bronze, Optional.empty(), asOf,
                lastFullSnapshot)));
    }

    /** The bronze rows of the drops after {@code after} (all when empty) up to {@code asOf}, from the snapshot on. */
    static Dataset<Row> drops(Dataset<Row> bronze, Optional<LocalDate> after, LocalDate asOf,
                              Optional<LocalDate> lastFullSnapshot) {
        Column inRange = col(Extract.RUN_DATE).leq(lit(java.sql.Date.valueOf(asOf)));
        if (after.isPresent()) {
            inRange = inRange.and(col(Extract.RUN_DATE).gt(lit(java.sql.Date.valueOf(after.get()))));
        }
        if (lastFullSnapshot.isPresent()) {
            inRange = inRange.and(col(Extract.RUN_DATE).geq(lit(java.sql.Date.valueOf(lastFullSnapshot.get()))));
        }
        return bronze.filter(inRange);
    }

    /** Per key, the one version that wins (deleted ones included: a deletion is a version too). */
    static Dataset<Row> latestVersions(Extract extract, Dataset<Row> rows) {
        Column[] keys = extract.keyColumns().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return rows.withColumn("_version", row_number().over(Window.partitionBy(keys).orderBy(order(extract))))
                .filter(col("_version").equalTo(1))
                .drop("_version");
    }

    /**
     * The current state: the winning versions that are not deletions - except a deleted lead merged into another
     * (EXTRACTS.md: CRMs export the loser of a merge deleted, and it still folds into its survivor). Such a
     * merged-away lead stays, flagged {@code is_deleted}, for lead identity; a person made of merged-away leads
     * alone leaves ({@link LeadIdentity#withALivingLead}).
     */
    static Dataset<Row> withoutDeleted(Extract extract, Dataset<Row> latest) {
        if (!extract.columnNames().contains("is_deleted")) {
            return latest;
        }
        Column kept = notDeleted();
        if (extract.columnNames().contains(MERGED_INTO)) {
            kept = kept.or(col(MERGED_INTO).isNotNull());
        }
        return latest.filter(kept);
    }

    static final String MERGED_INTO = "merged_into_lead_id";

    /** A record that is not flagged deleted ({@code is_deleted} false or empty). */
    static Column notDeleted() {
        return col("is_deleted").isNull().or(col("is_deleted").equalTo(false));
    }

    /**
     * Whether the version {@code newer} (a table alias) wins over {@code older} — the same order as
     * {@link #latestVersions}, written as one condition for a MERGE.
     */
    static Column wins(Extract extract, String newer, String older) {
        Column wins = col(newer + "." + Extract.SOURCE_LINE).gt(col(older + "." + Extract.SOURCE_LINE));
        for (String column : List.of(Extract.SOURCE_FILE, Extract.RUN_DATE)) {
            Column n = col(newer + "." + column);
            Column o = col(older + "." + column);
            wins = n.gt(o).or(n.equalTo(o).and(wins));
        }
        if (extract.columnNames().contains("last_modified_at")) { // later first, a missing one last
            Column n = col(newer + ".last_modified_at");
            Column o = col(older + ".last_modified_at");
            wins = n.isNotNull().and(o.isNull().or(n.gt(o))).or(n.eqNullSafe(o).and(wins));
        }
        return wins;
    }

    private static Column[] order(Extract extract) {
        List<Column> order = new ArrayList<>();
        if (extract.columnNames().contains("last_modified_at")) {
            order.add(col("last_modified_at").desc_nulls_last());
        }
        order.add(col(Extract.RUN_DATE).desc());
        order.add(col(Extract.SOURCE_FILE).desc());
        order.add(col(Extract.SOURCE_LINE).desc());
        return order.toArray(new Column[0]);
    }
}
