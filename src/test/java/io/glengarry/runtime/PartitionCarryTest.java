package io.glengarry.runtime;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night's partition made of the previous night's files for the slices that did not change (hard links) and new
 * files for the rest, in one commit; the previous night untouched; a re-run gives the same partition.
 */
class PartitionCarryTest {

    private static Dataset<Row> night(SparkSession spark, String asOf, String... rows) {
        // rows "quarter:opportunity:credit"
        List<Row> list = Stream.of(rows).map(r -> r.split(":")).map(p -> org.apache.spark.sql.RowFactory.create(
                java.sql.Date.valueOf(asOf), Integer.parseInt(p[0]), p[1], new java.math.BigDecimal(p[2]))).toList();
        return spark.createDataFrame(list, new org.apache.spark.sql.types.StructType()
                .add("as_of", "date").add("closed_quarter_index", "int").add("opportunity_id", "string")
                .add("credit", "decimal(20,2)"));
    }

    private static List<String> partition(SparkSession spark, String path, String asOf) {
        return spark.read().format("delta").load(path).filter(col("as_of").equalTo(java.sql.Date.valueOf(asOf)))
                .orderBy("closed_quarter_index", "opportunity_id").collectAsList().stream()
                .map(r -> r.get(1) + ":" + r.get(2) + ":" + r.get(3)).toList();
    }

    private static List<Path> parquet(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void untouchedSlicesAreCarriedByLinkAndTheRestWrittenInOneCommit(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.get();
        String path = dir.resolve("attribution_credit").toString();
        night(spark, "2026-11-25", "1:O1:10.00", "1:O2:20.00", "2:O3:30.00", "3:O4:40.00").write().format("delta")
                .partitionBy("as_of", "closed_quarter_index").save(path);
        long before = DeltaTables.latestVersion(path);

        PartitionCarry.Outcome outcome = PartitionCarry.replacePartition(
                night(spark, "2026-11-26", "3:O4:41.00", "3:O5:5.00"), path, "as_of", "2026-11-26", "2026-11-25",
                f -> Set.of("1", "2").contains(f.partition().get("closed_quarter_index")));

        assertThat(outcome.version()).isEqualTo(before + 1);
        assertThat(outcome.carriedFiles()).isEqualTo(parquet(dir.resolve(
                "attribution_credit/as_of=2026-11-25/closed_quarter_index=1")).size() + parquet(dir.resolve(
                "attribution_credit/as_of=2026-11-25/closed_quarter_index=2")).size());
        assertThat(outcome.carriedRows()).isEqualTo(3);
        assertThat(outcome.removedFiles()).isZero();
        assertThat(partition(spark, path, "2026-11-26")).containsExactly("1:O1:10.00", "1:O2:20.00", "2:O3:30.00",
                "3:O4:41.00", "3:O5:5.00");
        assertThat(partition(spark, path, "2026-11-25")).containsExactly("1:O1:10.00", "1:O2:20.00", "2:O3:30.00",
                "3:O4:40.00");
        // the carried files are the previous night's, not copies
        List<Path> carried = parquet(dir.resolve("attribution_credit/as_of=2026-11-26/closed_quarter_index=1"));
        List<Path> previous = parquet(dir.resolve("attribution_credit/as_of=2026-11-25/closed_quarter_index=1"));
        assertThat(carried).hasSameSizeAs(previous).isNotEmpty();
        for (int i = 0; i < carried.size(); i++) {
            assertThat(Files.isSameFile(carried.get(i), previous.get(i))).isTrue();
        }

        // the night again (Airflow's retry): the same partition, the carried links kept, the new rows rewritten
        PartitionCarry.Outcome again = PartitionCarry.replacePartition(
                night(spark, "2026-11-26", "3:O4:41.00", "3:O5:5.00"), path, "as_of", "2026-11-26", "2026-11-25",
                f -> Set.of("1", "2").contains(f.partition().get("closed_quarter_index")));
        assertThat(again.removedFiles()).isEqualTo(outcome.writtenFiles());
        assertThat(partition(spark, path, "2026-11-26")).containsExactly("1:O1:10.00", "1:O2:20.00", "2:O3:30.00",
                "3:O4:41.00", "3:O5:5.00");
        assertThat(spark.read().format("delta").load(path).count()).isEqualTo(9);
        // the log carries each file's statistics over: the manifest's row counts (Delta Kernel) stay right
        assertThat(new DeltaLogReader(spark).read(path).orElseThrow().rows()).hasValue(9);
    }

    @Test
    void withNoEarlierPartitionThePartitionIsTheNewRows(@TempDir Path dir) {
        SparkSession spark = TestSpark.get();
        String path = dir.resolve("report").toString();
        night(spark, "2026-11-25", "1:O1:10.00").write().format("delta").partitionBy("as_of").save(path);
        PartitionCarry.Outcome outcome = PartitionCarry.replacePartition(night(spark, "2026-11-26", "2:O2:2.00"),
                path, "as_of", "2026-11-26", "2026-11-24", f -> true);
        assertThat(outcome.carriedFiles()).isZero();
        assertThat(partition(spark, path, "2026-11-26")).containsExactly("2:O2:2.00");
        assertThat(partition(spark, path, "2026-11-25")).containsExactly("1:O1:10.00");
    }
}
