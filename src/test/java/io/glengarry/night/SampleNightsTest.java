package io.glengarry.night;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.config.Settings;
import io.glengarry.ingest.DropIntake;
import io.glengarry.ingest.Extract;
import io.glengarry.ingest.ExtractIntake;
import io.glengarry.ingest.QuarantineReason;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole night, as the CLI runs it, on every sample drop in data-samples/landing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleNightsTest {
    static final List<LocalDate> NIGHTS = SampleWarehouse.NIGHTS;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark = TestSpark.get();

    private Warehouse warehouse() {
        return SampleWarehouse.get();
    }

    private JsonNode manifest(LocalDate night) throws IOException {
        return JSON.readTree(warehouse().manifest(night).toFile());
    }

    @Test
    @Order(1)
    void everySampleNightRunsAndItsManifestAddsUp() throws IOException {
        Set<String> reasonsSeen = new HashSet<>();
        for (LocalDate night : NIGHTS) {
            assertThat(SampleWarehouse.exit(night)).as("exit code of %s", night).isEqualTo(ExitCode.SUCCESS);
            assertThat(warehouse().staging()).as("the parsed drops' scratch, removed after bronze").doesNotExist();
            JsonNode m = manifest(night);
            assertThat(m.get("status").asText()).isEqualTo("succeeded");
            assertThat(m.get("run_date").asText()).isEqualTo(night.toString());
            for (String field : List.of("started_at", "finished_at", "code_version", "config_sha256", "tables",
                    "reports", "control_totals", "stages")) {
                assertThat(m.has(field)).as("manifest field %s", field).isTrue();
            }
            Iterator<Map.Entry<String, JsonNode>> extracts = m.get("extracts").fields();
            while (extracts.hasNext()) {
                Map.Entry<String, JsonNode> e = extracts.next();
                JsonNode x = e.getValue();
                long byReason = 0;
                for (Iterator<Map.Entry<String, JsonNode>> r = x.get("quarantined_by_reason").fields(); r.hasNext(); ) {
                    Map.Entry<String, JsonNode> reason = r.next();
                    byReason += reason.getValue().asLong();
                    reasonsSeen.add(reason.getKey());
                }
                assertThat(x.get("rows_read").asLong()).as("%s %s read = accepted + quarantined", night, e.getKey())
                        .isEqualTo(x.get("rows_accepted").asLong() + x.get("rows_quarantined").asLong());
                assertThat(byReason).isEqualTo(x.get("rows_quarantined").asLong());
                assertThat(x.get("sha256").asText()).hasSize(64);
            }
        }
        JsonNode first = manifest(NIGHTS.get(0)).get("extracts");
        assertThat(first.size()).isEqualTo(Extract.values().length);
        assertThat(first.get("touches").get("files")).hasSize(2); // two gzip parts
        assertThat(first.get("leads").get("rows_read").asLong()).isEqualTo(3001);
        assertThat(first.get("leads").get("rows_quarantined").asLong()).isEqualTo(1);
        // the samples exercise every quarantine reason
        assertThat(reasonsSeen).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(QuarantineReason.values()).map(QuarantineReason::code).toList());
        // bronze holds what the manifests say was accepted
        long acceptedLeads = 0;
        for (LocalDate night : NIGHTS) {
            acceptedLeads += manifest(night).get("extracts").get("leads").get("rows_accepted").asLong();
        }
        assertThat(spark.read().format("delta").load(warehouse().bronze("leads")).count()).isEqualTo(acceptedLeads);
        assertThat(spark.read().format("delta").load(warehouse().quarantine()).count()).isEqualTo(12);
        // every night publishes both reports; the samples' cohorts span FY2024-Q1 .. FY2026-Q4
        JsonNode reports = manifest(NIGHTS.get(2)).get("reports");
        assertThat(reports.get("cohort_conversion").get("rows").asLong()).isPositive();
        assertThat(reports.get("funnel_conversion").get("rows").asLong()).isPositive();
        List<String> cohorts = spark.read().format("delta").load(warehouse().gold("cohort_conversion"))
                .select("cohort_quarter").distinct().orderBy("cohort_quarter").collectAsList().stream()
                .map(r -> r.getString(0)).toList();
        assertThat(cohorts).hasSize(12).startsWith("FY2024-Q1").endsWith("FY2026-Q4");
        assertThat(manifest(NIGHTS.get(2)).get("notices").get("data_quality").get("unmapped_channel").asLong())
                .isPositive(); // "Podcast Sponsorship" is in no channel on purpose
    }

    @Test
    @Order(2)
    void validateReportsTheCountsTheRunRecordedAndWritesNothing() throws IOException {
        Settings settings = Settings.load(Path.of("conf/glengarry.conf"), Map.of());
        Path emptyWarehouse = warehouse().root().resolve("untouched");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DropIntake drop = DropValidation.validate(spark, settings, NIGHTS.get(0), new StageLog(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        JsonNode recorded = manifest(NIGHTS.get(0)).get("extracts");
        for (ExtractIntake e : drop.extracts()) {
            JsonNode x = recorded.get(e.extract().fileName());
            assertThat(e.rowsRead()).isEqualTo(x.get("rows_read").asLong());
            assertThat(e.rowsQuarantined()).isEqualTo(x.get("rows_quarantined").asLong());
            assertThat(JSON.valueToTree(e.quarantinedByReason()).toString())
                    .isEqualTo(x.get("quarantined_by_reason").toString());
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("leads", "3001", "missing_required", "The drop passes the contract");
        assertThat(report).contains("2026-11-24/orders.csv:144  negative_quantity");
        assertThat(emptyWarehouse).doesNotExist();
    }

    @Test
    @Order(3)
    void rerunningAnOlderNightAfterANewerOneReproducesItAndLeavesTheNewerOneAlone() throws IOException {
        LocalDate older = NIGHTS.get(1);
        LocalDate newer = NIGHTS.get(2);
        Map<String, List<String>> bronzeBefore = bronzeContents();
        Map<String, byte[]> olderExports = exports(older);
        Map<String, byte[]> newerExports = exports(newer);
        List<String> newerGold = goldRows(newer);
        assertThat(olderExports).containsKeys("cohort_conversion/cohort_conversion.csv",
                "cohort_conversion/cohort_conversion.parquet", "funnel_conversion/funnel_conversion.csv");

        assertThat(SampleWarehouse.run(older)).isEqualTo(ExitCode.SUCCESS);

        assertThat(bronzeContents()).isEqualTo(bronzeBefore);
        assertThat(exports(older)).as("the older night, re-run, byte for byte")
                .containsExactlyInAnyOrderEntriesOf(olderExports);
        assertThat(exports(newer)).as("the newer night untouched").containsExactlyInAnyOrderEntriesOf(newerExports);
        assertThat(goldRows(newer)).isEqualTo(newerGold);

        // and the newest night re-run last (leaving the shared warehouse as of it): byte for byte again
        assertThat(SampleWarehouse.run(newer)).isEqualTo(ExitCode.SUCCESS);
        assertThat(exports(newer)).as("the newest night, re-run").containsExactlyInAnyOrderEntriesOf(newerExports);
    }

    @Test
    @Order(4)
    void reRunningAFinishedNightWhoseDropBrokeSinceFailsAndLeavesTheNightAsItWas() throws IOException {
        LocalDate night = NIGHTS.get(2);
        Path landing = java.nio.file.Files.createTempDirectory("glengarry-broken-landing-");
        Path drop = java.nio.file.Files.createDirectories(landing.resolve(night.toString()));
        try (var files = java.nio.file.Files.list(Path.of("data-samples/landing", night.toString()))) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, drop.resolve(f.getFileName()));
            }
        }
        // since the night ran, its leads.csv lost a required column
        Path leads = drop.resolve("leads.csv");
        List<String> lines = java.nio.file.Files.readAllLines(leads);
        lines.set(0, lines.get(0).replace("created_at", "created"));
        java.nio.file.Files.write(leads, lines);
        byte[] manifestBefore = java.nio.file.Files.readAllBytes(warehouse().manifest(night));
        Map<String, Long> filesBefore = warehouseFiles();

        ExitCode exit = io.glengarry.cli.Main.execute(new String[] {"run", "--run-date", night.toString(),
                "--warehouse", warehouse().root().toString(), "--landing", landing.toString()});

        assertThat(exit).isEqualTo(ExitCode.CONTRACT_BROKEN);
        assertThat(java.nio.file.Files.readAllBytes(warehouse().manifest(night)))
                .as("the finished night's manifest, byte for byte").isEqualTo(manifestBefore);
        assertThat(warehouseFiles()).as("every file of the warehouse, with its size")
                .containsExactlyInAnyOrderEntriesOf(filesBefore);
    }

    /**
     * Every file under the warehouse -> its size; its run lock and its lineage events aside (a refused run adds its
     * START and FAIL events there, README "Lineage").
     */
    private Map<String, Long> warehouseFiles() throws IOException {
        Path root = warehouse().root();
        Map<String, Long> files = new java.util.TreeMap<>();
        try (var walk = java.nio.file.Files.walk(root)) {
            for (Path f : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                String name = root.relativize(f).toString();
                if (!name.equals(io.glengarry.runtime.RunLock.FILE_NAME) && !name.startsWith("lineage/")) {
                    files.put(name, java.nio.file.Files.size(f));
                }
            }
        }
        return files;
    }

    /** report/file -> bytes of every export file of a night. */
    private Map<String, byte[]> exports(LocalDate night) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        for (String report : io.glengarry.report.GoldReports.REPORTS) {
            Path dir = warehouse().exportDir(report, night);
            try (var listing = java.nio.file.Files.list(dir)) {
                for (Path f : listing.toList()) {
                    files.put(report + "/" + f.getFileName(), java.nio.file.Files.readAllBytes(f));
                }
            }
        }
        return files;
    }

    private List<String> goldRows(LocalDate night) {
        List<String> rows = new ArrayList<>();
        for (String report : io.glengarry.report.GoldReports.REPORTS) {
            spark.read().format("delta").load(warehouse().gold(report))
                    .filter(org.apache.spark.sql.functions.col("as_of").equalTo(java.sql.Date.valueOf(night)))
                    .collectAsList().forEach(r -> rows.add(report + " " + r));
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    private Map<String, List<String>> bronzeContents() {
        Map<String, List<String>> contents = new LinkedHashMap<>();
        List<String> tables = new ArrayList<>();
        for (Extract e : Extract.values()) {
            tables.add(warehouse().bronze(e.fileName()));
        }
        tables.add(warehouse().quarantine());
        for (String table : tables) {
            List<String> rows = spark.read().format("delta").load(table).collectAsList().stream()
                    .map(Row::toString).sorted().toList();
            contents.put(table, rows);
        }
        return contents;
    }
}
