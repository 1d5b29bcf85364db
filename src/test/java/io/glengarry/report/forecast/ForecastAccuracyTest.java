package io.glengarry.report.forecast;

import io.glengarry.TestSpark;
import io.glengarry.conform.FiscalCalendar;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly rebuild of forecast_accuracy and surprise_deals from a hand-written history of one quarter,
 * FY2026-Q3 = 2026-07-01 .. 2026-09-30 (92 days). Weeks of 7 days from 1 July: week w ends on 1 July + 7w - 1
 * (week 1: 07-07, week 2: 07-14, week 7: 08-18, week 8: 08-25, week 11: 09-15, week 12: 09-22), week 13 ends on
 * 09-30. Run date 2026-10-05: FY2026-Q4's first week (ends 10-07) has not ended yet. Surprise cut-off: week ends
 * on or before 09-30 - 14 days = 09-16, i.e. weeks 1-11.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastAccuracyTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 10, 5);
    private static final FiscalCalendar CALENDAR = FiscalCalendar.of(1, "end");
    private static final int Q3 = 2026 * 4 + 2;

    private static final StructType HISTORY = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("changed_at", DataTypes.TimestampType).add("stage", DataTypes.StringType)
            .add("amount", DataTypes.createDecimalType(20, 2)).add("close_date", DataTypes.DateType)
            .add("forecast_category", DataTypes.StringType);
    private static final StructType OPPORTUNITIES = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType).add("currency", DataTypes.StringType)
            .add("owner_id", DataTypes.StringType).add("territory", DataTypes.StringType);
    private static final StructType WON = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType).add("close_date", DataTypes.DateType)
            .add("revenue", DataTypes.createDecimalType(20, 2)).add("revenue_source", DataTypes.StringType)
            .add("owner_id", DataTypes.StringType).add("territory", DataTypes.StringType)
            .add("closed_quarter_index", DataTypes.IntegerType);
    private static final StructType FX = new StructType().add("rate_date", DataTypes.DateType)
            .add("currency", DataTypes.StringType).add("rate_to_reporting", DataTypes.createDecimalType(30, 12));

    private final SparkSession spark = TestSpark.get();
    private final List<Row> history = new ArrayList<>();
    private Dataset<Row> weeks;
    private Dataset<Row> states;
    private Dataset<Row> won;

    private static Timestamp at(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }

    private void change(String id, String changedAt, String stage, String amount, String closeDate, String category) {
        history.add(RowFactory.create(id, at(changedAt), stage, new BigDecimal(amount), Date.valueOf(closeDate),
                category));
    }

    @BeforeAll
    void rebuild() {
        // A (U1, East, USD): pipeline in week 1; mid week 2 Proposal/best_case (07-09) then Negotiation/commit at
        // 1200.00 (07-13) -> commit from week 2 on; won 09-25 (closed in week 13)
        change("A", "2026-07-02T09:00:00Z", "Prospecting", "1000.00", "2026-09-20", "pipeline");
        change("A", "2026-07-09T10:00:00Z", "Proposal", "1000.00", "2026-09-20", "best_case");
        change("A", "2026-07-13T10:00:00Z", "Negotiation", "1200.00", "2026-09-20", "commit");
        change("A", "2026-09-25T10:00:00Z", "Closed Won", "1200.00", "2026-09-25", "closed");
        // B (U2, West, EUR 2000.00 at the 08-10 rate 1.20 = 2400.00 for a close date of 08-15): best_case in
        // week 1; commit late on 07-14 (the last day of week 2 still counts); close date pushed to 10-15 (Q4)
        // on 08-20 -> out of Q3 from week 8 on; never won
        change("B", "2026-07-03T09:00:00Z", "Proposal", "2000.00", "2026-08-15", "best_case");
        change("B", "2026-07-14T23:59:00Z", "Negotiation", "2000.00", "2026-08-15", "commit");
        change("B", "2026-08-20T09:00:00Z", "Negotiation", "2000.00", "2026-10-15", "commit");
        // C (U1, East): created 08-19 (after week 7 ended on 08-18) in commit, won 08-24 (before week 8 ended
        // on 08-25): never commit at a week end -> a surprise deal
        change("C", "2026-08-19T09:00:00Z", "Proposal", "500.00", "2026-08-30", "commit");
        change("C", "2026-08-24T09:00:00Z", "Closed Won", "500.00", "2026-08-24", "closed");
        // D (U2, West): pipeline 300.00 until commit on 09-17 (inside the last 14 days), won 09-29 -> surprise
        change("D", "2026-07-02T09:00:00Z", "Qualification", "300.00", "2026-09-29", "pipeline");
        change("D", "2026-09-17T09:00:00Z", "Negotiation", "300.00", "2026-09-29", "commit");
        change("D", "2026-09-29T09:00:00Z", "Closed Won", "300.00", "2026-09-29", "closed");

        Dataset<Row> opportunities = spark.createDataFrame(List.of(
                RowFactory.create("A", at("2026-07-02T09:00:00Z"), "USD", "U1", "East"),
                RowFactory.create("B", at("2026-07-03T09:00:00Z"), "EUR", "U2", "West"),
                RowFactory.create("C", at("2026-08-19T09:00:00Z"), "USD", "U1", "East"),
                RowFactory.create("D", at("2026-07-02T09:00:00Z"), "USD", "U2", "West")), OPPORTUNITIES);
        won = spark.createDataFrame(List.of(
                RowFactory.create("A", at("2026-07-02T09:00:00Z"), Date.valueOf("2026-09-25"),
                        new BigDecimal("1200.00"), "opportunity", "U1", "East", Q3),
                RowFactory.create("C", at("2026-08-19T09:00:00Z"), Date.valueOf("2026-08-24"),
                        new BigDecimal("500.00"), "orders", "U1", "East", Q3),
                RowFactory.create("D", at("2026-07-02T09:00:00Z"), Date.valueOf("2026-09-29"),
                        new BigDecimal("300.00"), "opportunity", "U2", "West", Q3)), WON);
        Dataset<Row> fx = spark.createDataFrame(List.of(
                RowFactory.create(Date.valueOf("2026-06-29"), "EUR", new BigDecimal("1.100000000000")),
                RowFactory.create(Date.valueOf("2026-08-10"), "EUR", new BigDecimal("1.200000000000"))), FX);
        Dataset<Row> changes = spark.createDataFrame(history, HISTORY);
        // cached so that each assertion does not rebuild the states (the test data is tiny; the plan is not)
        weeks = ForecastAccuracy.weeks(changes, won, CALENDAR, AS_OF).cache();
        states = ForecastAccuracy.weeklyStatesInQuarter(changes, opportunities, weeks, fx, "USD", CALENDAR).cache();
    }

    @AfterAll
    void release() {
        states.unpersist();
        weeks.unpersist();
    }

    @Test
    void weeksAreSevenDayStepsFromTheQuarterStartWithTheLastWeekRunningToTheQuarterEnd() {
        List<Row> rows = weeks.orderBy("quarter_index", "week").collectAsList();
        assertThat(rows).hasSize(13); // FY2026-Q4 has no ended week by 2026-10-05
        assertThat(rows).allSatisfy(r -> assertThat(r.<Integer>getAs("quarter_index")).isEqualTo(Q3));
        assertThat(rows.get(0).<Date>getAs("week_start")).isEqualTo(Date.valueOf("2026-07-01"));
        assertThat(rows.get(0).<Date>getAs("week_end")).isEqualTo(Date.valueOf("2026-07-07"));
        assertThat(rows.get(7).<Date>getAs("week_end")).isEqualTo(Date.valueOf("2026-08-25"));
        assertThat(rows.get(11).<Date>getAs("week_end")).isEqualTo(Date.valueOf("2026-09-22"));
        assertThat(rows.get(12).<Date>getAs("week_start")).isEqualTo(Date.valueOf("2026-09-23"));
        assertThat(rows.get(12).<Date>getAs("week_end")).isEqualTo(Date.valueOf("2026-09-30"));
    }

    @Test
    void theWeekEndStateIsTheLatestChangeOnOrBeforeThatDay() {
        List<String> b = states.filter(col("opportunity_id").equalTo("B")).orderBy("week")
                .select("week", "forecast_category", "amount_reporting").collectAsList().stream()
                .map(Row::toString).toList();
        // 2000.00 EUR x 1.20 (rate of 08-10, the latest on or before the close date 08-15) = 2400.00
        assertThat(b.subList(0, 3)).containsExactly("[1,best_case,2400.00]", "[2,commit,2400.00]",
                "[3,commit,2400.00]");
        // from week 8 on its close date is 10-15 (Q4): no state in Q3's weeks
        assertThat(b).hasSize(7).last().isEqualTo("[7,commit,2400.00]");
        List<Integer> cWeeks = states.filter(col("opportunity_id").equalTo("C")).orderBy("week")
                .select("week").collectAsList().stream().map(r -> r.getInt(0)).toList();
        assertThat(cWeeks).containsExactly(8, 9, 10, 11, 12, 13); // C does not exist before week 8
    }

    private static Row row(List<Row> report, int week, String dimension, String value) {
        List<Row> rows = report.stream().filter(r -> r.<Integer>getAs("week") == week
                && r.getAs("dimension").equals(dimension) && r.getAs("dimension_value").equals(value)).toList();
        assertThat(rows).as("week %s %s %s", week, dimension, value).hasSize(1);
        return rows.get(0);
    }

    private static String totals(Row r) {
        return r.getAs("commit") + " " + r.getAs("best_case") + " " + r.getAs("pipeline") + " "
                + r.getAs("actual_revenue") + " " + r.getAs("accuracy");
    }

    @Test
    void commitBestCaseAndPipelinePerWeekAgainstTheQuartersActualRevenue() {
        List<Row> report = ForecastAccuracy.compute(states, weeks, won, AS_OF)
                .orderBy("quarter_index", "week", "dimension", "dimension_value").collectAsList();
        // 13 weeks x (owner U1, U2; territory East, West; ALL)
        assertThat(report).hasSize(65);
        // actual Q3 won revenue: A 1200.00 + C 500.00 + D 300.00 = 2000.00
        // week 1: A pipeline 1000.00, B best_case 2400.00, D pipeline 300.00; commit 0 -> accuracy null
        assertThat(totals(row(report, 1, "ALL", "ALL"))).isEqualTo("0.00 2400.00 1300.00 2000.00 null");
        // week 2: A commit 1200.00 (the Jul 13 change wins over Jul 9), B commit 2400.00, D pipeline 300.00;
        // 2000.00 / 3600.00 = 0.555556
        assertThat(totals(row(report, 2, "ALL", "ALL"))).isEqualTo("3600.00 0.00 300.00 2000.00 0.555556");
        assertThat(totals(row(report, 7, "ALL", "ALL"))).isEqualTo("3600.00 0.00 300.00 2000.00 0.555556");
        // week 8: B's close date is in Q4, C is already closed: A commit 1200.00, D pipeline 300.00;
        // 2000.00 / 1200.00 = 1.666667
        assertThat(totals(row(report, 8, "ALL", "ALL"))).isEqualTo("1200.00 0.00 300.00 2000.00 1.666667");
        // week 12: A 1200.00 + D 300.00 commit; 2000.00 / 1500.00 = 1.333333
        assertThat(totals(row(report, 12, "ALL", "ALL"))).isEqualTo("1500.00 0.00 0.00 2000.00 1.333333");
        // week 13: everything closed
        assertThat(totals(row(report, 13, "ALL", "ALL"))).isEqualTo("0.00 0.00 0.00 2000.00 null");
        // owner U1 (A, C): actual 1700.00; week 2 commit 1200.00 -> 1.416667
        assertThat(totals(row(report, 2, "owner", "U1"))).isEqualTo("1200.00 0.00 0.00 1700.00 1.416667");
        // territory West (B, D): actual 300.00; week 2 commit 2400.00, pipeline 300.00 -> 0.125
        assertThat(totals(row(report, 2, "territory", "West"))).isEqualTo("2400.00 0.00 300.00 300.00 0.125000");
        Row w2 = row(report, 2, "ALL", "ALL");
        assertThat(List.of(w2.getAs("quarter"), w2.getAs("week_end"), w2.getAs("commit_deals"), w2.getAs("won_deals")))
                .containsExactly("FY2026-Q3", Date.valueOf("2026-07-14"), 2L, 3L);
    }

    @Test
    void surpriseDealsWereNeverInCommitAtAWeekEndBeforeTheQuartersLastFourteenDays() {
        List<String> surprises = ForecastAccuracy.surpriseDeals(states, weeks, won, 14, AS_OF)
                .orderBy("quarter_index", "opportunity_id")
                .select("quarter", "opportunity_id", "commit_cutoff_date", "first_commit_week_end", "revenue")
                .collectAsList().stream().map(Row::toString).toList();
        // A was in commit from week 2: no surprise. C: never commit at a week end. D: first in commit at week 12
        // (ends 09-22), after the cut-off 09-16.
        assertThat(surprises).containsExactly("[FY2026-Q3,C,2026-09-16,null,500.00]",
                "[FY2026-Q3,D,2026-09-16,2026-09-22,300.00]");
    }
}
