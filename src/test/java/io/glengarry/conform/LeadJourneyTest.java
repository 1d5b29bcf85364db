package io.glengarry.conform;

import io.glengarry.TestSpark;
import io.glengarry.report.cohort.CohortConversion;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

class LeadJourneyTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
    private static final FiscalCalendar CALENDAR = FiscalCalendar.of(1, "end");
    private final SparkSession spark = TestSpark.get();

    private static final StructType LEADS = new StructType().add("lead_id", DataTypes.StringType)
            .add("person_id", DataTypes.StringType).add("person_created_at", DataTypes.TimestampType)
            .add("mql_at", DataTypes.TimestampType).add("channel", DataTypes.StringType)
            .add("converted_opportunity_id", DataTypes.StringType).add("converted_at", DataTypes.TimestampType);
    private static final StructType OPPORTUNITIES = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("created_at", DataTypes.TimestampType);
    private static final StructType WON = new StructType().add("person_id", DataTypes.StringType)
            .add("close_date", DataTypes.DateType).add("revenue", DataTypes.createDecimalType(20, 2));

    private static Timestamp at(String instant) {
        return Timestamp.from(java.time.Instant.parse(instant));
    }

    @Test
    void aConversionBeforeAnyQualificationSkipsTheProspectStageEvenWhenADuplicateIsQualifiedLater() {
        Dataset<Row> leads = spark.createDataFrame(List.of(
                // P1: converted 2026-03-10 without an MQL; its later duplicate was qualified on 2026-04-01
                RowFactory.create("A1", "A1", at("2026-03-01T09:00:00Z"), null, "webinar", "O1",
                        at("2026-03-10T09:00:00Z")),
                RowFactory.create("A2", "A1", at("2026-03-01T09:00:00Z"), at("2026-04-01T09:00:00Z"), "webinar",
                        null, null),
                // P2: qualified 2026-03-05, converted 2026-03-10: not skipped
                RowFactory.create("B1", "B1", at("2026-03-01T09:00:00Z"), at("2026-03-05T09:00:00Z"), "email", "O2",
                        at("2026-03-10T09:00:00Z")),
                // P3: converted on 2026-03-12, the opportunity created on 2026-03-08: a prospect from the 8th
                RowFactory.create("C1", "C1", at("2026-03-01T09:00:00Z"), at("2026-03-09T09:00:00Z"), "email", "O3",
                        at("2026-03-12T09:00:00Z"))), LEADS);
        Dataset<Row> opportunities = spark.createDataFrame(List.of(
                RowFactory.create("O1", at("2026-03-10T09:00:00Z")),
                RowFactory.create("O2", at("2026-03-10T09:00:00Z")),
                RowFactory.create("O3", at("2026-03-08T09:00:00Z"))), OPPORTUNITIES);
        List<String> journeys = LeadJourney.compute(leads, opportunities, spark.createDataFrame(List.of(), WON),
                        CALENDAR, AS_OF).orderBy("person_id")
                .select(col("person_id"), col("prospect_at").cast("string"), col("prospect_skipped"))
                .collectAsList().stream().map(Row::toString).toList();
        assertThat(journeys).containsExactly("[A1,2026-03-10 09:00:00,true]", "[B1,2026-03-05 09:00:00,false]",
                "[C1,2026-03-08 09:00:00,true]");
    }

    @Test
    void aWonDealWhoseRevenueIsUnknownIsCountedBesideTheRevenueNotAsZero() {
        Dataset<Row> leads = spark.createDataFrame(List.of(
                RowFactory.create("A1", "A1", at("2026-10-01T09:00:00Z"), null, "webinar", null, null),
                RowFactory.create("B1", "B1", at("2026-10-02T09:00:00Z"), null, "webinar", null, null)), LEADS);
        Dataset<Row> won = spark.createDataFrame(List.of(
                RowFactory.create("A1", Date.valueOf("2026-11-02"), new BigDecimal("100.00")),
                RowFactory.create("B1", Date.valueOf("2026-11-03"), null)), WON); // an order without an FX rate
        Dataset<Row> journeys = LeadJourney.compute(leads, spark.createDataFrame(List.of(), OPPORTUNITIES), won,
                CALENDAR, AS_OF);
        assertThat(journeys.orderBy("person_id").select("person_id", "revenue", "won_revenue_unknown")
                .collectAsList()).extracting(Row::toString).containsExactly("[A1,100.00,0]", "[B1,null,1]");

        Row cohort = CohortConversion.compute(journeys, won, CALENDAR, AS_OF, 4)
                .filter(col("channel").equalTo(CohortConversion.ALL)).first();
        assertThat(cohort.<Long>getAs("won_cum")).isEqualTo(2);
        assertThat(cohort.<BigDecimal>getAs("revenue_cum")).isEqualByComparingTo("100.00");
        assertThat(cohort.<Long>getAs("won_revenue_unknown_cum")).isEqualTo(1);
        Row funnel = io.glengarry.report.funnel.FunnelConversion.compute(journeys, AS_OF)
                .filter(col("channel").equalTo(CohortConversion.ALL)).first();
        assertThat(funnel.<Long>getAs("won")).isEqualTo(2);
        assertThat(funnel.<BigDecimal>getAs("revenue")).isEqualByComparingTo("100.00");
        assertThat(funnel.<Long>getAs("won_revenue_unknown")).isEqualTo(1);
    }

    @Test
    void aPersonCreatedAfterTheRunDateIsInNoCohortAsOfIt() {
        Dataset<Row> leads = spark.createDataFrame(List.of(
                // created on the run date: a lead of FY2026-Q4
                RowFactory.create("L1", "L1", at("2026-11-26T23:00:00Z"), null, "webinar", null, null),
                // created after it (next quarter): not a lead yet, whatever its other dates
                RowFactory.create("L2", "L2", at("2027-01-05T09:00:00Z"), at("2027-01-06T09:00:00Z"), "webinar",
                        null, null),
                // a later duplicate of an earlier person keeps that person in
                RowFactory.create("L3", "L0", at("2026-10-01T09:00:00Z"), null, "email", null, null),
                RowFactory.create("L0", "L0", at("2026-10-01T09:00:00Z"), null, "email", null, null)), LEADS);
        Dataset<Row> journeys = LeadJourney.compute(leads, spark.createDataFrame(List.of(), OPPORTUNITIES),
                spark.createDataFrame(List.of(), WON), CALENDAR, AS_OF);
        assertThat(journeys.orderBy("person_id").select("person_id").collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("L0", "L1");

        Dataset<Row> cohorts = CohortConversion.compute(journeys, spark.createDataFrame(List.of(
                RowFactory.create("L2", Date.valueOf("2027-02-01"), new BigDecimal("100.00"))), WON), CALENDAR,
                AS_OF, 4);
        assertThat(cohorts.filter(col("quarters_since").lt(0)).count()).isZero();
        assertThat(cohorts.filter(col("channel").equalTo(CohortConversion.ALL)).orderBy("quarters_since")
                .select("cohort_quarter", "quarters_since", "cohort_leads").collectAsList())
                .extracting(Row::toString).containsExactly("[FY2026-Q4,0,2]");
    }
}
