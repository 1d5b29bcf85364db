package io.glengarry.report.sales;

import io.glengarry.catalog.TableDoc;

/** gold.sales_channel_contribution, column by column (METRICS.md sales_channel_contribution). */
public final class SalesChannelContributionDocs {
    static final String RULE = "METRICS.md sales_channel_contribution";

    private SalesChannelContributionDocs() {
    }

    public static TableDoc table() {
        return TableDoc.gold("sales_channel_contribution", "Direct team vs channel partners: one row per (closed "
                                + "quarter, sales channel, partner) of won deals.",
                        RULE + "; docs/rules.md Sales channel contribution")
                .column("closed_quarter", "Fiscal quarter of the deals' close_date", "METRICS.md Fiscal calendar")
                .column("sales_channel", "Route to market: direct, var, si or mmr", RULE)
                .column("partner_id", "The partner (null for direct deals)", RULE)
                .column("partner_name", "The partner's name (null for direct deals or an unknown partner)")
                .column("won_deals", "Won deals closed in the quarter", RULE)
                .column("bookings", "Their revenue in reporting currency; direct + partners = all won revenue of "
                        + "the quarter, checked every run", "METRICS.md Revenue of a won opportunity")
                .column("list_value", "Sum of the orders' list amounts in reporting currency (a deal without "
                        + "orders: its amount)", RULE)
                .column("partner_margin", "list_value x the partner's margin_pct (partner deals only, else 0)", RULE)
                .column("vendor_net", "list_value - partner_margin", RULE)
                .column("discount", "list_value - partner_margin - bookings", RULE)
                .column("share", "bookings / the quarter's bookings (6 decimals)", RULE)
                .column("closed_quarter_index", "4 x fiscal year + quarter - 1 of closed_quarter",
                        "METRICS.md Fiscal calendar")
                .build();
    }
}
