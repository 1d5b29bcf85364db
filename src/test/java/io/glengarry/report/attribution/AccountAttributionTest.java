package io.glengarry.report.attribution;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account-scope touchpoints (METRICS.md "Account scope") computed by hand: the buying committee's touches, the
 * lookback edge, the previous won deal of the account as the window's start, and a deal without an account.
 */
class AccountAttributionTest {
    private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 26);

    /**
     * Account A1 wins D1 (closed 2025-03-10, primary lead L1) and D2 (closed 2025-09-30, sales-sourced); A2 wins
     * D3 (closed 2025-06-30, no matched lead touches); D4 has no account. L1 was converted into D1; L2 and L3 are
     * matched to A1 (by domain, by name) and never convert; L4 is matched to none, L5 to A2.
     */
    private static AttributionFixtures committee() {
        return new AttributionFixtures()
                .accountDeal("A1", "D1", "2025-02-01T09:00:00Z", "2025-03-10", "1000.00", "L1")
                .accountDeal("A1", "D2", "2025-08-01T09:00:00Z", "2025-09-30", "500.00", null)
                .accountDeal("A2", "D3", "2025-05-01T09:00:00Z", "2025-06-30", "70.00", null)
                .deal("D4", "2025-05-01T09:00:00Z", "2025-06-30", "30.00", null)
                .lead("L1", "2025-01-01T08:00:00Z", "D1")
                .lead("L2", "2024-01-01T08:00:00Z", null)
                .lead("L3", "2024-06-01T08:00:00Z", null)
                .lead("L4", "2024-06-01T08:00:00Z", null)
                .lead("L5", "2024-06-01T08:00:00Z", null)
                .matched("L1", "A1").matched("L2", "A1").matched("L3", "A1").matched("L4", null)
                .matched("L5", "A2")
                .touch("T7", "L2", "2024-03-09T10:00:00Z", "display", null)   // 366 days before D1's close: out
                .touch("T8", "L2", "2024-03-10T10:00:00Z", "display", null)   // 365 days: in
                .touch("T1", "L2", "2025-01-05T10:00:00Z", "webinar", "C1")
                .touch("T2", "L1", "2025-02-10T10:00:00Z", "email", null)
                .touch("T3", "L3", "2025-03-10T10:00:00Z", "tradeshow", null) // on D1's close date: D1's
                .touch("T4", "L2", "2025-03-11T10:00:00Z", "social", null)    // after it: D2's
                .touch("T6", "L4", "2025-05-01T10:00:00Z", "paid_search", null)
                .touch("T5", "L3", "2025-09-30T10:00:00Z", "content", null)
                .touch("T9", "L5", "2025-07-01T10:00:00Z", "email", null)     // after D3 closed
                .touch("T10", "L2", "2025-10-01T10:00:00Z", "email", null);   // after D2 closed
    }

    @Test
    void theCommitteesTouchesSinceThePreviousWonDealWithTheAnchors() {
        List<String> rows = committee().accountTouchpoints(365).orderBy("opportunity_id", "touch_order")
                .select("opportunity_id", "touch_id", "touch_order", "touch_count", "lead_creation_order",
                        "opportunity_creation_order").collectAsList().stream().map(Row::toString).toList();

        assertThat(rows).containsExactly(
                // D1: lead creation = first touch at or after L1's creation (T1); opportunity creation = last
                // touch at or before 2025-02-01 (T1)
                "[D1,T8,1,4,2,2]", "[D1,T1,2,4,2,2]", "[D1,T2,3,4,2,2]", "[D1,T3,4,4,2,2]",
                // D2: after D1's close date; sales-sourced, so lead creation = the first touch
                "[D2,T4,1,2,1,1]", "[D2,T5,2,2,1,1]");
    }

    @Test
    void everyModelSplitsEachDealExactlyAndADealWithoutCommitteeTouchesIsUnattributed() {
        AttributionFixtures f = committee();
        Dataset<Row> touchpoints = f.accountTouchpoints(365);
        Dataset<Row> credits = AttributionCredit.compute(f.wonRows(), touchpoints, f.effects(List.of()), 30,
                RUN_DATE, AttributionScope.ACCOUNT);

        assertThat(credits.select("scope").distinct().collectAsList().toString()).isEqualTo("[[account]]");
        // w_shaped on D1: first (T8) 0.3, lead and opportunity creation both T1: 0.6, 0.1 over T2 and T3
        List<String> wShaped = credits.filter(col("model").equalTo("w_shaped").and(col("opportunity_id")
                        .equalTo("D1"))).orderBy("touch_order").select("touch_id", "credit").collectAsList()
                .stream().map(Row::toString).toList();
        assertThat(wShaped).containsExactly("[T8,300.00]", "[T1,600.00]", "[T2,50.00]", "[T3,50.00]");
        // D3's account has no committee touch in its window, D4 has no account: one unattributed row per model
        List<String> unattributed = credits.filter(col("channel").equalTo(AttributionModels.UNATTRIBUTED))
                .groupBy("opportunity_id").agg(sum("credit").as("c")).orderBy("opportunity_id").collectAsList()
                .stream().map(Row::toString).toList();
        assertThat(unattributed).containsExactly("[D3,490.00]", "[D4,210.00]"); // 7 models each
        for (Row r : credits.groupBy("opportunity_id", "model").agg(sum("credit").as("c")).collectAsList()) {
            BigDecimal revenue = switch (r.getString(0)) {
                case "D1" -> new BigDecimal("1000.00");
                case "D2" -> new BigDecimal("500.00");
                case "D3" -> new BigDecimal("70.00");
                default -> new BigDecimal("30.00");
            };
            assertThat(r.getDecimal(2)).as(r.toString()).isEqualByComparingTo(revenue);
        }
    }

    @Test
    void leadScopeSeesOnlyTheConvertedLeadsTouches() {
        List<String> lead = committee().touchpoints(365).orderBy("opportunity_id", "touch_order")
                .select("opportunity_id", "touch_id").collectAsList().stream().map(Row::toString).toList();

        assertThat(lead).containsExactly("[D1,T2]");
    }
}
