package io.glengarry.report.cohort;

import io.glengarry.conform.FiscalCalendar;
import io.glengarry.report.Rates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * {@code cohort_conversion} (METRICS.md): leads joined to closed orders across quarters. One row per
 * (cohort_quarter = fiscal quarter of the person's creation, channel plus ALL, quarters_since = 0 .. the run
 * date's quarter): how many of the cohort's leads had reached each stage by the end of quarter
 * cohort + quarters_since, the revenue of their won deals closed by then, the rates over cohort_leads, and
 * whether the cohort is mature. Pure: journeys and won deals in, report out.
 */
public final class CohortConversion {
    public static final String ALL = "ALL";

    private CohortConversion() {
    }

    /**
     * @param journeys silver lead_journey
     * @param won      silver won_opportunities (revenue, close_date, person_id)
     */
    public static Dataset<Row> compute(Dataset<Row> journeys, Dataset<Row> won, FiscalCalendar calendar,
                                       LocalDate asOf, int maturityQuarters) {
        int asOfQuarter = calendar.quarterIndexOf(asOf);
        Column cohort = col("cohort_quarter_index");
        Dataset<Row> stageOffsets = journeys.select(cohort,
                explode(array(col("channel"), lit(ALL))).as("channel"),
                calendar.quarterIndex(to_date(col("prospect_at"))).minus(cohort).as("prospect_offset"),
                calendar.quarterIndex(to_date(col("opportunity_at"))).minus(cohort).as("opportunity_offset"),
                calendar.quarterIndex(col("won_date")).minus(cohort).as("won_offset"))
                .groupBy("cohort_quarter_index", "channel", "prospect_offset", "opportunity_offset", "won_offset")
                .agg(count(lit(1)).as("leads"));
        Column quartersSince = col("quarters_since");
        Dataset<Row> stages = withOffsets(stageOffsets, asOfQuarter)
                .groupBy("cohort_quarter_index", "channel", "quarters_since")
                .agg(sum("leads").as("cohort_leads"),
                        reachedBy(col("prospect_offset"), quartersSince).as("prospects_cum"),
                        reachedBy(col("opportunity_offset"), quartersSince).as("opportunities_cum"),
                        reachedBy(col("won_offset"), quartersSince).as("won_cum"));

        Dataset<Row> deals = won.filter(col("person_id").isNotNull().and(col("close_date")
                        .leq(lit(java.sql.Date.valueOf(asOf)))))
                .join(journeys.select(col("person_id"), col("channel").as("person_channel"), cohort), "person_id")
                .select(cohort, explode(array(col("person_channel"), lit(ALL))).as("channel"),
                        calendar.quarterIndex(col("close_date")).minus(cohort).as("deal_offset"), col("revenue"))
                .groupBy("cohort_quarter_index", "channel", "deal_offset").agg(sum("revenue").as("revenue"),
                        sum(when(col("revenue").isNull(), 1).otherwise(0)).as("revenue_unknown"));
        Dataset<Row> revenue = withOffsets(deals, asOfQuarter)
                .groupBy("cohort_quarter_index", "channel", "quarters_since")
                .agg(sum(when(col("deal_offset").leq(quartersSince), col("revenue"))).as("revenue_cum"),
                        sum(when(col("deal_offset").leq(quartersSince), col("revenue_unknown")))
                                .as("won_revenue_unknown_cum"));

        Dataset<Row> joined = stages.join(revenue, new String[] {"cohort_quarter_index", "channel", "quarters_since"},
                "left");
        Column leads = col("cohort_leads");
        return joined.select(
                lit(java.sql.Date.valueOf(asOf)).as("as_of"),
                FiscalCalendar.label(cohort).as("cohort_quarter"),
                col("channel"),
                quartersSince.cast("int").as("quarters_since"),
                FiscalCalendar.label(cohort.plus(quartersSince)).as("through_quarter"),
                leads.cast("long").as("cohort_leads"),
                col("prospects_cum").cast("long").as("prospects_cum"),
                col("opportunities_cum").cast("long").as("opportunities_cum"),
                col("won_cum").cast("long").as("won_cum"),
                coalesce(col("revenue_cum"), lit(0)).cast(Rates.MONEY_TYPE).as("revenue_cum"),
                coalesce(col("won_revenue_unknown_cum"), lit(0)).cast("long").as("won_revenue_unknown_cum"),
                Rates.rate(col("prospects_cum"), leads).as("prospect_rate"),
                Rates.rate(col("opportunities_cum"), leads).as("opportunity_rate"),
                Rates.rate(col("won_cum"), leads).as("won_rate"),
                lit(asOfQuarter).minus(cohort).geq(maturityQuarters).as("cohort_mature"),
                cohort.as("cohort_quarter_index"));
    }

    /** Repeats each row for quarters_since = 0 .. (run date's quarter - cohort quarter). */
    private static Dataset<Row> withOffsets(Dataset<Row> rows, int asOfQuarter) {
        return rows.withColumn("quarters_since",
                explode(sequence(lit(0), lit(asOfQuarter).minus(col("cohort_quarter_index")))));
    }

    private static Column reachedBy(Column stageOffset, Column quartersSince) {
        return sum(when(stageOffset.leq(quartersSince), col("leads")).otherwise(0));
    }

    public static String[] sortKeys() {
        return new String[] {"cohort_quarter_index", "channel", "quarters_since"};
    }
}
