package io.glengarry.report.forecast;

import io.glengarry.conform.FiscalCalendar;
import io.glengarry.conform.FxConversion;
import io.glengarry.report.Rates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * {@code forecast_accuracy} and {@code surprise_deals} (METRICS.md), rebuilt from opportunity_history.
 * <p>
 * Weeks: each fiscal quarter has 13 weeks of 7 days counted from its first day; week w ends on day 7w, and
 * week 13 ends on the quarter's last day (it holds the 6-8 remaining days). Only week ends on or before the run
 * date, of quarters up to the run date's. The state of an opportunity at a week end is its latest history row
 * with changed_at on or before that day (the date taken in the configured zone); an opportunity whose first
 * history row is later does not exist yet. Amounts convert at the rate of the state's close_date.
 * <p>
 * Pure: silver in, reports out; one Column/window job, no collect.
 */
public final class ForecastAccuracy {
    public static final String ALL = "ALL";
    public static final String UNASSIGNED = "unassigned";
    static final int WEEKS_PER_QUARTER = 13;

    private ForecastAccuracy() {
    }

    /**
     * Every (quarter_index, week, week_start, week_end, quarter_start, quarter_end) from the quarter of the
     * earliest history row or won close_date up to the run date's quarter, week ends on or before the run date.
     */
    public static Dataset<Row> weeks(Dataset<Row> history, Dataset<Row> won, FiscalCalendar calendar,
                                     LocalDate asOf) {
        Column runDate = lit(java.sql.Date.valueOf(asOf));
        Dataset<Row> firstDay = history.select(to_date(col("changed_at")).as("day"))
                .unionByName(won.select(col("close_date").as("day")))
                .agg(least(min(col("day")), runDate).as("first_day"));
        // every day from a quarter before the first day to a quarter after the run date, so that both
        // ends' quarters are whole; quarters before the first day's are dropped below
        Dataset<Row> days = firstDay.select(col("first_day"),
                explode(sequence(date_sub(col("first_day"), 100), date_add(runDate, 100))).as("day"));
        Dataset<Row> quarters = days
                .withColumn("quarter_index", calendar.quarterIndex(col("day")))
                .groupBy("quarter_index")
                .agg(min("day").as("quarter_start"), max("day").as("quarter_end"), min("first_day").as("first_day"))
                .filter(col("quarter_index").geq(calendar.quarterIndex(col("first_day")))
                        .and(col("quarter_index").leq(calendar.quarterIndexOf(asOf))));
        return quarters
                .withColumn("week", explode(sequence(lit(1), lit(WEEKS_PER_QUARTER))))
                .withColumn("week_start", date_add(col("quarter_start"), col("week").minus(1).multiply(7)))
                .withColumn("week_end", when(col("week").equalTo(WEEKS_PER_QUARTER), col("quarter_end"))
                        .otherwise(date_add(col("quarter_start"), col("week").multiply(7).minus(1))))
                .filter(col("week_end").leq(runDate))
                .select("quarter_index", "week", "week_start", "week_end", "quarter_start", "quarter_end");
    }

