package io.glengarry.report.hygiene;

import io.glengarry.catalog.TableDoc;

import java.util.List;

/** gold.crm_hygiene and gold.crm_hygiene_summary, column by column (METRICS.md crm_hygiene). */
public final class CrmHygieneDocs {
    static final String RULE = "METRICS.md crm_hygiene; docs/rules.md CRM hygiene and forecast";

    private CrmHygieneDocs() {
    }

    public static List<TableDoc> tables() {
        TableDoc.Builder summary = TableDoc.gold("crm_hygiene_summary", "Hygiene per (close quarter, owner, "
                                + "territory): open pipeline and the flagged deals and amounts, per flag.", RULE)
                .column("close_quarter", "Fiscal quarter of the opportunities' current close_date",
                        "METRICS.md Fiscal calendar")
                .column("owner_id", "Sales owner (null: none; its own group)")
                .column("territory", "Territory (null: none; its own group)")
                .column("opportunities", "Current opportunities in the group", RULE)
                .column("open_pipeline_amount", "Sum of amount_reporting of the open ones (reporting currency)", RULE)
                .column("flagged_deals", "Deals with any flag", RULE)
                .column("flagged_amount", "Sum of the flagged deals' deal_amount", RULE)
                .column("close_quarter_index", "4 x fiscal year + quarter - 1 of close_quarter",
                        "METRICS.md Fiscal calendar");
        for (String flag : CrmHygiene.FLAGS) {
            summary.column(flag + "_deals", "Deals flagged " + flag, RULE)
                    .column(flag + "_amount", "Sum of deal_amount of the deals flagged " + flag, RULE);
        }
        return List.of(TableDoc.gold("crm_hygiene", "Where the CRM is being gamed: one row per current opportunity "
                                + "with every flag (true/false) and the columns that prove it.", RULE)
                        .column("close_quarter", "Fiscal quarter of the current close_date", "METRICS.md Fiscal "
                                + "calendar")
                        .column("amount_reporting", "amount in reporting currency at the close_date's rate (null: no "
                                + "rate)", "METRICS.md Reporting currency")
                        .column("revenue", "Won revenue (orders, else amount; reporting currency); null unless won",
                                "METRICS.md Revenue of a won opportunity")
                        .column("deal_amount", "revenue if won, else amount_reporting: the amount the flags weigh",
                                RULE)
                        .column("same_day_close", "Won on the day it was created with revenue >= "
                                + "hygiene.same-day-min-amount (100000)", RULE)
                        .column("created_date", "Date of created_at")
                        .column("stale_open", "Open and not modified for more than hygiene.stale-days (60)", RULE)
                        .column("last_modified_date", "Date of last_modified_at")
                        .column("days_since_modified", "Run date - last_modified_date, in days")
                        .column("close_date_pushed", "close_date moved into a later fiscal quarter at least once",
                                RULE)
                        .column("close_date_pushed_chronic", "Pushed hygiene.chronic-push-count (3) times or more",
                                RULE)
                        .column("close_date_pushes", "Moves of close_date into a later fiscal quarter", RULE)
                        .column("first_close_date", "close_date of the first history row")
                        .column("stage_regression", "Stage moved backwards in hygiene.stage-order (closed stages "
                                + "terminal; reopening is a regression)", RULE)
                        .column("stage_regressions", "Number of backward moves", RULE)
                        .column("first_regression_at", "When the first backward move happened")
                        .column("regression_from_stage", "Stage before the first backward move")
                        .column("regression_to_stage", "Stage after the first backward move")
                        .column("won_without_source", "Won with no converted lead and no lead_source", RULE)
                        .column("primary_lead_id", "Earliest-created lead converted into the opportunity (null: "
                                + "sales-sourced)", "METRICS.md Revenue of a won opportunity")
                        .column("late_close_entry", "First marked Closed Won more than hygiene.late-entry-days (7) "
                                + "after its close_date", RULE)
                        .column("marked_won_at", "First history row in the won stage")
                        .column("late_entry_days", "Date of marked_won_at - close_date, in days")
                        .column("amount_changed_after_close", "amount edited after the first Closed Won history row",
                                RULE)
                        .column("amount_at_close", "amount on the first Closed Won history row (own currency)")
                        .column("amount_changes_after_close", "Number of amount changes after it")
                        .column("last_amount_after_close", "The last amount after it (own currency)")
                        .column("flags", "Number of flags raised (chronic is a degree of close_date_pushed, not "
                                + "counted again)", RULE)
                        .column("close_quarter_index", "4 x fiscal year + quarter - 1 of close_quarter",
                                "METRICS.md Fiscal calendar")
                        .build(),
                summary.build());
    }
}
