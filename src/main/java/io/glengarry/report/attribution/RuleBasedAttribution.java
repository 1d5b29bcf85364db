package io.glengarry.report.attribution;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The rule-based models of METRICS.md as Column expressions over {@link Touchpoints}: one row per (deal, model,
 * touch) with its weight; the weights of a deal under a model sum to 1. Weights are shares (double), not money;
 * money is only ever made from them in whole cents by {@link CreditAllocation}.
 */
public final class RuleBasedAttribution {
    private RuleBasedAttribution() {
    }

    /** Output columns: the touchpoint columns, model, weight. */
    public static Dataset<Row> weights(Dataset<Row> touchpoints, int halfLifeDays) {
        Column n = col("touch_count");
        Column order = col("touch_order");
        Column first = order.equalTo(1);
        Column leadCreation = order.equalTo(col("lead_creation_order"));
        Column opportunityCreation = order.equalTo(col("opportunity_creation_order"));

        Column decay = pow(lit(2.0), lit(0.0).minus(col("days_before_close").cast("double")).divide(halfLifeDays));
        Column timeDecay = decay.divide(sum(decay).over(Window.partitionBy("opportunity_id")));

        // u_shaped: 0.4 first + 0.4 opportunity-creation, 0.2 over the others; coinciding anchors: 0.8
        Column anchorsCoincide = col("opportunity_creation_order").equalTo(1);
        Column uShaped = when(n.equalTo(1), 1.0)
                .when(n.equalTo(2), 0.5)
                .when(anchorsCoincide, when(first, 0.8).otherwise(lit(0.2).divide(n.minus(1))))
                .when(first.or(opportunityCreation), 0.4)
                .otherwise(lit(0.2).divide(n.minus(2)));

        // w_shaped: 0.3 per anchor role (coinciding roles add up), 0.1 over the others; no other: 0.1 to the
        // anchors in proportion to their weights, i.e. each anchor weight / 0.9
        Column anchorWeight = lit(0.3).multiply(first.cast("int").plus(leadCreation.cast("int"))
                .plus(opportunityCreation.cast("int")));
        Column distinctAnchors = lit(1)
                .plus(col("lead_creation_order").notEqual(1).cast("int"))
                .plus(col("opportunity_creation_order").notEqual(1)
                        .and(col("opportunity_creation_order").notEqual(col("lead_creation_order"))).cast("int"));
        Column others = n.minus(distinctAnchors);
        Column wShaped = when(others.gt(0), when(anchorWeight.gt(0), anchorWeight)
                .otherwise(lit(0.1).divide(others)))
                .otherwise(anchorWeight.divide(0.9));

        // the weights first as columns (a window function cannot sit inside a generator), then one row per model
        Dataset<Row> withWeights = touchpoints
                .withColumn("_first_touch", when(first, 1.0).otherwise(0.0))
                .withColumn("_last_touch", when(opportunityCreation, 1.0).otherwise(0.0))
                .withColumn("_linear", lit(1.0).divide(n))
                .withColumn("_time_decay", timeDecay)
                .withColumn("_u_shaped", uShaped)
                .withColumn("_w_shaped", wShaped);
        String[] models = {AttributionModels.FIRST_TOUCH, AttributionModels.LAST_TOUCH, AttributionModels.LINEAR,
                AttributionModels.TIME_DECAY, AttributionModels.U_SHAPED, AttributionModels.W_SHAPED};
        Column[] structs = new Column[models.length];
        for (int i = 0; i < models.length; i++) {
            structs[i] = model(models[i], col("_" + models[i]));
        }
        Dataset<Row> exploded = withWeights.withColumn("_model", explode(array(structs)))
                .withColumn("model", col("_model.model"))
                .withColumn("weight", col("_model.weight"))
                .drop("_model");
        for (String m : models) {
            exploded = exploded.drop("_" + m);
        }
        return exploded;
    }

    private static Column model(String name, Column weight) {
        return struct(lit(name).as("model"), weight.cast("double").as("weight"));
    }
}
