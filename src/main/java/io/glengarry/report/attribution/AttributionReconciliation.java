package io.glengarry.report.attribution;

import io.glengarry.report.Rates;
import io.glengarry.report.sales.SalesChannelContribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The invariants checked on every run, as rows (pure): for every closed quarter and model, Σ credit in
 * attribution_credit = Σ revenue of the quarter's attributable won deals ({@code attribution_credit}, once per
 * scope: lead and account); for every
 * quarter, direct + partner bookings in sales_channel_contribution = Σ revenue ({@code sales_channel_bookings}).
 * Won deals with null revenue (missing FX rate) are on neither side and are listed as
 * {@code excluded_missing_fx} rows (difference null: they do not fail the run; the data-quality output has the
 * missing rate). Columns: check, closed_quarter, scope, model, expected, actual, difference, detail,
 * closed_quarter_index.
 */
public final class AttributionReconciliation {
    public static final String CREDIT_CHECK = "attribution_credit";
    public static final String BOOKINGS_CHECK = "sales_channel_bookings";
    public static final String EXCLUDED = "excluded_missing_fx";

    private AttributionReconciliation() {
    }

    public static Dataset<Row> compute(Dataset<Row> won, Dataset<Row> credits, Dataset<Row> salesChannels) {
        Dataset<Row> expected = Touchpoints.attributableDeals(won)
                .groupBy("closed_quarter_index", "closed_quarter").agg(sum("revenue").as("expected"));
        Column models = array(AttributionModels.ALL.stream().map(m -> lit(m)).toArray(Column[]::new));
        Column scopes = array(AttributionScope.ALL.stream().map(m -> lit(m)).toArray(Column[]::new));
        Dataset<Row> expectedByModel = expected.withColumn("model", explode(models))
                .withColumn("scope", explode(scopes));
        Dataset<Row> credited = credits.groupBy(col("closed_quarter_index").as("a_index"),
                        col("closed_quarter").as("a_quarter"), col("scope").as("a_scope"), col("model").as("a_model"))
                .agg(sum("credit").as("actual"));
        Dataset<Row> creditRows = expectedByModel.join(credited,
                        expectedByModel.col("closed_quarter_index").equalTo(col("a_index"))
                                .and(expectedByModel.col("scope").equalTo(col("a_scope")))
                                .and(expectedByModel.col("model").equalTo(col("a_model"))), "full_outer")
                .select(lit(CREDIT_CHECK).as("check"),
                        coalesce(col("closed_quarter"), col("a_quarter")).as("closed_quarter"),
                        coalesce(col("scope"), col("a_scope")).as("scope"),
                        coalesce(col("model"), col("a_model")).as("model"),
                        coalesce(col("expected"), lit(0)).as("expected"), coalesce(col("actual"), lit(0)).as("actual"),
                        lit("Σ credit of the quarter under the scope and model vs Σ won revenue").as("detail"),
                        coalesce(col("closed_quarter_index"), col("a_index")).as("closed_quarter_index"));

        Dataset<Row> booked = salesChannels.groupBy(col("closed_quarter_index").as("b_index"),
                        col("closed_quarter").as("b_quarter"))
                .agg(sum(when(col("sales_channel").equalTo(SalesChannelContribution.DIRECT), col("bookings"))
                        .otherwise(0)).as("direct"),
                        sum(when(col("sales_channel").notEqual(SalesChannelContribution.DIRECT), col("bookings"))
                                .otherwise(0)).as("partner"));
        Dataset<Row> bookingRows = expected.join(booked, expected.col("closed_quarter_index").equalTo(col("b_index")),
                        "full_outer")
                .select(lit(BOOKINGS_CHECK).as("check"),
                        coalesce(col("closed_quarter"), col("b_quarter")).as("closed_quarter"),
                        lit(null).cast("string").as("scope"), lit(null).cast("string").as("model"),
                        coalesce(col("expected"), lit(0)).as("expected"),
                        coalesce(col("direct"), lit(0)).plus(coalesce(col("partner"), lit(0))).as("actual"),
                        concat(lit("direct "), coalesce(col("direct"), lit(0)).cast("string"), lit(" + partner "),
                                coalesce(col("partner"), lit(0)).cast("string"), lit(" vs Σ won revenue"))
                                .as("detail"),
                        coalesce(col("closed_quarter_index"), col("b_index")).as("closed_quarter_index"));

        Dataset<Row> excluded = won.filter(col("revenue").isNull())
                .select(lit(EXCLUDED).as("check"), col("closed_quarter"), lit(null).cast("string").as("scope"),
                        lit(null).cast("string").as("model"),
                        lit(null).as("expected"), lit(null).as("actual"),
                        concat(lit("won opportunity "), col("opportunity_id"),
                                lit(" has no revenue (missing FX rate): left out of both sides")).as("detail"),
                        col("closed_quarter_index"));

        Column money = lit(null).cast(Rates.MONEY_TYPE);
        return creditRows.unionByName(bookingRows)
                .select(col("check"), col("closed_quarter"), col("scope"), col("model"),
                        col("expected").cast(Rates.MONEY_TYPE).as("expected"),
                        col("actual").cast(Rates.MONEY_TYPE).as("actual"),
                        col("actual").minus(col("expected")).cast(Rates.MONEY_TYPE).as("difference"),
                        col("detail"), col("closed_quarter_index"))
                .unionByName(excluded.select(col("check"), col("closed_quarter"), col("scope"), col("model"),
                        money.as("expected"), money.as("actual"), money.as("difference"), col("detail"),
                        col("closed_quarter_index")));
    }

    /** The rows that break an invariant. */
    public static Dataset<Row> breaks(Dataset<Row> reconciliation) {
        return reconciliation.filter(col("difference").isNotNull().and(col("difference").notEqual(0)));
    }

    public static String[] sortKeys() {
        return new String[] {"check", "closed_quarter_index", "scope", "model", "detail"};
    }
}
