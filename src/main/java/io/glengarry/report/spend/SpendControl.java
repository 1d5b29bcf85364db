package io.glengarry.report.spend;

import io.glengarry.config.ChannelMap;
import io.glengarry.conform.FxConversion;
import io.glengarry.report.Rates;
import io.glengarry.report.attribution.Touchpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The control totals of spend_reconciliation and the line-by-line reasons behind them (pure): the rows of
 * {@code exports/spend_control/as_of=<date>/spend_control.csv}. Three sections, each with control rows
 * ({@code record_id} empty; expected, actual, difference) and line rows (one per ledger line, order or deal that
 * does not reach a canonical channel or the bookings as is, with the reason):
 * <ul>
 *   <li>{@code spend_ledger}: per currency, Σ amount of the ledger lines read = Σ amount of those reported
 *       ({@code ledger_currency_total}); Σ amount_reporting of the ledger = Σ spend of the report
 *       ({@code ledger_total}); Σ of the lines listed under unmapped = the report's {@code unmapped} spend
 *       ({@code unmapped_spend}). Lines: {@link SpendLedger}'s reasons.</li>
 *   <li>{@code attributed_revenue}: Σ attributed revenue of the report (unattributed included) = Σ revenue of the
 *       won deals ({@code attributed_vs_won}).</li>
 *   <li>{@code orders_bookings}: per currency, Σ net_amount of the orders read = Σ of those converted
 *       ({@code orders_currency_total}); orders total in reporting currency − orders not booked + won deals booked
 *       from their opportunity amount = Σ bookings of sales_channel_contribution ({@code orders_vs_bookings}).
 *       Lines: {@code order_not_booked}, {@code won_without_orders}, {@code missing_fx_rate}.</li>
 * </ul>
 * {@code breaks} is true on a control row whose difference is not 0 and on a line that makes one (a missing FX
 * rate); any break fails the run (exit 4) once everything is written.
 */
public final class SpendControl {
    public static final String SPEND_LEDGER = "spend_ledger";
    public static final String ATTRIBUTED_REVENUE = "attributed_revenue";
    public static final String ORDERS_BOOKINGS = "orders_bookings";
    public static final String LEDGER_CURRENCY_TOTAL = "ledger_currency_total";
    public static final String LEDGER_TOTAL = "ledger_total";
    public static final String UNMAPPED_SPEND = "unmapped_spend";
    public static final String ATTRIBUTED_VS_WON = "attributed_vs_won";
    public static final String ORDERS_CURRENCY_TOTAL = "orders_currency_total";
    public static final String ORDERS_VS_BOOKINGS = "orders_vs_bookings";
    public static final String LEDGER_LINE = "ledger_line";
    public static final String ORDER_LINE = "order_line";
    public static final String DEAL_LINE = "won_deal";
    public static final String ORDER_NOT_BOOKED = "order_not_booked";
    public static final String WON_WITHOUT_ORDERS = "won_without_orders";

    private SpendControl() {
    }

    /**
     * @param ledger   {@link SpendLedger#lines}
     * @param report   the night's spend_reconciliation rows
     * @param won      silver won_opportunities (opportunity_id, revenue, revenue_source)
     * @param orders   silver orders (order_id, opportunity_id, currency, net_amount, net_reporting, fx_rate_missing)
     * @param bookings the night's sales_channel_contribution rows (bookings)
     */
    public static Dataset<Row> compute(Dataset<Row> ledger, Dataset<Row> report, Dataset<Row> won,
                                       Dataset<Row> orders, Dataset<Row> bookings, String reportingCurrency) {
        return spendLedger(ledger, report, reportingCurrency)
                .unionByName(attributedRevenue(report, won, reportingCurrency))
                .unionByName(ordersBookings(won, orders, bookings, reportingCurrency));
    }

