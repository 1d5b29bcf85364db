package io.glengarry.explain;

import io.glengarry.report.hygiene.CrmHygiene;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

/**
 * crm_hygiene explained for one opportunity: each raised flag with the rows that raised it - the history rows that
 * pushed the close date, moved the stage back or changed the amount after close, the row that first marked it won
 * (late entry), or the opportunity's own row (same-day close, stale, won without source). A flag's evidence is
 * found anew from the night's silver, so a flag without evidence (or evidence of a flag not raised) is a difference.
 */
final class HygieneExplanation {
    private HygieneExplanation() {
    }

    static ReportExplanation crmHygiene() {
        return ReportExplanation.of("crm_hygiene", "opportunity_id")
                .measure("same_day_close", (in, row, m) -> ownRow(in, row, m, concat_ws(" ", lit("created"),
                        col("_created_date").cast("string"), lit("and closed won the same day, revenue"),
                        col("_revenue").cast("string"))))
                .measure("stale_open", (in, row, m) -> ownRow(in, row, m, concat_ws(" ", lit("open, last modified"),
                        col("_last_modified_date").cast("string"), lit("-"), col("_days_since_modified").cast("string"),
                        lit("days before the run date"))))
                .measure("won_without_source", (in, row, m) -> ownRow(in, row, m,
                        lit("won with no converted lead and a blank lead_source")))
                .measure("close_date_pushed", (in, row, m) -> history(in, row, m, "is_push", pushDetail()))
                .measure("close_date_pushes", (in, row, m) -> history(in, row, m, "is_push", pushDetail()))
                .measure("stage_regression", (in, row, m) -> history(in, row, m, "is_regression",
                        regressionDetail()))
                .measure("stage_regressions", (in, row, m) -> history(in, row, m, "is_regression",
                        regressionDetail()))
                .measure("late_close_entry", HygieneExplanation::lateEntry)
                .measure("amount_changed_after_close", (in, row, m) -> history(in, row, m,
                        "is_amount_change_after_close", amountDetail()))
                .measure("amount_changes_after_close", (in, row, m) -> history(in, row, m,
                        "is_amount_change_after_close", amountDetail()))
                .build("same_day_close", "stale_open", "close_date_pushed", "stage_regression", "won_without_source",
                        "late_close_entry", "amount_changed_after_close");
    }

    /** The opportunity's own row when the flag, recomputed from the night's silver, is raised. */
    private static Dataset<Row> ownRow(NightInputs in, Row row, String flag, Column detail) {
        Dataset<Row> raised = recomputed(in, row).filter(col(flag))
                .select(col("opportunity_id").as("_flagged"), col("created_date").as("_created_date"),
                        col("revenue").as("_revenue"), col("last_modified_date").as("_last_modified_date"),
                        col("days_since_modified").as("_days_since_modified"));
        Dataset<Row> cited = raised.join(opportunity(in, row), col("_flagged").equalTo(col("opportunity_id")));
        return Evidence.of(cited, flag, col("_flagged"), "opportunity", col("_flagged"), detail, lit(1));
    }

    /** The first history row in the won stage, when late_close_entry, recomputed, is raised. */
    private static Dataset<Row> lateEntry(NightInputs in, Row row, String flag) {
        Dataset<Row> raised = recomputed(in, row).filter(col(flag)).select(col("opportunity_id").as("_flagged"),
                col("marked_won_at").as("_marked_won_at"), col("late_entry_days").as("_late_entry_days"),
                col("close_date").as("_close_date"));
        Dataset<Row> wonRow = raised.join(history(in, row), col("_flagged").equalTo(col("opportunity_id"))
                .and(col("changed_at").equalTo(col("_marked_won_at"))));
        return Evidence.of(Evidence.firstPer(wonRow, "_flagged", col("source_line")), flag, col("_flagged"),
                "opportunity_history", historyId(), concat_ws(" ", lit("first marked"), col("stage"),
                        PersonEvidence.time(col("changed_at")), lit("-"), col("_late_entry_days").cast("string"),
                        lit("days after the close date"), col("_close_date").cast("string")), lit(1));
    }

    /** The history rows of the opportunity that did what {@code marker} marks (CrmHygiene.historyRows). */
    private static Dataset<Row> history(NightInputs in, Row row, String measure, String marker, Column detail) {
        Dataset<Row> marked = CrmHygiene.historyRows(history(in, row), in.calendar(), in.hygiene())
                .filter(col(marker));
        return Evidence.of(marked, measure, col("opportunity_id"), "opportunity_history", historyId(), detail,
                lit(1));
    }

    private static Dataset<Row> recomputed(NightInputs in, Row row) {
        return CrmHygiene.compute(opportunity(in, row), history(in, row),
                in.silver("won_opportunities").filter(sameOpportunity(row)), in.calendar(), in.hygiene(),
                in.asOf());
    }

    private static Dataset<Row> opportunity(NightInputs in, Row row) {
        return in.silver("opportunities").filter(sameOpportunity(row));
    }

    private static Dataset<Row> history(NightInputs in, Row row) {
        return in.silver("opportunity_history").filter(sameOpportunity(row));
    }

    private static Column sameOpportunity(Row row) {
        return col("opportunity_id").equalTo(row.<String>getAs("opportunity_id"));
    }

    /** A history row has no id of its own: the opportunity and the time of the change name it. */
    private static Column historyId() {
        return concat_ws(" ", col("opportunity_id"), PersonEvidence.time(col("changed_at")));
    }

    private static Column pushDetail() {
        return concat_ws(" ", lit("close_date"), col("prev_close_date").cast("string"), lit("->"),
                col("close_date").cast("string"), lit("(a later fiscal quarter)"));
    }

    private static Column regressionDetail() {
        return concat_ws(" ", lit("stage"), col("prev_ranked_stage"), lit("->"), col("stage"));
    }

    private static Column amountDetail() {
        return concat_ws(" ", lit("amount"), col("prev_amount").cast("string"), lit("->"),
                col("amount").cast("string"), lit("after Closed Won"), PersonEvidence.time(col("first_won_at")));
    }
}
