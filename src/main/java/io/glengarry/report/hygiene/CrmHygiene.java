package io.glengarry.report.hygiene;

import io.glengarry.config.Settings;
import io.glengarry.conform.FiscalCalendar;
import io.glengarry.report.Rates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * {@code crm_hygiene} (METRICS.md): one row per current opportunity with the flags that show where the CRM is
 * being gamed, each with its evidence columns; and {@code crm_hygiene_summary} per (close quarter, owner,
 * territory). The flags (rules in docs/rules.md):
 * <ul>
 *   <li>{@code same_day_close}: won, created on its close_date, won revenue >= the threshold;</li>
 *   <li>{@code stale_open}: open, last modified more than {@code stale-days} days before the run date;</li>
 *   <li>{@code close_date_pushed}: a history row moved close_date into a later fiscal quarter than the row
 *       before it (count in {@code close_date_pushes}; {@code _chronic} at the threshold);</li>
 *   <li>{@code stage_regression}: a history row ranks below the previous ranked one (closed stages terminal);</li>
 *   <li>{@code won_without_source}: won, no converted lead and a blank lead_source;</li>
 *   <li>{@code late_close_entry}: the first history row in the won stage is dated more than
 *       {@code late-entry-days} after the close_date;</li>
 *   <li>{@code amount_changed_after_close}: a history row after the first won row changed the amount.</li>
 * </ul>
 * Pure: silver in, report out.
 */
public final class CrmHygiene {
    public static final List<String> FLAGS = List.of("same_day_close", "stale_open", "close_date_pushed",
            "close_date_pushed_chronic", "stage_regression", "won_without_source", "late_close_entry",
            "amount_changed_after_close");

    private CrmHygiene() {
    }

    /**
     * @param opportunities silver opportunities (current, not deleted; amount_reporting, closed_quarter_index)
     * @param history       silver opportunity_history
     * @param won           silver won_opportunities (revenue, primary_lead_id)
     */
    public static Dataset<Row> compute(Dataset<Row> opportunities, Dataset<Row> history, Dataset<Row> won,
                                       FiscalCalendar calendar, HygieneRules rules, LocalDate asOf) {
        Dataset<Row> evidence = historyEvidence(history, calendar, rules);
        Dataset<Row> wonRevenue = won.select(col("opportunity_id").as("won_opportunity_id"), col("revenue"),
                col("primary_lead_id"));
        Dataset<Row> joined = opportunities
                .join(evidence, opportunities.col("opportunity_id").equalTo(evidence.col("h_opportunity_id")), "left")
                .join(wonRevenue, opportunities.col("opportunity_id").equalTo(wonRevenue.col("won_opportunity_id")),
                        "left");

        Column isWon = coalesce(col("is_won"), lit(false));
        Column isOpen = coalesce(col("is_closed"), lit(false)).equalTo(false);
        Column createdDate = to_date(col("created_at"));
        Column lastModifiedDate = to_date(col("last_modified_at"));
        Column daysSinceModified = datediff(lit(java.sql.Date.valueOf(asOf)), lastModifiedDate);
        Column lateEntryDays = datediff(to_date(col("marked_won_at")), col("close_date"));
        Column pushes = coalesce(col("close_date_pushes"), lit(0L));
        Column regressions = coalesce(col("stage_regressions"), lit(0L));
        Column amountChanges = coalesce(col("amount_changes_after_close"), lit(0L));
        Column blankSource = col("lead_source").isNull().or(trim(col("lead_source")).equalTo(""));

        Dataset<Row> flagged = joined.select(
                lit(java.sql.Date.valueOf(asOf)).as("as_of"),
                col("opportunity_id"), col("owner_id"), col("territory"),
                FiscalCalendar.label(col("closed_quarter_index")).as("close_quarter"),
                col("stage"), col("is_closed"), col("is_won"), col("forecast_category"),
                col("currency"), col("amount"), col("amount_reporting"), col("revenue"),
                when(isWon, col("revenue")).otherwise(col("amount_reporting")).cast(Rates.MONEY_TYPE)
                        .as("deal_amount"),
                isTrue(isWon.and(createdDate.equalTo(col("close_date")))
                        .and(col("revenue").geq(lit(rules.sameDayMinAmount())))).as("same_day_close"),
                createdDate.as("created_date"), col("close_date"),
                isTrue(isOpen.and(daysSinceModified.gt(rules.staleDays()))).as("stale_open"),
                lastModifiedDate.as("last_modified_date"), daysSinceModified.as("days_since_modified"),
                pushes.gt(0).as("close_date_pushed"),
                pushes.geq(rules.chronicPushCount()).as("close_date_pushed_chronic"),
                pushes.cast("int").as("close_date_pushes"), col("first_close_date"),
                regressions.gt(0).as("stage_regression"), regressions.cast("int").as("stage_regressions"),
                col("first_regression_at"), col("regression_from_stage"), col("regression_to_stage"),
                isWon.and(col("primary_lead_id").isNull()).and(blankSource).as("won_without_source"),
                col("lead_source"), col("primary_lead_id"),
                isTrue(isWon.and(lateEntryDays.gt(rules.lateEntryDays()))).as("late_close_entry"),
                col("marked_won_at"), lateEntryDays.as("late_entry_days"),
                amountChanges.gt(0).as("amount_changed_after_close"), col("amount_at_close"),
                amountChanges.cast("int").as("amount_changes_after_close"), col("last_amount_after_close"),
                col("closed_quarter_index").as("close_quarter_index"));
        Column flagCount = lit(0);
        for (String flag : FLAGS) {
            if (!flag.equals("close_date_pushed_chronic")) {
                flagCount = flagCount.plus(when(col(flag), 1).otherwise(0));
            }
        }
        return flagged.withColumn("flags", flagCount.cast("int"));
    }

