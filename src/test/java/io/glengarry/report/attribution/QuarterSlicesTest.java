package io.glengarry.report.attribution;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What lets a night carry a closed quarter's rule-based credits: they are a function of that quarter's inputs
 * alone, and {@link AttributionCredit#sliceInputs} changes for a quarter exactly when one of those inputs does.
 */
class QuarterSlicesTest {
    private static final LocalDate RUN = LocalDate.of(2026, 11, 26);

    /** Deals in two quarters (8104: FY2026-Q1, 8105: FY2026-Q2), one with no touchpoint. */
    private static AttributionFixtures deals() {
        return new AttributionFixtures()
                .deal("D1", "2026-02-01", "2026-02-20", "1000.00", "L1").lead("L1", "2026-01-05", "D1")
                .touch("T1", "L1", "2026-01-10", "webinar", "C1").touch("T2", "L1", "2026-02-02", "email", null)
                .deal("D2", "2026-03-01", "2026-03-30", "333.33", "L2").lead("L2", "2026-01-05", "D2")
                .deal("D3", "2026-04-01", "2026-05-15", "250.00", "L3").lead("L3", "2026-03-01", "D3")
                .touch("T3", "L3", "2026-03-10", "social", null).touch("T4", "L3", "2026-04-20", "webinar", "C2")
                .touch("T5", "L3", "2026-05-01", "paid_search", "C3");
    }

    private static List<String> rows(Dataset<Row> credits) {
        return credits.orderBy(java.util.Arrays.stream(AttributionCredit.creditSortKeys())
                .map(org.apache.spark.sql.functions::col).toArray(Column[]::new)).collectAsList().stream().map(Row::toString)
                .toList();
    }

    @Test
    void aQuartersRuleBasedCreditsComeFromThatQuartersInputsAlone() {
        AttributionFixtures f = deals();
        Dataset<Row> touchpoints = f.touchpoints(365);
        Column q1 = col("closed_quarter_index").equalTo(8104);
        List<String> whole = rows(AttributionCredit.ruleBased(f.wonRows(), touchpoints, 30, RUN,
                AttributionScope.LEAD).filter(q1));
        List<String> alone = rows(AttributionCredit.ruleBased(f.wonRows().filter(q1), touchpoints.filter(q1), 30,
                RUN, AttributionScope.LEAD));
        assertThat(alone).isEqualTo(whole).hasSize(2 * 6 + 6); // D1's two touches and D2 unattributed, six models
        assertThat(whole).noneMatch(r -> r.contains(AttributionModels.MARKOV));

        // and a deal's: the rows of D1's bucket from the inputs of that bucket alone
        Column d1 = AttributionCredit.dealBucket().equalTo(AttributionCredit.dealBucket("D1"));
        assertThat(rows(AttributionCredit.ruleBased(f.wonRows().filter(d1), touchpoints.filter(d1), 30, RUN,
                AttributionScope.LEAD))).isEqualTo(rows(AttributionCredit.ruleBased(f.wonRows(), touchpoints, 30, RUN,
                AttributionScope.LEAD).filter(d1))).isNotEmpty();
    }

    @Test
    void theInputsOfAQuarterChangeWithAnyOfItsDealsOrTouchpointsAndOnlyThen() {
        Map<Integer, List<Row>> before = summaries(deals());
        assertThat(before).containsOnlyKeys(8104, 8105);
        assertThat(summaries(deals())).as("the same inputs").isEqualTo(before);

        // a touch of D3 re-mapped to another channel: Q2 changes, Q1 does not
        AttributionFixtures remapped = deals();
        remapped.touches.set(4, org.apache.spark.sql.RowFactory.create("T5", "L3",
                AttributionFixtures.at("2026-05-01"), "content", "C3", "L3"));
        Map<Integer, List<Row>> after = summaries(remapped);
        assertThat(after.get(8104)).isEqualTo(before.get(8104));
        assertThat(after.get(8105)).isNotEqualTo(before.get(8105));

        // the revenue of the unattributed deal D2: Q1 changes
        AttributionFixtures repriced = deals();
        Row d2 = repriced.won.get(1);
        repriced.won.set(1, org.apache.spark.sql.RowFactory.create(d2.get(0), d2.get(1), d2.get(2),
                new java.math.BigDecimal("333.34"), d2.get(4), d2.get(5), d2.get(6), d2.get(7), d2.get(8), d2.get(9)));
        assertThat(summaries(repriced).get(8104)).isNotEqualTo(before.get(8104));

        // a campaign moved from one touch to the other of the same deal (a null and a value swapped)
        AttributionFixtures swapped = deals();
        swapped.touches.set(0, org.apache.spark.sql.RowFactory.create("T1", "L1", AttributionFixtures.at("2026-01-10"),
                "webinar", null, "L1"));
        swapped.touches.set(1, org.apache.spark.sql.RowFactory.create("T2", "L1", AttributionFixtures.at("2026-02-02"),
                "email", "C1", "L1"));
        assertThat(summaries(swapped).get(8104)).isNotEqualTo(before.get(8104));
    }

    /** Each quarter's slice summaries, by deal bucket. */
    private static Map<Integer, List<Row>> summaries(AttributionFixtures f) {
        Map<Integer, List<Row>> out = new TreeMap<>();
        AttributionCredit.sliceInputs(f.wonRows(), Map.of(AttributionScope.LEAD, f.touchpoints(365)))
                .orderBy("closed_quarter_index", "deal_bucket").collectAsList()
                .forEach(r -> out.computeIfAbsent(r.getInt(1), q -> new java.util.ArrayList<>()).add(r));
        return out;
    }
}
