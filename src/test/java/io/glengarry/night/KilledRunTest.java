package io.glengarry.night;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.cli.Main;
import io.glengarry.report.GoldReports;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.RunLock;
import io.glengarry.runtime.Warehouse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A night killed with SIGKILL half-way (in its gold stage: bronze and silver committed, some reports written and
 * exported, others not), then run again without touching anything: the lock of the dead run is taken over, the run
 * succeeds, and every export equals an uninterrupted run's byte for byte; while it lay dead, no export folder was
 * half-written. One kill point, in the gold stage, which has the most partial state to repair.
 */
class KilledRunTest {
    private static final LocalDate NIGHT = SampleWarehouse.LAST_NIGHT;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNightKilledInItsGoldStageIsRepairedByRunningItAgain() throws Exception {
        Warehouse reference = SampleWarehouse.get(); // the uninterrupted nights
        TestSpark.get();
        Path scratch = Files.createTempDirectory("glengarry-killed-run-");
        Path warehouse = scratch.resolve("warehouse");

        Process run = startRun(scratch, warehouse);
        Path log = scratch.resolve("err.txt");
        Warehouse killed = new Warehouse(warehouse);
        waitFor(run, log, "a report exported", text -> text.contains("gold ...") && GoldReports.REPORTS.stream()
                .anyMatch(report -> Files.isDirectory(killed.exportDir(report, NIGHT))));
        run.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(warehouse.resolve(RunLock.FILE_NAME)).as("the dead run's lock is left behind").exists();
        assertThat(warehouse.resolve("manifests/" + NIGHT + ".json")).as("not taken for a finished night")
                .doesNotExist();
        List<String> exportedBeforeTheKill = new ArrayList<>();
        for (String report : GoldReports.REPORTS) {
            Path dir = killed.exportDir(report, NIGHT);
            if (Files.exists(dir)) {
                exportedBeforeTheKill.add(report);
                assertThat(dir.resolve(report + ".csv")).as("an export appears whole or not at all").exists();
                assertThat(dir.resolve(report + ".parquet")).exists();
            }
        }
        assertThat(exportedBeforeTheKill).as("killed half-way through gold").isNotEmpty()
                .hasSizeLessThan(GoldReports.REPORTS.size());

        ExitCode again = Main.execute(new String[] {"run", "--run-date", NIGHT.toString(), "--warehouse",
            warehouse.toString()});

        assertThat(again).isEqualTo(ExitCode.SUCCESS);
        assertThat(warehouse.resolve(RunLock.FILE_NAME)).doesNotExist();
        assertThat(exports(new Warehouse(warehouse))).as("every export of the night, byte for byte")
                .containsExactlyInAnyOrderEntriesOf(exports(reference));
        JsonNode repaired = JSON.readTree(warehouse.resolve("manifests/" + NIGHT + ".json").toFile());
        JsonNode uninterrupted = JSON.readTree(reference.manifest(NIGHT).toFile());
        assertThat(repaired.get("status").asText()).isEqualTo("succeeded");
        for (String part : List.of("reports", "control_totals")) {
            assertThat(repaired.get(part)).as(part).isEqualTo(uninterrupted.get(part));
        }
    }

    /** The night's run in a child JVM (the sample landing, catching up on the two earlier drops). */
    private static Process startRun(Path scratch, Path warehouse) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Dlog4j2.configurationFile=conf/log4j2.properties"));
        for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (jvmArg.startsWith("--add-opens") || jvmArg.startsWith("-XX:") || jvmArg.startsWith("-Djdk.reflect")
                    || jvmArg.startsWith("-Dio.netty")) {
                command.add(jvmArg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.glengarry.cli.Main", "run",
                "--run-date", NIGHT.toString(), "--warehouse", warehouse.toString()));
        return new ProcessBuilder(command).redirectOutput(scratch.resolve("out.txt").toFile())
                .redirectError(scratch.resolve("err.txt").toFile()).start();
    }

    private static void waitFor(Process run, Path log, String what, java.util.function.Predicate<String> reached)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (reached.test(text)) {
                return;
            }
            if (!run.isAlive()) {
                throw new AssertionError("the run ended (exit " + run.exitValue() + ") before " + what + ":\n"
                        + text);
            }
            Thread.sleep(200);
        }
        run.destroyForcibly();
        throw new AssertionError("no " + what + " within 10 minutes");
    }

    /** report/file -> bytes of every export file of the night. */
    private static Map<String, byte[]> exports(Warehouse warehouse) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (String report : GoldReports.REPORTS) {
            Path dir = warehouse.exportDir(report, NIGHT);
            try (Stream<Path> listing = Files.list(dir)) {
                for (Path f : listing.toList()) {
                    files.put(report + "/" + f.getFileName(), Files.readAllBytes(f));
                }
            }
        }
        return files;
    }
}
