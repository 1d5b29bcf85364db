package io.glengarry.explain;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

/**
 * Evidence of attribution credit (METRICS.md attribution): the night's attribution_credit rows, each cited by the
 * touch it credits (its drop file and line) - or, for markov and unattributed credit, which credit a channel and
 * not a touch, by the won deal.
 */
final class CreditEvidence {
    private CreditEvidence() {
    }

    /** One row per credit row: value = its credit in reporting currency. */
    static Dataset<Row> credits(Dataset<Row> credits, Dataset<Row> touches, Dataset<Row> opportunities,
                                String measure) {
        Dataset<Row> chosen = credits.select(col("opportunity_id").as("_deal"), col("model").as("_model"),
                col("touch_id").as("_touch"), col("touch_order").as("_touch_order"), col("channel").as("_channel"),
                col("weight").as("_weight"), col("credit").as("_credit"));
        Column weight = concat_ws(" ", col("_model"), lit("weight"), col("_weight").cast("string"));
        Dataset<Row> ofTouches = chosen.filter(col("_touch").isNotNull())
                .join(touches, col("_touch").equalTo(col("touch_id")));
        Dataset<Row> touchRows = Evidence.of(ofTouches, measure, col("_deal"), "touch", col("_touch"),
                concat_ws(" ", weight, lit("of the deal's revenue; touch"), col("_touch_order").cast("string"),
                        lit("of the journey,"), col("touch_type"), PersonEvidence.time(col("occurred_at")),
                        col("_channel"), coalesce(col("campaign_id"), lit(""))),
                col("_credit"));
        Dataset<Row> ofDeals = chosen.filter(col("_touch").isNull())
                .join(opportunities, col("_deal").equalTo(col("opportunity_id")));
        Dataset<Row> dealRows = Evidence.of(ofDeals, measure, col("_deal"), "opportunity", col("_deal"),
                concat_ws(" ", weight, lit("of the deal's revenue to"), col("_channel")), col("_credit"));
        return touchRows.unionByName(dealRows);
    }

    /** The deals with a credit row among {@code credits}: one row of value 1 per deal. */
    static Dataset<Row> dealsTouched(Dataset<Row> credits, Dataset<Row> opportunities, String measure) {
        Dataset<Row> deals = credits.select(col("opportunity_id").as("_deal"), col("closed_quarter").as("_quarter"))
                .distinct().join(opportunities, col("_deal").equalTo(col("opportunity_id")));
        return Evidence.of(deals, measure, col("_deal"), "opportunity", col("_deal"),
                concat_ws(" ", lit("won deal closed"), col("close_date").cast("string")), lit(1));
    }
}
