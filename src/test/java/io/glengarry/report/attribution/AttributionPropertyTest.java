package io.glengarry.report.attribution;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties over many generated deals (seeded): under every model each deal's credits sum exactly to its
 * revenue, every weight is in [0, 1] and a deal's weights sum to 1.
 */
class AttributionPropertyTest {
    private static final String[] CHANNELS = {"webinar", "email", "paid_search", "social", "content", "referral"};

    @Test
    void creditsSumToRevenueAndWeightsAreSharesForEveryModel() {
        Random random = new Random(20261128L);
        AttributionFixtures f = new AttributionFixtures();
        LocalDate base = LocalDate.of(2025, 6, 1);
        int deals = 150;
        int touch = 0;
        for (int d = 0; d < deals; d++) {
            LocalDate close = base.plusDays(random.nextInt(400));
            LocalDate created = close.minusDays(random.nextInt(120));
            long cents = random.nextInt(5) == 0 ? random.nextInt(100) : 1 + (long) random.nextInt(50_000_000);
            String lead = "L" + d;
            f.deal("D" + d, created.toString(), close.toString(), BigDecimal.valueOf(cents, 2).toPlainString(), lead)
                    .lead(lead, close.minusDays(random.nextInt(500)).toString(), "D" + d);
            int touches = random.nextInt(9); // 0..8, some outside the window
            for (int t = 0; t < touches; t++) {
                LocalDate on = close.minusDays(random.nextInt(450));
                // a few touches at the same instant to exercise the touch_id tie-break
                String at = random.nextInt(4) == 0 ? on + "T09:00:00Z" : on + "T" + String.format("%02d:%02d:00Z",
                        random.nextInt(24), random.nextInt(60));
                f.touch(String.format("T%05d", touch++), lead, at, CHANNELS[random.nextInt(CHANNELS.length)], null);
            }
        }
        for (int p = 0; p < 60; p++) {
            String lead = "N" + p;
            f.lead(lead, "2026-01-01", null);
            for (int t = 0; t < 1 + random.nextInt(4); t++) {
                f.touch(String.format("T%05d", touch++), lead, LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300))
                        .toString(), CHANNELS[random.nextInt(CHANNELS.length)], null);
            }
        }
        LocalDate runDate = LocalDate.of(2026, 11, 1);
        Dataset<Row> touchpoints = f.touchpoints(365);
        Map<String, Double> effects = MarkovAttribution.removalEffects(MarkovAttribution.transitionCounts(
                MarkovAttribution.journeys(touchpoints, f.wonRows(), f.leadRows(), f.touchRows(), runDate, 365))
                .collectAsList());
        assertThat(effects.values()).allMatch(e -> e >= 0 && e <= 1);
        List<Row> effectRows = new ArrayList<>();
        effects.forEach((c, e) -> effectRows.add(RowFactory.create(c, e)));
        Dataset<Row> credits = AttributionCredit.compute(f.wonRows(), touchpoints, f.effects(effectRows), 30,
                runDate).cache();

        Dataset<Row> perDeal = credits.groupBy("opportunity_id", "model")
                .agg(sum("credit").as("credited"), sum("weight").as("weights"), min("weight").as("min_weight"),
                        max("weight").as("max_weight"));
        Dataset<Row> joined = perDeal.join(f.wonRows().select("opportunity_id", "revenue"), "opportunity_id");
        assertThat(joined.count()).isEqualTo((long) deals * AttributionModels.ALL.size());
        assertThat(joined.filter(col("credited").notEqual(col("revenue"))).collectAsList()).isEmpty();
        assertThat(joined.filter(col("min_weight").lt(0).or(col("max_weight").gt(1))).collectAsList()).isEmpty();
        // weights are written to 10 places: a deal's sum is 1 within n x 0.5e-10
        assertThat(joined.filter(col("weights").minus(lit(1)).gt(1e-8).or(lit(1).minus(col("weights")).gt(1e-8)))
                .collectAsList()).isEmpty();
        // some deals had no touch in the window, some had several: both paths were exercised
        assertThat(credits.filter(col("channel").equalTo(AttributionModels.UNATTRIBUTED)).count()).isPositive();
        assertThat(credits.groupBy("opportunity_id", "model").agg(count(lit(1)).as("n")).filter(col("n").gt(3))
                .count()).isPositive();
        credits.unpersist();
    }
}
