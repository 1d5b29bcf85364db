package io.glengarry.report.spend;

import io.glengarry.conform.FiscalCalendar;
import io.glengarry.conform.LeadIdentity;
import io.glengarry.report.Rates;
import io.glengarry.report.attribution.AttributionModels;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * Gold {@code spend_reconciliation} (METRICS.md, pure): per (fiscal quarter, channel) the ledger spend in reporting
 * currency, leads created, prospects, opportunities created, won deals, attributed revenue under one model, and
 * cost per lead, cost per opportunity, CAC, ROI and ROAS (null where the denominator is 0).
 * <ul>
 *   <li>spend: Σ amount_reporting of the ledger lines posted in the quarter, under {@link SpendLedger}'s channel;</li>
 *   <li>leads, prospects: persons (lead_journey) created / reaching prospect in the quarter, by the person's
 *       channel;</li>
 *   <li>opportunities: opportunities created in the quarter (up to the run date), won_deals: won opportunities
 *       closed in the quarter, both by the channel of their primary lead's person; an opportunity without a
 *       converted lead (sales-sourced) counts under {@code unattributed};</li>
 *   <li>attributed_revenue: Σ attribution_credit of the model and scope, by the credit's closed quarter and channel
 *       ({@code unattributed} included).</li>
 * </ul>
 */
public final class SpendReconciliation {
    public static final String TOTAL = "TOTAL";
    public static final String ALL = "ALL";
    static final String RATIO_TYPE = "decimal(20,6)";
    static final String[] COUNTS = {"spend_lines", "leads", "prospects", "opportunities", "won_deals"};

    private SpendReconciliation() {
    }

    /**
     * @param ledger        {@link SpendLedger#lines}
     * @param journeys      silver lead_journey (person_id, channel, created_at, prospect_at)
     * @param leads         silver leads (lead_id, created_at, converted_opportunity_id, person_id)
     * @param opportunities silver opportunities (opportunity_id, created_at)
     * @param won           silver won_opportunities (opportunity_id, closed_quarter_index, person_id)
     * @param credits       gold attribution_credit of the night (scope, model, closed_quarter_index, channel, credit)
     * @param scope         the attribution scope whose credits count (lead or account)
     */
    public static Dataset<Row> compute(Dataset<Row> ledger, Dataset<Row> journeys, Dataset<Row> leads,
                                       Dataset<Row> opportunities, Dataset<Row> won, Dataset<Row> credits,
                                       String model, String scope, FiscalCalendar calendar, LocalDate asOf) {
        Column asOfDate = lit(java.sql.Date.valueOf(asOf));
        Dataset<Row> personChannel = journeys.select(col(LeadIdentity.PERSON_ID).as("pc_person"),
                col("channel").as("person_channel"));

        Dataset<Row> spend = ledger.groupBy(col("fiscal_quarter_index"), col("spend_channel").as("channel"))
                .agg(sum("amount_reporting").as("spend"), count(lit(1)).as("spend_lines"));
        Dataset<Row> created = journeys.groupBy(calendar.quarterIndex(to_date(col("created_at")))
                        .as("fiscal_quarter_index"), col("channel"))
                .agg(count(lit(1)).as("leads"));
        Dataset<Row> prospects = journeys.filter(col("prospect_at").isNotNull())
                .groupBy(calendar.quarterIndex(to_date(col("prospect_at"))).as("fiscal_quarter_index"), col("channel"))
                .agg(count(lit(1)).as("prospects"));

        Dataset<Row> primaryLead = leads.filter(col("converted_opportunity_id").isNotNull())
                .withColumn("_rank", row_number().over(Window.partitionBy("converted_opportunity_id")
                        .orderBy(col("created_at"), col("lead_id"))))
                .filter(col("_rank").equalTo(1))
                .select(col("converted_opportunity_id").as("pl_opportunity_id"),
                        col(LeadIdentity.PERSON_ID).as("pl_person"));
        Dataset<Row> opened = opportunities.filter(to_date(col("created_at")).leq(asOfDate))
                .join(primaryLead, col("opportunity_id").equalTo(col("pl_opportunity_id")), "left")
                .join(personChannel, col("pl_person").equalTo(col("pc_person")), "left")
                .groupBy(calendar.quarterIndex(to_date(col("created_at"))).as("fiscal_quarter_index"),
                        dealChannel().as("channel"))
                .agg(count(lit(1)).as("opportunities"));
        Dataset<Row> wonDeals = won.join(personChannel, col(LeadIdentity.PERSON_ID).equalTo(col("pc_person")), "left")
                .groupBy(col("closed_quarter_index").as("fiscal_quarter_index"), dealChannel().as("channel"))
                .agg(count(lit(1)).as("won_deals"));
        Dataset<Row> attributed = credits.filter(col("model").equalTo(model).and(col("scope").equalTo(scope)))
                .groupBy(col("closed_quarter_index").as("fiscal_quarter_index"), col("channel"))
                .agg(sum("credit").as("attributed_revenue"));

        Dataset<Row> parts = withAll(spend).unionByName(withAll(created)).unionByName(withAll(prospects))
                .unionByName(withAll(opened)).unionByName(withAll(wonDeals)).unionByName(withAll(attributed));
        Dataset<Row> combined = parts.groupBy("fiscal_quarter_index", "channel")
                .agg(sum("spend").as("spend"), sum("spend_lines").as("spend_lines"), sum("leads").as("leads"),
                        sum("prospects").as("prospects"), sum("opportunities").as("opportunities"),
                        sum("won_deals").as("won_deals"), sum("attributed_revenue").as("attributed_revenue"));
        return withRatios(combined.withColumn("fiscal_quarter", FiscalCalendar.label(col("fiscal_quarter_index"))),
                model, scope, asOf);
    }

