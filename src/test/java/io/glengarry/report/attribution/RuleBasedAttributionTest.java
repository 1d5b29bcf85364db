package io.glengarry.report.attribution;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule-based model on hand-computed deals, all closed 2026-03-31 (lookback 365 days: from 2025-03-31;
 * half-life 30 days). Credits in cents by largest remainder; the arithmetic is in the comments.
 *
 * <pre>
 * deal  revenue  touches (days before close)                         anchors (first / lead-creation / opp-creation)
 * D1    100.00   T1a webinar (80)                                    T1a / T1a / T1a
 * D2    100.01   T2a email (85), T2b paid_search (55)                T2a / T2a / T2b (opp created 03-01)
 * D3   1000.00   T3z (2025-03-30: outside the window), T3a email (90), T3b content + T3c webinar (60, same instant:
 *                by touch_id), T3d paid_search (30)                  T3a / T3a / T3a (all three coincide)
 * D4     90.00   T4a email (90), T4b webinar (60), T4c social (30)   T4a / T4b / T4c (no other touch)
 * D5    100.00   T5a email, T5b content (lead L5), T5c webinar, T5d social (lead L5b, also converted into D5)
 *                lead L5 created 01-12, opportunity created 01-25    T5a / T5c / T5c
 * D6     50.00   no lead, no touch                                   -> unattributed
 * D7     null    (missing FX rate)                                   -> left out
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleBasedAttributionTest {
    private static final String CLOSE = "2026-03-31";
    private List<String> credits;
    private Dataset<Row> all;

    @BeforeAll
    void attribute() {
        AttributionFixtures f = new AttributionFixtures()
                .deal("D1", "2026-02-01", CLOSE, "100.00", "L1").lead("L1", "2026-01-01", "D1")
                .touch("T1a", "L1", "2026-01-10", "webinar", "C1")
                .deal("D2", "2026-03-01", CLOSE, "100.01", "L2").lead("L2", "2026-01-01", "D2")
                .touch("T2a", "L2", "2026-01-05", "email", "C2").touch("T2b", "L2", "2026-02-04", "paid_search", null)
                .deal("D3", "2026-01-01", CLOSE, "1000.00", "L3").lead("L3", "2025-12-01", "D3")
                .touch("T3z", "L3", "2025-03-30", "display", null)
                .touch("T3a", "L3", "2025-12-31", "email", null)
                .touch("T3c", "L3", "2026-01-30T10:00:00Z", "webinar", null)
                .touch("T3b", "L3", "2026-01-30T10:00:00Z", "content", null)
                .touch("T3d", "L3", "2026-03-01", "paid_search", null)
                .deal("D4", "2026-03-15", CLOSE, "90.00", "L4").lead("L4", "2026-01-15", "D4")
                .touch("T4a", "L4", "2025-12-31", "email", null).touch("T4b", "L4", "2026-01-30", "webinar", null)
                .touch("T4c", "L4", "2026-03-01", "social", null)
                .deal("D5", "2026-01-25", CLOSE, "100.00", "L5").lead("L5", "2026-01-12", "D5")
                .lead("L5b", "2026-01-20", "D5")
                .touch("T5a", "L5", "2026-01-05", "email", null).touch("T5b", "L5", "2026-01-10", "content", null)
                .touch("T5c", "L5b", "2026-01-20", "webinar", null).touch("T5d", "L5b", "2026-02-10", "social", null)
                .deal("D6", "2026-03-01", CLOSE, "50.00", null)
                .deal("D7", "2026-03-01", CLOSE, null, "L7").lead("L7", "2026-01-01", "D7")
                .touch("T7a", "L7", "2026-02-01", "email", null);
        all = AttributionCredit.compute(f.wonRows(), f.touchpoints(365), f.effects(List.of()), 30,
                LocalDate.of(2026, 4, 1));
        credits = all.filter(col("model").notEqual(AttributionModels.MARKOV))
                .orderBy("opportunity_id", "model", "touch_order")
                .collectAsList().stream()
                .map(r -> r.getAs("opportunity_id") + " " + r.getAs("model") + " " + r.getAs("touch_id") + " "
                        + r.getAs("channel") + " " + r.getAs("credit"))
                .toList();
    }

    private List<String> of(String deal, String model) {
        return credits.stream().filter(c -> c.startsWith(deal + " " + model + " ")).toList();
    }

    @Test
    void oneTouchTakesEverythingUnderEveryModel() {
        for (String model : List.of("first_touch", "last_touch", "linear", "time_decay", "u_shaped", "w_shaped")) {
            assertThat(of("D1", model)).as(model).containsExactly("D1 " + model + " T1a webinar 100.00");
        }
    }

    @Test
    void twoTouches() {
        assertThat(of("D2", "first_touch")).containsExactly("D2 first_touch T2a email 100.01",
                "D2 first_touch T2b paid_search 0.00");
        // opportunity created 03-01: the last touch at or before it is T2b
        assertThat(of("D2", "last_touch")).containsExactly("D2 last_touch T2a email 0.00",
                "D2 last_touch T2b paid_search 100.01");
        // 10001 cents x 0.5 = 5000.5 each: floors 5000 + 5000, 1 cent left, equal remainders -> earlier touch T2a
        assertThat(of("D2", "linear")).containsExactly("D2 linear T2a email 50.01",
                "D2 linear T2b paid_search 50.00");
        // 2 touches -> 0.5 / 0.5, as linear
        assertThat(of("D2", "u_shaped")).containsExactly("D2 u_shaped T2a email 50.01",
                "D2 u_shaped T2b paid_search 50.00");
        // 2^(-85/30) : 2^(-55/30) = 1 : 2 -> 1/3, 2/3: 3333.67 -> 3333 (.67), 6667.33 -> 6667 (.33); 1 cent -> T2a
        assertThat(of("D2", "time_decay")).containsExactly("D2 time_decay T2a email 33.34",
                "D2 time_decay T2b paid_search 66.67");
        // T2a is first and lead-creation (0.6), T2b opp-creation (0.3); no other touch: 0.1 in proportion -> /0.9
        // = 2/3, 1/3: 6667.33 -> 6667 (.33), 3333.67 -> 3333 (.67); 1 cent -> T2b
        assertThat(of("D2", "w_shaped")).containsExactly("D2 w_shaped T2a email 66.67",
                "D2 w_shaped T2b paid_search 33.34");
        Row w = all.filter(col("opportunity_id").equalTo("D2").and(col("model").equalTo("w_shaped")))
                .orderBy("touch_order").first();
        assertThat(w.<java.math.BigDecimal>getAs("weight")).isEqualByComparingTo("0.6666666667");
    }

    @Test
    void anchorsThatCoincideATouchOutsideTheWindowAndATieInTime() {
        // T3z (2025-03-30) is before 2026-03-31 - 365 days = 2025-03-31: not a touchpoint. T3b before T3c by id.
        assertThat(of("D3", "linear")).containsExactly("D3 linear T3a email 250.00", "D3 linear T3b content 250.00",
                "D3 linear T3c webinar 250.00", "D3 linear T3d paid_search 250.00");
        assertThat(of("D3", "first_touch").get(0)).isEqualTo("D3 first_touch T3a email 1000.00");
        assertThat(of("D3", "last_touch").get(0)).isEqualTo("D3 last_touch T3a email 1000.00");
        // 2^(-90/30), 2^(-60/30) x 2, 2^(-30/30) = 1/8, 1/4, 1/4, 1/2 (sum 9/8) -> 1/9, 2/9, 2/9, 4/9 of 100000 cents
        // = 11111.11, 22222.22, 22222.22, 44444.44 -> floors sum 99999; 1 cent to the largest remainder (T3d)
        assertThat(of("D3", "time_decay")).containsExactly("D3 time_decay T3a email 111.11",
                "D3 time_decay T3b content 222.22", "D3 time_decay T3c webinar 222.22",
                "D3 time_decay T3d paid_search 444.45");
        // first = opp-creation: 0.8; 0.2 / 3 = 6666.67 cents each -> 6666 x 3, 2 cents left, equal remainders ->
        // T3b, T3c (touch order)
        assertThat(of("D3", "u_shaped")).containsExactly("D3 u_shaped T3a email 800.00",
                "D3 u_shaped T3b content 66.67", "D3 u_shaped T3c webinar 66.67", "D3 u_shaped T3d paid_search 66.66");
        // all three anchors on T3a: 0.9; 0.1 / 3 = 3333.33 cents each -> 1 cent left -> T3b
        assertThat(of("D3", "w_shaped")).containsExactly("D3 w_shaped T3a email 900.00",
                "D3 w_shaped T3b content 33.34", "D3 w_shaped T3c webinar 33.33", "D3 w_shaped T3d paid_search 33.33");
    }

    @Test
    void threeDistinctAnchorsWithNoMiddleTouch() {
        assertThat(of("D4", "first_touch")).containsExactly("D4 first_touch T4a email 90.00",
                "D4 first_touch T4b webinar 0.00", "D4 first_touch T4c social 0.00");
        assertThat(of("D4", "last_touch")).containsExactly("D4 last_touch T4a email 0.00",
                "D4 last_touch T4b webinar 0.00", "D4 last_touch T4c social 90.00");
        // 1/8 : 1/4 : 1/2 -> 1/7, 2/7, 4/7 of 9000 cents = 1285.71, 2571.43, 5142.86: floors 8998, 2 cents left ->
        // T4c (.86), T4a (.71)
        assertThat(of("D4", "time_decay")).containsExactly("D4 time_decay T4a email 12.86",
                "D4 time_decay T4b webinar 25.71", "D4 time_decay T4c social 51.43");
        // 0.4 first, 0.4 opp-creation, 0.2 to the one other touch
        assertThat(of("D4", "u_shaped")).containsExactly("D4 u_shaped T4a email 36.00",
                "D4 u_shaped T4b webinar 18.00", "D4 u_shaped T4c social 36.00");
        // 0.3 each and the 0.1 in proportion: 1/3 each
        assertThat(of("D4", "w_shaped")).containsExactly("D4 w_shaped T4a email 30.00",
                "D4 w_shaped T4b webinar 30.00", "D4 w_shaped T4c social 30.00");
    }

    @Test
    void touchesOfEveryLeadConvertedIntoTheDealAndAnAnchorSharedByTwoRoles() {
        // lead-creation (first at/after L5's 01-12) = T5c = opp-creation (last at/before 01-25)
        assertThat(of("D5", "last_touch")).containsExactly("D5 last_touch T5a email 0.00",
                "D5 last_touch T5b content 0.00", "D5 last_touch T5c webinar 100.00", "D5 last_touch T5d social 0.00");
        assertThat(of("D5", "u_shaped")).containsExactly("D5 u_shaped T5a email 40.00",
                "D5 u_shaped T5b content 10.00", "D5 u_shaped T5c webinar 40.00", "D5 u_shaped T5d social 10.00");
        // T5a 0.3, T5c 0.3 + 0.3, the 0.1 over T5b and T5d
        assertThat(of("D5", "w_shaped")).containsExactly("D5 w_shaped T5a email 30.00",
                "D5 w_shaped T5b content 5.00", "D5 w_shaped T5c webinar 60.00", "D5 w_shaped T5d social 5.00");
        assertThat(of("D5", "linear")).hasSize(4).allMatch(c -> c.endsWith(" 25.00"));
    }

    @Test
    void aDealWithNoTouchGoesToUnattributedAndADealWithoutRevenueIsLeftOut() {
        for (String model : AttributionModels.ALL) {
            List<Row> rows = all.filter(col("opportunity_id").equalTo("D6").and(col("model").equalTo(model)))
                    .collectAsList();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).<String>getAs("channel")).isEqualTo("unattributed");
            assertThat(rows.get(0).<java.math.BigDecimal>getAs("credit")).isEqualByComparingTo("50.00");
            assertThat(rows.get(0).<String>getAs("touch_id")).isNull();
        }
        assertThat(all.filter(col("opportunity_id").equalTo("D7")).count()).isZero();
    }
}