    private static Dataset<Row> spendLedger(Dataset<Row> ledger, Dataset<Row> report, String reportingCurrency) {
        Column reported = col("amount_reporting").isNotNull();
        Dataset<Row> perCurrency = ledger.groupBy(col("currency"))
                .agg(sum("amount").as("expected"), sum(when(reported, col("amount")).otherwise(lit(0))).as("actual"),
                        count(lit(1)).as("lines"), sum(when(reported, lit(1)).otherwise(lit(0))).as("converted"))
                .select(control(SPEND_LEDGER, LEDGER_CURRENCY_TOTAL, col("currency"), col("expected"), col("actual"),
                        concat(lit("Σ amount of the "), col("lines").cast("string"), lit(" ledger lines in "),
                                col("currency"), lit(" vs Σ amount of the "), col("converted").cast("string"),
                                lit(" converted into the report"))));
        Dataset<Row> ledgerTotal = ledger.agg(sum("amount_reporting").as("expected"))
                .crossJoin(report.agg(sum("spend").as("actual")))
                .select(control(SPEND_LEDGER, LEDGER_TOTAL, lit(reportingCurrency), col("expected"), col("actual"),
                        lit("Σ amount_reporting of the ledger lines vs Σ spend of spend_reconciliation "
                                + "(unmapped included)")));
        Column listedUnmapped = col("spend_channel").equalTo(ChannelMap.UNMAPPED);
        Dataset<Row> unmapped = ledger.agg(sum(when(listedUnmapped, col("amount_reporting"))).as("expected"))
                .crossJoin(report.agg(sum(when(col("channel").equalTo(ChannelMap.UNMAPPED), col("spend")))
                        .as("actual")))
                .select(control(SPEND_LEDGER, UNMAPPED_SPEND, lit(reportingCurrency), col("expected"), col("actual"),
                        lit("Σ of the ledger lines listed below as unmapped vs the report's unmapped spend")));
        Dataset<Row> lines = ledger.filter(col("spend_issue").isNotNull())
                .select(lit(SPEND_LEDGER).as("section"), lit(LEDGER_LINE).as("check"), col("fiscal_quarter"),
                        col("entry_id").as("record_id"), col("currency"), col("amount").cast(Rates.MONEY_TYPE)
                                .as("amount"),
                        lit(null).cast(Rates.MONEY_TYPE).as("expected"),
                        col("amount_reporting").cast(Rates.MONEY_TYPE).as("actual"),
                        lit(null).cast(Rates.MONEY_TYPE).as("difference"),
                        col("spend_issue").equalTo(SpendLedger.MISSING_FX_RATE).as("breaks"),
                        col("spend_issue").as("reason"),
                        concat(SpendLedger.origin(), lit(": "), ledgerLineDetail()).as("detail"));
        return perCurrency.unionByName(ledgerTotal).unionByName(unmapped).unionByName(lines);
    }

    private static Column ledgerLineDetail() {
        Column campaign = coalesce(col("campaign_id"), lit(""));
        Column rawChannel = coalesce(col("channel"), lit(""));
        return when(col("spend_issue").equalTo(SpendLedger.MISSING_FX_RATE),
                concat(lit("no rate for "), col("currency"), lit(" on or before "), col("posted_date").cast("string"),
                        lit(": not in the report (reported under "), col("spend_channel"),
                        lit(" once a rate is delivered)")))
                .when(col("spend_issue").equalTo(SpendLedger.UNMAPPED_CHANNEL),
                        concat(lit("channel '"), rawChannel, lit("' maps to no channel in channels.conf: reported under "
                                + ChannelMap.UNMAPPED)))
                .when(col("spend_issue").equalTo(SpendLedger.UNKNOWN_CAMPAIGN),
                        concat(lit("no channel on the line and campaign "), campaign,
                                lit(" is not in campaigns: reported under " + ChannelMap.UNMAPPED)))
                .when(col("spend_issue").equalTo(SpendLedger.CAMPAIGN_CHANNEL_UNMAPPED),
                        concat(lit("no channel on the line and the channel of campaign "), campaign,
                                lit(" maps to none: reported under " + ChannelMap.UNMAPPED)))
                .otherwise(lit("names neither a channel nor a campaign: reported under " + ChannelMap.UNMAPPED));
    }

    private static Dataset<Row> attributedRevenue(Dataset<Row> report, Dataset<Row> won, String reportingCurrency) {
        return Touchpoints.attributableDeals(won).agg(sum("revenue").as("expected"))
                .crossJoin(report.agg(sum("attributed_revenue").as("actual")))
                .select(control(ATTRIBUTED_REVENUE, ATTRIBUTED_VS_WON, lit(reportingCurrency), col("expected"),
                        col("actual"), lit("Σ attributed_revenue of spend_reconciliation (unattributed included) vs "
                                + "Σ revenue of the won deals (deals without revenue for a missing FX rate are in "
                                + "attribution_reconciliation)")));
    }

