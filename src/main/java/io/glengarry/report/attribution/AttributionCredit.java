package io.glengarry.report.attribution;

import io.glengarry.report.Rates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The attribution reports (METRICS.md "attribution"), pure: {@code attribution_credit} (per deal, model,
 * touch), {@code channel_contribution} (per quarter, model, channel), {@code campaign_contribution} (the same
 * per campaign) and {@code attribution_model_comparison} (per quarter and channel, every model side by side).
 */
public final class AttributionCredit {
    public static final String SHARE_TYPE = Rates.RATE_TYPE;

    private AttributionCredit() {
    }

    /**
     * Every model's credits for every attributable won deal.
     *
     * @param markovEffects rows of (channel, removal_effect), see {@link MarkovAttribution#removalEffects}
     */
    public static Dataset<Row> compute(Dataset<Row> won, Dataset<Row> touchpoints, Dataset<Row> markovEffects,
                                       int halfLifeDays, LocalDate asOf) {
        return compute(won, touchpoints, markovEffects, halfLifeDays, asOf, AttributionScope.LEAD);
    }

    /**
     * As above for one scope ({@link AttributionScope}): the touchpoints and the markov effects are that scope's;
     * every row carries the scope. The rule-based rows and the markov rows, each a function of its own inputs.
     */
    public static Dataset<Row> compute(Dataset<Row> won, Dataset<Row> touchpoints, Dataset<Row> markovEffects,
                                       int halfLifeDays, LocalDate asOf, String scope) {
        return ruleBased(won, touchpoints, halfLifeDays, asOf, scope)
                .unionByName(markov(won, touchpoints, markovEffects, asOf, scope));
    }

    /**
     * The six rule-based models' credits of one scope: a function of the deals and touchpoints of each closed
     * quarter alone (and of the half-life), so a quarter whose inputs did not change
     * ({@link #sliceInputs}) has the same rows as the night before.
     */
    public static Dataset<Row> ruleBased(Dataset<Row> won, Dataset<Row> touchpoints, int halfLifeDays,
                                         LocalDate asOf, String scope) {
        return credits(RuleBasedAttribution.weights(touchpoints, halfLifeDays).selectExpr(SHAPE)
                .unionByName(CreditAllocation.unattributed(won, touchpoints, AttributionModels.RULE_BASED)
                        .selectExpr(SHAPE)), asOf, scope);
    }

    /**
     * The markov credits of one scope: they depend on the removal effects, fitted on every journey of the window
     * that ends at the run date, so every quarter's markov rows can change from one night to the next.
     */
    public static Dataset<Row> markov(Dataset<Row> won, Dataset<Row> touchpoints, Dataset<Row> markovEffects,
                                      LocalDate asOf, String scope) {
        return credits(MarkovAttribution.weights(touchpoints, markovEffects).selectExpr(SHAPE)
                .unionByName(CreditAllocation.unattributed(won, touchpoints, List.of(AttributionModels.MARKOV))
                        .selectExpr(SHAPE)), asOf, scope);
    }

    private static final String[] SHAPE = {"opportunity_id", "closed_quarter_index", "closed_quarter", "revenue",
            "model", "touch_id", "touch_order", "channel", "campaign_id", "weight"};

    private static Dataset<Row> credits(Dataset<Row> weighted, LocalDate asOf, String scope) {
        return CreditAllocation.allocate(weighted).select(
                lit(java.sql.Date.valueOf(asOf)).as("as_of"),
                col("closed_quarter"), col("opportunity_id"), lit(scope).as("scope"), col("model"), col("touch_id"),
                col("touch_order").cast("int").as("touch_order"), col("channel"), col("campaign_id"),
                round(col("weight"), 10).cast("decimal(12,10)").as("weight"),
                col("credit"), col("closed_quarter_index"));
    }

    /** Within a scope and quarter, deals are sliced into this many buckets ({@link #dealBucket()}). */
    public static final int DEAL_BUCKETS = 16;

    /** A deal's bucket: CRC-32 of its opportunity_id's UTF-8 bytes, modulo {@link #DEAL_BUCKETS}. */
    public static Column dealBucket() {
        return org.apache.spark.sql.functions.crc32(col("opportunity_id").cast("binary")).mod(DEAL_BUCKETS)
                .cast("int");
    }

