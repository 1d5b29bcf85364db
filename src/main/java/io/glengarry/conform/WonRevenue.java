package io.glengarry.conform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Won opportunities with their revenue and primary lead (METRICS.md): revenue = sum of the opportunity's orders'
 * net amounts in reporting currency; with no order, its amount ({@code revenue_source = opportunity}). An order or
 * amount without an FX rate leaves the revenue null and {@code revenue_fx_missing} true. The primary lead is the
 * earliest-created lead converted into it (ties: smaller lead_id); no lead: sales-sourced.
 */
public final class WonRevenue {
    private WonRevenue() {
    }

    /**
     * @param opportunities silver opportunities with {@code amount_reporting, fx_rate_missing}
     * @param orders        silver orders with {@code net_reporting, fx_rate_missing}
     * @param leads         silver leads with {@code person_id}
     */
    public static Dataset<Row> compute(Dataset<Row> opportunities, Dataset<Row> orders, Dataset<Row> leads) {
        Dataset<Row> orderTotals = orders.groupBy(col("opportunity_id").as("order_opportunity_id"))
                .agg(sum("net_reporting").as("orders_revenue"), count(lit(1)).as("order_count"),
                        max(col(FxConversion.RATE_MISSING).cast("int")).as("orders_fx_missing"));
        Dataset<Row> primary = leads.filter(col("converted_opportunity_id").isNotNull())
                .withColumn("_rank", row_number().over(Window.partitionBy("converted_opportunity_id")
                        .orderBy(col("created_at"), col("lead_id"))))
                .filter(col("_rank").equalTo(1))
                .select(col("converted_opportunity_id"), col("lead_id").as("primary_lead_id"),
                        col(LeadIdentity.PERSON_ID));
        Dataset<Row> won = opportunities.filter(col("is_won").equalTo(true));
        Column hasOrders = col("order_count").isNotNull().and(col("order_count").gt(0));
        return won
                .join(orderTotals, won.col("opportunity_id").equalTo(orderTotals.col("order_opportunity_id")), "left")
                .join(primary, won.col("opportunity_id").equalTo(primary.col("converted_opportunity_id")), "left")
                .select(col("opportunity_id"), col("account_id"), col("close_date"), col("created_at"),
                        col("sales_channel"), col("partner_id"), col("owner_id"), col("territory"),
                        col("lead_source"), col("primary_campaign_id"),
                        when(hasOrders, when(col("orders_fx_missing").equalTo(0), col("orders_revenue")))
                                .otherwise(col("amount_reporting")).as("revenue"),
                        when(hasOrders, lit("orders")).otherwise(lit("opportunity")).as("revenue_source"),
                        when(hasOrders, col("orders_fx_missing").equalTo(1))
                                .otherwise(col(FxConversion.RATE_MISSING)).as("revenue_fx_missing"),
                        col("primary_lead_id"), col(LeadIdentity.PERSON_ID));
    }
}
