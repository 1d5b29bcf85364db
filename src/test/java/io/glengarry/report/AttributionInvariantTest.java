package io.glengarry.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.TestSpark;
import io.glengarry.config.ChannelMap;
import io.glengarry.config.Settings;
import io.glengarry.report.attribution.AttributionReconciliation;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's invariant gate: a credit table one cent short in one (quarter, scope, model) yields the exit-4 error naming
 * the reconciliation file, and the control totals show the difference; when everything ties there is no error.
 */
class AttributionInvariantTest {
    private final SparkSession spark = TestSpark.get();

    @TempDir
    Path dir;

    private static final StructType WON = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("revenue", DataTypes.createDecimalType(20, 2)).add("sales_channel", DataTypes.StringType)
            .add("closed_quarter_index", DataTypes.IntegerType).add("closed_quarter", DataTypes.StringType);
    private static final StructType CREDITS = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("closed_quarter_index", DataTypes.IntegerType).add("closed_quarter", DataTypes.StringType)
            .add("scope", DataTypes.StringType).add("model", DataTypes.StringType)
            .add("credit", DataTypes.createDecimalType(20, 2));
    private static final StructType SALES = new StructType().add("closed_quarter_index", DataTypes.IntegerType)
            .add("closed_quarter", DataTypes.StringType).add("sales_channel", DataTypes.StringType)
            .add("bookings", DataTypes.createDecimalType(20, 2));

    private List<Row> reconciliation(boolean oneCentShort) {
        Dataset<Row> won = spark.createDataFrame(List.of(
                RowFactory.create("W1", new BigDecimal("100.00"), "direct", 8104, "FY2026-Q1"),
                RowFactory.create("W2", new BigDecimal("50.00"), "var", 8104, "FY2026-Q1"),
                RowFactory.create("W3", null, "direct", 8104, "FY2026-Q1")), WON);
        List<Row> credits = new ArrayList<>();
        for (String scope : io.glengarry.report.attribution.AttributionScope.ALL) {
            for (String model : io.glengarry.report.attribution.AttributionModels.ALL) {
                boolean short1 = oneCentShort && model.equals("time_decay") && scope.equals("account");
                credits.add(RowFactory.create("W1", 8104, "FY2026-Q1", scope, model,
                        new BigDecimal(short1 ? "99.99" : "100.00")));
                credits.add(RowFactory.create("W2", 8104, "FY2026-Q1", scope, model, new BigDecimal("50.00")));
            }
        }
        Dataset<Row> sales = spark.createDataFrame(List.of(
                RowFactory.create(8104, "FY2026-Q1", "direct", new BigDecimal("100.00")),
                RowFactory.create(8104, "FY2026-Q1", "var", new BigDecimal("50.00"))), SALES);
        return AttributionReconciliation.compute(won, spark.createDataFrame(credits, CREDITS), sales).collectAsList();
    }

    private GoldReports gold() {
        Settings settings = Settings.of(Map.of(), new ChannelMap(Map.of()));
        return new GoldReports(spark, settings, new Warehouse(dir.resolve("warehouse")), new StageLog());
    }

    @Test
    void aCentMissingInOneQuarterAndModelFailsTheRunWithExit4() throws IOException {
        RunManifest manifest = new RunManifest(LocalDate.of(2026, 4, 1), Instant.now(), "test", "sha", false);
        Path file = dir.resolve("attribution_reconciliation.csv");
        Optional<GlengarryException> failure = gold().checkInvariants(reconciliation(true), file, manifest);
        assertThat(failure).isPresent();
        assertThat(failure.get().exitCode()).isEqualTo(ExitCode.RECONCILIATION_FAILED);
        assertThat(failure.get().getMessage()).contains(file.toString())
                .contains("attribution_credit FY2026-Q1 account time_decay: -0.01");
        Path written = dir.resolve("manifest.json");
        manifest.write(written, "reconciliation_failed", Instant.now(), Map.of());
        JsonNode totals = new ObjectMapper().readTree(written.toFile()).get("control_totals");
        // 100.00 + 50.00; W3 has no revenue (missing FX) and is left out of both sides
        assertThat(totals.get("attribution.won_revenue").asText()).isEqualTo("150.00");
        assertThat(totals.get("attribution.account.credited.time_decay").asText()).isEqualTo("149.99");
        assertThat(totals.get("attribution.credited.time_decay").asText()).isEqualTo("150.00");
        assertThat(totals.get("attribution.account.credited.linear").asText()).isEqualTo("150.00");
        assertThat(totals.get("attribution.reconciliation_breaks").asInt()).isEqualTo(1);
        assertThat(totals.get("attribution.excluded_missing_fx_deals").asInt()).isEqualTo(1);
    }

    @Test
    void whenEverythingTiesThereIsNoFailure() {
        RunManifest manifest = new RunManifest(LocalDate.of(2026, 4, 1), Instant.now(), "test", "sha", false);
        assertThat(gold().checkInvariants(reconciliation(false), dir.resolve("r.csv"), manifest)).isEmpty();
    }
}
