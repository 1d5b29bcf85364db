package io.glengarry.export.summary;

import io.glengarry.report.Rates;
import io.glengarry.report.cohort.CohortConversion;
import io.glengarry.report.attribution.AttributionModels;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * The small aggregates the run summary page draws, computed from one {@code as_of} of the gold reports. Pure:
 * Dataset in, Dataset out. Each result is bounded by the calendar and the channel list (quarters x quarters,
 * models x channels), never by the number of leads or deals, so the page's stage may collect it.
 */
public final class SummaryFigures {
    private SummaryFigures() {
    }

    /**
     * The cohort heat-map's cells: all channels together, one row per (cohort quarter, quarters since), with the
     * cumulative lead-to-won rate and the counts behind it; ordered by cohort, then quarters since.
     */
    public static Dataset<Row> cohortHeatmap(Dataset<Row> cohortConversion) {
        return cohortConversion.filter(col("channel").equalTo(CohortConversion.ALL))
                .select(col("cohort_quarter_index"), col("cohort_quarter"), col("quarters_since"),
                        col("cohort_leads"), col("won_cum"), col("won_rate"), col("cohort_mature"))
                .orderBy(col("cohort_quarter_index"), col("quarters_since"));
    }

    /** The funnel over every cohort quarter as of the run date, all channels together: one row. */
    public static Dataset<Row> funnelTotals(Dataset<Row> funnelConversion) {
        return funnelConversion.filter(col("channel").equalTo(CohortConversion.ALL))
                .agg(sum("leads").cast("long").as("leads"), sum("prospects").cast("long").as("prospects"),
                        sum("opportunities").cast("long").as("opportunities"), sum("won").cast("long").as("won"),
                        sum("revenue").cast(Rates.MONEY_TYPE).as("revenue"));
    }

    /**
     * Credited revenue per (model, channel) over every closed quarter as of the run date, from
     * channel_contribution; ordered by model, then channel.
     */
    public static Dataset<Row> attributionByModel(Dataset<Row> channelContribution) {
        return channelContribution.groupBy(col("scope"), col("model"), col("channel"))
                .agg(sum("credited_revenue").cast(Rates.MONEY_TYPE).as("credited_revenue"))
                .orderBy(col("scope"), col("model"), col("channel"));
    }

    /**
     * The row the page's explain line names for a scope and model: the latest closed quarter's most-credited channel
     * (unattributed aside) - (closed_quarter, channel); empty without any.
     */
    public static Dataset<Row> explainedCredit(Dataset<Row> channelContribution, String scope, String model) {
        return channelContribution.filter(col("scope").equalTo(scope).and(col("model").equalTo(model))
                        .and(col("channel").notEqual(AttributionModels.UNATTRIBUTED)))
                .orderBy(col("closed_quarter_index").desc(), col("credited_revenue").desc(), col("channel"))
                .select(col("closed_quarter"), col("channel")).limit(1);
    }
}
