package io.glengarry.conform;

import io.glengarry.config.ChannelMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The data-quality findings of a night: what could not be converted or mapped, named record by record (or raw
 * value by raw value), so that no number silently drops to zero. Table {@code silver/data_quality}.
 */
public final class DataQuality {
    public static final StructType SCHEMA = new StructType()
            .add("as_of", DataTypes.DateType, false)
            .add("check", DataTypes.StringType, false)
            .add("entity", DataTypes.StringType, false)
            .add("record_key", DataTypes.StringType, false)
            .add("detail", DataTypes.StringType, false);

    public static final String UNMAPPED_CHANNEL = "unmapped_channel";
    public static final String MISSING_FX_RATE = "missing_fx_rate";
    public static final String UNKNOWN_OPPORTUNITY = "unknown_opportunity";
    public static final String MERGE_TARGET_MISSING = "merge_target_missing";
    public static final String MERGE_CYCLE = "merge_cycle";

    private DataQuality() {
    }

    /** One finding per distinct raw value that maps to no channel (null raw text included). */
    public static Dataset<Row> unmappedChannels(Dataset<Row> rows, String entity, Column rawText, String channel,
                                                LocalDate asOf) {
        return rows.filter(col(channel).equalTo(ChannelMap.UNMAPPED))
                .groupBy(rawText.as("raw")).agg(count(lit(1)).as("n"))
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), lit(UNMAPPED_CHANNEL).as("check"),
                        lit(entity).as("entity"), coalesce(col("raw"), lit("(empty)")).as("record_key"),
                        concat(lit("raw value '"), coalesce(col("raw"), lit("")), lit("' on "),
                                col("n").cast("string"), lit(" " + entity + " maps to no channel in channels.conf"))
                                .as("detail"));
    }

    /** One finding per record whose amount has no FX rate on or before its date. */
    public static Dataset<Row> missingFxRates(Dataset<Row> rows, String entity, String key, String currency,
                                              Column transactionDate, LocalDate asOf) {
        return rows.filter(col(FxConversion.RATE_MISSING))
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), lit(MISSING_FX_RATE).as("check"),
                        lit(entity).as("entity"), col(key).as("record_key"),
                        concat_ws("", lit("no rate for "), col(currency), lit(" on or before "),
                                transactionDate.cast("date").cast("string")).as("detail"));
    }

    /**
     * Merges that identity cannot follow as the CRM meant them, from the current leads (merged-away deleted leads
     * included): a lead merged into a lead that is not in the current state (deleted without a survivor, or never
     * delivered) - a living one is kept without it, a deleted one has left with it; and two leads merged into
     * each other (one finding, on the smaller id) - they are one person, as every merge makes them.
     */
    public static Dataset<Row> mergeProblems(Dataset<Row> currentLeads, LocalDate asOf) {
        Dataset<Row> merged = currentLeads.filter(col("merged_into_lead_id").isNotNull())
                .select(col("lead_id"), col("merged_into_lead_id"), col("is_deleted"));
        Dataset<Row> ids = currentLeads.select(col("lead_id").as("t_lead_id"));
        Dataset<Row> missing = merged.join(ids, col("merged_into_lead_id").equalTo(col("t_lead_id")), "left_anti")
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), lit(MERGE_TARGET_MISSING).as("check"),
                        lit("leads").as("entity"), col("lead_id").as("record_key"),
                        concat(lit("merged into lead "), col("merged_into_lead_id"),
                                lit(", which is not in the current state (deleted or never delivered): "),
                                when(CurrentState.notDeleted(), lit("this lead is kept without it"))
                                        .otherwise(lit("this deleted lead left with it"))).as("detail"));
        Dataset<Row> back = merged.select(col("lead_id").as("b_lead_id"), col("merged_into_lead_id").as("b_into"));
        Dataset<Row> cycles = merged.join(back, col("merged_into_lead_id").equalTo(col("b_lead_id"))
                        .and(col("b_into").equalTo(col("lead_id"))).and(col("lead_id").lt(col("b_lead_id"))))
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), lit(MERGE_CYCLE).as("check"),
                        lit("leads").as("entity"), col("lead_id").as("record_key"),
                        concat(lit("merged into lead "), col("merged_into_lead_id"),
                                lit(", which is merged into it: the two are one person")).as("detail"));
        return missing.unionByName(cycles);
    }

    /** Leads converted into an opportunity that is not (or no longer) in the current state. */
    public static Dataset<Row> unknownOpportunities(Dataset<Row> leads, Dataset<Row> opportunities, LocalDate asOf) {
        Dataset<Row> converted = leads.filter(col("converted_opportunity_id").isNotNull());
        return converted.join(opportunities.select(col("opportunity_id")),
                        converted.col("converted_opportunity_id").equalTo(col("opportunity_id")), "left_anti")
                .select(lit(java.sql.Date.valueOf(asOf)).as("as_of"), lit(UNKNOWN_OPPORTUNITY).as("check"),
                        lit("leads").as("entity"), col("lead_id").as("record_key"),
                        concat(lit("converted into opportunity "), col("converted_opportunity_id"),
                                lit(", which is not in the current state (deleted or never delivered)")).as("detail"));
    }
}
