package io.glengarry.report.attribution;

import io.glengarry.catalog.TableDoc;

import java.util.List;

/** The attribution tables in gold, column by column (METRICS.md attribution; docs/rules.md Attribution). */
public final class AttributionDocs {
    static final String RULE = "METRICS.md attribution; docs/rules.md Attribution";
    private static final String SCOPE_TEXT = "lead (the touches of the leads converted into the deal) or account "
            + "(the touches of every lead matched to the deal's account since its previous won deal)";
    private static final String SCOPE = "METRICS.md Account scope; docs/rules.md Account scope";
    private static final String MODELS = "first_touch, last_touch, linear, time_decay, u_shaped, w_shaped or markov";

    private AttributionDocs() {
    }

    public static List<TableDoc> tables() {
        TableDoc.Builder comparison = TableDoc.gold("attribution_model_comparison", "Every channel's credit under "
                                + "every model side by side, with its rank per model: one row per (closed quarter, "
                                + "channel, scope), a channel's lead and account rows next to each other.", RULE)
                .column("closed_quarter", "Fiscal quarter of the deals' close_date", "METRICS.md Fiscal calendar")
                .column("scope", "Attribution scope: " + SCOPE_TEXT, SCOPE)
                .column("channel", "Canonical marketing channel, or unattributed", "METRICS.md Channels");
        for (String model : AttributionModels.ALL) {
            comparison.column(model + "_credit", "Revenue credited to the channel in the quarter under the " + model
                    + " model (reporting currency; 0 where the model gives it nothing)", RULE)
                    .column(model + "_rank", "Rank of the channel among the quarter's channels of the same scope "
                            + "under " + model
                            + " (1 = most credit; equal credits share a rank)", RULE);
        }
        comparison.column("closed_quarter_index", "4 x fiscal year + quarter - 1 of closed_quarter",
                "METRICS.md Fiscal calendar");
        return List.of(
                TableDoc.gold("attribution_credit", "Who gets credit for a won deal: one row per (won deal, scope, "
                                + "model, touchpoint); markov: per (deal, scope, channel); a deal with no touchpoint "
                                + "in a scope has one row credited to unattributed.", RULE)
                        .column("closed_quarter", "Fiscal quarter of the deal's close_date", "METRICS.md Fiscal "
                                + "calendar")
                        .column("opportunity_id", "The won deal")
                        .column("scope", "Attribution scope: " + SCOPE_TEXT, SCOPE)
                        .column("model", "Attribution model: " + MODELS, RULE)
                        .column("touch_id", "The touchpoint credited (null for markov and unattributed rows)")
                        .column("touch_order", "Position of the touchpoint in the deal's journey, ordered by "
                                + "(occurred_at, touch_id), from 1", RULE)
                        .column("channel", "Canonical channel of the touchpoint (markov: the channel credited; "
                                + "unattributed when the deal has no touchpoint)", "METRICS.md Channels")
                        .column("campaign_id", "Campaign of the touchpoint, if any")
                        .column("weight", "The model's weight of this touchpoint (10 decimals); a deal's weights "
                                + "per scope and model sum to 1", RULE)
                        .column("credit", "revenue x weight in reporting currency, in whole cents by largest "
                                + "remainder: a deal's credits per scope and model sum exactly to its revenue", RULE)
                        .column("closed_quarter_index", "4 x fiscal year + quarter - 1 of closed_quarter",
                                "METRICS.md Fiscal calendar")
                        .build(),
                contribution("channel_contribution", "Credited revenue per (closed quarter, scope, model, "
                        + "channel).")
                        .build(),
                contribution("campaign_contribution", "Credited revenue per (closed quarter, scope, model, "
                        + "channel, campaign); markov and unattributed credit have no campaign.")
                        .column("campaign_id", "The campaign credited (null: markov or unattributed credit, or a "
                                + "touch without campaign)")
                        .build(),
                comparison.build());
    }

    private static TableDoc.Builder contribution(String name, String meaning) {
        return TableDoc.gold(name, meaning, RULE)
                .column("closed_quarter", "Fiscal quarter of the deals' close_date", "METRICS.md Fiscal calendar")
                .column("scope", "Attribution scope: " + SCOPE_TEXT, SCOPE)
                .column("model", "Attribution model: " + MODELS, RULE)
                .column("channel", "Canonical marketing channel, or unattributed", "METRICS.md Channels")
                .column("credited_revenue", "Sum of the credits (reporting currency); per quarter, scope and model the "
                        + "total equals the quarter's won revenue to the cent", "METRICS.md attribution: Invariant")
                .column("deals_touched", "Deals with a credit row here (weight 0 included)", RULE)
                .column("share", "credited_revenue / the quarter's credit under the scope and model (6 decimals)",
                        RULE)
                .column("closed_quarter_index", "4 x fiscal year + quarter - 1 of closed_quarter",
                        "METRICS.md Fiscal calendar");
    }
}
