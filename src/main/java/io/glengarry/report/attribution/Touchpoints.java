package io.glengarry.report.attribution;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * The touchpoints of each won deal (METRICS.md "attribution"): the touches of every lead converted into it whose
 * date (in the session time zone) lies in [close_date - lookback days, close_date], numbered by (occurred_at,
 * touch_id), with the three anchors marked. Deals with null revenue (missing FX rate) are left out: see
 * docs/rules.md. Pure: won deals, leads and touches in, touchpoints out.
 *
 * <p>Columns: opportunity_id, closed_quarter_index, closed_quarter, revenue, touch_id, occurred_at, channel,
 * campaign_id, touch_order (1..n), touch_count (n), days_before_close, lead_creation_order,
 * opportunity_creation_order.
 */
public final class Touchpoints {
    private Touchpoints() {
    }

    /**
     * @param won     silver won_opportunities
     * @param leads   silver leads (lead_id, created_at, converted_opportunity_id)
     * @param touches silver touches (touch_id, lead_id, occurred_at, channel, campaign_id)
     */
    public static Dataset<Row> of(Dataset<Row> won, Dataset<Row> leads, Dataset<Row> touches, int lookbackDays) {
        Dataset<Row> deals = attributableDeals(won).select(col("opportunity_id"),
                col("created_at").as("opportunity_created_at"), col("close_date"), col("revenue"),
                col("closed_quarter_index"), col("closed_quarter"), col("primary_lead_id"));
        Dataset<Row> dealLeads = leads.filter(col("converted_opportunity_id").isNotNull())
                .select(col("converted_opportunity_id").as("d_opportunity_id"), col("lead_id").as("d_lead_id"));
        // the won deals' leads are few next to the touches: broadcast, so that the touches are not shuffled
        Dataset<Row> wonDealLeads = withPrimaryLead(deals, leads)
                .join(dealLeads, col("opportunity_id").equalTo(col("d_opportunity_id")));
        Dataset<Row> inWindow = touchColumns(touches)
                .join(broadcast(wonDealLeads), col("d_lead_id").equalTo(col("t_lead_id")))
                .filter(inLookback(lookbackDays));
        return numbered(inWindow);
    }

    /**
     * Account scope (METRICS.md "Account scope"): the touches of every lead matched to the won deal's account
     * ({@code lead_account}) dated in [close_date - lookback days, close_date] and after the close_date of the
     * account's previous won deal (the latest won close_date before this one; deals of an account that close on
     * the same day share their touches). A deal without an account has no account touchpoints. Lead-creation
     * anchor: the first touch at or after the primary lead's creation (no primary lead: the first touch). Same
     * columns as {@link #of}.
     *
     * @param leadAccount silver lead_account (lead_id, account_id)
     */
    public static Dataset<Row> ofAccounts(Dataset<Row> won, Dataset<Row> leads, Dataset<Row> leadAccount,
                                          Dataset<Row> touches, int lookbackDays) {
        // the previous won deal of the account, revenue known or not: it closed, its touches were its own
        WindowSpec earlier = Window.partitionBy("account_id").orderBy(col("close_day"))
                .rangeBetween(Window.unboundedPreceding(), -1);
        Dataset<Row> withPrevious = won.filter(col("account_id").isNotNull())
                .withColumn("close_day", org.apache.spark.sql.functions.unix_date(col("close_date")))
                .withColumn("previous_close_date", max(col("close_date")).over(earlier));
        Dataset<Row> deals = attributableDeals(withPrevious).select(col("opportunity_id"),
                col("account_id").as("d_account_id"), col("created_at").as("opportunity_created_at"),
                col("close_date"), col("previous_close_date"), col("revenue"), col("closed_quarter_index"),
                col("closed_quarter"), col("primary_lead_id"));
        Dataset<Row> wonAccounts = deals.select(col("d_account_id").as("w_account_id")).distinct();
        Dataset<Row> accountLeads = leadAccount.filter(col("account_id").isNotNull())
                .join(broadcast(wonAccounts), col("account_id").equalTo(col("w_account_id")))
                .select(col("lead_id").as("a_lead_id"), col("account_id").as("a_account_id"));
        Dataset<Row> inWindow = touchColumns(touches)
                .join(accountLeads, col("t_lead_id").equalTo(col("a_lead_id")))
                .join(broadcast(withPrimaryLead(deals, leads)), col("a_account_id").equalTo(col("d_account_id")))
                .filter(inLookback(lookbackDays).and(col("previous_close_date").isNull()
                        .or(to_date(col("occurred_at")).gt(col("previous_close_date")))));
        return numbered(inWindow);
    }

