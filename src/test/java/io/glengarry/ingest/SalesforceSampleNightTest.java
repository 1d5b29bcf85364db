package io.glengarry.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Done-when of source mappings: the first sample night exported the way a Salesforce org would export it
 * ({@link SalesforceDrop}), run through conf/sources/salesforce.conf, gives every report byte for byte as the
 * canonical night does (the shared {@link SampleWarehouse} keeps its as_of=2026-11-24 exports).
 */
class SalesforceSampleNightTest {
    private static final LocalDate NIGHT = SampleWarehouse.NIGHTS.get(0);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aSalesforceExportOfTheSampleNightGivesByteIdenticalReports() throws IOException {
        Warehouse canonical = SampleWarehouse.get();
        Path landing = tmp.resolve("landing");
        SalesforceDrop.write(Path.of("data-samples/landing").resolve(NIGHT.toString()),
                landing.resolve(NIGHT.toString()));
        assertThat(landing.resolve(NIGHT.toString()).resolve("Opportunity.csv")).exists();
        assertThat(landing.resolve(NIGHT.toString()).resolve("opportunities.csv")).doesNotExist();
        Path warehouse = tmp.resolve("warehouse");

        ExitCode exit = Main.execute(new String[] {"run", "--run-date", NIGHT.toString(), "--landing",
                landing.toString(), "--warehouse", warehouse.toString(), "--source", "salesforce"});

        assertThat(exit).isEqualTo(SampleWarehouse.exit(NIGHT));
        List<Path> expected = exportCsvs(canonical.root());
        List<Path> actual = exportCsvs(warehouse);
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(actual.stream().map(p -> warehouse.relativize(p).toString()).toList())
                .isEqualTo(expected.stream().map(p -> canonical.root().relativize(p).toString()).toList());
        for (Path e : expected) {
            Path a = warehouse.resolve(canonical.root().relativize(e));
            assertThat(Files.mismatch(e, a)).as("%s differs from the canonical night's", a).isEqualTo(-1L);
        }
        // the same rows were accepted and quarantined, for the same reasons
        JsonNode canonicalExtracts = JSON.readTree(canonical.manifest(NIGHT).toFile()).get("extracts");
        JsonNode salesforceExtracts = JSON.readTree(new Warehouse(warehouse).manifest(NIGHT).toFile()).get("extracts");
        for (Extract extract : Extract.values()) {
            JsonNode c = canonicalExtracts.get(extract.fileName());
            JsonNode s = salesforceExtracts.get(extract.fileName());
            assertThat(s.get("rows_accepted")).as(extract.fileName()).isEqualTo(c.get("rows_accepted"));
            assertThat(s.get("rows_quarantined")).as(extract.fileName()).isEqualTo(c.get("rows_quarantined"));
            assertThat(s.get("quarantined_by_reason")).as(extract.fileName())
                    .isEqualTo(c.get("quarantined_by_reason"));
        }
    }

    private static List<Path> exportCsvs(Path warehouseRoot) throws IOException {
        try (Stream<Path> files = Files.walk(warehouseRoot.resolve("exports"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv"))
                    .filter(p -> p.getParent().getFileName().toString().equals("as_of=" + NIGHT))
                    .sorted().toList();
        }
    }
}
