package io.glengarry.conform;

import io.glengarry.TestSpark;
import io.glengarry.ingest.Extract;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Deletions in the current state (EXTRACTS.md): retracted touches, and merge losers exported deleted. */
class CurrentStateTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
    private static final LocalDate D2 = D1.plusDays(1);
    private final SparkSession spark = TestSpark.get();

    @Test
    void aTouchDeliveredAgainDeletedIsRetractedAndOneDeliveredAgainLaterComesBack() {
        Dataset<Row> bronze = spark.createDataFrame(List.of(
                touch("T1", null, D1, 2), touch("T1", true, D2, 2),      // retracted the next night
                touch("T2", true, D1, 3), touch("T2", false, D2, 3),     // retracted, then delivered again
                touch("T3", null, D1, 4)), Extract.TOUCHES.bronzeSchema());
        assertThat(ids(CurrentState.asOf(Extract.TOUCHES, bronze, D1, Optional.empty()), "touch_id"))
                .containsExactly("T1", "T3");
        assertThat(ids(CurrentState.asOf(Extract.TOUCHES, bronze, D2, Optional.empty()), "touch_id"))
                .containsExactly("T2", "T3");
    }

    @Test
    void aDeletedLeadMergedIntoAnotherStaysForIdentityAndOneWithoutASurvivorLeaves() {
        Dataset<Row> bronze = spark.createDataFrame(List.of(
                lead("L1", null, null, D1, 2),
                lead("L2", "L1", true, D1, 3),     // the loser of a merge into L1, exported deleted
                lead("L3", null, true, D1, 4),     // deleted, no survivor
                lead("L4", "L1", false, D1, 5)), Extract.LEADS.bronzeSchema());
        assertThat(ids(CurrentState.asOf(Extract.LEADS, bronze, D1, Optional.empty()), "lead_id"))
                .containsExactly("L1", "L2", "L4");
    }

    static List<String> ids(Dataset<Row> rows, String key) {
        return rows.orderBy(key).collectAsList().stream().map(r -> r.<String>getAs(key)).toList();
    }

    private static Row touch(String id, Boolean deleted, LocalDate runDate, long line) {
        return RowFactory.create(id, "L1", Timestamp.valueOf("2026-11-20 10:00:00"), "C1", "Webinar", "form_fill",
                deleted, runDate + "/touches.csv", line, Date.valueOf(runDate));
    }

    private static Row lead(String id, String mergedInto, Boolean deleted, LocalDate runDate, long line) {
        Object[] v = new Object[Extract.LEADS.bronzeSchema().size()];
        Arrays.fill(v, null);
        List<String> names = Arrays.asList(Extract.LEADS.bronzeSchema().fieldNames());
        v[names.indexOf("lead_id")] = id;
        v[names.indexOf("created_at")] = Timestamp.valueOf("2026-11-20 10:00:00");
        v[names.indexOf("last_modified_at")] = Timestamp.valueOf("2026-11-20 10:00:00");
        v[names.indexOf("merged_into_lead_id")] = mergedInto;
        v[names.indexOf("is_deleted")] = deleted;
        v[names.indexOf(Extract.SOURCE_FILE)] = runDate + "/leads.csv";
        v[names.indexOf(Extract.SOURCE_LINE)] = line;
        v[names.indexOf(Extract.RUN_DATE)] = Date.valueOf(runDate);
        return RowFactory.create(v);
    }
}