    /**
     * The state of every current opportunity at every week end of its state's close-date quarter — the only states
     * both reports read: forecast_category, stage, amount, amount_reporting (at the state's close_date rate) and
     * close_date; owner_id and territory are the opportunity's current ones.
     * <p>
     * Each change holds from its own date until the date of the opportunity's next change, so a change is joined
     * directly to the week ends it is the latest change for (an equi-join on the close-date quarter plus that date
     * range, against the small broadcast week table); two changes on one day leave the earlier one an empty range.
     */
    public static Dataset<Row> weeklyStatesInQuarter(Dataset<Row> history, Dataset<Row> opportunities,
                                                     Dataset<Row> weeks, Dataset<Row> fxRates,
                                                     String reportingCurrency, FiscalCalendar calendar) {
        Column changedDate = to_date(col("changed_at"));
        Dataset<Row> changes = history.select(col("opportunity_id"), col("changed_at"), changedDate.as("changed_date"),
                        lead(changedDate, 1).over(Window.partitionBy("opportunity_id").orderBy("changed_at"))
                                .as("next_changed_date"),
                        col("stage"), col("amount"), col("close_date"), col("forecast_category"),
                        calendar.quarterIndex(col("close_date")).as("close_quarter_index"));
        Dataset<Row> weekEnds = broadcast(weeks);
        Dataset<Row> latest = changes.join(weekEnds,
                        changes.col("close_quarter_index").equalTo(weekEnds.col("quarter_index"))
                        .and(changes.col("changed_date").leq(weekEnds.col("week_end")))
                        .and(changes.col("next_changed_date").isNull()
                                .or(changes.col("next_changed_date").gt(weekEnds.col("week_end")))))
                .drop("changed_date", "next_changed_date", "close_quarter_index");
        Dataset<Row> current = opportunities.select(col("opportunity_id").as("o_opportunity_id"),
                col("currency"), col("owner_id"), col("territory"), to_date(col("created_at")).as("created_date"));
        Dataset<Row> states = latest
                .join(current, latest.col("opportunity_id").equalTo(current.col("o_opportunity_id")))
                .filter(col("created_date").leq(col("week_end")))
                .drop("o_opportunity_id");
        return FxConversion.convert(states, "amount", "currency", col("close_date"), "amount_reporting", fxRates,
                reportingCurrency, "opportunity_id", "quarter_index", "week");
    }

    /**
     * Per (quarter, week, dimension owner / territory / ALL, its value): commit, best_case and pipeline totals
     * (forecast_category of the week-end state, close_date in the quarter, reporting currency), the quarter's
     * actual won revenue as of the run date, accuracy = actual / commit (null when commit is 0).
     */
    public static Dataset<Row> compute(Dataset<Row> states, Dataset<Row> weeks, Dataset<Row> won, LocalDate asOf) {
        Dataset<Row> totals = byDimension(states)
                .groupBy("quarter_index", "week", "dimension", "dimension_value")
                .agg(category("commit").as("commit"), category("best_case").as("best_case"),
                        category("pipeline").as("pipeline"),
                        sum(when(col("forecast_category").equalTo("commit"), 1).otherwise(0)).cast("long")
                                .as("commit_deals"));
        Dataset<Row> quarterIndexes = weeks.select("quarter_index").distinct();
        Dataset<Row> wonInRange = won.join(quarterIndexes,
                won.col("closed_quarter_index").equalTo(quarterIndexes.col("quarter_index")), "left_semi");
        Dataset<Row> actual = byDimension(wonInRange.withColumn("quarter_index", col("closed_quarter_index")))
                .groupBy("quarter_index", "dimension", "dimension_value")
                .agg(coalesce(sum("revenue"), lit(0)).cast(Rates.MONEY_TYPE).as("actual_revenue"),
                        count(lit(1)).as("won_deals"));
        Dataset<Row> groups = totals.select("quarter_index", "dimension", "dimension_value")
                .union(actual.select("quarter_index", "dimension", "dimension_value")).distinct();
        Dataset<Row> grid = groups.join(weeks.select("quarter_index", "week", "week_end"), "quarter_index");
        Column zero = lit(0).cast(Rates.MONEY_TYPE);
        Dataset<Row> rows = grid
                .join(totals, new String[] {"quarter_index", "week", "dimension", "dimension_value"}, "left")
                .join(actual, new String[] {"quarter_index", "dimension", "dimension_value"}, "left");
        Column commit = coalesce(col("commit"), zero);
        Column actualRevenue = coalesce(col("actual_revenue"), zero);
        return rows.select(
                lit(java.sql.Date.valueOf(asOf)).as("as_of"),
                FiscalCalendar.label(col("quarter_index")).as("quarter"),
                col("week").cast("int").as("week"), col("week_end"),
                col("dimension"), col("dimension_value"),
                commit.as("commit"),
                coalesce(col("best_case"), zero).as("best_case"),
                coalesce(col("pipeline"), zero).as("pipeline"),
                coalesce(col("commit_deals"), lit(0L)).as("commit_deals"),
                actualRevenue.as("actual_revenue"),
                coalesce(col("won_deals"), lit(0L)).as("won_deals"),
                when(commit.notEqual(0), round(actualRevenue.divide(commit), 6)).cast("decimal(18,6)")
                        .as("accuracy"),
                col("quarter_index"));
    }

