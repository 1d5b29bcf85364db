package io.glengarry.explain;

import io.glengarry.report.attribution.Touchpoints;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The money reports of won deals explained: channel_contribution, campaign_contribution and attribution_credit by
 * the night's credit rows and the touches they credit; sales_channel_contribution deal by deal, order by order.
 */
final class AttributionExplanations {
    private AttributionExplanations() {
    }

    static ReportExplanation channelContribution() {
        return credited(ReportExplanation.of("channel_contribution", "closed_quarter", "scope", "model", "channel"),
                "closed_quarter", "scope", "model", "channel");
    }

    static ReportExplanation campaignContribution() {
        return credited(ReportExplanation.of("campaign_contribution", "closed_quarter", "scope", "model", "channel",
                "campaign_id"), "closed_quarter", "scope", "model", "channel", "campaign_id");
    }

    static ReportExplanation attributionCredit() {
        String[] keys = {"opportunity_id", "scope", "model", "touch_id", "channel"};
        return ReportExplanation.of("attribution_credit", keys)
                .measure("credit", (in, row, m) -> CreditEvidence.credits(credits(in, row, keys),
                        in.silver("touches"), in.silver("opportunities"), m))
                .build();
    }

    static ReportExplanation salesChannelContribution() {
        return ReportExplanation.of("sales_channel_contribution", "closed_quarter", "sales_channel", "partner_id")
                .measure("won_deals", (in, row, m) -> DealEvidence.deals(salesDeals(in, row),
                        in.silver("opportunities"), m))
                .measure("bookings", (in, row, m) -> DealEvidence.revenue(salesDeals(in, row), in.silver("orders"),
                        in.silver("opportunities"), in.silver("fx_rates"), m))
                .measure("list_value", (in, row, m) -> DealEvidence.listValue(salesDeals(in, row),
                        in.silver("orders"), in.silver("opportunities"), in.silver("fx_rates"), m))
                .build();
    }

    private static ReportExplanation credited(ReportExplanation.Builder report, String... keys) {
        return report.measure("credited_revenue", (in, row, m) -> CreditEvidence.credits(credits(in, row, keys),
                        in.silver("touches"), in.silver("opportunities"), m))
                .measure("deals_touched", (in, row, m) -> CreditEvidence.dealsTouched(credits(in, row, keys),
                        in.silver("opportunities"), m))
                .build("credited_revenue");
    }

    /** The night's attribution_credit rows with the report row's values in {@code keys} (null matches null). */
    static Dataset<Row> credits(NightInputs in, Row row, String... keys) {
        return in.gold("attribution_credit").filter(sameAs(row, keys));
    }

    /** The deals sales_channel_contribution sums: won, revenue known, in the row's quarter, channel and partner. */
    private static Dataset<Row> salesDeals(NightInputs in, Row row) {
        return Touchpoints.attributableDeals(in.silver("won_opportunities"))
                .filter(sameAs(row, "closed_quarter", "sales_channel", "partner_id"));
    }

    static Column sameAs(Row row, String... columns) {
        Column same = lit(true);
        for (String column : columns) {
            same = same.and(col(column).eqNullSafe(lit(row.getAs(column))));
        }
        return same;
    }
}
