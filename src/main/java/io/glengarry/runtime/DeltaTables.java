package io.glengarry.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The ways the job writes a Delta table, and what it reads of a table's log directly, written once. */
public final class DeltaTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaTables() {
    }

    /**
     * Replaces the partitions that {@code predicate} selects (e.g. {@code as_of = DATE'2026-11-26'}) with the rows;
     * creates the table, partitioned by {@code partitionColumn}, on first write. Other partitions stay as they were.
     * A column the table does not have yet (an optional column new in the contract) is added: older partitions
     * read it as null.
     */
    public static void replacePartitions(Dataset<Row> rows, String path, String partitionColumn, String predicate) {
        var writer = rows.write().format("delta").mode(SaveMode.Overwrite);
        if (DeltaTable.isDeltaTable(rows.sparkSession(), path)) {
            writer.option("replaceWhere", predicate).option("mergeSchema", "true").save(path);
        } else {
            writer.partitionBy(partitionColumn).save(path);
        }
    }

    /** Replaces the whole table (schema included): the silver tables, rebuilt as of each run date. */
    public static void replaceAll(Dataset<Row> rows, String path) {
        overwrite(rows).save(path);
    }

    /** As above, recording in the commit what the rows were built from ({@link #builtFrom}). */
    public static void replaceAll(Dataset<Row> rows, String path, BuiltFrom builtFrom) {
        overwrite(rows).option("userMetadata", builtFrom.userMetadata()).save(path);
    }

    private static DataFrameWriter<Row> overwrite(Dataset<Row> rows) {
        return rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true");
    }

    /** What the table's latest commit records it was built from; empty for no table or a commit without it. */
    public static Optional<BuiltFrom> builtFrom(String path) {
        long version = latestVersion(path);
        if (version < 0) {
            return Optional.empty();
        }
        Path commit = Path.of(path, "_delta_log", String.format(Locale.ROOT, "%020d.json", version));
        try {
            List<String> actions = Files.readAllLines(commit, StandardCharsets.UTF_8);
            for (String action : actions) {
                JsonNode info = JSON.readTree(action).path("commitInfo");
                if (info.isObject()) {
                    return BuiltFrom.parse(info.path("userMetadata").asText(null));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Delta commit " + commit, e);
        }
    }

    /**
     * The table's latest commit version, from the names of the commit files in its {@code _delta_log} (no Spark
     * job; the warehouse is a local or mounted folder). -1 when the folder has no commit.
     */
    public static long latestVersion(String path) {
        Path log = Path.of(path, "_delta_log");
        if (!Files.isDirectory(log)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
                    .max().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Delta log " + log, e);
        }
    }
}
