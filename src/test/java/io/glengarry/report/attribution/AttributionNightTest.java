package io.glengarry.report.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.report.GoldReports;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
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
 * The sample night 2026-11-26 (catching up on 11-24 and 11-25) through the CLI: every attribution report is
 * written and exported, and the invariants hold — checked here again, independently of the run's own check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttributionNightTest {
    static final LocalDate NIGHT = SampleWarehouse.LAST_NIGHT;
    private final SparkSession spark = TestSpark.get();

    private Path warehouseDir;
    private ExitCode exit;

    @BeforeAll
    void runTheSampleNights() {
        warehouseDir = SampleWarehouse.get().root();
        exit = SampleWarehouse.exit(NIGHT);
    }

    private Dataset<Row> gold(String report) {
        return spark.read().format("delta").load(new Warehouse(warehouseDir).gold(report))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(NIGHT)));
    }

    @Test
    void theNightSucceedsAndWritesEveryReportWithItsExports() throws IOException {
        assertThat(exit).isEqualTo(ExitCode.SUCCESS);
        Warehouse warehouse = new Warehouse(warehouseDir);
        for (String report : List.of("attribution_credit", "channel_contribution", "campaign_contribution",
                "attribution_model_comparison", "sales_channel_contribution")) {
            assertThat(GoldReports.REPORTS).contains(report);
            assertThat(gold(report).isEmpty()).as("gold %s has rows", report).isFalse();
            assertThat(warehouse.exportDir(report, NIGHT).resolve(report + ".csv")).exists();
            assertThat(warehouse.exportDir(report, NIGHT).resolve(report + ".parquet")).exists();
        }
        Path reconciliation = warehouse.exportDir(GoldReports.ATTRIBUTION_RECONCILIATION, NIGHT)
                .resolve(GoldReports.ATTRIBUTION_RECONCILIATION + ".csv");
        assertThat(reconciliation).exists();
        JsonNode manifest = new ObjectMapper().readTree(warehouse.manifest(NIGHT).toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("succeeded");
        JsonNode totals = manifest.get("control_totals");
        assertThat(totals.get("attribution.reconciliation_breaks").asLong()).isZero();
        BigDecimal won = new BigDecimal(totals.get("attribution.won_revenue").asText());
        assertThat(won.signum()).isPositive();
        for (String model : AttributionModels.ALL) {
            assertThat(new BigDecimal(totals.get("attribution.credited." + model).asText()))
                    .as("credited under %s", model).isEqualByComparingTo(won);
            assertThat(new BigDecimal(totals.get("attribution.account.credited." + model).asText()))
                    .as("credited under %s, account scope", model).isEqualByComparingTo(won);
        }
        assertThat(new BigDecimal(totals.get("sales_channel_contribution.bookings").asText()))
                .isEqualByComparingTo(won);
    }

    @Test
    void everyQuarterScopeAndModelCreditsExactlyTheQuartersWonRevenue() {
        Dataset<Row> won = spark.read().format("delta").load(new Warehouse(warehouseDir).silver("won_opportunities"))
                .filter(col("revenue").isNotNull())
                .groupBy("closed_quarter").agg(sum("revenue").as("won"));
        Dataset<Row> credited = gold("channel_contribution").groupBy("closed_quarter", "scope", "model")
                .agg(sum("credited_revenue").as("credited"));
        List<Row> mismatches = credited.join(won, "closed_quarter")
                .filter(col("credited").notEqual(col("won"))).collectAsList();
        assertThat(mismatches).isEmpty();
        assertThat(credited.count()).isEqualTo(won.count() * AttributionModels.ALL.size()
                * AttributionScope.ALL.size());
        List<Row> bookings = gold("sales_channel_contribution").groupBy("closed_quarter")
                .agg(sum("bookings").as("bookings")).join(won, "closed_quarter")
                .filter(col("bookings").notEqual(col("won"))).collectAsList();
        assertThat(bookings).isEmpty();
        // each deal's credits add up to its revenue under every scope and model
        Dataset<Row> perDeal = gold("attribution_credit").groupBy("opportunity_id", "scope", "model")
                .agg(sum("credit").as("credited"));
        Dataset<Row> revenue = spark.read().format("delta")
                .load(new Warehouse(warehouseDir).silver("won_opportunities"))
                .select(col("opportunity_id"), col("revenue"));
        assertThat(perDeal.join(revenue, "opportunity_id").filter(col("credited").notEqual(col("revenue")))
                .collectAsList()).isEmpty();
        assertThat(perDeal.count()).isEqualTo(revenue.filter(col("revenue").isNotNull()).count()
                * AttributionModels.ALL.size() * AttributionScope.ALL.size());
        assertThat(gold("attribution_model_comparison").columns()).contains("scope", "markov_credit",
                "w_shaped_rank");
    }

    @Test
    void theReconciliationFileListsEveryQuarterAndModel() throws IOException {
        Path file = new Warehouse(warehouseDir).exportDir(GoldReports.ATTRIBUTION_RECONCILIATION, NIGHT)
                .resolve(GoldReports.ATTRIBUTION_RECONCILIATION + ".csv");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("check,closed_quarter,scope,model,expected,actual,difference,detail,"
                + "closed_quarter_index");
        assertThat(lines).filteredOn(l -> l.startsWith(AttributionReconciliation.CREDIT_CHECK + ","))
                .hasSize(2 * (int) lines.stream().filter(l -> l.startsWith(AttributionReconciliation.CREDIT_CHECK
                        + ",") && l.contains(",lead,")).count());
        assertThat(lines).filteredOn(l -> l.startsWith(AttributionReconciliation.CREDIT_CHECK + ","))
                .allMatch(l -> l.contains(",0.00,"));
    }
}
