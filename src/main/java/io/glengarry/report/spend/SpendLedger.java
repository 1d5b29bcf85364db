package io.glengarry.report.spend;

import io.glengarry.config.ChannelMap;
import io.glengarry.conform.ChannelMapping;
import io.glengarry.conform.FiscalCalendar;
import io.glengarry.conform.FxConversion;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The finance ledger's spend lines with the channel each is reported under (pure). METRICS.md: the channel named
 * on the line; else, for a line naming only a campaign, that campaign's channel; else {@code unmapped}. A line
 * naming a channel keeps it even when it also names a campaign. Each line carries the reason it is not reported
 * under a canonical channel ({@code spend_issue}), read by the reconciliation file:
 * <ul>
 *   <li>{@code unmapped_channel}: the line's channel text maps to no channel in channels.conf;</li>
 *   <li>{@code unknown_campaign}: no channel on the line and its campaign is not in campaigns;</li>
 *   <li>{@code campaign_channel_unmapped}: no channel on the line, its campaign's channel maps to none;</li>
 *   <li>{@code no_channel}: the line names neither a channel nor a campaign;</li>
 *   <li>{@code missing_fx_rate}: no rate for its currency on or before posted_date (amount_reporting null).</li>
 * </ul>
 * A missing rate wins over the channel reasons (it is the one that breaks the control total).
 */
public final class SpendLedger {
    public static final String UNMAPPED_CHANNEL = "unmapped_channel";
    public static final String UNKNOWN_CAMPAIGN = "unknown_campaign";
    public static final String CAMPAIGN_CHANNEL_UNMAPPED = "campaign_channel_unmapped";
    public static final String NO_CHANNEL = "no_channel";
    public static final String MISSING_FX_RATE = "missing_fx_rate";

    private SpendLedger() {
    }

    /**
     * @param spend        silver spend (entry_id, posted_date, amount, currency, channel (raw), campaign_id,
     *                     amount_reporting, fx_rate_missing, source_file, source_line, …)
     * @param campaigns    silver campaigns (campaign_id, channel: canonical)
     * @param channelTable {@link ChannelMapping#table}
     * @return the spend rows plus spend_channel, channel_source (line | campaign | none), spend_issue,
     *         fiscal_quarter_index, fiscal_quarter
     */
    public static Dataset<Row> lines(Dataset<Row> spend, Dataset<Row> campaigns, Dataset<Row> channelTable,
                                     FiscalCalendar calendar) {
        Dataset<Row> campaignChannels = campaigns.select(col("campaign_id").as("k_campaign_id"),
                col("channel").as("campaign_channel"));
        Dataset<Row> mapped = ChannelMapping.map(spend, col("channel"), "line_channel", channelTable);
        Dataset<Row> joined = mapped.join(campaignChannels,
                mapped.col("campaign_id").equalTo(campaignChannels.col("k_campaign_id")), "left");
        Column namesChannel = col("channel").isNotNull();
        Column namesCampaign = col("campaign_id").isNotNull();
        Column campaignKnown = col("k_campaign_id").isNotNull();
        Column spendChannel = when(namesChannel, col("line_channel"))
                .when(namesCampaign.and(campaignKnown), col("campaign_channel"))
                .otherwise(lit(ChannelMap.UNMAPPED));
        Column channelSource = when(namesChannel, lit("line")).when(namesCampaign.and(campaignKnown), lit("campaign"))
                .otherwise(lit("none"));
        Column issue = when(col(FxConversion.RATE_MISSING), lit(MISSING_FX_RATE))
                .when(namesChannel.and(col("line_channel").equalTo(ChannelMap.UNMAPPED)), lit(UNMAPPED_CHANNEL))
                .when(namesChannel, lit(null).cast("string"))
                .when(namesCampaign.and(col("k_campaign_id").isNull()), lit(UNKNOWN_CAMPAIGN))
                .when(namesCampaign.and(col("campaign_channel").equalTo(ChannelMap.UNMAPPED)),
                        lit(CAMPAIGN_CHANNEL_UNMAPPED))
                .when(col("campaign_id").isNull(), lit(NO_CHANNEL));
        Column quarterIndex = calendar.quarterIndex(col("posted_date"));
        return joined
                .withColumn("spend_channel", spendChannel)
                .withColumn("channel_source", channelSource)
                .withColumn("spend_issue", issue)
                .withColumn("fiscal_quarter_index", quarterIndex)
                .withColumn("fiscal_quarter", FiscalCalendar.label(col("fiscal_quarter_index")))
                .drop("line_channel", "k_campaign_id", "campaign_channel");
    }

    /** Where a line was read: {@code <drop>/spend.csv line <n>}, for the reconciliation file. */
    static Column origin() {
        return concat(col("source_file"), lit(" line "), col("source_line").cast("string"));
    }
}
