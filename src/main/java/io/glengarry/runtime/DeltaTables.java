package io.glengarry.runtime;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** The two ways the job writes a Delta table, written once. */
public final class DeltaTables {
    private DeltaTables() {
    }

    /**
     * Replaces the partitions that {@code predicate} selects (e.g. {@code as_of = DATE'2026-11-26'}) with the rows;
     * creates the table, partitioned by {@code partitionColumn}, on first write. Other partitions stay as they were.
     */
    public static void replacePartitions(Dataset<Row> rows, String path, String partitionColumn, String predicate) {
        var writer = rows.write().format("delta").mode(SaveMode.Overwrite);
        if (DeltaTable.isDeltaTable(rows.sparkSession(), path)) {
            writer.option("replaceWhere", predicate).save(path);
        } else {
            writer.partitionBy(partitionColumn).save(path);
        }
    }

    /** Replaces the whole table (schema included): the silver tables, rebuilt as of each run date. */
    public static void replaceAll(Dataset<Row> rows, String path) {
        rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(path);
    }

    /**
     * The table's latest commit version, from the names of the commit files in its {@code _delta_log} (no Spark
     * job; the warehouse is a local or mounted folder). -1 when the folder has no commit.
     */
    public static long latestVersion(String path) {
        java.nio.file.Path log = java.nio.file.Path.of(path, "_delta_log");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(log)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
                    .max().orElse(-1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot list the Delta log " + log, e);
        }
    }
}
