package io.glengarry.explain;

import io.glengarry.conform.LeadIdentity;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Evidence of the person counts (cohort, funnel, spend): for each person counted at a stage, the lead that decided
 * it and when (METRICS.md Lead stages; the times are lead_journey's). Each function takes the persons already
 * chosen (rows of silver lead_journey) and returns {@link Evidence} rows of value 1.
 */
final class PersonEvidence {
    private PersonEvidence() {
    }

    /** Became a lead: the person's survivor lead (its lead_id is the person_id), dated by its created_at. */
    static Dataset<Row> created(Dataset<Row> persons, Dataset<Row> leads, String measure) {
        Dataset<Row> survivors = persons.select(col(LeadIdentity.PERSON_ID).as("_person"))
                .join(leads, col("_person").equalTo(col("lead_id")));
        return Evidence.of(survivors, measure, col("_person"), "lead", col("lead_id"),
                concat(lit("became a lead "), time(col("created_at"))), lit(1));
    }

    /**
     * Reached prospect: the lead whose mql_at is the person's prospect_at, else the lead whose conversion is (a
     * skipped MQL stage).
     */
    static Dataset<Row> prospects(Dataset<Row> persons, Dataset<Row> leads, Dataset<Row> opportunities,
                                  String measure) {
        Dataset<Row> chosen = persons.select(col(LeadIdentity.PERSON_ID).as("_person"),
                col("prospect_at").as("_prospect_at"));
        Dataset<Row> opportunityCreated = opportunities.select(col("opportunity_id").as("_opportunity_id"),
                col("created_at").as("_opportunity_created_at"));
        Column conversion = least(col("converted_at"), col("_opportunity_created_at"));
        Column byMql = col("mql_at").equalTo(col("_prospect_at"));
        Dataset<Row> deciding = chosen.join(leads, col("_person").equalTo(col(LeadIdentity.PERSON_ID)))
                .join(opportunityCreated, col("converted_opportunity_id").equalTo(col("_opportunity_id")), "left")
                .filter(byMql.or(conversion.equalTo(col("_prospect_at"))));
        Dataset<Row> first = Evidence.firstPer(deciding.withColumn("_by_mql", byMql), "_person",
                col("_by_mql").desc(), col("lead_id"));
        Column detail = when(col("_by_mql"), concat(lit("MQL "), time(col("_prospect_at"))))
                .otherwise(concat(lit("converted "), time(col("_prospect_at")),
                        lit(" with no MQL before it (prospect skipped)")));
        return Evidence.of(first, measure, col("_person"), "lead", col("lead_id"), detail, lit(1));
    }

    /**
     * Reached opportunity: the earliest-created opportunity a lead of the person was converted into (its created_at
     * is the person's opportunity_at), cited by the opportunity's own line.
     */
    static Dataset<Row> opportunities(Dataset<Row> persons, Dataset<Row> leads, Dataset<Row> opportunities,
                                      String measure) {
        Dataset<Row> converted = persons.select(col(LeadIdentity.PERSON_ID).as("_person"),
                        col("opportunity_at").as("_opportunity_at"))
                .join(leads.select(col(LeadIdentity.PERSON_ID).as("_lead_person"), col("lead_id").as("_lead_id"),
                                col("converted_opportunity_id")),
                        col("_person").equalTo(col("_lead_person")))
                .join(opportunities, col("converted_opportunity_id").equalTo(col("opportunity_id")))
                .filter(col("created_at").equalTo(col("_opportunity_at")));
        Dataset<Row> first = Evidence.firstPer(converted, "_person", col("opportunity_id"), col("_lead_id"));
        return Evidence.of(first, measure, col("_person"), "opportunity", col("opportunity_id"),
                concat(lit("opportunity created "), time(col("created_at")), lit(" from lead "), col("_lead_id")),
                lit(1));
    }

    /** Won: the person's first won deal as primary lead (its close_date is the person's won_date). */
    static Dataset<Row> won(Dataset<Row> persons, Dataset<Row> won, Dataset<Row> opportunities, String measure) {
        Dataset<Row> firstWon = persons.select(col(LeadIdentity.PERSON_ID).as("_person"),
                        col("won_date").as("_won_date"))
                .join(won.select(col(LeadIdentity.PERSON_ID).as("_deal_person"),
                        col("opportunity_id").as("_deal"), col("close_date").as("_close_date")),
                        col("_person").equalTo(col("_deal_person")).and(col("_close_date").equalTo(col("_won_date"))));
        Dataset<Row> first = Evidence.firstPer(firstWon, "_person", col("_deal"))
                .join(opportunities, col("_deal").equalTo(col("opportunity_id")));
        return Evidence.of(first, measure, col("_person"), "opportunity", col("opportunity_id"),
                concat(lit("won, closed "), col("_close_date").cast("string")), lit(1));
    }

    static Column time(Column timestamp) {
        return date_format(timestamp, "yyyy-MM-dd HH:mm:ss");
    }
}
