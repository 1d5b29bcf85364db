package io.glengarry.conform;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DataQualityTest {
    private static final StructType LEADS = new StructType().add("lead_id", DataTypes.StringType)
            .add("merged_into_lead_id", DataTypes.StringType).add("is_deleted", DataTypes.BooleanType);

    @Test
    void aMergeIntoALeadThatIsGoneAndTwoLeadsMergedIntoEachOtherAreNamed() {
        Dataset<Row> currentLeads = TestSpark.get().createDataFrame(List.of(
                RowFactory.create("L1", null, false),
                RowFactory.create("L2", "L1", true),      // a merge loser: fine
                RowFactory.create("L3", "L9", false),     // L9 deleted without a survivor (not current): kept
                RowFactory.create("L4", "L8", true),      // L8 never delivered: left with it
                RowFactory.create("L5", "L6", null),      // L5 and L6 merged into each other
                RowFactory.create("L6", "L5", false)), LEADS);

        List<String> findings = DataQuality.mergeProblems(currentLeads, LocalDate.of(2026, 11, 26))
                .orderBy("check", "record_key").select("check", "record_key", "detail").collectAsList().stream()
                .map(Row::toString).toList();

        assertThat(findings).containsExactly(
                "[merge_cycle,L5,merged into lead L6, which is merged into it: the two are one person]",
                "[merge_target_missing,L3,merged into lead L9, which is not in the current state (deleted or never "
                        + "delivered): this lead is kept without it]",
                "[merge_target_missing,L4,merged into lead L8, which is not in the current state (deleted or never "
                        + "delivered): this deleted lead left with it]");
    }
}
