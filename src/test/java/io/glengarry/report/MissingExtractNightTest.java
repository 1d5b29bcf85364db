package io.glengarry.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.cli.Main;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * EXTRACTS.md: a missing optional extract is not an error; the reports that need it are skipped with a notice,
 * all others run. The first sample night is run in full, then its drop is corrected to one without
 * opportunity_history and spend and run again: the hygiene, forecast and spend reports are skipped (named in the
 * manifest with what they lack, their partition of the night and their exports removed), and every other report
 * is byte for byte what the full night gives.
 */
class MissingExtractNightTest {
    private static final LocalDate NIGHT = SampleWarehouse.NIGHTS.get(0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SKIPPED = List.of("campaign_budget", "crm_hygiene", "crm_hygiene_summary",
            "forecast_accuracy", "spend_control", "spend_reconciliation", "surprise_deals");

    @TempDir
    Path tmp;

    @Test
    void reportsNeedingAnExtractNeverDeliveredAreSkippedAndTheOthersRun() throws IOException {
        Warehouse canonical = SampleWarehouse.get();
        Path landing = tmp.resolve("landing");
        Path drop = landing.resolve(NIGHT.toString());
        copyDrop(Path.of("data-samples/landing").resolve(NIGHT.toString()), drop);
        Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
        String[] run = {"run", "--run-date", NIGHT.toString(), "--landing", landing.toString(), "--warehouse",
                warehouse.root().toString()};
        assertThat(Main.execute(run)).isEqualTo(SampleWarehouse.exit(NIGHT));
        assertThat(warehouse.exportDir("crm_hygiene", NIGHT)).exists();

        try (Stream<Path> files = Files.list(drop)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("opportunity_history") || name.startsWith("spend")) {
                    Files.delete(f);
                }
            }
        }
        ExitCode exit = Main.execute(run);

        assertThat(exit).isEqualTo(ExitCode.SUCCESS);
        JsonNode manifest = JSON.readTree(warehouse.manifest(NIGHT).toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("succeeded");
        Map<String, List<String>> skipped = new TreeMap<>();
        manifest.get("notices").get("skipped_reports").fields().forEachRemaining(e -> skipped.put(e.getKey(),
                JSON.convertValue(e.getValue(), List.class)));
        assertThat(skipped).containsOnlyKeys(SKIPPED);
        assertThat(skipped.get("crm_hygiene")).containsExactly("opportunity_history");
        assertThat(skipped.get("campaign_budget")).containsExactly("spend");
        assertThat(skipped.get("spend_reconciliation")).containsExactly("spend");
        for (String report : SKIPPED) {
            assertThat(warehouse.exportDir(report, NIGHT)).as(report).doesNotExist();
            assertThat(manifest.get("reports").has(report)).as(report).isFalse();
        }
        assertThat(TestSpark.get().read().format("delta").load(warehouse.gold("crm_hygiene"))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(NIGHT))).count()).isZero();

        List<String> ran = List.of("cohort_conversion", "funnel_conversion", "attribution_credit",
                "channel_contribution", "campaign_contribution", "attribution_model_comparison",
                "sales_channel_contribution", GoldReports.ATTRIBUTION_RECONCILIATION);
        for (String report : ran) {
            Path expected = canonical.exportDir(report, NIGHT).resolve(report + ".csv");
            Path actual = warehouse.exportDir(report, NIGHT).resolve(report + ".csv");
            assertThat(Files.mismatch(expected, actual)).as("%s differs from the full night's", report)
                    .isEqualTo(-1L);
        }
        assertThat(warehouse.exportDir("summary", NIGHT).resolve("index.html")).exists();
    }

    private static void copyDrop(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
