package io.glengarry.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.TestFiles;
import io.glengarry.TestSpark;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.conform.EmailPseudonym;
import io.glengarry.night.NightlyRun;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a tiny generated scale (1,000 leads, a history load and one night with updates, deletes, merges, late
 * touches, deals moving on): running the nights one after the other gives, byte for byte, the same exports as a
 * warehouse built from all the drops at once (a fresh warehouse catching up on every drop in one run). Guards any
 * incremental maintenance of silver and gold: the nightly warehouse takes every incremental path however small its
 * tables (spark.incremental-from-rows = 0: current tables MERGEd, lead identity updated where the changes reach),
 * and keeps the silver tables whose inputs the night did not change as they are, where the rebuilt one writes all.
 */
class IncrementalEqualsRebuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<LocalDate> NIGHTS = SyntheticDrops.dropDates(1);

    /** The generated drops (history load and one night) and, in "history", the history night run the nightly way. */
    @TempDir
    static Path shared;
    private static Path landing;

    @BeforeAll
    static void historyNight() {
        landing = shared.resolve("landing");
        new SyntheticDrops(0.0001, 1, 11, landing).generate();
        new NightlyRun(TestSpark.get(), settings(landing, shared.resolve("history"), 0), new StageLog())
                .run(NIGHTS.get(0), false, "test");
    }

    /** A warehouse of its own holding the history night, as the next night finds it. */
    private static Path afterTheHistoryNight(Path warehouse) throws IOException {
        TestFiles.copyTree(shared.resolve("history"), warehouse);
        return warehouse;
    }

    @Test
    void nightByNightEqualsOneRebuild(@TempDir Path dir) throws IOException {
        SparkSession spark = TestSpark.get();
        LocalDate last = NIGHTS.get(1);
        new NightlyRun(spark, settings(landing, afterTheHistoryNight(dir.resolve("nightly")), 0), new StageLog())
                .run(last, false, "test");
        new NightlyRun(spark, settings(landing, dir.resolve("rebuilt"), 200_000), new StageLog())
                .run(last, false, "test");

        JsonNode nightlyTables = JSON.readTree(dir.resolve("nightly/manifests/" + last + ".json").toFile())
                .path("notices").path("silver_tables");
        assertThat(nightlyTables.path("_current/leads").asText()).isEqualTo("merged");
        Dataset<Row> currentLeads = spark.read().format("delta").load(dir.resolve("nightly/silver/_current/leads")
                .toString());
        assertThat(currentLeads.columns()).as("e-mail addresses stop at bronze").doesNotContain("email")
                .contains("email_hash", "email_domain", EmailPseudonym.KEY_ID);
        for (org.apache.spark.sql.types.StructField f : currentLeads.schema().fields()) {
            if (f.dataType().equals(org.apache.spark.sql.types.DataTypes.StringType)) {
                String address = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";
                assertThat(currentLeads.filter(col(f.name()).rlike(address)).count())
                        .as("addresses in _current/leads." + f.name()).isZero();
            }
        }
        assertThat(nightlyTables.path("_current/touches").asText()).isEqualTo("merged");
        assertThat(nightlyTables.path("leads").asText()).isEqualTo("written");
        List<String> keptAsTheyWere = new ArrayList<>();
        nightlyTables.fields().forEachRemaining(t -> {
            if (!t.getKey().startsWith("_current/") && t.getValue().asText().equals("unchanged")) {
                keptAsTheyWere.add(t.getKey());
            }
        });
        assertThat(keptAsTheyWere).as("silver tables the night left as they were").isNotEmpty();
        JsonNode rebuiltTables = JSON.readTree(dir.resolve("rebuilt/manifests/" + last + ".json").toFile())
                .path("notices").path("silver_tables");
        for (String table : keptAsTheyWere) {
            assertThat(rebuiltTables.path(table).asText()).as(table).isEqualTo("written");
        }

        Map<String, byte[]> nightly = csvExports(dir.resolve("nightly/exports"), last);
        Map<String, byte[]> rebuilt = csvExports(dir.resolve("rebuilt/exports"), last);
        assertThat(nightly).hasSizeGreaterThanOrEqualTo(12).containsKey("cohort_conversion/as_of=" + last
                + "/cohort_conversion.csv");
        assertThat(rebuilt.keySet()).isEqualTo(nightly.keySet());
        nightly.forEach((file, bytes) -> assertThat(rebuilt.get(file)).as(file).isEqualTo(bytes));
    }

    /**
     * A night whose e-mail key is not the key that hashed the leads' current table rebuilds the table from bronze
     * instead of merging into it: no pseudonym of the old key survives, and identity (which compares pseudonyms)
     * sees one key only.
     */
    @Test
    void aNewEmailKeyRebuildsTheLeadsCurrentTable(@TempDir Path dir) throws IOException {
        SparkSession spark = TestSpark.get();
        List<LocalDate> nights = NIGHTS;
        Path warehouse = afterTheHistoryNight(dir.resolve("warehouse"));
        // the key is read from the variable the config names: another variable, another key
        Settings newKey = Settings.load(Path.of("conf/glengarry.conf"), Map.of(ConfigKeys.LANDING, landing.toString(),
                ConfigKeys.WAREHOUSE, warehouse.toString(), ConfigKeys.SPARK_INCREMENTAL_FROM_ROWS, 0,
                ConfigKeys.EMAIL_HASH_KEY_ENV, "PATH"));
        new NightlyRun(spark, newKey, new StageLog()).run(nights.get(1), false, "test");

        JsonNode tables = JSON.readTree(warehouse.resolve("manifests/" + nights.get(1) + ".json").toFile())
                .path("notices").path("silver_tables");
        assertThat(tables.path("_current/leads").asText()).isEqualTo("rebuilt");
        assertThat(tables.path("_current/touches").asText()).as("other extracts merge as before").isEqualTo("merged");
        List<Row> keys = spark.read().format("delta").load(warehouse.resolve("silver/_current/leads").toString())
                .select(EmailPseudonym.KEY_ID).distinct().collectAsList();
        assertThat(keys).extracting(r -> r.getString(0)).containsExactly(EmailPseudonym.keyId(
                EmailPseudonym.key(System.getenv("PATH"))));
    }

    private static Settings settings(Path landing, Path warehouse, int incrementalFromRows) {
        return Settings.load(Path.of("conf/glengarry.conf"), Map.of(ConfigKeys.LANDING, landing.toString(),
                ConfigKeys.WAREHOUSE, warehouse.toString(), ConfigKeys.SPARK_INCREMENTAL_FROM_ROWS,
                incrementalFromRows));
    }

    /** Every CSV export as of the date, by its path under exports/. */
    private static Map<String, byte[]> csvExports(Path exports, LocalDate asOf) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(exports)) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".csv")
                    && p.getParent().getFileName().toString().equals("as_of=" + asOf)).toList()) {
                files.put(exports.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
