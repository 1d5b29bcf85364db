package io.glengarry.report.attribution;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The markov model against a chain small enough to solve by hand, and two properties of removal effects.
 *
 * <pre>
 * journeys (run date 2026-04-01, all touches in the window):
 *   X  (won deal DX, lead LX):   webinar, webinar, email   -> collapsed: webinar -> email -> (conversion)
 *   Y  (won deal DY, lead LY):   email                     -> email -> (conversion)
 *   P  (lead LP, never won):     webinar                   -> webinar -> (null)
 * transitions: start->webinar 2, start->email 1, webinar->email 1, webinar->(null) 1, email->(conversion) 2
 * P(conversion) = 2/3 x 1/2 x 1 + 1/3 x 1 = 2/3
 * without webinar: only start->email converts: 1/3 -> removal effect 1 - (1/3)/(2/3) = 0.5
 * without email: nothing converts: 0            -> removal effect 1
 * DX (revenue 100.00) over its channels: webinar 0.5/1.5 = 1/3 -> 3333.33 cents, email 2/3 -> 6666.67:
 *   floors 3333 + 6666, 1 cent to the larger remainder (email) -> webinar 33.33, email 66.67
 * </pre>
 */
class MarkovAttributionTest {
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 4, 1);

    private static AttributionFixtures smallChain() {
        return new AttributionFixtures()
                .deal("DX", "2026-02-15", "2026-03-31", "100.00", "LX").lead("LX", "2026-01-01", "DX")
                .touch("TX1", "LX", "2026-01-10", "webinar", "C1").touch("TX2", "LX", "2026-01-20", "webinar", "C2")
                .touch("TX3", "LX", "2026-02-01", "email", null)
                .deal("DY", "2026-02-15", "2026-03-31", "10.00", "LY").lead("LY", "2026-01-01", "DY")
                .touch("TY1", "LY", "2026-02-01", "email", null)
                .lead("LP", "2026-01-01", null).touch("TP1", "LP", "2026-03-01", "webinar", null);
    }

    private static Map<String, Double> effects(AttributionFixtures f) {
        Dataset<Row> journeys = MarkovAttribution.journeys(f.touchpoints(365), f.wonRows(), f.leadRows(),
                f.touchRows(), RUN_DATE, 365);
        return MarkovAttribution.removalEffects(MarkovAttribution.transitionCounts(journeys).collectAsList());
    }

    private static Dataset<Row> effectRows(AttributionFixtures f, Map<String, Double> effects) {
        List<Row> rows = new ArrayList<>();
        effects.forEach((c, e) -> rows.add(RowFactory.create(c, e)));
        return f.effects(rows);
    }

    @Test
    void transitionCountsCollapseRepeatsAndEndInConversionOrNull() {
        AttributionFixtures f = smallChain();
        Dataset<Row> journeys = MarkovAttribution.journeys(f.touchpoints(365), f.wonRows(), f.leadRows(),
                f.touchRows(), RUN_DATE, 365);
        assertThat(MarkovAttribution.transitionCounts(journeys).orderBy("from", "to").collectAsList())
                .extracting(Row::toString).containsExactly(
                        "[(start),email,1]", "[(start),webinar,2]", "[email,(conversion),2]",
                        "[webinar,(null),1]", "[webinar,email,1]");
    }

    @Test
    void removalEffectsAndCreditsOfTheHandSolvedChain() {
        AttributionFixtures f = smallChain();
        Map<String, Double> effects = effects(f);
        assertThat(effects.get("webinar")).isCloseTo(0.5, within(1e-12));
        assertThat(effects.get("email")).isCloseTo(1.0, within(1e-12));
        List<String> credits = AttributionCredit.compute(f.wonRows(), f.touchpoints(365), effectRows(f, effects), 30,
                        RUN_DATE)
                .filter(col("model").equalTo("markov")).orderBy("opportunity_id", "touch_order")
                .collectAsList().stream()
                .map(r -> r.getAs("opportunity_id") + " " + r.getAs("channel") + " " + r.getAs("touch_id") + " "
                        + r.getAs("credit")).toList();
        assertThat(credits).containsExactly("DX webinar null 33.33", "DX email null 66.67", "DY email null 10.00");
    }

    @Test
    void twoChannelsThatAlwaysAppearTogetherGetEqualCredit() {
        // social and display only ever occur as social -> display
        AttributionFixtures f = new AttributionFixtures()
                .deal("D1", "2026-02-15", "2026-03-31", "100.00", "L1").lead("L1", "2026-01-01", "D1")
                .touch("T1", "L1", "2026-01-10", "social", null).touch("T2", "L1", "2026-01-11", "display", null)
                .deal("D2", "2026-02-15", "2026-03-31", "100.00", "L2").lead("L2", "2026-01-01", "D2")
                .touch("T3", "L2", "2026-01-10", "email", null).touch("T4", "L2", "2026-01-11", "social", null)
                .touch("T5", "L2", "2026-01-12", "display", null)
                .deal("D3", "2026-02-15", "2026-03-31", "100.00", "L3").lead("L3", "2026-01-01", "D3")
                .touch("T6", "L3", "2026-01-10", "email", null)
                .lead("L4", "2026-01-01", null).touch("T7", "L4", "2026-03-01", "social", null)
                .touch("T8", "L4", "2026-03-02", "display", null)
                .lead("L5", "2026-01-01", null).touch("T9", "L5", "2026-03-01", "email", null);
        Map<String, Double> effects = effects(f);
        assertThat(effects.get("social")).isCloseTo(effects.get("display"), within(1e-12));
        List<Row> d1 = AttributionCredit.compute(f.wonRows(), f.touchpoints(365), effectRows(f, effects), 30,
                        RUN_DATE)
                .filter(col("model").equalTo("markov").and(col("opportunity_id").equalTo("D1")))
                .orderBy("touch_order").collectAsList();
        assertThat(d1).extracting(r -> r.getAs("channel") + " " + r.getAs("credit"))
                .containsExactly("social 50.00", "display 50.00");
    }

    @Test
    void aChannelNeverOnAConvertingPathHasNoRemovalEffectAndNoCredit() {
        // referral only appears on journeys of persons who never won
        AttributionFixtures f = smallChain()
                .lead("LQ", "2026-01-01", null).touch("TQ1", "LQ", "2026-03-01", "webinar", null)
                .touch("TQ2", "LQ", "2026-03-02", "referral", null)
                .lead("LR", "2026-01-01", null).touch("TR1", "LR", "2026-03-01", "referral", null);
        Map<String, Double> effects = effects(f);
        assertThat(effects.get("referral")).isEqualTo(0.0);
        assertThat(AttributionCredit.compute(f.wonRows(), f.touchpoints(365), effectRows(f, effects), 30, RUN_DATE)
                .filter(col("channel").equalTo("referral")).count()).isZero();
    }
}