    /** The same on the driver (java.util.zip.CRC32 and Spark's crc32 agree). */
    public static int dealBucket(String opportunityId) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(opportunityId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % DEAL_BUCKETS);
    }

    /**
     * Per scope, closed_quarter_index and deal_bucket, a summary of everything that slice's rule-based credits are
     * computed from: the attributable won deals (opportunity_id, closed_quarter, revenue) and every column of the
     * scope's touchpoints. Columns: scope, closed_quarter_index, deal_bucket, input_rows, input_hash_a, input_hash_b
     * (sums of two 64- and 32-bit row hashes, exact decimals): equal summaries mean equal inputs, but for a hash
     * collision of two sums.
     *
     * @param touchpointsByScope each scope's touchpoints ({@link Touchpoints})
     */
    public static Dataset<Row> sliceInputs(Dataset<Row> won, java.util.Map<String, Dataset<Row>> touchpointsByScope) {
        Dataset<Row> deals = Touchpoints.attributableDeals(won).select("closed_quarter_index", "opportunity_id",
                "closed_quarter", "revenue");
        Dataset<Row> hashed = null;
        for (java.util.Map.Entry<String, Dataset<Row>> scope : new java.util.TreeMap<>(touchpointsByScope).entrySet()) {
            Dataset<Row> rows = rowHashes(deals, "deal").unionByName(rowHashes(scope.getValue(), "touchpoint"))
                    .withColumn("scope", lit(scope.getKey()));
            hashed = hashed == null ? rows : hashed.unionByName(rows);
        }
        return hashed.groupBy("scope", "closed_quarter_index", "deal_bucket").agg(
                org.apache.spark.sql.functions.count(lit(1)).as("input_rows"),
                sum(col("_a").cast("decimal(38,0)")).as("input_hash_a"),
                sum(col("_b").cast("decimal(38,0)")).as("input_hash_b"));
    }

    /**
     * closed_quarter_index, deal_bucket and two hashes of the whole row with its source; a null is told apart from
     * a value.
     */
    private static Dataset<Row> rowHashes(Dataset<Row> rows, String source) {
        List<Column> values = new ArrayList<>(List.of(lit(source)));
        for (String c : rows.columns()) {
            values.add(col(c));
            values.add(col(c).isNull());
        }
        Column[] all = values.toArray(Column[]::new);
        return rows.select(col("closed_quarter_index"), dealBucket().as("deal_bucket"),
                org.apache.spark.sql.functions.xxhash64(all).as("_a"),
                org.apache.spark.sql.functions.hash(all).as("_b"));
    }

    public static String[] creditSortKeys() {
        return new String[] {"closed_quarter_index", "opportunity_id", "scope", "model", "touch_order", "channel"};
    }

    /**
     * Per (closed_quarter, scope, model, channel): credited_revenue, deals_touched, share of the quarter's credit
     * under that scope and model.
     */
    public static Dataset<Row> channelContribution(Dataset<Row> credits, LocalDate asOf) {
        return contribution(credits, asOf, "channel");
    }

    /** Per (closed_quarter, scope, model, channel, campaign_id); markov and unattributed credits have no campaign. */
    public static Dataset<Row> campaignContribution(Dataset<Row> credits, LocalDate asOf) {
        return contribution(credits, asOf, "channel", "campaign_id");
    }

    private static Dataset<Row> contribution(Dataset<Row> credits, LocalDate asOf, String... keys) {
        List<Column> groups = new ArrayList<>(List.of(col("closed_quarter_index"), col("closed_quarter"),
                col("scope"), col("model")));
        for (String key : keys) {
            groups.add(col(key));
        }
        Column credited = col("credited_revenue");
        Column quarterTotal = sum(credited).over(Window.partitionBy("closed_quarter_index", "scope", "model"));
        List<Column> out = new ArrayList<>(List.of(lit(java.sql.Date.valueOf(asOf)).as("as_of"),
                col("closed_quarter"), col("scope"), col("model")));
        for (String key : keys) {
            out.add(col(key));
        }
        out.add(credited.cast(Rates.MONEY_TYPE).as("credited_revenue"));
        out.add(col("deals_touched"));
        out.add(share(credited, quarterTotal).as("share"));
        out.add(col("closed_quarter_index"));
        return credits.groupBy(groups.toArray(Column[]::new))
                .agg(sum("credit").as("credited_revenue"),
                        countDistinct("opportunity_id").cast("long").as("deals_touched"))
                .select(out.toArray(Column[]::new));
    }

    /** part / whole, rounded half-up to 6 places; null when the whole is 0. */
    static Column share(Column part, Column whole) {
        return when(whole.notEqual(0), round(part.divide(whole), 6)).cast(SHARE_TYPE);
    }

    public static String[] contributionSortKeys() {
        return new String[] {"closed_quarter_index", "scope", "model", "channel"};
    }

    public static String[] campaignSortKeys() {
        return new String[] {"closed_quarter_index", "scope", "model", "channel", "campaign_id"};
    }

    /**
     * Per (closed_quarter, scope, channel): the channel's credit under every model side by side
     * ({@code <model>_credit}, 0 where a model gives it nothing) and its rank among the quarter's channels of the
     * same scope under each model ({@code <model>_rank}, 1 = most credit; equal credits share a rank). A channel's
     * lead and account rows sit next to each other.
     */
    public static Dataset<Row> modelComparison(Dataset<Row> channelContribution, LocalDate asOf) {
        Object[] models = AttributionModels.ALL.toArray();
        Dataset<Row> pivoted = channelContribution
                .groupBy("closed_quarter_index", "closed_quarter", "scope", "channel")
                .pivot("model", java.util.Arrays.asList(models))
                .agg(sum("credited_revenue"));
        java.util.List<Column> out = new java.util.ArrayList<>();
        out.add(lit(java.sql.Date.valueOf(asOf)).as("as_of"));
        out.add(col("closed_quarter"));
        out.add(col("scope"));
        out.add(col("channel"));
        for (String model : AttributionModels.ALL) {
            out.add(coalesce(col(model), lit(0)).cast(Rates.MONEY_TYPE).as(model + "_credit"));
        }
        for (String model : AttributionModels.ALL) {
            out.add(rank().over(Window.partitionBy("closed_quarter_index", "scope")
                    .orderBy(coalesce(col(model), lit(0)).desc())).cast("int").as(model + "_rank"));
        }
        out.add(col("closed_quarter_index"));
        return pivoted.select(out.toArray(Column[]::new));
    }

    public static String[] comparisonSortKeys() {
        return new String[] {"closed_quarter_index", "channel", "scope"};
    }
}