    /**
     * {@code surprise_deals}: deals won in a quarter (up to the run date's) whose week-end state was never
     * commit with close_date in that quarter at a week end before the quarter's last {@code windowDays} days
     * (week_end <= quarter_end - windowDays). Evidence: the cut-off date and the first week end at which it was
     * in commit for the quarter at all (null: never).
     */
    public static Dataset<Row> surpriseDeals(Dataset<Row> states, Dataset<Row> weeks, Dataset<Row> won,
                                             int windowDays, LocalDate asOf) {
        Dataset<Row> commitStates = states.filter(col("forecast_category").equalTo("commit"))
                .withColumn("before_cutoff", col("week_end").leq(date_sub(col("quarter_end"), windowDays)));
        Dataset<Row> commitHistory = commitStates.groupBy(col("opportunity_id").as("c_opportunity_id"),
                        col("quarter_index").as("c_quarter_index"))
                .agg(min("week_end").as("first_commit_week_end"),
                        max(col("before_cutoff").cast("int")).as("commit_before_cutoff"));
        Dataset<Row> quarters = weeks.select(col("quarter_index").as("q_index"), col("quarter_end")).distinct();
        Dataset<Row> wonInRange = won.join(quarters, won.col("closed_quarter_index").equalTo(quarters.col("q_index")));
        return wonInRange
                .join(commitHistory, wonInRange.col("opportunity_id").equalTo(commitHistory.col("c_opportunity_id"))
                        .and(wonInRange.col("closed_quarter_index").equalTo(commitHistory.col("c_quarter_index"))),
                        "left")
                .filter(coalesce(col("commit_before_cutoff"), lit(0)).equalTo(0))
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"),
                        FiscalCalendar.label(col("closed_quarter_index")).as("quarter"),
                        col("opportunity_id"), col("owner_id"), col("territory"),
                        to_date(col("created_at")).as("created_date"), col("close_date"), col("revenue"),
                        col("revenue_source"),
                        date_sub(col("quarter_end"), windowDays).as("commit_cutoff_date"),
                        col("first_commit_week_end"),
                        col("closed_quarter_index").as("quarter_index"));
    }

    private static Column category(String category) {
        return coalesce(sum(when(col("forecast_category").equalTo(category), col("amount_reporting"))), lit(0))
                .cast(Rates.MONEY_TYPE);
    }

    /** Each row three times: under its owner, its territory and ALL (a blank owner/territory: unassigned). */
    private static Dataset<Row> byDimension(Dataset<Row> rows) {
        Column groups = array(
                struct(lit("owner").as("dimension"), coalesce(col("owner_id"), lit(UNASSIGNED)).as("dimension_value")),
                struct(lit("territory").as("dimension"),
                        coalesce(col("territory"), lit(UNASSIGNED)).as("dimension_value")),
                struct(lit(ALL).as("dimension"), lit(ALL).as("dimension_value")));
        return rows.withColumn("_group", explode(groups))
                .withColumn("dimension", col("_group.dimension"))
                .withColumn("dimension_value", col("_group.dimension_value"))
                .drop("_group");
    }

    public static String[] sortKeys() {
        return new String[] {"quarter_index", "week", "dimension", "dimension_value"};
    }

    public static String[] surpriseSortKeys() {
        return new String[] {"quarter_index", "opportunity_id"};
    }
}