    private static Dataset<Row> ordersBookings(Dataset<Row> won, Dataset<Row> orders, Dataset<Row> bookings,
                                               String reportingCurrency) {
        Dataset<Row> booked = Touchpoints.attributableDeals(won).select(col("opportunity_id").as("b_opportunity_id"),
                col("revenue_source"), col("revenue"), col("closed_quarter"));
        Dataset<Row> wonIds = won.select(col("opportunity_id").as("w_opportunity_id"),
                col("revenue").as("w_revenue"));
        Dataset<Row> orderLines = orders
                .join(booked, orders.col("opportunity_id").equalTo(col("b_opportunity_id")), "left")
                .join(wonIds, orders.col("opportunity_id").equalTo(col("w_opportunity_id")), "left");
        Column converted = col("net_reporting").isNotNull();
        Column notBooked = col("b_opportunity_id").isNull();
        Dataset<Row> perCurrency = orders.groupBy(col("currency"))
                .agg(sum("net_amount").as("expected"), sum(when(converted, col("net_amount")).otherwise(lit(0)))
                        .as("actual"), count(lit(1)).as("lines"))
                .select(control(ORDERS_BOOKINGS, ORDERS_CURRENCY_TOTAL, col("currency"), col("expected"),
                        col("actual"), concat(lit("Σ net_amount of the "), col("lines").cast("string"),
                                lit(" orders in "), col("currency"), lit(" vs Σ of those converted"))));
        Dataset<Row> fromAmount = Touchpoints.attributableDeals(won)
                .filter(col("revenue_source").equalTo("opportunity"));
        Dataset<Row> bridge = orderLines.agg(sum("net_reporting").as("orders_total"),
                        sum(when(notBooked, col("net_reporting"))).as("not_booked"))
                .crossJoin(fromAmount.agg(sum("revenue").as("from_amount")))
                .crossJoin(bookings.agg(sum("bookings").as("actual")))
                .select(control(ORDERS_BOOKINGS, ORDERS_VS_BOOKINGS, lit(reportingCurrency),
                        coalesce(col("orders_total"), lit(0)).minus(coalesce(col("not_booked"), lit(0)))
                                .plus(coalesce(col("from_amount"), lit(0))),
                        col("actual"),
                        concat(lit("orders total "), coalesce(col("orders_total"), lit(0)).cast("string"),
                                lit(" - not booked "), coalesce(col("not_booked"), lit(0)).cast("string"),
                                lit(" + won deals booked from their opportunity amount "),
                                coalesce(col("from_amount"), lit(0)).cast("string"),
                                lit(" vs Σ bookings of sales_channel_contribution"))));
        Column missingRate = col(FxConversion.RATE_MISSING);
        Column orderReason = when(missingRate, lit(SpendLedger.MISSING_FX_RATE)).otherwise(lit(ORDER_NOT_BOOKED));
        Column orderDetail = when(missingRate, concat(lit("no rate for "), col("currency"), lit(" on or before "),
                        col("booked_at").cast("date").cast("string"), lit(": the orders total cannot be stated in "
                                + reportingCurrency + " and its deal has no revenue")))
                .when(col("w_opportunity_id").isNotNull(), concat(lit("won opportunity "), col("opportunity_id"),
                        lit(" has no revenue (an order without a rate): not in bookings")))
                .otherwise(concat(lit("opportunity "), col("opportunity_id"),
                        lit(" is not a current won opportunity: not in bookings")));
        Dataset<Row> orderRows = orderLines.filter(missingRate.or(notBooked))
                .select(lit(ORDERS_BOOKINGS).as("section"), lit(ORDER_LINE).as("check"),
                        lit(null).cast("string").as("fiscal_quarter"), col("order_id").as("record_id"),
                        col("currency"), col("net_amount").cast(Rates.MONEY_TYPE).as("amount"),
                        lit(null).cast(Rates.MONEY_TYPE).as("expected"),
                        col("net_reporting").cast(Rates.MONEY_TYPE).as("actual"),
                        lit(null).cast(Rates.MONEY_TYPE).as("difference"), missingRate.as("breaks"),
                        orderReason.as("reason"), orderDetail.as("detail"));
        Dataset<Row> dealRows = fromAmount.select(lit(ORDERS_BOOKINGS).as("section"), lit(DEAL_LINE).as("check"),
                col("closed_quarter").as("fiscal_quarter"), col("opportunity_id").as("record_id"),
                lit(reportingCurrency).as("currency"), col("revenue").cast(Rates.MONEY_TYPE).as("amount"),
                lit(null).cast(Rates.MONEY_TYPE).as("expected"), col("revenue").cast(Rates.MONEY_TYPE).as("actual"),
                lit(null).cast(Rates.MONEY_TYPE).as("difference"), lit(false).as("breaks"),
                lit(WON_WITHOUT_ORDERS).as("reason"),
                lit("won without orders: booked from its opportunity amount").as("detail"));
        return perCurrency.unionByName(bridge).unionByName(orderRows).unionByName(dealRows);
    }

    /** A control row: expected vs actual (null sums read as 0), difference = actual − expected. */
    private static Column[] control(String section, String check, Column currency, Column expected, Column actual,
                                    Column detail) {
        Column e = coalesce(expected, lit(0)).cast(Rates.MONEY_TYPE);
        Column a = coalesce(actual, lit(0)).cast(Rates.MONEY_TYPE);
        Column difference = a.minus(e).cast(Rates.MONEY_TYPE);
        return new Column[] {lit(section).as("section"), lit(check).as("check"),
                lit(null).cast("string").as("fiscal_quarter"), lit(null).cast("string").as("record_id"),
                currency.as("currency"), lit(null).cast(Rates.MONEY_TYPE).as("amount"), e.as("expected"),
                a.as("actual"), difference.as("difference"), difference.notEqual(0).as("breaks"),
                lit(null).cast("string").as("reason"), detail.as("detail")};
    }

    /** Control rows first within a section (record_id empty), then lines by id. */
    public static String[] sortKeys() {
        return new String[] {"section", "record_id", "check", "currency"};
    }
}
