package io.glengarry.report.attribution;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * The data-driven {@code markov} model: a first-order Markov chain over channel paths (consecutive repeats
 * collapsed) with the states {@code (start)}, one per channel, and the absorbing {@code (conversion)} and
 * {@code (null)}. The removal effect of a channel is 1 - P(conversion without it) / P(conversion), where "without
 * it" sends every transition into the channel to (null). A won deal's revenue is split over the distinct
 * channels on its path in proportion to their removal effects.
 *
 * <p>Three steps, so that the heavy part stays in Spark: {@link #journeys} and {@link #transitionCounts} aggregate
 * the paths into (from, to, count) rows — at most (channels + 1) x (channels + 2) of them; the stage collects
 * that small matrix and {@link #removalEffects} solves the absorption probabilities on the driver (Gaussian
 * elimination, channels x channels); {@link #weights} joins the effects back to the deals' touchpoints.
 */
public final class MarkovAttribution {
    public static final String START = "(start)";
    public static final String CONVERSION = "(conversion)";
    public static final String NULL = "(null)";

    private MarkovAttribution() {
    }

    /**
     * Journeys: converting = each attributable won deal's touchpoints (of either scope); non-converting = the
     * touches, dated within {@code lookbackDays} up to the run date, of persons none of whose leads was converted
     * into a won opportunity (a touch of an unknown lead is its own person), the same in both scopes. Columns:
     * journey_id, converted, occurred_at, touch_id, channel.
     */
    public static Dataset<Row> journeys(Dataset<Row> touchpoints, Dataset<Row> won, Dataset<Row> leads,
                                        Dataset<Row> touches, LocalDate asOf, int lookbackDays) {
        return converting(touchpoints).unionByName(nonConverting(won, leads, touches, asOf, lookbackDays));
    }

    /** The converting journeys of {@link #journeys}: one per won deal, its touchpoints. */
    public static Dataset<Row> converting(Dataset<Row> touchpoints) {
        return touchpoints.select(col("opportunity_id").cast("string").as("journey_id"), lit(true).as("converted"),
                col("occurred_at"), col("touch_id"), col("channel"));
    }

    /**
     * The non-converting journeys of {@link #journeys}: the same for both scopes, so their transition counts can
     * be computed once and added to each scope's converting counts (journeys are counted one by one).
     */
    public static Dataset<Row> nonConverting(Dataset<Row> won, Dataset<Row> leads, Dataset<Row> touches,
                                             LocalDate asOf, int lookbackDays) {
        Dataset<Row> wonIds = won.select(col("opportunity_id").as("w_opportunity_id"));
        Dataset<Row> wonPersons = leads.join(wonIds, col("converted_opportunity_id").equalTo(col("w_opportunity_id")))
                .select(col("person_id").as("w_person_id")).distinct();
        Column runDate = lit(Date.valueOf(asOf));
        Column touchDate = to_date(col("occurred_at"));
        Dataset<Row> personTouches = touches
                .filter(touchDate.geq(date_sub(runDate, lookbackDays)).and(touchDate.leq(runDate)))
                .withColumn("journey_person", coalesce(col("person_id"), col("lead_id")));
        // a person's id and a deal's id never collide in meaning, but keep them apart in the key all the same
        return personTouches
                .join(broadcast(wonPersons), personTouches.col("journey_person").equalTo(col("w_person_id")),
                        "left_anti")
                .select(org.apache.spark.sql.functions.concat(lit("person:"), col("journey_person")).as("journey_id"),
                        lit(false).as("converted"), col("occurred_at"), col("touch_id"),
                        coalesce(col("channel"), lit("unmapped")).as("channel"));
    }

    /** (from, to, transitions) over the collapsed paths, start and end states included. */
    public static Dataset<Row> transitionCounts(Dataset<Row> journeys) {
        WindowSpec path = Window.partitionBy("journey_id").orderBy(col("occurred_at"), col("touch_id"));
        Dataset<Row> collapsed = journeys
                .withColumn("_previous", lag(col("channel"), 1).over(path))
                .filter(col("_previous").isNull().or(col("_previous").notEqual(col("channel"))))
                .withColumn("step", row_number().over(path))
                .withColumn("from", coalesce(lag(col("channel"), 1).over(path), lit(START)))
                .select(col("journey_id"), col("converted"), col("step"), col("from"), col("channel").as("to"));
        Dataset<Row> ends = collapsed.groupBy("journey_id")
                .agg(max_by(col("to"), col("step")).as("from"), max(col("converted")).as("converted"))
                .select(col("from"), when(col("converted"), lit(CONVERSION)).otherwise(lit(NULL)).as("to"));
        return collapsed.select("from", "to").unionByName(ends)
                .groupBy("from", "to").agg(count(lit(1)).as("transitions"));
    }

    /**
     * Removal effect of every channel from the collected transition counts (rows of from, to, transitions; rows of
     * the same transition add up, so the counts of two sets of journeys can be passed together).
     * Runs on the driver over a channels x channels matrix. A chain that never converts gives every channel 0.
     */
    public static Map<String, Double> removalEffects(List<Row> transitionCounts) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        TreeSet<String> channels = new TreeSet<>();
        for (Row r : transitionCounts) {
            String from = r.getString(r.fieldIndex("from"));
            String to = r.getString(r.fieldIndex("to"));
            long n = ((Number) r.get(r.fieldIndex("transitions"))).longValue();
            counts.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, n, Long::sum);
            if (!from.equals(START)) {
                channels.add(from);
            }
            if (!to.equals(CONVERSION) && !to.equals(NULL)) {
                channels.add(to);
            }
        }
        List<String> states = new ArrayList<>(channels);
        double base = conversionProbability(counts, states, null);
        Map<String, Double> effects = new TreeMap<>();
        for (String channel : states) {
            double without = conversionProbability(counts, states, channel);
            effects.put(channel, base <= 0 ? 0.0 : Math.max(0.0, 1.0 - without / base));
        }
        return effects;
    }

    /** P(reaching (conversion) from (start)), with {@code removed} (if not null) turned into (null). */
    static double conversionProbability(Map<String, Map<String, Long>> counts, List<String> states, String removed) {
        int k = states.size();
        // x = Q x + r  <=>  (I - Q) x = r, x_i = P(conversion | in channel i)
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < k; i++) {
            a[i][i] = 1.0;
            String state = states.get(i);
            if (state.equals(removed)) {
                continue; // absorbing into (null): x_i = 0
            }
            Map<String, Long> out = counts.getOrDefault(state, Map.of());
            double total = out.values().stream().mapToLong(Long::longValue).sum();
            if (total == 0) {
                continue;
            }
            for (Map.Entry<String, Long> e : out.entrySet()) {
                if (e.getKey().equals(CONVERSION)) {
                    a[i][k] += e.getValue() / total;
                } else if (!e.getKey().equals(NULL)) {
                    a[i][states.indexOf(e.getKey())] -= e.getValue() / total;
                }
            }
        }
        double[] x = solve(a, k);
        Map<String, Long> fromStart = counts.getOrDefault(START, Map.of());
        double total = fromStart.values().stream().mapToLong(Long::longValue).sum();
        double p = 0;
        for (Map.Entry<String, Long> e : fromStart.entrySet()) {
            if (e.getKey().equals(CONVERSION)) {
                p += e.getValue() / total;
            } else if (!e.getKey().equals(NULL)) {
                p += e.getValue() / total * x[states.indexOf(e.getKey())];
            }
        }
        return p;
    }

    /** Gaussian elimination with partial pivoting on the augmented k x (k+1) matrix. */
    private static double[] solve(double[][] a, int k) {
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            if (Math.abs(a[c][c]) < 1e-15) {
                throw new IllegalStateException("Markov chain has a closed loop without an absorbing state");
            }
            for (int r = 0; r < k; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] x = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = a[i][k] / a[i][i];
        }
        return x;
    }

    /**
     * One row per (deal, distinct channel on its path): weight = removal effect / sum of the deal's channels'
     * effects (equal shares if that sum is 0). touch_order = the channel's first position (remainder ties),
     * touch_id and campaign_id null: markov credits channels, not touches.
     *
     * @param effects rows of (channel, removal_effect)
     */
    public static Dataset<Row> weights(Dataset<Row> touchpoints, Dataset<Row> effects) {
        Dataset<Row> dealChannels = touchpoints
                .groupBy("opportunity_id", "closed_quarter_index", "closed_quarter", "revenue", "channel")
                .agg(min("touch_order").as("touch_order"));
        Dataset<Row> withEffect = dealChannels
                .join(effects.select(col("channel").as("e_channel"), col("removal_effect")),
                        col("channel").equalTo(col("e_channel")), "left")
                .withColumn("removal_effect", coalesce(col("removal_effect"), lit(0.0)));
        WindowSpec deal = Window.partitionBy("opportunity_id");
        Column total = sum("removal_effect").over(deal);
        Column channels = count(lit(1)).over(deal);
        return withEffect.select(col("opportunity_id"), col("closed_quarter_index"), col("closed_quarter"),
                col("revenue"), lit(AttributionModels.MARKOV).as("model"), lit(null).cast("string").as("touch_id"),
                col("touch_order"), col("channel"), lit(null).cast("string").as("campaign_id"),
                when(total.gt(0), col("removal_effect").divide(total)).otherwise(lit(1.0).divide(channels))
                        .cast("double").as("weight"));
    }
}
