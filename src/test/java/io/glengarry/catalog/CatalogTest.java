package io.glengarry.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestFiles;
import io.glengarry.TestSpark;
import io.glengarry.cli.Main;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.report.GoldReports;
import io.glengarry.report.cohort.CohortConversion;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scala.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample nights register every table in the test JVM's Hive metastore (embedded Derby, as a run's own): each
 * is an external Delta table at its folder, readable by name; registering again changes nothing; a moved
 * warehouse is re-pointed; {@code query} prints tables, CSV and JSON and refuses writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogTest {
    private final SparkSession spark = TestSpark.get();
    private Warehouse warehouse;
    private Settings settings;

    @BeforeAll
    void theSampleNights() {
        warehouse = SampleWarehouse.get();
        settings = Settings.load(Path.of("conf/glengarry.conf"), Map.of(ConfigKeys.WAREHOUSE, warehouse.root()
                .toString()));
    }

    private CatalogTable entry(String database, String table) throws Exception {
        return spark.sessionState().catalog().getTableMetadata(new TableIdentifier(table, Option.apply(database)));
    }

    @Test
    void everyTableOfTheWarehouseIsRegisteredByNameAtItsFolder() throws Exception {
        List<WarehouseTable> tables = WarehouseTable.in(warehouse);
        assertThat(tables).extracting(WarehouseTable::key).contains("bronze.leads", "bronze._quarantine",
                "bronze._drops", "silver.leads", "silver.lead_journey", "silver.data_quality");
        for (String report : GoldReports.REPORTS) {
            assertThat(tables).extracting(WarehouseTable::key).contains("gold." + report);
        }
        for (WarehouseTable t : tables) {
            CatalogTable entry = entry("glengarry_" + t.layer().folder(), t.name());
            assertThat(Path.of(entry.location())).as(t.key()).isEqualTo(t.path());
            assertThat(entry.tableType()).as(t.key()).isEqualTo(CatalogTableType.EXTERNAL());
            assertThat(entry.provider().get()).as(t.key()).isEqualTo("delta");
        }
    }

    @Test
    void aGoldTableReadByNameIsTheTableReadByPath() {
        Dataset<Row> byName = spark.sql("SELECT * FROM glengarry_gold.cohort_conversion WHERE as_of = DATE'"
                + SampleWarehouse.LAST_NIGHT + "'");
        Dataset<Row> byPath = spark.read().format("delta").load(warehouse.gold("cohort_conversion"))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(SampleWarehouse.LAST_NIGHT)));
        assertThat(byName.count()).isPositive().isEqualTo(byPath.count());
        assertThat(byName.exceptAll(byPath).isEmpty()).isTrue();
        assertThat(byPath.exceptAll(byName).isEmpty()).isTrue();
    }

    @Test
    void theManifestRecordsTheRegistrationAndRegisteringAgainChangesNothing() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(warehouse.manifest(SampleWarehouse.LAST_NIGHT).toFile());
        JsonNode catalog = manifest.path("notices").path("catalog");
        int tables = WarehouseTable.in(warehouse).size();
        assertThat(catalog.path("status").asText()).isEqualTo("registered");
        assertThat(catalog.path("tables_registered").asInt() + catalog.path("tables_repointed").asInt()
                + catalog.path("tables_unchanged").asInt()).isEqualTo(tables);

        TableCatalog.Registration again = TableCatalog.register(spark, settings, warehouse);
        assertThat(again.registered()).isZero();
        assertThat(again.repointed()).isZero();
        assertThat(again.unchanged()).isEqualTo(tables);
        assertThat(again.databases()).containsExactly("glengarry_bronze", "glengarry_silver", "glengarry_gold");
    }

    @Test
    void aCopiedWarehouseIsRepointedAndTheOriginalTakesItsNameBack() throws Exception {
        Path copy = Files.createTempDirectory("glengarry-moved-warehouse-");
        TestFiles.copyTree(Path.of(warehouse.gold("funnel_conversion")),
                copy.resolve("gold").resolve("funnel_conversion"));
        Warehouse moved = new Warehouse(copy);
        Settings movedSettings = Settings.load(Path.of("conf/glengarry.conf"), Map.of(ConfigKeys.WAREHOUSE,
                copy.toString()));

        TableCatalog.Registration toCopy = TableCatalog.register(spark, movedSettings, moved);
        assertThat(toCopy.repointed()).isEqualTo(1);
        assertThat(Path.of(entry("glengarry_gold", "funnel_conversion").location()))
                .isEqualTo(copy.resolve("gold").resolve("funnel_conversion"));
        assertThat(spark.table("glengarry_gold.funnel_conversion").count())
                .isEqualTo(spark.read().format("delta").load(warehouse.gold("funnel_conversion")).count());

        TableCatalog.Registration back = TableCatalog.register(spark, settings, warehouse);
        assertThat(back.repointed()).isEqualTo(1);
        assertThat(back.registered()).isZero();
        assertThat(Path.of(entry("glengarry_gold", "funnel_conversion").location()))
                .isEqualTo(Path.of(warehouse.gold("funnel_conversion")));
        assertThat(copy.resolve("gold/funnel_conversion/_delta_log")).isDirectory(); // dropping the name kept data
    }

    // ---- jobs/glengarry query ------------------------------------------------------------------------------

    private record Printed(String out, String err) {
    }

    private Printed query(String sql, QueryResult.Format format, int limit) {
        return run(new QueryCommand.Request(sql, null, false, format, limit));
    }

    private Printed run(QueryCommand.Request request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new QueryCommand(spark, settings).run(request, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void csvOfAGoldTableIsItsExportByteForByte() throws IOException {
        String sql = "SELECT * FROM glengarry_gold.cohort_conversion WHERE as_of = DATE'" + SampleWarehouse.LAST_NIGHT
                + "' ORDER BY " + String.join(", ", CohortConversion.sortKeys());
        String export = Files.readString(warehouse.exportDir("cohort_conversion", SampleWarehouse.LAST_NIGHT)
                .resolve("cohort_conversion.csv"));
        assertThat(query(sql, QueryResult.Format.CSV, 0).out()).isEqualTo(export);
    }

    @Test
    void listShowsEveryRegisteredTableWithItsDescription() {
        Printed printed = run(new QueryCommand.Request(null, null, true, QueryResult.Format.CSV, 0));
        List<String> lines = printed.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("table,layer,description");
        assertThat(lines).hasSize(1 + WarehouseTable.in(warehouse).size());
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("glengarry_gold.cohort_conversion,gold,"));
        assertThat(lines.get(1)).startsWith("glengarry_bronze.");
        assertThat(lines.get(lines.size() - 1)).startsWith("glengarry_gold.");
    }

    @Test
    void aWriteThroughTheCommandLineIsRefusedWithExitTwoAndChangesNothing() {
        long before = spark.table("glengarry_gold.surprise_deals").count();
        for (String sql : List.of("DROP TABLE glengarry_gold.surprise_deals",
                "DELETE FROM glengarry_gold.surprise_deals", "INSERT INTO glengarry_gold.surprise_deals "
                        + "SELECT * FROM glengarry_gold.surprise_deals")) {
            assertThat(Main.execute(new String[] {"query", sql, "--warehouse", warehouse.root().toString()}))
                    .as(sql).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        }
        assertThat(spark.table("glengarry_gold.surprise_deals").count()).isEqualTo(before);
    }

    @Test
    void anUnknownTableOrColumnIsBadUsageNamingIt() {
        assertThat(Main.execute(new String[] {"query", "SELECT * FROM glengarry_gold.no_such_report"}))
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(Main.execute(new String[] {"query", "--format", "xml", "SELECT 1"}))
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(Main.execute(new String[] {"query"})).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
    }
}
