package io.glengarry.report.attribution;

import io.glengarry.report.Rates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Turns weights into money by largest remainder, in cents: each touch gets floor(revenue cents x weight); the
 * cents left over go one each to the largest fractional remainders (ties: earlier touch first), so the credits of
 * a deal under a model sum exactly to its revenue. Exact products are rounded to 1e-6 cent before the floor so
 * that floating-point noise (0.9999999 of a cent) does not move a cent. Pure.
 */
public final class CreditAllocation {
    private CreditAllocation() {
    }

    /**
     * @param weighted rows with opportunity_id, model, touch_order, revenue (decimal(20,2)), weight
     * @return the same rows plus credit decimal(20,2)
     */
    public static Dataset<Row> allocate(Dataset<Row> weighted) {
        WindowSpec dealModel = Window.partitionBy("opportunity_id", "model");
        Column cents = col("revenue").multiply(100).cast("long");
        Column exact = round(cents.cast("double").multiply(col("weight")), 6);
        Dataset<Row> floored = weighted
                .withColumn("_cents", cents)
                .withColumn("_floor", floor(exact).cast("long"))
                .withColumn("_remainder", exact.minus(floor(exact)))
                .withColumn("_left_over", col("_cents").minus(sum("_floor").over(dealModel)))
                .withColumn("_rank", row_number().over(dealModel.orderBy(col("_remainder").desc(),
                        col("touch_order").asc())));
        return floored
                .withColumn("credit", col("_floor").plus(when(col("_rank").leq(col("_left_over")), 1).otherwise(0))
                        .cast("decimal(22,0)").divide(100).cast(Rates.MONEY_TYPE))
                .drop("_cents", "_floor", "_remainder", "_left_over", "_rank");
    }

    /**
     * One row per model of {@code models} for each attributable won deal with no touchpoint: channel
     * {@code unattributed}, weight 1, touch_id null, in the shape of the weighted rows.
     */
    public static Dataset<Row> unattributed(Dataset<Row> won, Dataset<Row> touchpoints, java.util.List<String> models) {
        Dataset<Row> touched = touchpoints.select(col("opportunity_id").as("t_opportunity_id")).distinct();
        Dataset<Row> deals = Touchpoints.attributableDeals(won);
        return deals.join(touched, deals.col("opportunity_id").equalTo(col("t_opportunity_id")), "left_anti")
                .select(col("opportunity_id"), col("closed_quarter_index"), col("closed_quarter"), col("revenue"),
                        explode(array(models.stream().map(m -> lit(m)).toArray(Column[]::new))).as("model"),
                        lit(null).cast("string").as("touch_id"), lit(1).as("touch_order"),
                        lit(AttributionModels.UNATTRIBUTED).as("channel"), lit(null).cast("string").as("campaign_id"),
                        lit(1.0).as("weight"));
    }
}