    /** The person's channel of a deal's primary lead; no converted lead: {@code unattributed}. */
    private static Column dealChannel() {
        return coalesce(col("person_channel"), lit(AttributionModels.UNATTRIBUTED));
    }

    /** A partial row with every measure present (0 where the part has none), for one union and one groupBy. */
    private static Dataset<Row> withAll(Dataset<Row> part) {
        Dataset<Row> out = part;
        for (String measure : new String[] {"spend", "attributed_revenue"}) {
            out = out.withColumn(measure, has(part, measure) ? coalesce(col(measure), lit(0)).cast(Rates.MONEY_TYPE)
                    : lit(0).cast(Rates.MONEY_TYPE));
        }
        for (String measure : COUNTS) {
            out = out.withColumn(measure, has(part, measure) ? col(measure).cast("long") : lit(0L));
        }
        return out.select(col("fiscal_quarter_index").cast("int").as("fiscal_quarter_index"), col("channel"),
                col("spend"), col("spend_lines"), col("leads"), col("prospects"), col("opportunities"),
                col("won_deals"), col("attributed_revenue"));
    }

    private static boolean has(Dataset<Row> rows, String column) {
        return java.util.Arrays.asList(rows.columns()).contains(column);
    }

    /** The report's columns, in their documented order, with the ratios computed from the row's sums. */
    static Dataset<Row> withRatios(Dataset<Row> sums, String model, String scope, LocalDate asOf) {
        Column spend = col("spend");
        Column attributed = col("attributed_revenue");
        return sums.select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), col("fiscal_quarter"), col("channel"),
                spend.cast(Rates.MONEY_TYPE).as("spend"), col("spend_lines"), col("leads"), col("prospects"),
                col("opportunities"), col("won_deals"), attributed.cast(Rates.MONEY_TYPE).as("attributed_revenue"),
                Rates.moneyPer(spend, col("leads")).as("cost_per_lead"),
                Rates.moneyPer(spend, col("opportunities")).as("cost_per_opportunity"),
                Rates.moneyPer(spend, col("won_deals")).as("cac"),
                ratio(attributed.minus(spend), spend).as("roi"),
                ratio(attributed, spend).as("roas"),
                lit(model).as("attribution_model"),
                lit(scope).as("attribution_scope"),
                col("fiscal_quarter_index"));
    }

    /** numerator / spend, 6 decimals half-up; null when spend is 0 (a negative net spend still divides). */
    private static Column ratio(Column numerator, Column spend) {
        return when(spend.notEqual(0), round(numerator.divide(spend), 6)).cast(RATIO_TYPE);
    }

    /**
     * The export view: the report's rows ({@code is_total} false) and one totals row last — fiscal_quarter
     * {@code TOTAL}, channel {@code ALL}, every measure summed and every ratio computed from the sums. The gold
     * table has no totals row (summing it would count twice).
     */
    public static Dataset<Row> withTotals(Dataset<Row> report, String model, String scope, LocalDate asOf) {
        Dataset<Row> sums = report.agg(sum("spend").as("spend"), sum("spend_lines").as("spend_lines"),
                        sum("leads").as("leads"), sum("prospects").as("prospects"),
                        sum("opportunities").as("opportunities"), sum("won_deals").as("won_deals"),
                        sum("attributed_revenue").as("attributed_revenue"))
                .select(lit(TOTAL).as("fiscal_quarter"), lit(ALL).as("channel"),
                        coalesce(col("spend"), lit(0)).as("spend"), coalesce(col("spend_lines"), lit(0L))
                                .as("spend_lines"),
                        coalesce(col("leads"), lit(0L)).as("leads"), coalesce(col("prospects"), lit(0L))
                                .as("prospects"),
                        coalesce(col("opportunities"), lit(0L)).as("opportunities"),
                        coalesce(col("won_deals"), lit(0L)).as("won_deals"),
                        coalesce(col("attributed_revenue"), lit(0)).as("attributed_revenue"),
                        lit(null).cast("int").as("fiscal_quarter_index"));
        return report.withColumn("is_total", lit(false))
                .unionByName(withRatios(sums, model, scope, asOf).withColumn("is_total", lit(true)));
    }

    /** Quarter rows by quarter and channel, the totals row last. */
    public static String[] exportSortKeys() {
        return new String[] {"is_total", "fiscal_quarter_index", "channel"};
    }
}
