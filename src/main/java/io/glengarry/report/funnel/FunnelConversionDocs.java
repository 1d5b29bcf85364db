package io.glengarry.report.funnel;

import io.glengarry.catalog.TableDoc;

import java.util.List;

/** gold.funnel_conversion, column by column (METRICS.md funnel_conversion). */
public final class FunnelConversionDocs {
    static final String RULE = "METRICS.md funnel_conversion";
    private static final List<String> STEPS = List.of("suspect_to_prospect", "prospect_to_opportunity",
            "opportunity_to_won", "lead_to_won");

    private FunnelConversionDocs() {
    }

    public static TableDoc table() {
        TableDoc.Builder doc = TableDoc.gold("funnel_conversion", "Where leads fall out and how long each step "
                                + "takes: one row per (cohort quarter, channel or ALL) as of the run date.",
                        RULE + "; docs/rules.md Lead identity and stages, Money")
                .column("cohort_quarter", "Fiscal quarter in which the person first became a lead",
                        "METRICS.md Shared rules: Fiscal calendar")
                .column("channel", "Canonical channel of the person's lead source, or ALL",
                        "METRICS.md Shared rules: Channels")
                .column("leads", "People who became leads in the cohort quarter (suspects)", "METRICS.md Lead stages")
                .column("prospects", "Of those, people who reached prospect by the run date", "METRICS.md Lead stages")
                .column("opportunities", "People who reached opportunity by the run date", "METRICS.md Lead stages")
                .column("won", "People whose won deal (as primary lead) closed by the run date",
                        "METRICS.md Lead stages")
                .column("revenue", "Revenue (reporting currency) of those won deals",
                        "METRICS.md Revenue of a won opportunity")
                .column("won_revenue_unknown", "Of those won deals, how many have no known revenue (an amount "
                        + "without an FX rate): in won, not in revenue", "METRICS.md Reporting currency "
                        + "(missing rate); docs/rules.md Money")
                .column("prospect_skipped", "People converted to an opportunity without being marked MQL by "
                        + "then (counted as prospects at conversion)", "METRICS.md Lead stages")
                .column("revenue_per_lead", "revenue / leads (2 decimals, half-up)", RULE)
                .column("cohort_quarter_index", "4 x fiscal year + quarter - 1, for sorting and differences",
                        "METRICS.md Shared rules: Fiscal calendar");
        for (String step : STEPS) {
            String words = step.replace("_to_", " -> ").replace('_', ' ');
            doc.column(step + "_rate", "Step rate " + words + " (6 decimals; null when the denominator is 0)", RULE)
                    .column(step + "_low", "Lower bound of the Wilson 95% interval of " + step + "_rate", RULE)
                    .column(step + "_high", "Upper bound of the Wilson 95% interval of " + step + "_rate", RULE)
                    .column(step + "_days_p50", "Median days the step " + words + " took, over the people who made "
                            + "it (exact, 1 decimal)", RULE)
                    .column(step + "_days_p90", "90th percentile of the days the step " + words + " took", RULE);
        }
        return doc.build();
    }
}
