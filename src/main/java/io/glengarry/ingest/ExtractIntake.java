package io.glengarry.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;

/**
 * One extract of a drop, read and checked: the typed rows (accepted and quarantined; staged as Parquet in a
 * run) and the counts the manifest records. rows_read = rows_accepted + rows_quarantined by construction and
 * is checked again before the manifest is written.
 */
public record ExtractIntake(ExtractFiles files, Dataset<Row> typedRows, long rowsRead, long rowsAccepted,
                            Map<String, Long> quarantinedByReason) {

    public Extract extract() {
        return files.extract();
    }

    public long rowsQuarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public double quarantinedShare() {
        return rowsRead == 0 ? 0.0 : (double) rowsQuarantined() / rowsRead;
    }
}
