package io.glengarry.report.cohort;

import io.glengarry.catalog.TableDoc;

/** gold.cohort_conversion, column by column (METRICS.md cohort_conversion). */
public final class CohortConversionDocs {
    static final String RULE = "METRICS.md cohort_conversion";

    private CohortConversionDocs() {
    }

    public static TableDoc table() {
        return TableDoc.gold("cohort_conversion", "Did the leads of a quarter turn into revenue, and when: one row per "
                                + "(cohort quarter, channel or ALL, quarters since the cohort) as of the run date.",
                        RULE + "; docs/rules.md Lead identity and stages")
                .column("cohort_quarter", "Fiscal quarter in which the person first became a lead (the survivor's "
                        + "created_at)", "METRICS.md Shared rules: Fiscal calendar, Lead identity")
                .column("channel", "Canonical channel of the person's lead source, or ALL",
                        "METRICS.md Shared rules: Channels")
                .column("quarters_since", "0 for the cohort's own quarter, up to the run date's quarter", RULE)
                .column("through_quarter", "The quarter cohort_quarter + quarters_since: counts are by the end of it "
                        + "(and never after the run date)", RULE)
                .column("cohort_leads", "People in the cohort (merged and same-email leads count once; deleted "
                        + "leads not at all)", "METRICS.md Lead identity")
                .column("prospects_cum", "Of those, people who had reached prospect (MQL) by the end of "
                        + "through_quarter", "METRICS.md Lead stages")
                .column("opportunities_cum", "Of those, people who had reached opportunity by then",
                        "METRICS.md Lead stages")
                .column("won_cum", "Of those, people whose won deal (as primary lead) had closed by then",
                        "METRICS.md Lead stages, Revenue of a won opportunity")
                .column("revenue_cum", "Revenue (reporting currency) of those won deals closed by then",
                        "METRICS.md Revenue of a won opportunity")
                .column("won_revenue_unknown_cum", "Of those won deals, how many have no known revenue (an amount "
                        + "without an FX rate): in won_cum, not in revenue_cum", "METRICS.md Reporting currency "
                        + "(missing rate); docs/rules.md Money")
                .column("prospect_rate", "prospects_cum / cohort_leads (6 decimals; null when 0 leads)", RULE)
                .column("opportunity_rate", "opportunities_cum / cohort_leads", RULE)
                .column("won_rate", "won_cum / cohort_leads", RULE)
                .column("cohort_mature", "true when the cohort is at least cohort.maturity-quarters (4) quarters "
                        + "old at the run date", RULE)
                .column("cohort_quarter_index", "4 x fiscal year + quarter - 1, for sorting and differences",
                        "METRICS.md Shared rules: Fiscal calendar")
                .build();
    }
}
