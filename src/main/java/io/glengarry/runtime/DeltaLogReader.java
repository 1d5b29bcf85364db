package io.glengarry.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.utils.CloseableIterator;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a Delta table's log says without running a Spark job: its version, its data files with their partition
 * values, and its rows (the sum of each file's {@code numRecords} statistic, which Delta writes with every file).
 * Read on the driver with Delta Kernel, so the manifest, the catch-up check and the like cost milliseconds, not a
 * Spark job (and a snapshot's state reconstruction) per table.
 */
public final class DeltaLogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Engine engine;

    public DeltaLogReader(SparkSession spark) {
        this.engine = DefaultEngine.create(spark.sessionState().newHadoopConf());
    }

    /** One data file of the table's latest version; {@code stats} is Delta's per-file statistics (JSON), if any. */
    public record DataFile(String path, Map<String, String> partitionValues, OptionalLong rows,
                           Optional<JsonNode> stats) {
        /** The file's smallest or largest value of a column ("minValues" / "maxValues"), when its stats have it. */
        Optional<String> bound(String which, String column) {
            return stats.map(s -> s.path(which).path(column)).filter(v -> v.isValueNode() && !v.isNull())
                    .map(JsonNode::asText);
        }
    }

    /** The table's latest version, its columns (in order) with their types (Delta's names), and its data files. */
    public record TableState(long version, List<String> columns, List<String> types, List<DataFile> files) {
        /** Rows of the table, when every file carries its row count (Delta's default); else empty. */
        public OptionalLong rows() {
            long rows = 0;
            for (DataFile f : files) {
                if (f.rows().isEmpty()) {
                    return OptionalLong.empty();
                }
                rows += f.rows().getAsLong();
            }
            return OptionalLong.of(rows);
        }

        /**
         * The smallest and largest value of a column over the table, from the files' statistics (dates and text
         * compare as text): empty when a file lacks them; {@code [null, null]} for a table without rows.
         */
        public Optional<String[]> range(String column) {
            String lowest = null;
            String highest = null;
            for (DataFile f : files) {
                Optional<String> min = f.bound("minValues", column);
                Optional<String> max = f.bound("maxValues", column);
                if (f.rows().isPresent() && f.rows().getAsLong() == 0) {
                    continue; // an empty file has no bounds
                }
                if (min.isEmpty() || max.isEmpty()) {
                    return Optional.empty();
                }
                lowest = lowest == null || min.get().compareTo(lowest) < 0 ? min.get() : lowest;
                highest = highest == null || max.get().compareTo(highest) > 0 ? max.get() : highest;
            }
            return Optional.of(new String[] {lowest, highest});
        }
    }

    /** The table's state, or empty when {@code path} holds no Delta table. */
    public Optional<TableState> read(String path) {
        Snapshot snapshot;
        try {
            snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
        } catch (TableNotFoundException notATable) {
            return Optional.empty();
        }
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = snapshot.getScanBuilder().build()
                .getScanFiles(engine, true)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> scanFiles = batches.next().getRows()) {
                    while (scanFiles.hasNext()) {
                        Row scanFile = scanFiles.next();
                        AddFile add = new AddFile(scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
                        Optional<Long> rows = add.getNumRecords();
                        files.add(new DataFile(add.getPath(), InternalScanFileUtils.getPartitionValues(scanFile),
                                rows.isPresent() ? OptionalLong.of(rows.get()) : OptionalLong.empty(),
                                add.getStatsJson().map(DeltaLogReader::json)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Delta log of " + path, e);
        }
        List<String> types = snapshot.getSchema().fields().stream().map(f -> f.getDataType().toString()).toList();
        return Optional.of(new TableState(snapshot.getVersion(), snapshot.getSchema().fieldNames(), types, files));
    }

    private static JsonNode json(String stats) {
        try {
            return JSON.readTree(stats);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable file statistics in a Delta log: " + stats, e);
        }
    }
}
