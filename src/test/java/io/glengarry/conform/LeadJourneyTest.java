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
