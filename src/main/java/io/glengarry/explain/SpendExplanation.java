package io.glengarry.explain;

import io.glengarry.conform.LeadIdentity;
import io.glengarry.report.attribution.AttributionModels;
import io.glengarry.report.spend.SpendLedger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;

/**
 * spend_reconciliation explained for one (fiscal quarter, channel): the ledger lines of its spend, the persons
 * created and reaching prospect in it, the opportunities created and deals won in it (under their primary lead's
 * channel, else unattributed), and the credit rows of its attributed revenue (its attribution_model and scope).
 */
final class SpendExplanation {
    private SpendExplanation() {
    }

    static ReportExplanation spendReconciliation() {
        return ReportExplanation.of("spend_reconciliation", "fiscal_quarter", "channel")
                .measure("spend", (in, row, m) -> ledgerLines(in, row, m, col("amount_reporting")))
                .measure("spend_lines", (in, row, m) -> ledgerLines(in, row, m, lit(1)))
                .measure("leads", (in, row, m) -> PersonEvidence.created(personsOf(in, row, "created_at"),
                        in.silver("leads"), m))
                .measure("prospects", (in, row, m) -> PersonEvidence.prospects(personsOf(in, row, "prospect_at"),
                        in.silver("leads"), in.silver("opportunities"), m))
                .measure("opportunities", (in, row, m) -> opportunities(in, row, m))
                .measure("won_deals", (in, row, m) -> DealEvidence.deals(inQuarterAndChannel(
                        withPersonChannel(in, in.silver("won_opportunities").select(col("opportunity_id"),
                                col("revenue"), col(LeadIdentity.PERSON_ID), col("closed_quarter_index"))),
                        "closed_quarter_index", row), in.silver("opportunities"), m))
                .measure("attributed_revenue", (in, row, m) -> CreditEvidence.credits(
                        in.gold("attribution_credit").filter(col("model").equalTo(row.<String>getAs(
                                        "attribution_model")).and(col("scope").equalTo(row.<String>getAs(
                                        "attribution_scope"))).and(col("closed_quarter_index").equalTo(
                                        row.<Integer>getAs("fiscal_quarter_index")))
                                .and(col("channel").equalTo(row.<String>getAs("channel")))),
                        in.silver("touches"), in.silver("opportunities"), m))
                .build();
    }

    /** The quarter's ledger lines under the row's channel, with the rate each was converted at. */
    private static Dataset<Row> ledgerLines(NightInputs in, Row row, String measure, Column value) {
        Dataset<Row> lines = SpendLedger.lines(in.silver("spend"), in.silver("campaigns"), in.channelTable(),
                        in.calendar())
                .filter(col("fiscal_quarter_index").equalTo(row.<Integer>getAs("fiscal_quarter_index"))
                        .and(col("spend_channel").equalTo(row.<String>getAs("channel"))));
        Dataset<Row> dated = Evidence.withRateDate(lines, "entry_id", col("posted_date"), in.silver("fx_rates"));
        return Evidence.withMoney(dated, measure, col("entry_id"), "spend", col("entry_id"),
                concat_ws(" ", lit("posted"), col("posted_date").cast("string"), col("amount").cast("string"),
                        col("currency"), coalesce(col("vendor"), lit("")), lit("- channel from the"),
                        col("channel_source")),
                value, col("fx_rate"), col(Evidence.FX_RATE_DATE));
    }

    /** Persons under the row's channel whose {@code stage} time falls in the row's quarter. */
    private static Dataset<Row> personsOf(NightInputs in, Row row, String stage) {
        return in.silver("lead_journey").filter(col("channel").equalTo(row.<String>getAs("channel"))
                .and(in.calendar().quarterIndex(to_date(col(stage))).equalTo(
                        row.<Integer>getAs("fiscal_quarter_index"))));
    }

    /** Opportunities created in the quarter (by the run date) under their primary lead's person's channel. */
    private static Dataset<Row> opportunities(NightInputs in, Row row, String measure) {
        Dataset<Row> leads = in.silver("leads");
        Dataset<Row> primaryLead = leads.filter(col("converted_opportunity_id").isNotNull())
                .withColumn("_rank", row_number().over(Window.partitionBy("converted_opportunity_id")
                        .orderBy(col("created_at"), col("lead_id"))))
                .filter(col("_rank").equalTo(1))
                .select(col("converted_opportunity_id").as("_primary_of"), col(LeadIdentity.PERSON_ID));
        Dataset<Row> opened = in.silver("opportunities").filter(to_date(col("created_at")).leq(lit(in.asOfDate())))
                .select(col("opportunity_id"), col("created_at"))
                .join(primaryLead, col("opportunity_id").equalTo(col("_primary_of")), "left")
                .withColumn("_created_quarter", in.calendar().quarterIndex(to_date(col("created_at"))));
        Dataset<Row> chosen = inQuarterAndChannel(withPersonChannel(in, opened), "_created_quarter", row)
                .select(col("opportunity_id").as("_opened"), col("_deal_channel"));
        Dataset<Row> cited = chosen.join(in.silver("opportunities"), col("_opened").equalTo(col("opportunity_id")));
        return Evidence.of(cited, measure, col("_opened"), "opportunity", col("_opened"),
                concat_ws(" ", lit("created"), PersonEvidence.time(col("created_at")), lit("under"),
                        col("_deal_channel")), lit(1));
    }

    /** Adds {@code _deal_channel}: the channel of the row's person (person_id), unattributed without one. */
    private static Dataset<Row> withPersonChannel(NightInputs in, Dataset<Row> rows) {
        Dataset<Row> personChannel = in.silver("lead_journey").select(col(LeadIdentity.PERSON_ID).as("_pc_person"),
                col("channel").as("_person_channel"));
        return rows.join(personChannel, col(LeadIdentity.PERSON_ID).equalTo(col("_pc_person")), "left")
                .withColumn("_deal_channel", coalesce(col("_person_channel"), lit(AttributionModels.UNATTRIBUTED)));
    }

    private static Dataset<Row> inQuarterAndChannel(Dataset<Row> rows, String quarterColumn, Row row) {
        return rows.filter(col(quarterColumn).equalTo(row.<Integer>getAs("fiscal_quarter_index"))
                .and(col("_deal_channel").equalTo(row.<String>getAs("channel"))));
    }
}
