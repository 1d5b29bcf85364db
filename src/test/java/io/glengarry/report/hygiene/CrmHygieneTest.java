package io.glengarry.report.hygiene;

import io.glengarry.TestSpark;
import io.glengarry.conform.FiscalCalendar;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each crm_hygiene flag raised by a small hand-written opportunity history, next to a case that nearly raises it
 * but must not. Run date 2026-11-26, calendar fiscal year = calendar year (Q1 Jan-Mar ... Q4 Oct-Dec).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmHygieneTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
    private static final FiscalCalendar CALENDAR = FiscalCalendar.of(1, "end");

    static final StructType OPPORTUNITIES = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType).add("last_modified_at", DataTypes.TimestampType)
            .add("close_date", DataTypes.DateType).add("stage", DataTypes.StringType)
            .add("amount", DataTypes.createDecimalType(20, 2)).add("currency", DataTypes.StringType)
            .add("is_closed", DataTypes.BooleanType).add("is_won", DataTypes.BooleanType)
            .add("forecast_category", DataTypes.StringType).add("owner_id", DataTypes.StringType)
            .add("territory", DataTypes.StringType).add("lead_source", DataTypes.StringType)
            .add("amount_reporting", DataTypes.createDecimalType(20, 2))
            .add("closed_quarter_index", DataTypes.IntegerType);
    static final StructType HISTORY = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("changed_at", DataTypes.TimestampType).add("stage", DataTypes.StringType)
            .add("amount", DataTypes.createDecimalType(20, 2)).add("close_date", DataTypes.DateType)
            .add("forecast_category", DataTypes.StringType);
    static final StructType WON = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("revenue", DataTypes.createDecimalType(20, 2)).add("primary_lead_id", DataTypes.StringType);

    private final SparkSession spark = TestSpark.get();
    private final List<Row> opportunities = new ArrayList<>();
    private final List<Row> history = new ArrayList<>();
    private final List<Row> won = new ArrayList<>();
    private Map<String, Row> report;

    static Timestamp at(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }

    static BigDecimal money(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }

    /** A USD opportunity (amount_reporting = amount); closed quarter index from the close date. */
    private void opportunity(String id, String createdAt, String lastModifiedAt, String closeDate, String stage,
                             String amount, String leadSource) {
        boolean isWon = stage.equals("Closed Won");
        boolean isClosed = stage.startsWith("Closed");
        LocalDate close = LocalDate.parse(closeDate);
        opportunities.add(RowFactory.create(id, at(createdAt), at(lastModifiedAt), Date.valueOf(close), stage,
                money(amount), "USD", isClosed, isWon, isWon ? "closed" : "pipeline", "U1", "East", leadSource,
                money(amount), CALENDAR.quarterIndexOf(close)));
    }

    private void won(String id, String revenue, String primaryLeadId) {
        won.add(RowFactory.create(id, money(revenue), primaryLeadId));
    }

    private void change(String id, String changedAt, String stage, String amount, String closeDate) {
        history.add(RowFactory.create(id, at(changedAt), stage, money(amount), Date.valueOf(closeDate), null));
    }

    @BeforeAll
    void buildFixtureAndReport() {
        String recent = "2026-11-20T10:00:00Z";
        // same_day_close: created and closed 2026-09-29, revenue exactly the threshold 100000.00 -> flagged
        opportunity("SD1", "2026-09-29T08:00:00Z", "2026-09-29T17:00:00Z", "2026-09-29", "Closed Won", "100000.00",
                "Outbound");
        won("SD1", "100000.00", null);
        // near miss: same day but 99999.99 (< 100000)
        opportunity("SD2", "2026-09-29T08:00:00Z", "2026-09-29T17:00:00Z", "2026-09-29", "Closed Won", "99999.99",
                "Outbound");
        won("SD2", "99999.99", null);
        // near miss: 500000.00 but created the day before its close date
        opportunity("SD3", "2026-09-28T23:30:00Z", "2026-09-29T17:00:00Z", "2026-09-29", "Closed Won", "500000.00",
                "Outbound");
        won("SD3", "500000.00", null);

        // stale_open: last modified 2026-09-26 -> 61 days before 2026-11-26 (30 in Sep/Oct + 31 to Nov 26) > 60
        opportunity("ST1", "2026-08-01T09:00:00Z", "2026-09-26T23:00:00Z", "2026-12-15", "Proposal", "1000.00",
                "Outbound");
        // near miss: 2026-09-27 -> exactly 60 days
        opportunity("ST2", "2026-08-01T09:00:00Z", "2026-09-27T00:30:00Z", "2026-12-15", "Proposal", "1000.00",
                "Outbound");
        // near miss: untouched since January but closed (lost)
        opportunity("ST3", "2025-11-01T09:00:00Z", "2026-01-10T09:00:00Z", "2026-01-10", "Closed Lost", "1000.00",
                null);

        // close_date_pushed: Q1 -> Q2 -> Q3 -> Q4 = 3 pushes into a later quarter -> chronic
        opportunity("PU1", "2026-01-05T09:00:00Z", recent, "2026-12-01", "Negotiation", "5000.00", "Outbound");
        change("PU1", "2026-01-05T09:00:00Z", "Prospecting", "5000.00", "2026-03-15");
        change("PU1", "2026-03-10T09:00:00Z", "Qualification", "5000.00", "2026-05-10");
        change("PU1", "2026-05-05T09:00:00Z", "Qualification", "5000.00", "2026-08-20");
        change("PU1", "2026-08-18T09:00:00Z", "Negotiation", "5000.00", "2026-12-01");
        // near miss: moved twice but always within Q2 (Apr 2 -> Jun 29 -> May 1)
        opportunity("PU2", "2026-03-20T09:00:00Z", recent, "2026-05-01", "Closed Lost", "5000.00", "Outbound");
        change("PU2", "2026-03-20T09:00:00Z", "Prospecting", "5000.00", "2026-04-02");
        change("PU2", "2026-04-01T09:00:00Z", "Prospecting", "5000.00", "2026-06-29");
        change("PU2", "2026-04-20T09:00:00Z", "Closed Lost", "5000.00", "2026-05-01");
        // pulled into Q2 then pushed back into Q3: one push (a pull-in is no push), not chronic
        opportunity("PU3", "2026-05-01T09:00:00Z", recent, "2026-07-05", "Closed Lost", "5000.00", "Outbound");
        change("PU3", "2026-05-01T09:00:00Z", "Prospecting", "5000.00", "2026-07-10");
        change("PU3", "2026-05-15T09:00:00Z", "Proposal", "5000.00", "2026-06-20");
        change("PU3", "2026-06-18T09:00:00Z", "Closed Lost", "5000.00", "2026-07-05");

        // stage_regression: Proposal -> Qualification
        opportunity("RG1", "2026-04-01T09:00:00Z", recent, "2026-06-30", "Closed Lost", "100.00", "Outbound");
        change("RG1", "2026-04-01T09:00:00Z", "Prospecting", "100.00", "2026-06-30");
        change("RG1", "2026-04-20T09:00:00Z", "Proposal", "100.00", "2026-06-30");
        change("RG1", "2026-05-11T09:00:00Z", "Qualification", "100.00", "2026-06-30");
        change("RG1", "2026-06-30T09:00:00Z", "Closed Lost", "100.00", "2026-06-30");
        // near miss: Closed Won -> Closed Lost (closed stages are terminal, equal rank), and an unknown stage
        // "On Hold" in between two Proposals is skipped
        opportunity("RG2", "2026-04-01T09:00:00Z", recent, "2026-06-30", "Closed Lost", "100.00", "Outbound");
        change("RG2", "2026-04-01T09:00:00Z", "Proposal", "100.00", "2026-06-30");
        change("RG2", "2026-04-10T09:00:00Z", "On Hold", "100.00", "2026-06-30");
        change("RG2", "2026-04-20T09:00:00Z", "Proposal", "100.00", "2026-06-30");
        change("RG2", "2026-06-29T09:00:00Z", "Closed Won", "100.00", "2026-06-29");
        change("RG2", "2026-06-29T10:00:00Z", "Closed Lost", "100.00", "2026-06-29");
        // a lost deal reopened: Closed Lost -> Qualification is a regression
        opportunity("RG3", "2026-04-01T09:00:00Z", recent, "2026-12-30", "Qualification", "100.00", "Outbound");
        change("RG3", "2026-04-01T09:00:00Z", "Negotiation", "100.00", "2026-12-30");
        change("RG3", "2026-05-01T09:00:00Z", "Closed Lost", "100.00", "2026-12-30");
        change("RG3", "2026-06-01T09:00:00Z", "Qualification", "100.00", "2026-12-30");

        // won_without_source: won, no converted lead, no lead_source
        opportunity("WS1", "2026-02-01T09:00:00Z", recent, "2026-03-01", "Closed Won", "700.00", null);
        won("WS1", "700.00", null);
        // near misses: a lead_source; a converted (primary) lead
        opportunity("WS2", "2026-02-01T09:00:00Z", recent, "2026-03-01", "Closed Won", "700.00", "Outbound");
        won("WS2", "700.00", null);
        opportunity("WS3", "2026-02-01T09:00:00Z", recent, "2026-03-01", "Closed Won", "700.00", null);
        won("WS3", "700.00", "L1");

        // late_close_entry: close 2026-06-30, first Closed Won row 2026-07-08 -> 8 days > 7
        opportunity("LE1", "2026-05-01T09:00:00Z", recent, "2026-06-30", "Closed Won", "900.00", "Outbound");
        won("LE1", "900.00", null);
        change("LE1", "2026-05-01T09:00:00Z", "Negotiation", "900.00", "2026-06-30");
        change("LE1", "2026-07-08T09:00:00Z", "Closed Won", "900.00", "2026-06-30");
        // near miss: marked won 2026-07-07 23:30 -> exactly 7 days
        opportunity("LE2", "2026-05-01T09:00:00Z", recent, "2026-06-30", "Closed Won", "900.00", "Outbound");
        won("LE2", "900.00", null);
        change("LE2", "2026-05-01T09:00:00Z", "Negotiation", "900.00", "2026-06-30");
        change("LE2", "2026-07-07T23:30:00Z", "Closed Won", "900.00", "2026-06-30");

        // amount_changed_after_close: won at 100000.00 on 2026-03-27, 112000.00 on 2026-04-10
        opportunity("AC1", "2026-01-05T09:00:00Z", recent, "2026-03-27", "Closed Won", "112000.00", "Outbound");
        won("AC1", "112000.00", null);
        change("AC1", "2026-01-05T09:00:00Z", "Negotiation", "90000.00", "2026-03-31");
        change("AC1", "2026-03-27T15:45:00Z", "Closed Won", "100000.00", "2026-03-27");
        change("AC1", "2026-04-10T12:00:00Z", "Closed Won", "112000.00", "2026-03-27");
        // near miss: the amount changed before the close (at the Closed Won row itself) and the day after the
        // close only the close date was edited (within the quarter), same amount
        opportunity("AC2", "2026-01-05T09:00:00Z", recent, "2026-03-26", "Closed Won", "50000.00", "Outbound");
        won("AC2", "50000.00", null);
        change("AC2", "2026-01-05T09:00:00Z", "Negotiation", "40000.00", "2026-03-31");
        change("AC2", "2026-03-27T15:45:00Z", "Closed Won", "50000.00", "2026-03-27");
        change("AC2", "2026-03-28T09:00:00Z", "Closed Won", "50000.00", "2026-03-26");

        Dataset<Row> rows = CrmHygiene.compute(spark.createDataFrame(opportunities, OPPORTUNITIES),
                spark.createDataFrame(history, HISTORY), spark.createDataFrame(won, WON), CALENDAR,
                HygieneRules.defaults(), AS_OF);
        report = new TreeMap<>();
        for (Row r : rows.orderBy("opportunity_id").collectAsList()) {
            report.put(r.getAs("opportunity_id"), r);
        }
    }

    private List<String> flagsOf(String id) {
        Row r = report.get(id);
        List<String> raised = new ArrayList<>();
        for (String flag : CrmHygiene.FLAGS) {
            if (r.<Boolean>getAs(flag)) {
                raised.add(flag);
            }
        }
        return raised;
    }

    @Test
    void everyOpportunityHasOneRowWithExactlyTheExpectedFlags() {
        assertThat(report.keySet()).containsExactly("AC1", "AC2", "LE1", "LE2", "PU1", "PU2", "PU3", "RG1", "RG2",
                "RG3", "SD1", "SD2", "SD3", "ST1", "ST2", "ST3", "WS1", "WS2", "WS3");
        Map<String, List<String>> expected = new TreeMap<>();
        expected.put("AC1", List.of("amount_changed_after_close"));
        expected.put("AC2", List.of());
        expected.put("LE1", List.of("late_close_entry"));
        expected.put("LE2", List.of());
        expected.put("PU1", List.of("close_date_pushed", "close_date_pushed_chronic"));
        expected.put("PU2", List.of());
        expected.put("PU3", List.of("close_date_pushed"));
        expected.put("RG1", List.of("stage_regression"));
        expected.put("RG2", List.of());
        expected.put("RG3", List.of("stage_regression"));
        expected.put("SD1", List.of("same_day_close"));
        expected.put("SD2", List.of());
        expected.put("SD3", List.of());
        expected.put("ST1", List.of("stale_open"));
        expected.put("ST2", List.of());
        expected.put("ST3", List.of());
        expected.put("WS1", List.of("won_without_source"));
        expected.put("WS2", List.of());
        expected.put("WS3", List.of());
        Map<String, List<String>> actual = new TreeMap<>();
        for (String id : report.keySet()) {
            actual.put(id, flagsOf(id));
        }
        assertThat(actual).isEqualTo(expected);
        // flags counts the distinct flags (chronic is a degree of close_date_pushed, not a flag of its own)
        assertThat(report.get("PU1").<Integer>getAs("flags")).isEqualTo(1);
        assertThat(report.get("AC2").<Integer>getAs("flags")).isZero();
    }

    @Test
    void theEvidenceColumnsShowWhyAFlagWasRaisedOrNot() {
        assertThat(report.get("SD1").<Date>getAs("created_date")).isEqualTo(Date.valueOf("2026-09-29"));
        assertThat(report.get("SD2").<BigDecimal>getAs("revenue")).isEqualByComparingTo("99999.99");
        assertThat(report.get("ST1").<Integer>getAs("days_since_modified")).isEqualTo(61);
        assertThat(report.get("ST2").<Integer>getAs("days_since_modified")).isEqualTo(60);
        assertThat(report.get("PU1").<Integer>getAs("close_date_pushes")).isEqualTo(3);
        assertThat(report.get("PU1").<Date>getAs("first_close_date")).isEqualTo(Date.valueOf("2026-03-15"));
        assertThat(report.get("PU2").<Integer>getAs("close_date_pushes")).isZero();
        assertThat(report.get("PU3").<Integer>getAs("close_date_pushes")).isEqualTo(1);
        Row rg1 = report.get("RG1");
        assertThat(List.of(rg1.getAs("stage_regressions"), rg1.getAs("regression_from_stage"),
                rg1.getAs("regression_to_stage"), rg1.getAs("first_regression_at")))
                .containsExactly(1, "Proposal", "Qualification", at("2026-05-11T09:00:00Z"));
        assertThat(report.get("RG3").<String>getAs("regression_from_stage")).isEqualTo("Closed Lost");
        assertThat(report.get("RG2").<Integer>getAs("stage_regressions")).isZero();
        // 2026-07-08 - 2026-06-30 = 8 days; 2026-07-07 - 2026-06-30 = 7 days (not more than 7)
        assertThat(report.get("LE1").<Integer>getAs("late_entry_days")).isEqualTo(8);
        assertThat(report.get("LE2").<Integer>getAs("late_entry_days")).isEqualTo(7);
        assertThat(report.get("LE1").<Timestamp>getAs("marked_won_at")).isEqualTo(at("2026-07-08T09:00:00Z"));
        Row ac1 = report.get("AC1");
        assertThat(ac1.<BigDecimal>getAs("amount_at_close")).isEqualByComparingTo("100000.00");
        assertThat(ac1.<BigDecimal>getAs("last_amount_after_close")).isEqualByComparingTo("112000.00");
        assertThat(ac1.<Integer>getAs("amount_changes_after_close")).isEqualTo(1);
        assertThat(report.get("AC2").<Integer>getAs("amount_changes_after_close")).isZero();
        // no history at all: no pushes, no regression, no late entry (never seen marked won)
        Row ws1 = report.get("WS1");
        assertThat(List.of(ws1.getAs("close_date_pushes"), ws1.getAs("stage_regressions"),
                ws1.getAs("amount_changes_after_close"))).containsExactly(0, 0, 0);
        assertThat(ws1.<Timestamp>getAs("marked_won_at")).isNull();
    }

    @Test
    void theSummaryAddsUpPipelineAndFlaggedDealsPerQuarterOwnerAndTerritory() {
        List<Row> opps = List.of(
                // open, stale (last modified 2026-08-01: 117 days)
                RowFactory.create("X1", at("2026-07-01T09:00:00Z"), at("2026-08-01T09:00:00Z"),
                        Date.valueOf("2026-12-10"), "Proposal", money("1000.00"), "USD", false, false, "pipeline",
                        "U7", "West", "Outbound", money("1000.00"), CALENDAR.quarterIndexOf(LocalDate.of(2026, 12, 10))),
                // open, fresh
                RowFactory.create("X2", at("2026-07-01T09:00:00Z"), at("2026-11-20T09:00:00Z"),
                        Date.valueOf("2026-11-30"), "Negotiation", money("500.25"), "USD", false, false, "commit",
                        "U7", "West", "Outbound", money("500.25"), CALENDAR.quarterIndexOf(LocalDate.of(2026, 11, 30))),
                // won the day it was created: revenue 200000.00 (orders), amount 180000.00
                RowFactory.create("X3", at("2026-10-02T09:00:00Z"), at("2026-10-02T09:00:00Z"),
                        Date.valueOf("2026-10-02"), "Closed Won", money("180000.00"), "USD", true, true, "closed",
                        "U7", "West", "Outbound", money("180000.00"), CALENDAR.quarterIndexOf(LocalDate.of(2026, 10, 2))),
                // another owner, same quarter: its own group
                RowFactory.create("X4", at("2026-07-01T09:00:00Z"), at("2026-11-20T09:00:00Z"),
                        Date.valueOf("2026-11-30"), "Negotiation", money("42.00"), "USD", false, false, "commit",
                        "U8", "West", "Outbound", money("42.00"), CALENDAR.quarterIndexOf(LocalDate.of(2026, 11, 30))));
        Dataset<Row> hygiene = CrmHygiene.compute(spark.createDataFrame(opps, OPPORTUNITIES),
                spark.createDataFrame(List.of(), HISTORY),
                spark.createDataFrame(List.of(RowFactory.create("X3", money("200000.00"), "L9")), WON), CALENDAR,
                HygieneRules.defaults(), AS_OF);
        List<Row> summary = CrmHygiene.summary(hygiene).orderBy("close_quarter_index", "owner_id").collectAsList();
        assertThat(summary).hasSize(2);
        Row u7 = summary.get(0);
        assertThat(u7.<String>getAs("close_quarter")).isEqualTo("FY2026-Q4");
        assertThat(u7.<String>getAs("owner_id")).isEqualTo("U7");
        assertThat(u7.<Long>getAs("opportunities")).isEqualTo(3L);
        // open pipeline: X1 1000.00 + X2 500.25 = 1500.25
        assertThat(u7.<BigDecimal>getAs("open_pipeline_amount")).isEqualByComparingTo("1500.25");
        // flagged: X1 (stale, 1000.00) + X3 (same day, its won revenue 200000.00) = 201000.00
        assertThat(u7.<Long>getAs("flagged_deals")).isEqualTo(2L);
        assertThat(u7.<BigDecimal>getAs("flagged_amount")).isEqualByComparingTo("201000.00");
        assertThat(u7.<Long>getAs("stale_open_deals")).isEqualTo(1L);
        assertThat(u7.<BigDecimal>getAs("stale_open_amount")).isEqualByComparingTo("1000.00");
        assertThat(u7.<Long>getAs("same_day_close_deals")).isEqualTo(1L);
        assertThat(u7.<BigDecimal>getAs("same_day_close_amount")).isEqualByComparingTo("200000.00");
        assertThat(u7.<Long>getAs("late_close_entry_deals")).isZero();
        assertThat(u7.<BigDecimal>getAs("late_close_entry_amount")).isEqualByComparingTo("0.00");
        Row u8 = summary.get(1);
        assertThat(List.of(u8.getAs("owner_id"), u8.getAs("opportunities"), u8.getAs("flagged_deals")))
                .containsExactly("U8", 1L, 0L);
        assertThat(u8.<BigDecimal>getAs("open_pipeline_amount")).isEqualByComparingTo("42.00");
    }
}