    /** The touch columns a touchpoint keeps (t_lead_id: the touch's lead; no channel: unmapped). */
    private static Dataset<Row> touchColumns(Dataset<Row> touches) {
        return touches.select(col("touch_id"), col("lead_id").as("t_lead_id"), col("occurred_at"),
                coalesce(col("channel"), lit("unmapped")).as("channel"), col("campaign_id"));
    }

    /** The deals with their primary lead's created_at (primary_lead_created_at; null: none or unknown). */
    private static Dataset<Row> withPrimaryLead(Dataset<Row> deals, Dataset<Row> leads) {
        Dataset<Row> primaryLeads = leads.select(col("lead_id").as("p_lead_id"),
                col("created_at").as("primary_lead_created_at"));
        return deals.join(primaryLeads, deals.col("primary_lead_id").equalTo(col("p_lead_id")), "left");
    }

    /** The touch's date (session time zone) lies in [close_date - lookback days, close_date]. */
    private static Column inLookback(int lookbackDays) {
        Column touchDate = to_date(col("occurred_at"));
        return touchDate.geq(date_sub(col("close_date"), lookbackDays)).and(touchDate.leq(col("close_date")));
    }

    /**
     * Numbers each deal's touches by (occurred_at, touch_id) and marks the anchors. Input: the deal columns
     * (opportunity_id, closed_quarter_index, closed_quarter, revenue, close_date, opportunity_created_at,
     * primary_lead_id, primary_lead_created_at) beside each touch in its window.
     */
    private static Dataset<Row> numbered(Dataset<Row> inWindow) {
        Column touchDate = to_date(col("occurred_at"));
        WindowSpec ordered = Window.partitionBy("opportunity_id").orderBy(col("occurred_at"), col("touch_id"));
        WindowSpec deal = Window.partitionBy("opportunity_id");
        Column order = col("touch_order");
        Column n = col("touch_count");
        return inWindow
                .withColumn("touch_order", row_number().over(ordered))
                .withColumn("touch_count", count(lit(1)).over(deal).cast("int"))
                .select(col("opportunity_id"), col("closed_quarter_index"), col("closed_quarter"), col("revenue"),
                        col("touch_id"), col("occurred_at"), col("channel"), col("campaign_id"), order, n,
                        datediff(col("close_date"), touchDate).as("days_before_close"),
                        // first touch at or after the primary lead's creation; none: the last touch; no primary
                        // lead (an account-scope deal that is sales-sourced): the first touch
                        coalesce(min(when(col("occurred_at").geq(col("primary_lead_created_at")), order)).over(deal),
                                when(col("primary_lead_id").isNull(), lit(1)), n).as("lead_creation_order"),
                        // last touch at or before the opportunity's creation; none: the last touch
                        coalesce(max(when(col("occurred_at").leq(col("opportunity_created_at")), order)).over(deal),
                                n).as("opportunity_creation_order"));
    }

    /** Won deals whose revenue is known; a null revenue (missing FX rate) is excluded and listed instead. */
    public static Dataset<Row> attributableDeals(Dataset<Row> won) {
        return won.filter(col("revenue").isNotNull());
    }
}