    /**
     * Per opportunity, from its history ordered by changed_at: close_date pushes into a later quarter, stage
     * regressions, the first row in the won stage and amount changes after it.
     */
    static Dataset<Row> historyEvidence(Dataset<Row> history, FiscalCalendar calendar, HygieneRules rules) {
        String wonStage = rules.wonStage();
        Dataset<Row> rows = historyRows(history, calendar, rules);
        Column regressionAt = when(col("is_regression"), col("changed_at"));
        Column wonRowAt = when(col("stage").equalTo(wonStage), col("changed_at"));
        Column changeAt = when(col("is_amount_change_after_close"), col("changed_at"));
        return rows.groupBy(col("opportunity_id").as("h_opportunity_id")).agg(
                sum(when(col("is_push"), 1).otherwise(0)).cast("long").as("close_date_pushes"),
                min_by(col("close_date"), col("changed_at")).as("first_close_date"),
                sum(when(col("is_regression"), 1).otherwise(0)).cast("long").as("stage_regressions"),
                min(regressionAt).as("first_regression_at"),
                min_by(col("prev_ranked_stage"), regressionAt).as("regression_from_stage"),
                min_by(col("stage"), regressionAt).as("regression_to_stage"),
                min(wonRowAt).as("marked_won_at"),
                min_by(col("amount"), wonRowAt).as("amount_at_close"),
                sum(when(col("is_amount_change_after_close"), 1).otherwise(0)).cast("long")
                        .as("amount_changes_after_close"),
                max_by(col("amount"), changeAt).as("last_amount_after_close"),
                count(lit(1)).as("history_rows"));
    }

