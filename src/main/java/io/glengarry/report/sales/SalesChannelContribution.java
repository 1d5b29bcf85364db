package io.glengarry.report.sales;

import io.glengarry.report.Rates;
import io.glengarry.report.attribution.Touchpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code sales_channel_contribution} (METRICS.md): direct team vs channel partners, per (closed_quarter,
 * sales_channel, partner). Per deal: bookings = revenue; list_value = Σ list_amount of its orders in reporting
 * currency (an order without list_amount counts its net amount; a deal without orders counts its revenue, so it
 * shows no discount); partner_margin = list_value × the partner's margin_pct, rounded half-up to the cent per
 * deal, for partner deals (sales_channel other than direct) with a known partner, else 0. Then summed; vendor_net
 * = list_value − partner_margin; discount = vendor_net − bookings; share = bookings / the quarter's bookings.
 * Deals with null revenue (missing FX rate) are left out, as in attribution. Pure.
 */
public final class SalesChannelContribution {
    public static final String DIRECT = "direct";

    private SalesChannelContribution() {
    }

    /**
     * @param won      silver won_opportunities
     * @param orders   silver orders (opportunity_id, list_reporting, net_reporting)
     * @param partners silver partners (partner_id, name, margin_pct)
     */
    public static Dataset<Row> compute(Dataset<Row> won, Dataset<Row> orders, Dataset<Row> partners, LocalDate asOf) {
        Dataset<Row> listByDeal = orders.groupBy(col("opportunity_id").as("o_opportunity_id"))
                .agg(sum(coalesce(col("list_reporting"), col("net_reporting"))).as("orders_list_value"));
        Dataset<Row> partnerTerms = partners.select(col("partner_id").as("p_partner_id"),
                col("name").as("partner_name"), col("margin_pct"));
        Dataset<Row> deals = Touchpoints.attributableDeals(won);
        Column listValue = coalesce(col("orders_list_value"), col("revenue"));
        Column isPartnerDeal = col("sales_channel").notEqual(DIRECT).and(col("margin_pct").isNotNull());
        Dataset<Row> perDeal = deals
                .join(listByDeal, deals.col("opportunity_id").equalTo(col("o_opportunity_id")), "left")
                .join(partnerTerms, deals.col("partner_id").equalTo(col("p_partner_id")), "left")
                .select(col("closed_quarter_index"), col("closed_quarter"), col("sales_channel"), col("partner_id"),
                        col("partner_name"), col("revenue"), listValue.as("list_value"),
                        when(isPartnerDeal, round(listValue.multiply(col("margin_pct")), 2)).otherwise(lit(0))
                                .cast(Rates.MONEY_TYPE).as("partner_margin"));
        Column bookings = col("bookings");
        Column quarterBookings = sum(bookings).over(Window.partitionBy("closed_quarter_index"));
        return perDeal.groupBy("closed_quarter_index", "closed_quarter", "sales_channel", "partner_id",
                        "partner_name")
                .agg(count(lit(1)).as("won_deals"), sum("revenue").as("bookings"), sum("list_value").as("list_value"),
                        sum("partner_margin").as("partner_margin"))
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), col("closed_quarter"), col("sales_channel"),
                        col("partner_id"), col("partner_name"), col("won_deals"),
                        bookings.cast(Rates.MONEY_TYPE).as("bookings"),
                        col("list_value").cast(Rates.MONEY_TYPE).as("list_value"),
                        col("partner_margin").cast(Rates.MONEY_TYPE).as("partner_margin"),
                        col("list_value").minus(col("partner_margin")).cast(Rates.MONEY_TYPE).as("vendor_net"),
                        col("list_value").minus(col("partner_margin")).minus(bookings).cast(Rates.MONEY_TYPE)
                                .as("discount"),
                        when(quarterBookings.notEqual(0), round(bookings.divide(quarterBookings), 6))
                                .cast(Rates.RATE_TYPE).as("share"),
                        col("closed_quarter_index"));
    }

    public static String[] sortKeys() {
        return new String[] {"closed_quarter_index", "sales_channel", "partner_id"};
    }
}
