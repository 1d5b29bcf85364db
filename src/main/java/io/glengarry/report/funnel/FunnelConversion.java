package io.glengarry.report.funnel;

import io.glengarry.conform.FiscalCalendar;
import io.glengarry.report.Rates;
import io.glengarry.report.cohort.CohortConversion;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * {@code funnel_conversion} (METRICS.md): per (cohort_quarter, channel plus ALL), as of the run date: leads,
 * prospects, opportunities, won, revenue; the step rates suspect->prospect, prospect->opportunity,
 * opportunity->won and lead->won with Wilson 95% intervals; exact median and p90 days of each step (over the
 * persons that made it); leads that skipped the prospect stage; revenue per lead.
 */
public final class FunnelConversion {
    private FunnelConversion() {
    }

    public static Dataset<Row> compute(Dataset<Row> journeys, LocalDate asOf) {
        Column created = to_date(col("created_at"));
        Column prospect = to_date(col("prospect_at"));
        Column opportunity = to_date(col("opportunity_at"));
        Column wonDate = col("won_date");
        Dataset<Row> persons = journeys.select(col("cohort_quarter_index"),
                explode(array(col("channel"), lit(CohortConversion.ALL))).as("channel"),
                col("prospect_at").isNotNull().as("is_prospect"),
                col("opportunity_at").isNotNull().as("is_opportunity"),
                wonDate.isNotNull().as("is_won"),
                col("prospect_skipped"),
                col("revenue"),
                col("won_revenue_unknown"),
                datediff(prospect, created).as("suspect_to_prospect_days"),
                datediff(opportunity, prospect).as("prospect_to_opportunity_days"),
                datediff(wonDate, opportunity).as("opportunity_to_won_days"),
                datediff(wonDate, created).as("lead_to_won_days"));
        Dataset<Row> counts = persons.groupBy("cohort_quarter_index", "channel").agg(
                count(lit(1)).as("leads"),
                countWhere("is_prospect").as("prospects"),
                countWhere("is_opportunity").as("opportunities"),
                countWhere("is_won").as("won"),
                coalesce(sum("revenue"), lit(0)).cast(Rates.MONEY_TYPE).as("revenue"),
                sum("won_revenue_unknown").cast("long").as("won_revenue_unknown"),
                countWhere("prospect_skipped").as("prospect_skipped"),
                days("suspect_to_prospect_days", 0.5), days("suspect_to_prospect_days", 0.9),
                days("prospect_to_opportunity_days", 0.5), days("prospect_to_opportunity_days", 0.9),
                days("opportunity_to_won_days", 0.5), days("opportunity_to_won_days", 0.9),
                days("lead_to_won_days", 0.5), days("lead_to_won_days", 0.9));
        Column leads = col("leads");
        Column prospects = col("prospects");
        Column opportunities = col("opportunities");
        Column won = col("won");
        return counts.select(
                lit(java.sql.Date.valueOf(asOf)).as("as_of"),
                FiscalCalendar.label(col("cohort_quarter_index")).as("cohort_quarter"),
                col("channel"), leads, prospects, opportunities, won, col("revenue"), col("won_revenue_unknown"),
                Rates.rate(prospects, leads).as("suspect_to_prospect_rate"),
                Rates.wilsonLower(prospects, leads).as("suspect_to_prospect_low"),
                Rates.wilsonUpper(prospects, leads).as("suspect_to_prospect_high"),
                Rates.rate(opportunities, prospects).as("prospect_to_opportunity_rate"),
                Rates.wilsonLower(opportunities, prospects).as("prospect_to_opportunity_low"),
                Rates.wilsonUpper(opportunities, prospects).as("prospect_to_opportunity_high"),
                Rates.rate(won, opportunities).as("opportunity_to_won_rate"),
                Rates.wilsonLower(won, opportunities).as("opportunity_to_won_low"),
                Rates.wilsonUpper(won, opportunities).as("opportunity_to_won_high"),
                Rates.rate(won, leads).as("lead_to_won_rate"),
                Rates.wilsonLower(won, leads).as("lead_to_won_low"),
                Rates.wilsonUpper(won, leads).as("lead_to_won_high"),
                col("suspect_to_prospect_days_p50"), col("suspect_to_prospect_days_p90"),
                col("prospect_to_opportunity_days_p50"), col("prospect_to_opportunity_days_p90"),
                col("opportunity_to_won_days_p50"), col("opportunity_to_won_days_p90"),
                col("lead_to_won_days_p50"), col("lead_to_won_days_p90"),
                col("prospect_skipped"),
                Rates.moneyPer(col("revenue"), leads).as("revenue_per_lead"),
                col("cohort_quarter_index"));
    }

    private static Column countWhere(String flag) {
        return sum(when(col(flag), 1).otherwise(0)).cast("long");
    }

    /** Exact percentile of a step's days, one decimal. */
    private static Column days(String column, double p) {
        String name = column + "_p" + Math.round(p * 100);
        return round(percentile(col(column), lit(p)), 1).cast("decimal(10,1)").as(name);
    }

    public static String[] sortKeys() {
        return new String[] {"cohort_quarter_index", "channel"};
    }
}
