package io.glengarry.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.cli.CliOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's task seconds per step: the costliest steps in the text, every step in the JSON. */
class BenchReportTest {

    private static Benchmark.Night night() {
        Map<String, Double> goldSteps = new LinkedHashMap<>();
        goldSteps.put("attribution_credit", 102.8);
        goldSteps.put("markov_removal_effects_account", 26.5);
        goldSteps.put(StageMetrics.OTHER, 4.25);
        for (int i = 1; i <= 7; i++) {
            goldSteps.put("report_" + i, 1.0 / i);
        }
        Map<String, StageMetrics.Figures> stages = new LinkedHashMap<>();
        stages.put("bronze_read", new StageMetrics.Figures(3.7, 1000, 10, 7, 7, 14, 0, Map.of()));
        stages.put("gold", new StageMetrics.Figures(171.0, 600, 108, 377, 209, 134, 13, goldSteps));
        List<TableWrites.Written> tables = new java.util.ArrayList<>();
        tables.add(new TableWrites.Written("gold/attribution_credit", 1, 8, 0, 70_528_742, 10_163_755, 0, 0, 0));
        tables.add(new TableWrites.Written("silver/touches", 1, 2, 2, 25_120_243, 9_684_690, 0, 0, 0));
        tables.add(new TableWrites.Written("silver/_current/touches", 1, 1, 0, 400_000, 11_333, 11_300, 33, 0));
        tables.add(new TableWrites.Written("silver/_current/leads", 2, 3, 1, 300_000, 2_145, 2_100, 40, 5));
        for (int i = 1; i <= 6; i++) {
            tables.add(new TableWrites.Written("gold/report_" + i, 1, 1, 0, 1000 - i, 10, 0, 0, 0));
        }
        return new Benchmark.Night(LocalDate.of(2026, 11, 25), 249.9, 355_917, 15_103, 5_560_000_000L, stages,
                tables, Map.of("attribution_credit", new Benchmark.ReportSlices("incremental", null,
                        List.of("8096", "8097"), List.of("8098"))));
    }

    /** The night as the bench prints it. */
    private static String printed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new CliOptions.ScaleOptions(0.1, 1, 1, null, null), 0, 11.5, List.of(night()), false);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTextShowsEachStagesTaskSecondsAndGoldsCostliestSteps() {
        String text = printed();
        assertThat(text).contains("task s").containsPattern("gold +171\\.0 .* 13 +136\\.1\\n");
        assertThat(text).contains("task seconds by step, gold: attribution_credit 102.8, "
                + "markov_removal_effects_account 26.5, (other) 4.3, report_1 1.0, report_2 0.5, report_3 0.3, "
                + "report_4 0.3, report_5 0.2\n");
        assertThat(text).doesNotContain("report_6").doesNotContain("task seconds by step, bronze");
    }

    @Test
    void theTextShowsTheNightsChangesAndTheTablesThatCostTheMostBytes() {
        String text = printed();
        assertThat(text).contains("  rows changed (MERGE, inserted / updated / deleted): leads 2,100 / 40 / 5; "
                + "touches 11,300 / 33 / 0\n");
        assertThat(text).contains("  tables written: 10, 96.4 MB, 19,861,983 rows; most bytes first (files removed "
                + "-> added, MB, rows): gold/attribution_credit 0 -> 8, 70.5, 10,163,755; silver/touches 2 -> 2, "
                + "25.1, 9,684,690; silver/_current/touches 0 -> 1, 0.4, 11,333;");
        assertThat(text).contains("gold/report_4").doesNotContain("gold/report_5");
        assertThat(text).contains("  slices, attribution_credit: incremental, 2 carried, 1 recomputed [8098]\n");
    }

    @Test
    void theJsonHoldsEveryStep() throws Exception {
        JsonNode json = new ObjectMapper().readTree(BenchReport.json(new CliOptions.ScaleOptions(0.1, 1, 1, null,
                null), Path.of("/data"), Path.of("/warehouse"), 0, 11.5, List.of(night()), 2, 8));
        JsonNode gold = json.get("runs").get(0).get("stages").get("gold");
        assertThat(gold.get("task_seconds").asDouble()).isCloseTo(136.143, within(1e-3));
        assertThat(gold.get("task_seconds_by_step").size()).isEqualTo(10);
        assertThat(gold.get("task_seconds_by_step").get("report_7").asDouble()).isEqualTo(0.143);
        assertThat(json.get("runs").get(0).get("stages").get("bronze_read").get("task_seconds_by_step").size())
                .isZero();
        JsonNode tables = json.get("runs").get(0).get("tables");
        assertThat(tables.size()).isEqualTo(10);
        assertThat(tables.get("silver/_current/leads").get("rows_deleted").asLong()).isEqualTo(5);
        assertThat(tables.get("silver/touches").get("files_removed").asLong()).isEqualTo(2);
        JsonNode slices = json.get("runs").get(0).get("report_slices").get("attribution_credit");
        assertThat(slices.get("mode").asText()).isEqualTo("incremental");
        assertThat(slices.get("carried").toString()).isEqualTo("[\"8096\",\"8097\"]");
    }
}
