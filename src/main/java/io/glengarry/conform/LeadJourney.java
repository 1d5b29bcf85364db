package io.glengarry.conform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * One row per person (surviving lead) with the time each lead stage was first reached, as of the run date
 * (METRICS.md "Lead stages"): suspect at creation; prospect at the earliest {@code mql_at} of the person's leads,
 * and a converted person is a prospect no later than its conversion (the earlier of the lead's converted_at and
 * the opportunity's created_at); converted with no mql_at at or before that, the stage was skipped
 * ({@code prospect_skipped}), also when a later duplicate lead of the person was qualified after. Opportunity at
 * the earliest created_at of an opportunity any of its leads was converted into; closed at the earliest close_date
 * of a won opportunity whose primary lead is one of its leads.
 * Stages dated after the run date are not reached yet, and a person created after it is left out. The revenue of
 * a won deal whose amount could not be converted (no FX rate) is unknown: not in {@code revenue}, counted in
 * {@code won_revenue_unknown}.
 */
public final class LeadJourney {
    private LeadJourney() {
    }

    /**
     * @param leads         silver leads with person_id, person_created_at, channel
     * @param opportunities silver opportunities
     * @param won           {@link WonRevenue} rows
     */
    public static Dataset<Row> compute(Dataset<Row> leads, Dataset<Row> opportunities, Dataset<Row> won,
                                       FiscalCalendar calendar, LocalDate asOf) {
        Column asOfDate = lit(java.sql.Date.valueOf(asOf));
        // a person created after the run date is not a lead yet as of it: in no cohort, funnel or spend count
        Dataset<Row> persons = leads.groupBy(col(LeadIdentity.PERSON_ID))
                .agg(first(col(LeadIdentity.PERSON_CREATED_AT)).as("created_at"), min("mql_at").as("mql_at"))
                .filter(to_date(col("created_at")).leq(asOfDate));
        Dataset<Row> survivorChannel = leads.filter(col("lead_id").equalTo(col(LeadIdentity.PERSON_ID)))
                .select(col(LeadIdentity.PERSON_ID).as("s_person"), col("channel"));
        Dataset<Row> opps = opportunities.select(col("opportunity_id"), col("created_at").as("opp_created_at"));
        Dataset<Row> conversions = leads.join(opps, leads.col("converted_opportunity_id")
                        .equalTo(opps.col("opportunity_id")))
                .filter(to_date(col("opp_created_at")).leq(asOfDate))
                .groupBy(col(LeadIdentity.PERSON_ID).as("c_person"))
                .agg(min("opp_created_at").as("opportunity_at"),
                        min(least(col("converted_at"), col("opp_created_at"))).as("converted_at"));
        Dataset<Row> closed = won.filter(col(LeadIdentity.PERSON_ID).isNotNull().and(col("close_date").leq(asOfDate)))
                .groupBy(col(LeadIdentity.PERSON_ID).as("w_person"))
                .agg(min("close_date").as("won_date"), sum("revenue").as("revenue"),
                        sum(when(col("revenue").isNull(), 1).otherwise(0)).cast("long").as("won_revenue_unknown"));
        Column mql = when(to_date(col("mql_at")).leq(asOfDate), col("mql_at"));
        Dataset<Row> joined = persons
                .join(survivorChannel, persons.col(LeadIdentity.PERSON_ID).equalTo(col("s_person")), "left")
                .join(conversions, persons.col(LeadIdentity.PERSON_ID).equalTo(col("c_person")), "left")
                .join(closed, persons.col(LeadIdentity.PERSON_ID).equalTo(col("w_person")), "left");
        return joined.select(
                col(LeadIdentity.PERSON_ID),
                col("channel"),
                col("created_at"),
                calendar.quarterIndex(to_date(col("created_at"))).as("cohort_quarter_index"),
                when(col("opportunity_at").isNotNull(), least(mql, col("converted_at"))).otherwise(mql)
                        .as("prospect_at"),
                col("opportunity_at").isNotNull().and(mql.isNull().or(mql.gt(col("converted_at"))))
                        .as("prospect_skipped"),
                col("opportunity_at"),
                col("won_date"),
                col("revenue"),
                coalesce(col("won_revenue_unknown"), lit(0L)).as("won_revenue_unknown"));
    }
}
