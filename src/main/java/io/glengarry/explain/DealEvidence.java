package io.glengarry.explain;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

/**
 * Evidence of won deals and their money (METRICS.md Revenue of a won opportunity): a deal's revenue is the sum of
 * its orders' net amounts in reporting currency, or its own amount when it has no order - so its rows are those
 * orders, or the opportunity, each with the FX rate it was converted at and the date of that rate.
 */
final class DealEvidence {
    private DealEvidence() {
    }

    /** The deals themselves (rows of silver won_opportunities), one row of value 1 each, cited by the opportunity. */
    static Dataset<Row> deals(Dataset<Row> deals, Dataset<Row> opportunities, String measure) {
        Dataset<Row> cited = deals.select(col("opportunity_id").as("_deal"), col("revenue").as("_revenue"))
                .join(opportunities, col("_deal").equalTo(col("opportunity_id")));
        return Evidence.of(cited, measure, col("_deal"), "opportunity", col("_deal"),
                concat_ws(" ", lit("closed"), col("close_date").cast("string"), lit("revenue"),
                        coalesce(col("_revenue").cast("string"), lit("unknown (no FX rate)"))),
                lit(1));
    }

    /**
     * The revenue of deals (rows of silver won_opportunities with known revenue) item by item: each order's
     * {@code net_reporting} (deals with orders), else the opportunity's {@code amount_reporting}.
     */
    static Dataset<Row> revenue(Dataset<Row> deals, Dataset<Row> orders, Dataset<Row> opportunities,
                                Dataset<Row> fxRates, String measure) {
        return moneyItems(deals, orders, opportunities, fxRates, measure, col("net_reporting"),
                col("net_amount"), col("amount_reporting"));
    }

    /**
     * The list value of deals (sales_channel_contribution): each order's list amount in reporting currency (its
     * net amount when it has none), else the deal's revenue (its amount).
     */
    static Dataset<Row> listValue(Dataset<Row> deals, Dataset<Row> orders, Dataset<Row> opportunities,
                                  Dataset<Row> fxRates, String measure) {
        return moneyItems(deals, orders, opportunities, fxRates, measure,
                coalesce(col("list_reporting"), col("net_reporting")), coalesce(col("list_amount"),
                        col("net_amount")), col("amount_reporting"));
    }

    private static Dataset<Row> moneyItems(Dataset<Row> deals, Dataset<Row> orders, Dataset<Row> opportunities,
                                           Dataset<Row> fxRates, String measure, Column orderValue,
                                           Column orderAmount, Column opportunityValue) {
        Dataset<Row> chosen = deals.select(col("opportunity_id").as("_deal"), col("revenue_source").as("_source"));
        Dataset<Row> dealOrders = Evidence.withRateDate(chosen.filter(col("_source").equalTo("orders"))
                .join(orders, col("_deal").equalTo(col("opportunity_id"))), "order_id", to_date(col("booked_at")),
                fxRates);
        Dataset<Row> fromOrders = Evidence.withMoney(dealOrders, measure, col("_deal"), "order", col("order_id"),
                concat_ws(" ", lit("order booked"), PersonEvidence.time(col("booked_at")), orderAmount.cast("string"),
                        col("currency")),
                orderValue, col("fx_rate"), col(Evidence.FX_RATE_DATE));
        Dataset<Row> dealAmounts = Evidence.withRateDate(chosen.filter(col("_source").equalTo("opportunity"))
                .join(opportunities, col("_deal").equalTo(col("opportunity_id"))), "opportunity_id",
                col("close_date"), fxRates);
        Dataset<Row> fromAmounts = Evidence.withMoney(dealAmounts, measure, col("_deal"), "opportunity",
                col("opportunity_id"), concat_ws(" ", lit("no orders: amount"), col("amount").cast("string"),
                        col("currency"), lit("at close"), col("close_date").cast("string")),
                opportunityValue, col("fx_rate"), col(Evidence.FX_RATE_DATE));
        return fromOrders.unionByName(fromAmounts);
    }
}
