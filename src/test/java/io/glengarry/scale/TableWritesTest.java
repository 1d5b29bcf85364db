package io.glengarry.scale;

import io.delta.tables.DeltaTable;
import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * What a night wrote, read back from real Delta commits: a MERGE's inserted, updated and deleted rows (the night's
 * changes to a current table), a table rewritten in full (every file removed and added again), and only the
 * commits after the versions taken before the night.
 */
class TableWritesTest {

    @Test
    void theCommitsAfterTheVersionsTakenBeforeTheNightAreCountedPerTable(@TempDir Path warehouse) {
        SparkSession spark = TestSpark.get();
        String current = warehouse.resolve("silver/_current/touches").toString();
        String touches = warehouse.resolve("silver/touches").toString();
        spark.range(0, 100).withColumn("v", col("id")).repartition(2).write().format("delta").save(current);
        spark.range(0, 100).repartition(2).write().format("delta").save(touches);
        spark.range(0, 10).write().format("delta").save(warehouse.resolve("gold/untouched").toString());

        Map<String, Long> before = TableWrites.versions(warehouse);
        assertThat(before).containsExactlyInAnyOrderEntriesOf(Map.of("silver/_current/touches", 0L, "silver/touches",
                0L, "gold/untouched", 0L));
        assertThat(TableWrites.commitCount(warehouse)).isEqualTo(3);

        // the night: 5 rows updated, 3 deleted, 7 inserted into the current table; silver rewritten in full
        Dataset<Row> drop = spark.range(90, 107).withColumn("v", expr("id * 10"))
                .withColumn("deleted", expr("id between 95 and 97"));
        DeltaTable.forPath(spark, current).as("t").merge(drop.as("s"), "t.id = s.id")
                .whenMatched("s.deleted").delete()
                .whenMatched().updateExpr(Map.of("v", "s.v"))
                .whenNotMatched().insertExpr(Map.of("id", "s.id", "v", "s.v"))
                .execute();
        spark.range(0, 104).repartition(3).write().format("delta").mode("overwrite").save(touches);

        List<TableWrites.Written> written = TableWrites.since(warehouse, before);
        assertThat(written).extracting(TableWrites.Written::name)
                .containsExactlyInAnyOrder("silver/_current/touches", "silver/touches");
        TableWrites.Written merged = written.stream().filter(w -> w.name().equals("silver/_current/touches"))
                .findFirst().orElseThrow();
        assertThat(merged.commits()).isEqualTo(1);
        assertThat(merged.rowsInserted()).isEqualTo(7);
        assertThat(merged.rowsUpdated()).isEqualTo(7);
        assertThat(merged.rowsDeleted()).isEqualTo(3);
        assertThat(merged.merged()).isTrue();
        assertThat(merged.filesRemoved()).isPositive();
        TableWrites.Written rewritten = written.stream().filter(w -> w.name().equals("silver/touches"))
                .findFirst().orElseThrow();
        assertThat(rewritten.filesRemoved()).isEqualTo(2);
        assertThat(rewritten.filesAdded()).isEqualTo(3);
        assertThat(rewritten.rowsAdded()).isEqualTo(104);
        assertThat(rewritten.bytesAdded()).isPositive();
        assertThat(rewritten.merged()).isFalse();
        assertThat(TableWrites.versions(warehouse)).containsEntry("silver/_current/touches", 1L)
                .containsEntry("gold/untouched", 0L);
    }
}
