package io.glengarry.report;

import io.glengarry.Drops;
import io.glengarry.TestSpark;
import io.glengarry.cli.Main;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.glengarry.Drops.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

/**
 * Eleven leads over three fiscal quarters, two nights, EUR and GBP, one email duplicate, one merge, one
 * delete, an opportunity with two leads, a lead converted without MQL: the whole cohort table computed by hand.
 *
 * <pre>
 * person  leads      created     channel      prospect        opportunity       won (revenue USD)
 * L1      L1 + L5    2026-01-10  webinar      01-20 (mql)     OP1 02-01         OP1 03-20: 972.00 + 112.62
 *   (L5 has the same email, A@X.com, created later: folded into L1)
 * L11     L11        2026-01-12  paid_search  01-25           OP1 02-01         - (OP1's primary lead is L1)
 * L2      L2         2026-01-15  webinar      -               -                 -
 * L3      L3         2026-02-01  paid_search  04-05           OP2 04-10         OP2 06-15: 5000.00 (no orders)
 * L4      L4         2026-02-10  paid_search  05-01 (skipped) OP3 05-01         - (open)
 * L6      L6 + L7    2026-04-02  webinar      04-20           -                 -   (L7 merged into L6, night 2)
 * L9      L9         2026-05-20  webinar      06-01           OP4 06-10         OP4 07-10: 300 GBP x 1.25 = 375.00
 * L10     L10        2026-07-01  paid_search  -               -                 -
 * L8 is deleted on night 2; OP5 is won without a lead (sales-sourced, outside every cohort).
 * OP1 orders: 900.00 EUR booked 03-20 at 1.08 (rate of 03-16) = 972.00; 100.55 EUR booked 04-02 at 1.12
 * (rate of 03-30) = 112.616 -> 112.62 half-up. Revenue 1084.62.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandComputedCohortTest {
    static final LocalDate NIGHT_1 = LocalDate.of(2026, 7, 14);
    static final LocalDate AS_OF = LocalDate.of(2026, 7, 15);

    @TempDir
    static Path dir;

    private static Warehouse warehouse() {
        return new Warehouse(dir.resolve("warehouse"));
    }

    @BeforeAll
    void runTwoNights() throws IOException {
        TestSpark.get();
        Path landing = dir.resolve("landing");
        String leadsHeader = "lead_id,created_at,last_modified_at,email,lead_source,mql_at,converted_at,"
                + "converted_opportunity_id,merged_into_lead_id,is_deleted";
        Drops.write(landing, NIGHT_1, "leads.csv", csv(leadsHeader,
                "L1,2026-01-10T09:00:00Z,2026-02-01T09:00:00Z,a@x.com,Webinar,2026-01-20T09:00:00Z,2026-02-01T09:00:00Z,OP1,,",
                "L11,2026-01-12T09:00:00Z,2026-02-01T09:00:00Z,j@x.com,Google Ads,2026-01-25T09:00:00Z,2026-02-01T09:00:00Z,OP1,,",
                "L2,2026-01-15T09:00:00Z,2026-01-15T09:00:00Z,b@x.com,Webinar,,,,,",
                "L3,2026-02-01T09:00:00Z,2026-04-10T09:00:00Z,c@x.com,Google Ads,2026-04-05T09:00:00Z,2026-04-10T09:00:00Z,OP2,,",
                "L4,2026-02-10T09:00:00Z,2026-05-01T09:00:00Z,d@x.com,google adwords,,2026-05-01T09:00:00Z,OP3,,",
                "L5,2026-03-01T09:00:00Z,2026-03-05T09:00:00Z, A@X.com ,Webinar,2026-03-05T09:00:00Z,,,,",
                "L6,2026-04-02T09:00:00Z,2026-04-20T09:00:00Z,e@x.com,Webinar,2026-04-20T09:00:00Z,,,,",
                "L7,2026-04-15T09:00:00Z,2026-04-15T09:00:00Z,f@x.com,Google Ads,,,,,",
                "L8,2026-05-05T09:00:00Z,2026-05-05T09:00:00Z,g@x.com,Google Ads,2026-05-06T09:00:00Z,,,,",
                "L9,2026-05-20T09:00:00Z,2026-06-10T09:00:00Z,h@x.com,Webinar,2026-06-01T09:00:00Z,2026-06-10T09:00:00Z,OP4,,",
                "L10,2026-07-01T09:00:00Z,2026-07-01T09:00:00Z,i@x.com,Google Ads,,,,,"));
        Drops.write(landing, NIGHT_1, "opportunities.csv", csv(
                "opportunity_id,created_at,last_modified_at,close_date,stage,amount,currency,is_closed,is_won,sales_channel",
                "OP1,2026-02-01T09:00:00Z,2026-03-20T09:00:00Z,2026-03-20,Closed Won,1000.00,EUR,true,true,direct",
                "OP2,2026-04-10T09:00:00Z,2026-06-15T09:00:00Z,2026-06-15,Closed Won,5000.00,USD,true,true,direct",
                "OP3,2026-05-01T09:00:00Z,2026-05-01T09:00:00Z,2026-08-30,Proposal,2000.00,USD,false,false,var",
                "OP4,2026-06-10T09:00:00Z,2026-07-10T09:00:00Z,2026-07-10,Closed Won,300.00,GBP,true,true,direct",
                "OP5,2026-04-01T09:00:00Z,2026-05-01T09:00:00Z,2026-05-01,Closed Won,777.00,USD,true,true,direct"));
        Drops.write(landing, NIGHT_1, "orders.csv", csv("order_id,opportunity_id,booked_at,currency,net_amount",
                "ORD1,OP1,2026-03-20T10:00:00Z,EUR,900.00",
                "ORD2,OP1,2026-04-02T10:00:00Z,EUR,100.55"));
        Drops.write(landing, NIGHT_1, "fx_rates.csv", csv("rate_date,currency,rate_to_reporting",
                "2026-01-05,EUR,1.10", "2026-03-16,EUR,1.08", "2026-03-30,EUR,1.12", "2026-06-01,GBP,1.25"));
        Drops.write(landing, AS_OF, "leads.csv", csv(leadsHeader,
                "L7,2026-04-15T09:00:00Z,2026-07-15T08:00:00Z,f@x.com,Google Ads,,,,L6,",
                "L8,2026-05-05T09:00:00Z,2026-07-15T08:00:00Z,g@x.com,Google Ads,2026-05-06T09:00:00Z,,,,true"));
        Path conf = dir.resolve("test.conf");
        Files.writeString(conf, "glengarry {\n  cohort.maturity-quarters = 2\n  paths.channels = \""
                + Path.of("conf/channels.conf").toAbsolutePath() + "\"\n}\n");
        String[] common = {"--landing", landing.toString(), "--warehouse", warehouse().root().toString(), "--conf",
                conf.toString()};
        assertThat(Main.execute(concat(new String[] {"run", "--run-date", NIGHT_1.toString()}, common)))
                .isEqualTo(ExitCode.SUCCESS);
        assertThat(Main.execute(concat(new String[] {"run", "--run-date", AS_OF.toString()}, common)))
                .isEqualTo(ExitCode.SUCCESS);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<String> exportLines(String report) throws IOException {
        return Files.readAllLines(warehouse().exportDir(report, AS_OF).resolve(report + ".csv"));
    }

    @Test
    void theWholeCohortTableMatchesTheHandComputation() throws IOException {
        String q1 = "2026-07-15,FY2026-Q1,";
        String q2 = "2026-07-15,FY2026-Q2,";
        String q3 = "2026-07-15,FY2026-Q3,";
        // revenue through Q1: OP1 1084.62; through Q2: + OP2 5000.00 = 6084.62; Q2 cohort through Q3: OP4 375.00
        // rates over cohort_leads: 2/5 = 0.4, 4/5 = 0.8, 1/3 = 0.333333, 2/2 = 1, 1/2 = 0.5
        // cohort_mature: run date in FY2026-Q3, maturity 2 quarters -> only FY2026-Q1 (3 - 1 = 2 >= 2)
        assertThat(exportLines("cohort_conversion")).containsExactly(
                "as_of,cohort_quarter,channel,quarters_since,through_quarter,cohort_leads,prospects_cum,"
                        + "opportunities_cum,won_cum,revenue_cum,won_revenue_unknown_cum,prospect_rate,"
                        + "opportunity_rate,won_rate,cohort_mature,cohort_quarter_index",
                q1 + "ALL,0,FY2026-Q1,5,2,2,1,1084.62,0,0.400000,0.400000,0.200000,true,8104",
                q1 + "ALL,1,FY2026-Q2,5,4,4,2,6084.62,0,0.800000,0.800000,0.400000,true,8104",
                q1 + "ALL,2,FY2026-Q3,5,4,4,2,6084.62,0,0.800000,0.800000,0.400000,true,8104",
                q1 + "paid_search,0,FY2026-Q1,3,1,1,0,0.00,0,0.333333,0.333333,0.000000,true,8104",
                q1 + "paid_search,1,FY2026-Q2,3,3,3,1,5000.00,0,1.000000,1.000000,0.333333,true,8104",
                q1 + "paid_search,2,FY2026-Q3,3,3,3,1,5000.00,0,1.000000,1.000000,0.333333,true,8104",
                q1 + "webinar,0,FY2026-Q1,2,1,1,1,1084.62,0,0.500000,0.500000,0.500000,true,8104",
                q1 + "webinar,1,FY2026-Q2,2,1,1,1,1084.62,0,0.500000,0.500000,0.500000,true,8104",
                q1 + "webinar,2,FY2026-Q3,2,1,1,1,1084.62,0,0.500000,0.500000,0.500000,true,8104",
                q2 + "ALL,0,FY2026-Q2,2,2,1,0,0.00,0,1.000000,0.500000,0.000000,false,8105",
                q2 + "ALL,1,FY2026-Q3,2,2,1,1,375.00,0,1.000000,0.500000,0.500000,false,8105",
                q2 + "webinar,0,FY2026-Q2,2,2,1,0,0.00,0,1.000000,0.500000,0.000000,false,8105",
                q2 + "webinar,1,FY2026-Q3,2,2,1,1,375.00,0,1.000000,0.500000,0.500000,false,8105",
                q3 + "ALL,0,FY2026-Q3,1,0,0,0,0.00,0,0.000000,0.000000,0.000000,false,8106",
                q3 + "paid_search,0,FY2026-Q3,1,0,0,0,0.00,0,0.000000,0.000000,0.000000,false,8106");
    }

    @Test
    void funnelOfTheFirstCohortMatchesTheHandComputation() {
        Row all = TestSpark.get().read().format("delta").load(warehouse().gold("funnel_conversion"))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(AS_OF))
                        .and(col("cohort_quarter").equalTo("FY2026-Q1")).and(col("channel").equalTo("ALL")))
                .first();
        assertThat(all.<Long>getAs("leads")).isEqualTo(5);
        assertThat(all.<Long>getAs("prospects")).isEqualTo(4);
        assertThat(all.<Long>getAs("opportunities")).isEqualTo(4);
        assertThat(all.<Long>getAs("won")).isEqualTo(2);
        assertThat(all.<BigDecimal>getAs("revenue")).isEqualByComparingTo("6084.62");
        assertThat(all.<Long>getAs("prospect_skipped")).isEqualTo(1); // L4, converted without MQL
        // suspect -> prospect days: L1 10, L11 13, L3 63, L4 80; median (13 + 63) / 2 = 38;
        // p90 at position 0.9 x 3 = 2.7: 63 + 0.7 x (80 - 63) = 74.9
        assertThat(all.<BigDecimal>getAs("suspect_to_prospect_days_p50")).isEqualByComparingTo("38.0");
        assertThat(all.<BigDecimal>getAs("suspect_to_prospect_days_p90")).isEqualByComparingTo("74.9");
        // opportunity -> won days: L1 02-01..03-20 = 47, L3 04-10..06-15 = 66; median 56.5
        assertThat(all.<BigDecimal>getAs("opportunity_to_won_days_p50")).isEqualByComparingTo("56.5");
        // Wilson 95% for 4 of 5 prospects
        double n = 5;
        double p = 4 / n;
        double z = 1.96;
        double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
        assertThat(all.<BigDecimal>getAs("suspect_to_prospect_rate")).isEqualByComparingTo("0.800000");
        assertThat(all.<BigDecimal>getAs("suspect_to_prospect_low"))
                .isEqualByComparingTo(BigDecimal.valueOf(centre - half).setScale(6, RoundingMode.HALF_UP));
        assertThat(all.<BigDecimal>getAs("suspect_to_prospect_high"))
                .isEqualByComparingTo(BigDecimal.valueOf(centre + half).setScale(6, RoundingMode.HALF_UP));
        // revenue per lead 6084.62 / 5 = 1216.924 -> 1216.92
        assertThat(all.<BigDecimal>getAs("revenue_per_lead")).isEqualByComparingTo("1216.92");
    }

    @Test
    void wonRevenueNamesItsSourceAndPrimaryLead() {
        List<Row> won = TestSpark.get().read().format("delta").load(warehouse().silver("won_opportunities"))
                .orderBy("opportunity_id")
                .select("opportunity_id", "revenue", "revenue_source", "primary_lead_id").collectAsList();
        assertThat(won).extracting(Row::toString).containsExactly(
                "[OP1,1084.62,orders,L1]", "[OP2,5000.00,opportunity,L3]", "[OP4,375.00,opportunity,L9]",
                "[OP5,777.00,opportunity,null]");
    }

    @Test
    void emailsDoNotTravelPastSilverAndDeletedLeadsAreGone() {
        var leads = TestSpark.get().read().format("delta").load(warehouse().silver("leads"));
        assertThat(leads.columns()).doesNotContain("email").contains("email_hash");
        assertThat(leads.filter(col("lead_id").equalTo("L8")).count()).isZero();
        List<Row> persons = leads.filter(col("lead_id").isin("L1", "L5", "L6", "L7")).orderBy("lead_id")
                .select("lead_id", "person_id").collectAsList();
        assertThat(persons).extracting(Row::toString)
                .containsExactly("[L1,L1]", "[L5,L1]", "[L6,L6]", "[L7,L6]");
        String h1 = leads.filter(col("lead_id").equalTo("L1")).first().getAs("email_hash");
        String h5 = leads.filter(col("lead_id").equalTo("L5")).first().getAs("email_hash");
        assertThat(h1).hasSize(64).isEqualTo(h5); // same normalised email, same pseudonym
    }
}
