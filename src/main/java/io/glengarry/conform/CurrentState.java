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
 * leave the current state.
 */
public final class CurrentState {
    private CurrentState() {
    }

    public static Dataset<Row> asOf(Extract extract, Dataset<Row> bronze, LocalDate asOf,
                                    Optional<LocalDate> lastFullSnapshot) {
        Column inRange = col(Extract.RUN_DATE).leq(lit(java.sql.Date.valueOf(asOf)));
        if (lastFullSnapshot.isPresent()) {
            inRange = inRange.and(col(Extract.RUN_DATE).geq(lit(java.sql.Date.valueOf(lastFullSnapshot.get()))));
        }
        List<Column> order = new ArrayList<>();
        if (extract.columnNames().contains("last_modified_at")) {
            order.add(col("last_modified_at").desc_nulls_last());
        }
        order.add(col(Extract.RUN_DATE).desc());
        order.add(col(Extract.SOURCE_FILE).desc());
        order.add(col(Extract.SOURCE_LINE).desc());
        Column[] keys = extract.keyColumns().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        Dataset<Row> latest = bronze.filter(inRange)
                .withColumn("_version", row_number().over(Window.partitionBy(keys).orderBy(order.toArray(new Column[0]))))
                .filter(col("_version").equalTo(1))
                .drop("_version");
        if (extract.columnNames().contains("is_deleted")) {
            latest = latest.filter(col("is_deleted").isNull().or(col("is_deleted").equalTo(false)));
        }
        return latest;
    }
}
