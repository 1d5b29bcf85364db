package io.glengarry.report;

import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * crm_hygiene, forecast_accuracy and surprise_deals on the sample drops: one CLI run for 2026-11-26 catches up
 * on all three nights; the special records of data-samples/README.md must show up with the flags they were
 * generated for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HygieneSampleNightTest {
    private static final String RUN_DATE = "2026-11-26";

    private final SparkSession spark = TestSpark.get();
    private Map<String, Row> hygiene;

    private Warehouse warehouse() {
        return SampleWarehouse.get();
    }

    private Dataset<Row> gold(String report) {
        return spark.read().format("delta").load(warehouse().gold(report))
                .filter(col("as_of").equalTo(Date.valueOf(RUN_DATE)));
    }

    @BeforeAll
    void runTheSampleNights() {
        assertThat(SampleWarehouse.exit(SampleWarehouse.LAST_NIGHT)).isEqualTo(ExitCode.SUCCESS);
        assertThat(SampleWarehouse.LAST_NIGHT.toString()).isEqualTo(RUN_DATE);
        hygiene = new TreeMap<>();
        for (Row r : gold("crm_hygiene").filter(col("opportunity_id").isin("O00422", "O00263", "O00203", "O00320",
                "O00280", "O00169", "O00267", "O00310", "O00325", "O00354")).collectAsList()) {
            hygiene.put(r.getAs("opportunity_id"), r);
        }
    }

    @Test
    void theSurpriseDealO00422IsASameDayCloseAndASurpriseDeal() {
        Row o422 = hygiene.get("O00422");
        assertThat(o422.<Boolean>getAs("same_day_close")).isTrue();
        assertThat(o422.<Date>getAs("created_date")).isEqualTo(Date.valueOf("2026-09-29"));
        assertThat(o422.<Date>getAs("close_date")).isEqualTo(Date.valueOf("2026-09-29"));
        assertThat(o422.<BigDecimal>getAs("revenue")).isEqualByComparingTo("1500000.00");
        List<Row> surprise = gold("surprise_deals").filter(col("opportunity_id").equalTo("O00422")).collectAsList();
        assertThat(surprise).hasSize(1);
        assertThat(surprise.get(0).<String>getAs("quarter")).isEqualTo("FY2026-Q3");
        assertThat(surprise.get(0).<BigDecimal>getAs("revenue")).isEqualByComparingTo("1500000.00");
        assertThat(surprise.get(0).<Date>getAs("first_commit_week_end")).isNull();
    }

    @Test
    void theOtherSpecialRecordsCarryTheirFlags() {
        Row o263 = hygiene.get("O00263");
        // 2025-12-15 -> 2026-03-27 -> 2026-06-26 -> 2026-09-25 -> 2026-12-18: four pushes into a later quarter
        assertThat(o263.<Integer>getAs("close_date_pushes")).isEqualTo(4);
        assertThat(o263.<Boolean>getAs("close_date_pushed_chronic")).isTrue();
        Row o203 = hygiene.get("O00203");
        assertThat(List.of(o203.getAs("stage_regression"), o203.getAs("regression_from_stage"),
                o203.getAs("regression_to_stage"))).containsExactly(true, "Proposal", "Qualification");
        Row o320 = hygiene.get("O00320");
        assertThat(o320.<Boolean>getAs("late_close_entry")).isTrue();
        assertThat(o320.<Integer>getAs("late_entry_days")).isEqualTo(14);
        Row o280 = hygiene.get("O00280");
        assertThat(o280.<Boolean>getAs("amount_changed_after_close")).isTrue();
        assertThat(o280.<BigDecimal>getAs("amount_at_close")).isEqualByComparingTo("100000.00");
        assertThat(o280.<BigDecimal>getAs("last_amount_after_close")).isEqualByComparingTo("112000.00");
        assertThat(hygiene.get("O00169").<Boolean>getAs("won_without_source")).isTrue();
        for (String stale : List.of("O00267", "O00310", "O00325", "O00354")) {
            assertThat(hygiene.get(stale).<Boolean>getAs("stale_open")).as(stale).isTrue();
        }
    }

    @Test
    void forecastActualsMatchWonRevenueAndEveryReportIsExported() throws IOException {
        // the quarter's actual (ALL) equals the silver won revenue closed in FY2026-Q3, summed independently
        BigDecimal wonQ3 = spark.read().format("delta").load(warehouse().silver("won_opportunities"))
                .filter(col("closed_quarter").equalTo("FY2026-Q3")).agg(sum("revenue")).first().getDecimal(0);
        List<Row> allQ3 = gold("forecast_accuracy").filter(col("quarter").equalTo("FY2026-Q3")
                .and(col("dimension").equalTo("ALL"))).orderBy("week").collectAsList();
        assertThat(allQ3).hasSize(13);
        assertThat(allQ3).allSatisfy(r -> assertThat(r.<BigDecimal>getAs("actual_revenue"))
                .isEqualByComparingTo(wonQ3));
        for (String report : List.of("crm_hygiene", "crm_hygiene_summary", "forecast_accuracy", "surprise_deals")) {
            Path dir = warehouse().exportDir(report, java.time.LocalDate.parse(RUN_DATE));
            assertThat(dir.resolve(report + ".csv")).as(report).isRegularFile();
            assertThat(Files.readAllLines(dir.resolve(report + ".csv")).size()).as(report).isGreaterThan(1);
        }
    }
}
