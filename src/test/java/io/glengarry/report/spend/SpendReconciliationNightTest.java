package io.glengarry.report.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.Drops;
import io.glengarry.TestSpark;
import io.glengarry.cli.Main;
import io.glengarry.report.GoldReports;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.glengarry.Drops.csv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small ledger tied to spend_reconciliation by hand, through the real night (Main), and the control-total gate:
 * the drop first carries a CHF line without any CHF rate (exit 4, the reconciliation file names the line), then
 * the same drop with the CHF rate added passes.
 * <pre>
 * spend (posted in FY2026-Q2)                                     channel       reporting
 * JE1 2026-04-02   600.00 USD  line "Webinar" + campaign C1       webinar          600.00
 * JE2 2026-04-10   200.05 EUR  campaign C2 only (Google Ads)      paid_search      200.05 x 1.10 = 220.055 -> 220.06
 * JE3 2026-05-03  -100.00 USD  line "Webinar": reversal of JE1    webinar         -100.00
 * JE4 2026-05-10   300.00 USD  line "Podcast Sponsorship"         unmapped         300.00 (unmapped_channel)
 * JE5 2026-06-01    50.00 GBP  neither channel nor campaign       unmapped          50.00 x 1.25 = 62.50 (no_channel)
 * JE6 2026-06-02    80.00 USD  campaign C9 only, not in campaigns unmapped          80.00 (unknown_campaign)
 * JE7 2026-06-05  1000.00 CHF  line "Google Ads"                  paid_search     1000.00 x 0.90 = 900.00 (rate
 *                                                                                 of 2026-06-01, second drop only)
 * leads: L1 (Webinar, created 04-05, MQL 04-10, converted into OP1 04-20), L2 (Google Ads, 04-06),
 *        L3 (Webinar, 05-01, MQL 05-02)
 * OP1 won 06-10 (order 2000.00 USD), primary lead L1; OP2 sales-sourced, created 05-01, won 06-20, 1000.00 USD, no
 * orders. Touches of L1: T1 04-05 Webinar, T2 04-15 Newsletter (email). w_shaped: T1 first + lead-creation
 * (0.6), T2 opportunity-creation (0.3), no other touch so /0.9: 2/3 and 1/3 of 2000.00 -> 1333.33 / 666.67
 * (the odd cent to the larger remainder .667). OP2 has no touch: 1000.00 to unattributed.
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpendReconciliationNightTest {
    static final LocalDate NIGHT = LocalDate.of(2026, 7, 15);

    @TempDir
    static Path dir;

    private ExitCode brokenExit;
    private List<String> brokenControl;
    private JsonNode brokenManifest;
    private ExitCode fixedExit;

    private static Warehouse warehouse() {
        return new Warehouse(dir.resolve("warehouse"));
    }

    @BeforeAll
    void runTheBrokenDropThenTheFixedOne() throws IOException {
        TestSpark.get();
        Path landing = dir.resolve("landing");
        Drops.write(landing, NIGHT, "campaigns.csv", csv("campaign_id,name,channel,start_date,end_date,budget,currency",
                "C1,Webinar series,Webinar,2026-04-01,2026-06-30,1000.00,USD",
                "C2,Search EMEA,Google Ads,2026-04-01,2026-06-30,500.00,EUR",
                "C3,Always-on,Email,2026-01-01,2026-12-31,,"));
        Drops.write(landing, NIGHT, "spend.csv", csv(
                "entry_id,posted_date,amount,currency,gl_account,cost_center,channel,campaign_id,vendor,description",
                "JE1,2026-04-02,600.00,USD,6110,CC-1,Webinar,C1,ON24,Webinar platform",
                "JE2,2026-04-10,200.05,EUR,6120,CC-1,,C2,Google,Search ads",
                "JE3,2026-05-03,-100.00,USD,6110,CC-1,Webinar,,ON24,Reversal of JE1 (partial)",
                "JE4,2026-05-10,300.00,USD,6100,CC-2,Podcast Sponsorship,,Pod Co,Podcast",
                "JE5,2026-06-01,50.00,GBP,6300,CC-2,,,Agency Ltd,=retainer",
                "JE6,2026-06-02,80.00,USD,6100,CC-2,,C9,Swag Inc,Swag",
                "JE7,2026-06-05,1000.00,CHF,6120,CC-3,Google Ads,,Google,Search ads CH"));
        String leadsHeader = "lead_id,created_at,last_modified_at,email,lead_source,mql_at,converted_at,"
                + "converted_opportunity_id";
        Drops.write(landing, NIGHT, "leads.csv", csv(leadsHeader,
                "L1,2026-04-05T09:00:00Z,2026-04-20T09:00:00Z,a@x.com,Webinar,2026-04-10T09:00:00Z,2026-04-20T09:00:00Z,OP1",
                "L2,2026-04-06T09:00:00Z,2026-04-06T09:00:00Z,b@x.com,Google Ads,,,",
                "L3,2026-05-01T09:00:00Z,2026-05-02T09:00:00Z,c@x.com,Webinar,2026-05-02T09:00:00Z,,"));
        Drops.write(landing, NIGHT, "touches.csv", csv("touch_id,lead_id,occurred_at,campaign_id,channel,touch_type",
                "T1,L1,2026-04-05T10:00:00Z,C1,,webinar_attended",
                "T2,L1,2026-04-15T10:00:00Z,,Newsletter,email_click"));
        Drops.write(landing, NIGHT, "opportunities.csv", csv(
                "opportunity_id,created_at,last_modified_at,close_date,stage,amount,currency,is_closed,is_won,sales_channel",
                "OP1,2026-04-20T09:00:00Z,2026-06-10T09:00:00Z,2026-06-10,Closed Won,2000.00,USD,true,true,direct",
                "OP2,2026-05-01T09:00:00Z,2026-06-20T09:00:00Z,2026-06-20,Closed Won,1000.00,USD,true,true,direct"));
        Drops.write(landing, NIGHT, "orders.csv", csv("order_id,opportunity_id,booked_at,currency,net_amount",
                "ORD1,OP1,2026-06-10T10:00:00Z,USD,2000.00"));
        String rates = "rate_date,currency,rate_to_reporting\n2026-04-06,EUR,1.10\n2026-03-30,EUR,1.05\n"
                + "2026-06-01,GBP,1.25\n";
        Drops.write(landing, NIGHT, "fx_rates.csv", rates);
        Path conf = dir.resolve("test.conf");
        Files.writeString(conf, "glengarry {\n  paths.channels = \""
                + Path.of("conf/channels.conf").toAbsolutePath() + "\"\n}\n");
        String[] run = {"run", "--run-date", NIGHT.toString(), "--landing", landing.toString(), "--warehouse",
                warehouse().root().toString(), "--conf", conf.toString()};

        brokenExit = Main.execute(run);
        brokenControl = exportLines(GoldReports.SPEND_CONTROL);
        brokenManifest = new ObjectMapper().readTree(warehouse().manifest(NIGHT).toFile());

        Drops.write(landing, NIGHT, "fx_rates.csv", rates + "2026-06-01,CHF,0.90\n");
        fixedExit = Main.execute(run);
    }

    private static List<String> exportLines(String report) throws IOException {
        return Files.readAllLines(warehouse().exportDir(report, NIGHT).resolve(report + ".csv"));
    }

    @Test
    void aSpendLineInACurrencyWithoutRateFailsTheNightWithExit4AndIsNamedLineByLine() {
        assertThat(brokenExit).isEqualTo(ExitCode.RECONCILIATION_FAILED);
        assertThat(brokenManifest.get("status").asText()).isEqualTo("reconciliation_failed");
        JsonNode totals = brokenManifest.get("control_totals");
        assertThat(totals.get("spend.ledger_currency_total.CHF.expected").asText()).isEqualTo("1000.00");
        assertThat(totals.get("spend.ledger_currency_total.CHF.actual").asText()).isEqualTo("0.00");
        assertThat(totals.get("spend.ledger_currency_total.CHF.difference").asText()).isEqualTo("-1000.00");
        assertThat(totals.get("spend.breaking_lines").asLong()).isEqualTo(1);
        // the report was still written, without the CHF line
        assertThat(brokenManifest.get("reports").get("spend_reconciliation").get("rows").asLong()).isPositive();
        assertThat(brokenControl).contains(
                "spend_ledger,ledger_currency_total,,,CHF,,1000.00,0.00,-1000.00,true,,"
                        + "Σ amount of the 1 ledger lines in CHF vs Σ amount of the 0 converted into the report",
                "spend_ledger,ledger_line,FY2026-Q2,JE7,CHF,1000.00,,,,true,missing_fx_rate,"
                        + "2026-07-15/spend.csv line 8: no rate for CHF on or before 2026-06-05: not in the report "
                        + "(reported under paid_search once a rate is delivered)");
    }

    @Test
    void theSameDropWithTheRateAddedPasses() throws IOException {
        assertThat(fixedExit).isEqualTo(ExitCode.SUCCESS);
        JsonNode manifest = new ObjectMapper().readTree(warehouse().manifest(NIGHT).toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("succeeded");
        JsonNode totals = manifest.get("control_totals");
        assertThat(totals.get("spend.ledger_total.expected").asText()).isEqualTo("2062.56");
        assertThat(totals.get("spend.ledger_total.actual").asText()).isEqualTo("2062.56");
        assertThat(totals.get("spend.ledger_currency_total.USD.expected").asText()).isEqualTo("880.00");
        assertThat(totals.get("spend.attributed_vs_won.actual").asText()).isEqualTo("3000.00");
        assertThat(totals.get("spend.orders_vs_bookings.expected").asText()).isEqualTo("3000.00");
        assertThat(totals.get("spend.attribution_model").asText()).isEqualTo("w_shaped");
        assertThat(totals.get("spend.reconciliation_breaks").asLong()).isZero();
    }

    @Test
    void theReportTiesTheLedgerToTheCent() throws IOException {
        String q2 = "2026-07-15,FY2026-Q2,";
        // paid_search: 220.06 + 900.00 = 1120.06; one lead (L2): cost per lead 1120.06; no credit: ROI -1, ROAS 0
        // webinar: 600.00 - 100.00 = 500.00; L1, L3: 2 leads, 2 prospects; OP1: 1 opportunity, 1 won; 1333.33
        //   cost per lead 250.00, per opportunity 500.00, CAC 500.00; ROI (1333.33 - 500)/500 = 1.66666 -> 1.666660
        // unmapped: 300.00 + 62.50 + 80.00 = 442.50 (3 lines)
        // unattributed: OP2 (sales-sourced) 1 opportunity, 1 won, 1000.00 credit, no spend: per opportunity and CAC
        //   0.00 / 1 = 0.00; no lead and no spend -> cost per lead, ROI and ROAS empty
        // TOTAL: spend 2062.56, 7 lines, 3 leads, 2 prospects, 2 opportunities, 2 won, 3000.00 attributed;
        //   per lead 2062.56/3 = 687.52, per opportunity and CAC 1031.28,
        //   ROI 937.44/2062.56 = 0.4545031... -> 0.454503, ROAS 3000/2062.56 = 1.4545031... -> 1.454503
        assertThat(exportLines("spend_reconciliation")).containsExactly(
                "as_of,fiscal_quarter,channel,spend,spend_lines,leads,prospects,opportunities,won_deals,"
                        + "attributed_revenue,cost_per_lead,cost_per_opportunity,cac,roi,roas,attribution_model,"
                        + "attribution_scope,fiscal_quarter_index,is_total",
                q2 + "email,0.00,0,0,0,0,0,666.67,,,,,,w_shaped,lead,8105,false",
                q2 + "paid_search,1120.06,2,1,0,0,0,0.00,1120.06,,,-1.000000,0.000000,w_shaped,lead,8105,false",
                q2 + "unattributed,0.00,0,0,0,1,1,1000.00,,0.00,0.00,,,w_shaped,lead,8105,false",
                q2 + "unmapped,442.50,3,0,0,0,0,0.00,,,,-1.000000,0.000000,w_shaped,lead,8105,false",
                q2 + "webinar,500.00,2,2,2,1,1,1333.33,250.00,500.00,500.00,1.666660,2.666660,w_shaped,lead,8105,false",
                "2026-07-15,TOTAL,ALL,2062.56,7,3,2,2,2,3000.00,687.52,1031.28,1031.28,0.454503,1.454503,w_shaped,lead,,true");
    }

    @Test
    void everyLineThatDoesNotReachACanonicalChannelIsListedWithItsReason() throws IOException {
        List<String> control = exportLines(GoldReports.SPEND_CONTROL);
        assertThat(control.get(0)).isEqualTo("section,check,fiscal_quarter,record_id,currency,amount,expected,actual,"
                + "difference,breaks,reason,detail");
        assertThat(control).contains(
                "spend_ledger,ledger_total,,,USD,,2062.56,2062.56,0.00,false,,Σ amount_reporting of the ledger "
                        + "lines vs Σ spend of spend_reconciliation (unmapped included)",
                "spend_ledger,unmapped_spend,,,USD,,442.50,442.50,0.00,false,,Σ of the ledger lines listed below as "
                        + "unmapped vs the report's unmapped spend",
                "spend_ledger,ledger_line,FY2026-Q2,JE4,USD,300.00,,300.00,,false,unmapped_channel,2026-07-15/spend.csv"
                        + " line 5: channel 'Podcast Sponsorship' maps to no channel in channels.conf: reported under "
                        + "unmapped",
                "spend_ledger,ledger_line,FY2026-Q2,JE5,GBP,50.00,,62.50,,false,no_channel,2026-07-15/spend.csv line 6:"
                        + " names neither a channel nor a campaign: reported under unmapped",
                "spend_ledger,ledger_line,FY2026-Q2,JE6,USD,80.00,,80.00,,false,unknown_campaign,2026-07-15/spend.csv "
                        + "line 7: no channel on the line and campaign C9 is not in campaigns: reported under unmapped",
                "attributed_revenue,attributed_vs_won,,,USD,,3000.00,3000.00,0.00,false,,Σ attributed_revenue of "
                        + "spend_reconciliation (unattributed included) vs Σ revenue of the won deals (deals without "
                        + "revenue for a missing FX rate are in attribution_reconciliation)",
                "orders_bookings,won_deal,FY2026-Q2,OP2,USD,1000.00,,1000.00,,false,won_without_orders,won without "
                        + "orders: booked from its opportunity amount");
        assertThat(control).noneMatch(line -> line.contains(",true,"));
        assertThat(control).noneMatch(line -> line.contains(",JE1,") || line.contains(",JE2,")
                || line.contains(",JE3,") || line.contains(",JE7,"));
    }

    @Test
    void budgetVsActualPerCampaignWithABudget() throws IOException {
        // C1: 1000.00 USD budget; JE1 600.00 names it (JE3 names no campaign) -> variance -400.00, used 0.6
        // C2: 500.00 EUR at the start date's rate (2026-03-30: 1.05) = 525.00; JE2 220.06 -> -304.94, 0.419162
        // C3 has no budget: not listed
        assertThat(exportLines("campaign_budget")).containsExactly(
                "as_of,campaign_id,name,channel,start_date,end_date,currency,budget,budget_reporting,actual_spend,"
                        + "variance,budget_used,spend_lines,lines_without_rate",
                "2026-07-15,C1,Webinar series,webinar,2026-04-01,2026-06-30,USD,1000.00,1000.00,600.00,-400.00,"
                        + "0.600000,1,0",
                "2026-07-15,C2,Search EMEA,paid_search,2026-04-01,2026-06-30,EUR,500.00,525.00,220.06,-304.94,"
                        + "0.419162,1,0");
    }
}
