package io.glengarry.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.runtime.Warehouse;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file transport on the three sample nights: every run's START and COMPLETE in lineage/events.jsonl, each event
 * read back through the OpenLineage client's schema classes unchanged, every table of the manifest an output, the
 * drop's quarantine counts as in the manifest, the reconciliations as passed assertions.
 */
class LineageFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Warehouse warehouse;
    private static List<JsonNode> events;
    private static JsonNode manifest;

    @BeforeAll
    static void sampleNights() throws IOException {
        warehouse = SampleWarehouse.get();
        events = new ArrayList<>();
        for (String line : Files.readAllLines(warehouse.root().resolve("lineage/events.jsonl"),
                StandardCharsets.UTF_8)) {
            events.add(JSON.readTree(line));
        }
        manifest = JSON.readTree(warehouse.manifest(SampleWarehouse.LAST_NIGHT).toFile());
    }

    @Test
    void eachRunIsAStartAndACompleteOfOneRunId() {
        JsonNode lineage = manifest.path("notices").path("lineage");
        assertThat(lineage.path("transport").asText()).isEqualTo("file");
        assertThat(lineage.path("events_emitted").asInt()).isEqualTo(2);
        assertThat(lineage.path("failures")).isEmpty();
        List<JsonNode> lastRun = ofRun(lineage.path("run_id").asText());
        assertThat(lastRun).extracting(e -> e.path("eventType").asText()).containsExactly("START", "COMPLETE");
        for (JsonNode event : lastRun) {
            assertThat(event.path("job").path("namespace").asText()).isEqualTo("glengarry");
            assertThat(event.path("job").path("name").asText()).isEqualTo(RunEvents.JOB_NAME);
            JsonNode facets = event.path("run").path("facets");
            assertThat(facets.path("nominalTime").path("nominalStartTime").asText())
                    .startsWith(SampleWarehouse.LAST_NIGHT.toString());
            assertThat(facets.path("glengarry_run").path("code_version").asText())
                    .isEqualTo(manifest.path("code_version").asText());
            assertThat(facets.path("processing_engine").path("name").asText()).isEqualTo("spark");
        }
        long starts = events.stream().filter(e -> e.path("eventType").asText().equals("START")).count();
        assertThat(events.stream().map(e -> e.path("run").path("runId").asText()).distinct().count())
                .as("one run id per run").isEqualTo(starts).isGreaterThanOrEqualTo(SampleWarehouse.NIGHTS.size());
    }

    @Test
    void everyEventReadsBackThroughTheOpenLineageSchemaClassesUnchanged() throws IOException {
        for (JsonNode event : events) {
            OpenLineage.RunEvent typed = OpenLineageClientUtils.runEventFromJson(event.toString());
            assertThat(JSON.readTree(OpenLineageClientUtils.toJson(typed))).isEqualTo(event);
            assertThat(typed.getEventTime()).isNotNull();
            assertThat(typed.getProducer().toString()).startsWith("urn:glengarry:");
            assertThat(typed.getSchemaURL().toString()).startsWith("https://openlineage.io/spec/");
            assertThat(typed.getRun().getRunId()).isInstanceOf(UUID.class);
            assertThat(typed.getRun().getRunId().version()).isEqualTo(7);
        }
    }

    @Test
    void everyTableOfTheManifestIsAnOutputWithItsSchemaVersionAndRows() {
        JsonNode complete = complete();
        Set<String> outputs = new HashSet<>();
        for (JsonNode output : complete.path("outputs")) {
            assertThat(output.path("namespace").asText()).isEqualTo("file");
            outputs.add(output.path("name").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            String layer = table.getKey().substring(0, table.getKey().indexOf('.'));
            String name = warehouse.root().resolve(layer).resolve(table.getKey().substring(layer.length() + 1))
                    .toAbsolutePath().normalize().toString();
            assertThat(outputs).as(table.getKey()).contains(name);
            JsonNode output = output(complete, name);
            assertThat(output.path("facets").path("version").path("datasetVersion").asText())
                    .isEqualTo(table.getValue().path("delta_version").asText());
            assertThat(output.path("outputFacets").path("outputStatistics").path("rowCount").asLong())
                    .isEqualTo(table.getValue().path("rows").asLong());
            assertThat(output.path("facets").path("schema").path("fields")).isNotEmpty();
        }
        JsonNode cohort = output(complete, warehouse.gold("cohort_conversion"));
        assertThat(cohort.path("facets").path("schema").path("fields").get(0).path("name").asText())
                .isEqualTo("as_of");
        assertThat(cohort.path("facets").path("symlinks").path("identifiers").get(0).path("name").asText())
                .isEqualTo("glengarry_gold.cohort_conversion");
        assertThat(outputs).contains(warehouse.exportDir("cohort_conversion", SampleWarehouse.LAST_NIGHT)
                .resolve("cohort_conversion.csv").toAbsolutePath().normalize().toString());
    }

    @Test
    void theDropsExtractsCarryTheManifestsRowCounts() {
        JsonNode complete = complete();
        int extracts = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("extracts").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> extract = it.next();
            String name = Path.of("data-samples/landing").resolve(SampleWarehouse.LAST_NIGHT.toString())
                    .resolve(extract.getKey()).toAbsolutePath().normalize().toString();
            JsonNode input = null;
            for (JsonNode candidate : complete.path("inputs")) {
                if (candidate.path("name").asText().equals(name)) {
                    input = candidate;
                }
            }
            assertThat(input).as(name).isNotNull();
            JsonNode drop = input.path("inputFacets").path("glengarry_drop");
            for (String count : List.of("rows_read", "rows_accepted", "rows_quarantined")) {
                assertThat(drop.path(count).asLong()).as(extract.getKey() + " " + count)
                        .isEqualTo(extract.getValue().path(count).asLong());
            }
            assertThat(drop.path("quarantined_by_reason")).isEqualTo(extract.getValue().path("quarantined_by_reason"));
            assertThat(input.path("inputFacets").path("inputStatistics").path("rowCount").asLong())
                    .isEqualTo(extract.getValue().path("rows_read").asLong());
            extracts++;
        }
        assertThat(extracts).isPositive();
    }

    @Test
    void theReconciliationsAreAssertionsThatPassed() {
        List<JsonNode> assertions = new ArrayList<>();
        for (JsonNode input : complete().path("inputs")) {
            input.path("inputFacets").path("dataQualityAssertions").path("assertions").forEach(assertions::add);
        }
        assertThat(assertions).extracting(a -> a.path("assertion").asText())
                .contains("attribution.credited.w_shaped = attribution.won_revenue", "spend.ledger_total",
                        "attribution.reconciliation_breaks = 0");
        assertThat(assertions).allMatch(a -> a.path("success").asBoolean())
                .allMatch(a -> a.path("content").asText().equals("difference 0")
                        || a.path("content").asText().equals("difference 0.00"));
    }

    private static List<JsonNode> ofRun(String runId) {
        return events.stream().filter(e -> e.path("run").path("runId").asText().equals(runId)).toList();
    }

    /** The COMPLETE event of the run that wrote the last night's manifest. */
    private static JsonNode complete() {
        List<JsonNode> run = ofRun(manifest.path("notices").path("lineage").path("run_id").asText());
        return run.stream().filter(e -> e.path("eventType").asText().equals("COMPLETE")).findFirst().orElseThrow();
    }

    private static JsonNode output(JsonNode event, String location) {
        String name = Path.of(location).toAbsolutePath().normalize().toString();
        for (JsonNode output : event.path("outputs")) {
            if (output.path("name").asText().equals(name)) {
                return output;
            }
        }
        throw new AssertionError("no output " + name);
    }
}