    /**
     * The history rows, each marked with what it did: {@code is_push} (close_date into a later quarter than the row
     * before), {@code is_regression} (below the previous ranked stage, {@code prev_ranked_stage}),
     * {@code is_amount_change_after_close} (amount changed after {@code first_won_at}), with {@code prev_close_date}
     * and {@code prev_amount}: what the flags count, row by row (explain cites these rows).
     */
    public static Dataset<Row> historyRows(Dataset<Row> history, FiscalCalendar calendar, HygieneRules rules) {
        WindowSpec byTime = Window.partitionBy("opportunity_id").orderBy(col("changed_at"));
        WindowSpec before = byTime.rowsBetween(Window.unboundedPreceding(), -1);
        WindowSpec whole = Window.partitionBy("opportunity_id");
        String wonStage = rules.wonStage();
        Column rank = stageRank(col("stage"), rules);
        return history
                .withColumn("stage_rank", rank)
                .withColumn("prev_close_date", lag(col("close_date"), 1).over(byTime))
                .withColumn("prev_amount", lag(col("amount"), 1).over(byTime))
                .withColumn("row_in_history", org.apache.spark.sql.functions.row_number().over(byTime))
                // the previous row whose stage is in the order (unknown stages are skipped)
                .withColumn("prev_rank", last(col("stage_rank"), true).over(before))
                .withColumn("prev_ranked_stage", last(when(col("stage_rank").isNotNull(), col("stage")), true)
                        .over(before))
                .withColumn("first_won_at", min(when(col("stage").equalTo(wonStage), col("changed_at"))).over(whole))
                .withColumn("is_push", isTrue(calendar.quarterIndex(col("close_date"))
                        .gt(calendar.quarterIndex(col("prev_close_date")))))
                .withColumn("is_regression", isTrue(col("stage_rank").lt(col("prev_rank"))))
                .withColumn("is_amount_change_after_close", isTrue(col("changed_at").gt(col("first_won_at"))
                        .and(col("row_in_history").gt(1))
                        .and(col("amount").eqNullSafe(col("prev_amount")).equalTo(false))));
    }

    /** Open stages rank 1, 2, ... in order; every closed stage ranks one above the last open one; others null. */
    static Column stageRank(Column stage, HygieneRules rules) {
        Column rank = null;
        int open = 0;
        for (String s : rules.stageOrder()) {
            int r = Settings.isClosedStage(s) ? rules.closedRank() : ++open;
            rank = rank == null ? when(stage.equalTo(s), r) : rank.when(stage.equalTo(s), r);
        }
        return rank;
    }

    /**
     * {@code crm_hygiene_summary}: per (close quarter, owner, territory) the opportunities, the open pipeline
     * (sum of open amount_reporting), the flagged deals (any flag) and their amount, and per flag its deals and
     * amount ({@code deal_amount}: won revenue for won deals, else amount_reporting; a deal without a converted
     * amount counts but adds nothing).
     */
    public static Dataset<Row> summary(Dataset<Row> hygiene) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(count(lit(1)).as("opportunities"));
        aggregates.add(money(sum(when(col("is_closed").equalTo(false), col("amount_reporting"))))
                .as("open_pipeline_amount"));
        Column anyFlag = col("flags").gt(0);
        aggregates.add(sum(when(anyFlag, 1).otherwise(0)).cast("long").as("flagged_deals"));
        aggregates.add(money(sum(when(anyFlag, col("deal_amount")))).as("flagged_amount"));
        for (String flag : FLAGS) {
            aggregates.add(sum(when(col(flag), 1).otherwise(0)).cast("long").as(flag + "_deals"));
            aggregates.add(money(sum(when(col(flag), col("deal_amount")))).as(flag + "_amount"));
        }
        Dataset<Row> grouped = hygiene.groupBy(col("as_of"), col("close_quarter_index"), col("owner_id"),
                col("territory")).agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
        List<Column> out = new ArrayList<>();
        out.add(col("as_of"));
        out.add(FiscalCalendar.label(col("close_quarter_index")).as("close_quarter"));
        out.add(col("owner_id"));
        out.add(col("territory"));
        for (String c : grouped.columns()) {
            if (!List.of("as_of", "close_quarter_index", "owner_id", "territory").contains(c)) {
                out.add(col(c));
            }
        }
        out.add(col("close_quarter_index"));
        return grouped.select(out.toArray(new Column[0]));
    }

    private static Column isTrue(Column condition) {
        return coalesce(condition, lit(false));
    }

    private static Column money(Column sum) {
        return coalesce(sum, lit(0)).cast(Rates.MONEY_TYPE);
    }

    public static String[] sortKeys() {
        return new String[] {"opportunity_id"};
    }

    public static String[] summarySortKeys() {
        return new String[] {"close_quarter_index", "owner_id", "territory"};
    }
}
