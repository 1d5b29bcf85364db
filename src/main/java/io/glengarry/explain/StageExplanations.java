package io.glengarry.explain;

import io.glengarry.conform.LeadIdentity;
import io.glengarry.report.cohort.CohortConversion;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.function.BiFunction;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

/**
 * cohort_conversion and funnel_conversion explained person by person: the persons of the cohort (and channel)
 * counted at each stage, with the lead or opportunity that decided it; revenue deal by deal, order by order.
 */
final class StageExplanations {
    private StageExplanations() {
    }

    /** A cohort row counts by the end of its through_quarter (cohort + quarters_since). */
    static ReportExplanation cohortConversion() {
        BiFunction<NightInputs, Row, Column> reached = (in, row) -> {
            int through = row.<Integer>getAs("cohort_quarter_index") + row.<Integer>getAs("quarters_since");
            return lit(through).geq(in.calendar().quarterIndex(col("_stage_date")));
        };
        return stages(ReportExplanation.of("cohort_conversion", "cohort_quarter", "channel", "quarters_since"),
                reached, "cohort_leads", "prospects_cum", "opportunities_cum", "won_cum", "revenue_cum",
                "won_revenue_unknown_cum", null).build();
    }

    /** A funnel row counts by the run date (lead_journey's stages are as of it). */
    static ReportExplanation funnelConversion() {
        return stages(ReportExplanation.of("funnel_conversion", "cohort_quarter", "channel"),
                (in, row) -> lit(true), "leads", "prospects", "opportunities", "won", "revenue",
                "won_revenue_unknown", "prospect_skipped").build();
    }

    private static ReportExplanation.Builder stages(ReportExplanation.Builder report,
                                                    BiFunction<NightInputs, Row, Column> reachedBy, String leads,
                                                    String prospects, String opportunities, String won,
                                                    String revenue, String revenueUnknown, String skipped) {
        report.measure(leads, (in, row, m) -> PersonEvidence.created(cohort(in, row), in.silver("leads"), m))
                .measure(prospects, (in, row, m) -> PersonEvidence.prospects(
                        reached(cohort(in, row), "prospect_at", reachedBy.apply(in, row)), in.silver("leads"),
                        in.silver("opportunities"), m))
                .measure(opportunities, (in, row, m) -> PersonEvidence.opportunities(
                        reached(cohort(in, row), "opportunity_at", reachedBy.apply(in, row)), in.silver("leads"),
                        in.silver("opportunities"), m))
                .measure(won, (in, row, m) -> PersonEvidence.won(
                        reached(cohort(in, row), "won_date", reachedBy.apply(in, row)),
                        in.silver("won_opportunities"), in.silver("opportunities"), m))
                .measure(revenue, (in, row, m) -> DealEvidence.revenue(
                        deals(in, row, reachedBy).filter(col("revenue").isNotNull()), in.silver("orders"),
                        in.silver("opportunities"), in.silver("fx_rates"), m))
                .measure(revenueUnknown, (in, row, m) -> DealEvidence.deals(
                        deals(in, row, reachedBy).filter(col("revenue").isNull()), in.silver("opportunities"), m));
        if (skipped != null) {
            report.measure(skipped, (in, row, m) -> PersonEvidence.prospects(
                    cohort(in, row).filter(col("prospect_skipped")), in.silver("leads"), in.silver("opportunities"),
                    m));
        }
        return report;
    }

    /** The persons of the row: created in its cohort quarter, under its channel (all channels for ALL). */
    private static Dataset<Row> cohort(NightInputs in, Row row) {
        String channel = row.getAs("channel");
        Column inCohort = col("cohort_quarter_index").equalTo(row.<Integer>getAs("cohort_quarter_index"));
        return in.silver("lead_journey").filter(CohortConversion.ALL.equals(channel) ? inCohort
                : inCohort.and(col("channel").equalTo(channel)));
    }

    private static Dataset<Row> reached(Dataset<Row> persons, String stage, Column reachedBy) {
        return persons.withColumn("_stage_date", to_date(col(stage)))
                .filter(col("_stage_date").isNotNull().and(reachedBy)).drop("_stage_date");
    }

    /** The won deals of the row's persons (as primary lead) closed by the run date and by the row's quarter. */
    private static Dataset<Row> deals(NightInputs in, Row row, BiFunction<NightInputs, Row, Column> reachedBy) {
        Dataset<Row> persons = cohort(in, row).select(col(LeadIdentity.PERSON_ID).as("_person"));
        return in.silver("won_opportunities")
                .join(persons, col(LeadIdentity.PERSON_ID).equalTo(col("_person")), "left_semi")
                .filter(col("close_date").leq(lit(in.asOfDate())))
                .withColumn("_stage_date", col("close_date")).filter(reachedBy.apply(in, row)).drop("_stage_date");
    }
}
