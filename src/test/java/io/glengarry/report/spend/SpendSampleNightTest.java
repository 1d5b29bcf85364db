package io.glengarry.report.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.report.GoldReports;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample nights (shared warehouse): spend_reconciliation, campaign_budget and the spend control file are
 * written, the night ties, and the sample's special ledger lines are where the rules put them — checked against
 * silver independently of the run's own control totals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpendSampleNightTest {
    static final LocalDate NIGHT = SampleWarehouse.LAST_NIGHT;
    private final SparkSession spark = TestSpark.get();
    private Warehouse warehouse;

    @BeforeAll
    void sampleNights() {
        warehouse = SampleWarehouse.get();
    }

    private List<String> export(String name) throws IOException {
        return Files.readAllLines(warehouse.exportDir(name, NIGHT).resolve(name + ".csv"));
    }

    @Test
    void theSampleNightWritesTheReportAndItsTotalsTieToTheLedger() throws IOException {
        assertThat(SampleWarehouse.exit(NIGHT)).isEqualTo(ExitCode.SUCCESS);
        JsonNode manifest = new ObjectMapper().readTree(warehouse.manifest(NIGHT).toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("succeeded");
        JsonNode totals = manifest.get("control_totals");
        assertThat(totals.get("spend.reconciliation_breaks").asLong()).isZero();

        Row ledger = spark.read().format("delta").load(warehouse.silver("spend"))
                .agg(sum("amount_reporting"), sum(col("amount_reporting").isNull().cast("int"))).first();
        BigDecimal ledgerTotal = ledger.getDecimal(0);
        assertThat(ledger.getLong(1)).as("sample spend lines without a rate").isZero();
        assertThat(new BigDecimal(totals.get("spend.ledger_total.actual").asText())).isEqualByComparingTo(ledgerTotal);
        for (String currency : List.of("USD", "EUR", "GBP")) {
            BigDecimal read = spark.read().format("delta").load(warehouse.silver("spend"))
                    .filter(col("currency").equalTo(currency)).agg(sum("amount")).first().getDecimal(0);
            assertThat(new BigDecimal(totals.get("spend.ledger_currency_total." + currency + ".expected").asText()))
                    .as(currency).isEqualByComparingTo(read);
        }

        List<String> report = export("spend_reconciliation");
        assertThat(report.get(0)).isEqualTo("as_of,fiscal_quarter,channel,spend,spend_lines,leads,prospects,"
                + "opportunities,won_deals,attributed_revenue,cost_per_lead,cost_per_opportunity,cac,roi,roas,"
                + "attribution_model,attribution_scope,fiscal_quarter_index,is_total");
        String total = report.get(report.size() - 1);
        assertThat(total).startsWith(NIGHT + ",TOTAL,ALL," + ledgerTotal.toPlainString() + ",").endsWith(",true");
        assertThat(report.subList(1, report.size() - 1)).allMatch(line -> line.endsWith(",false"))
                .noneMatch(line -> line.contains("E+") || line.contains("E-"));
        // twelve history quarters of the canonical channels, plus unmapped and unattributed
        assertThat(report).anyMatch(line -> line.startsWith(NIGHT + ",FY2024-Q1,email,"))
                .anyMatch(line -> line.startsWith(NIGHT + ",FY2026-Q2,unmapped,"))
                .anyMatch(line -> line.startsWith(NIGHT + ",FY2026-Q4,unmapped,"));
        assertThat(export("campaign_budget")).hasSizeGreaterThan(50);
    }

    @Test
    void theSpecialLedgerLinesAreListedWithTheirReason() throws IOException {
        List<String> control = export(GoldReports.SPEND_CONTROL);
        // JE000506: channel 'Podcast Sponsorship', 7500.00 USD on 2026-06-15 (FY2026-Q2)
        assertThat(control).anyMatch(line -> line.startsWith(
                "spend_ledger,ledger_line,FY2026-Q2,JE000506,USD,7500.00,,7500.00,,false,unmapped_channel,"));
        // JE000600 (drop of 2026-11-26): a reversal naming neither channel nor campaign
        assertThat(control).anyMatch(line -> line.startsWith(
                "spend_ledger,ledger_line,FY2026-Q4,JE000600,USD,-5600.00,,-5600.00,,false,no_channel,"
                        + "2026-11-26/spend.csv line 5:"));
        // campaign-only (JE000002, C0004) and channel-only (JE000005) lines reach a canonical channel
        assertThat(control).noneMatch(line -> line.contains(",JE000002,") || line.contains(",JE000005,"));
        assertThat(control).noneMatch(line -> line.contains(",true,"));
    }
}
