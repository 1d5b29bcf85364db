package io.glengarry.report.spend;

import io.glengarry.catalog.TableDoc;

import java.util.List;

/** gold.spend_reconciliation and gold.campaign_budget, column by column (METRICS.md spend_reconciliation). */
public final class SpendDocs {
    static final String RULE = "METRICS.md spend_reconciliation";
    static final String RULES = "docs/rules.md Spend reconciliation (finance)";

    private SpendDocs() {
    }

    public static List<TableDoc> tables() {
        return List.of(spendReconciliation(), campaignBudget());
    }

    static TableDoc spendReconciliation() {
        return TableDoc.gold("spend_reconciliation", "Marketing spend against what it produced: one row per (fiscal "
                                + "quarter, channel) with spend, funnel counts, attributed revenue and the cost "
                                + "ratios. The exports add one totals row (fiscal_quarter TOTAL, channel ALL, "
                                + "is_total true); the table has none.", RULE + "; " + RULES)
                .column("fiscal_quarter", "Fiscal quarter (FY2026-Q3): of the ledger lines' posted_date, the leads' "
                        + "creation, the opportunities' creation or the deals' close", "METRICS.md Fiscal calendar")
                .column("channel", "Canonical channel: a spend line's own, else its campaign's, else unmapped; "
                        + "unattributed holds sales-sourced deals and credit without touchpoints", RULES)
                .column("spend", "Σ of the quarter's ledger lines in reporting currency (credits and reversals "
                        + "negative), 2 decimals", RULE)
                .column("spend_lines", "How many ledger lines make up spend", RULES)
                .column("leads", "Persons created in the quarter under the channel", "METRICS.md Lead stages")
                .column("prospects", "Persons reaching prospect in the quarter under the channel",
                        "METRICS.md Lead stages")
                .column("opportunities", "Opportunities created in the quarter, under their primary lead's channel",
                        RULES)
                .column("won_deals", "Won opportunities closed in the quarter, under their primary lead's channel",
                        RULES)
                .column("attributed_revenue", "Σ attribution_credit.credit of attribution_model for deals closed in "
                        + "the quarter, in reporting currency", "METRICS.md Attribution")
                .column("cost_per_lead", "spend / leads, 2 decimals half-up; empty when leads = 0", RULE)
                .column("cost_per_opportunity", "spend / opportunities, 2 decimals half-up; empty when 0", RULE)
                .column("cac", "Customer acquisition cost: spend / won_deals, 2 decimals half-up; empty when 0", RULE)
                .column("roi", "(attributed_revenue - spend) / spend, 6 decimals half-up; empty when spend = 0", RULE)
                .column("roas", "attributed_revenue / spend, 6 decimals half-up; empty when spend = 0", RULE)
                .column("attribution_model", "Model whose credit is attributed_revenue (spend.attribution-model, "
                        + "default w_shaped)", "conf/glengarry.conf spend.attribution-model")
                .column("attribution_scope", "Scope whose credit is attributed_revenue (spend.attribution-scope: "
                        + "lead, the default, or account)", "conf/glengarry.conf spend.attribution-scope")
                .column("fiscal_quarter_index", "4 x fiscal year + quarter - 1 of fiscal_quarter (for sorting)",
                        "METRICS.md Fiscal calendar")
                .build();
    }

    static TableDoc campaignBudget() {
        return TableDoc.gold("campaign_budget", "Budget vs actual: one row per campaign that carries a budget.",
                        RULES)
                .column("name", "Campaign name", "EXTRACTS.md campaigns.csv")
                .column("channel", "The campaign's canonical channel", "METRICS.md Shared rules: Channels")
                .column("start_date", "Campaign start (the budget converts at this date's rate)",
                        "EXTRACTS.md campaigns.csv")
                .column("end_date", "Campaign end", "EXTRACTS.md campaigns.csv")
                .column("budget", "Budget in currency, 2 decimals", "EXTRACTS.md campaigns.csv")
                .column("budget_reporting", "Budget in reporting currency at start_date's rate (run date when no "
                        + "start); empty when no rate", RULES)
                .column("actual_spend", "Σ amount_reporting of the ledger lines naming the campaign", RULES)
                .column("variance", "actual_spend - budget_reporting (positive = over budget)", RULES)
                .column("budget_used", "actual_spend / budget_reporting, 6 decimals; empty when the budget is 0 or "
                        + "has no rate", RULES)
                .column("spend_lines", "Ledger lines naming the campaign", RULES)
                .column("lines_without_rate", "Of those, lines left out of actual_spend for a missing FX rate",
                        RULES)
                .build();
    }
}
