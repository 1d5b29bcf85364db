package io.glengarry.report.forecast;

import io.glengarry.catalog.TableDoc;

import java.util.List;

/** gold.forecast_accuracy and gold.surprise_deals, column by column (METRICS.md forecast_accuracy). */
public final class ForecastAccuracyDocs {
    static final String RULE = "METRICS.md forecast_accuracy; docs/rules.md CRM hygiene and forecast";

    private ForecastAccuracyDocs() {
    }

    public static List<TableDoc> tables() {
        return List.of(TableDoc.gold("forecast_accuracy", "How good was the forecast, week by week: one row per "
                                + "(fiscal quarter, week 1-13, owner / territory / ALL) with the forecast at the week "
                                + "end and the quarter's actual won revenue.", RULE)
                        .column("quarter", "Fiscal quarter", "METRICS.md Fiscal calendar")
                        .column("week", "Week of the quarter, 1-13 (7-day steps from its first day; week 13 runs to "
                                + "its last day)", RULE)
                        .column("week_end", "Last day of the week: the state of each opportunity at its end", RULE)
                        .column("dimension", "owner, territory or ALL", RULE)
                        .column("dimension_value", "The owner_id or territory (missing: unassigned), or ALL", RULE)
                        .column("commit", "Sum of amount (reporting currency, at the state's close-date rate) of the "
                                + "opportunities in commit at the week end with close_date in the quarter", RULE)
                        .column("best_case", "The same for best_case (not cumulative)", RULE)
                        .column("pipeline", "The same for pipeline (not cumulative)", RULE)
                        .column("commit_deals", "Number of deals in commit", RULE)
                        .column("actual_revenue", "Won revenue of the quarter (won deals closed in it), as of the "
                                + "run date", "METRICS.md Revenue of a won opportunity")
                        .column("won_deals", "Won deals closed in the quarter", RULE)
                        .column("accuracy", "actual_revenue / commit (6 decimals; null when commit is 0)", RULE)
                        .column("quarter_index", "4 x fiscal year + quarter - 1 of quarter",
                                "METRICS.md Fiscal calendar")
                        .build(),
                TableDoc.gold("surprise_deals", "Revenue nobody called: deals won in a quarter that were never in "
                                + "commit for it at a week end before its last forecast.surprise-window-days (14).",
                                RULE)
                        .column("quarter", "Fiscal quarter the deal closed in", "METRICS.md Fiscal calendar")
                        .column("created_date", "Date of the opportunity's created_at")
                        .column("close_date", "The deal's close date")
                        .column("revenue", "Won revenue (reporting currency)", "METRICS.md Revenue of a won "
                                + "opportunity")
                        .column("revenue_source", "orders, or opportunity when the deal has no orders",
                                "METRICS.md Revenue of a won opportunity")
                        .column("commit_cutoff_date", "Last week end that counts: quarter end - 14 days", RULE)
                        .column("first_commit_week_end", "First week end it was in commit for the quarter at all "
                                + "(null: never)", RULE)
                        .column("quarter_index", "4 x fiscal year + quarter - 1 of quarter",
                                "METRICS.md Fiscal calendar")
                        .build());
    }
}
