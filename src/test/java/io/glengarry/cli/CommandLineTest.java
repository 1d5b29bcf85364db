package io.glengarry.cli;

import io.glengarry.runtime.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CommandLine.Parsed parse(String... args) {
        return CommandLine.parse(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsEveryCommandAndTheExitCodesAndExitsZero() {
        CommandLine.Parsed parsed = parse("--help");
        assertThat(parsed.exitWithoutRunning()).isEqualTo(ExitCode.SUCCESS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Command: run", "Command: validate", "--run-date",
                "--full-snapshot", "Exit codes: 0 success", "3 the drop breaks the extract contract");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void runWithItsOptions() {
        CliOptions options = parse("run", "--run-date", "2026-11-26", "--landing", "in", "--warehouse", "wh",
                "--conf", "my.conf", "--full-snapshot").options();
        assertThat(options).isEqualTo(new CliOptions("run", LocalDate.of(2026, 11, 26), "in", "wh", "my.conf",
                true, null, null, CliOptions.QueryOptions.DEFAULT, CliOptions.ScaleOptions.DEFAULT,
                CliOptions.ExplainOptions.DEFAULT));
    }

    @Test
    void runAndValidateTakeASourceMapping() {
        assertThat(parse("run", "--run-date", "2026-11-26", "--source", "salesforce").options().source())
                .isEqualTo("salesforce");
        assertThat(parse("validate", "--run-date", "2026-11-26", "--source", "salesforce").options().source())
                .isEqualTo("salesforce");
        assertThat(parse("run", "--run-date", "2026-11-26").options().source()).isNull();
        assertThat(parse("run", "--run-date", "2026-11-26", "--source", "../etc/passwd").exitWithoutRunning())
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
    }

    @Test
    void validateDefaultsToTheRepositoryConf() {
        CliOptions options = parse("validate", "--run-date", "2026-11-24").options();
        assertThat(options.command()).isEqualTo("validate");
        assertThat(options.conf()).isEqualTo("conf/glengarry.conf");
        assertThat(options.fullSnapshot()).isFalse();
    }

    @Test
    void missingOrBadRunDateIsBadUsage() {
        assertThat(parse("run").exitWithoutRunning()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing option --run-date");
        assertThat(parse("run", "--run-date", "26/11/2026").exitWithoutRunning())
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'26/11/2026' is not a date YYYY-MM-DD");
    }

    @Test
    void noCommandOrAnUnknownOneIsBadUsage() {
        assertThat(parse().exitWithoutRunning()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("name a command");
        assertThat(parse("explode").exitWithoutRunning()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
    }

    @Test
    void aBrokenFileFailsTheRunWithExitThreeBeforeAnythingIsWritten(@org.junit.jupiter.api.io.TempDir
                                                                     java.nio.file.Path dir) {
        io.glengarry.TestSpark.get();
        LocalDate night = LocalDate.of(2026, 11, 24);
        io.glengarry.Drops.write(dir.resolve("landing"), night, "fx_rates.csv",
                io.glengarry.Drops.csv("rate_date,currency,rate_to_reporting", "2026-11-24,EUR,1.08"));
        io.glengarry.Drops.write(dir.resolve("landing"), night, "leads.csv",
                io.glengarry.Drops.csv("lead_id;created_at;last_modified_at", "L1;2026-11-24T00:00:00Z;x"));
        java.nio.file.Path warehouse = failedRunLeavesNoTable(dir, night);
        assertThat(warehouse.resolve(io.glengarry.runtime.RunLock.FILE_NAME)).doesNotExist();
    }

    @Test
    void tooManyQuarantinedRowsFailTheRunAfterParsingLeavingNoTableAndNoScratch(@org.junit.jupiter.api.io.TempDir
                                                                                 java.nio.file.Path dir) {
        io.glengarry.TestSpark.get();
        LocalDate night = LocalDate.of(2026, 11, 24);
        // 1 of 2 rates quarantined (bad_decimal): 50% > quarantine.max-share 5%, found once the drop is parsed
        io.glengarry.Drops.write(dir.resolve("landing"), night, "fx_rates.csv", io.glengarry.Drops.csv(
                "rate_date,currency,rate_to_reporting", "2026-11-24,EUR,1.08", "2026-11-24,GBP,1,27"));
        java.nio.file.Path warehouse = failedRunLeavesNoTable(dir, night);
        assertThat(warehouse.resolve("_staging")).doesNotExist(); // the parsed rows' scratch is removed
    }

    /** Runs the night of {@code dir/landing} into {@code dir/warehouse}: exit 3, no bronze, no manifest. */
    private static java.nio.file.Path failedRunLeavesNoTable(java.nio.file.Path dir, LocalDate night) {
        java.nio.file.Path warehouse = dir.resolve("warehouse");
        ExitCode exit = Main.execute(new String[] {"run", "--run-date", night.toString(), "--landing",
                dir.resolve("landing").toString(), "--warehouse", warehouse.toString()});
        assertThat(exit).isEqualTo(ExitCode.CONTRACT_BROKEN);
        assertThat(warehouse.resolve("bronze")).doesNotExist();
        assertThat(warehouse.resolve("manifests")).doesNotExist();
        return warehouse;
    }

    @Test
    void aWarehouseThatIsAFileIsANamedErrorSayingWhatToDo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        io.glengarry.TestSpark.get();
        LocalDate night = LocalDate.of(2026, 11, 24);
        io.glengarry.Drops.write(dir.resolve("landing"), night, "fx_rates.csv",
                io.glengarry.Drops.csv("rate_date,currency,rate_to_reporting", "2026-11-24,EUR,1.08"));
        java.nio.file.Path notAFolder = java.nio.file.Files.writeString(dir.resolve("warehouse"), "a file\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        ExitCode exit;
        try {
            exit = Main.execute(new String[] {"run", "--run-date", night.toString(), "--landing",
                    dir.resolve("landing").toString(), "--warehouse", notAFolder.toString()});
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("GG-209",
                "Cannot write to the warehouse " + notAFolder, "--warehouse elsewhere").doesNotContain("GG-100");
    }

    @Test
    void aSecondRunWhileOneHoldsTheWarehouseIsRefusedNamingTheHolderAndWritesNothing(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        io.glengarry.TestSpark.get();
        LocalDate night = LocalDate.of(2026, 11, 24);
        io.glengarry.Drops.write(dir.resolve("landing"), night, "fx_rates.csv",
                io.glengarry.Drops.csv("rate_date,currency,rate_to_reporting", "2026-11-24,EUR,1.08"));
        java.nio.file.Path warehouse = dir.resolve("warehouse");
        String[] run = {"run", "--run-date", night.toString(), "--landing", dir.resolve("landing").toString(),
            "--warehouse", warehouse.toString()};
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        ExitCode second;
        // the first run: holds the lock as a run in another process would
        try (io.glengarry.runtime.RunLock first = io.glengarry.runtime.RunLock.acquire(warehouse,
                "run-date 2026-11-23", java.time.Duration.ofMinutes(10), new io.glengarry.runtime.StageLog())) {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                second = Main.execute(run);
            } finally {
                System.setErr(stderr);
            }
            try (var files = java.nio.file.Files.list(warehouse)) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                        .as("the refused run wrote nothing but its lineage events")
                        .containsExactly(io.glengarry.runtime.RunLock.FILE_NAME, "lineage");
            }
        }
        assertThat(second).isEqualTo(ExitCode.UNEXPECTED_FAILURE);
        List<String> events = java.nio.file.Files.readAllLines(warehouse.resolve("lineage/events.jsonl"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).contains("\"eventType\":\"START\"");
        assertThat(events.get(1)).contains("\"eventType\":\"FAIL\"", "\"error_code\":\"GG-101\"",
                "\"exit_code\":1");
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("GG-101", "run-date 2026-11-23",
                "pid " + ProcessHandle.current().pid());
    }

    @Test
    void aFullOrReadOnlyFileSystemUnderTheWarehouseIsANamedError() {
        // as Spark and Hadoop wrap the I/O error of a write
        RuntimeException full = new RuntimeException("Job aborted", new java.io.UncheckedIOException(
                new java.io.IOException("No space left on device")));
        assertThat(io.glengarry.runtime.Errors.storageProblem(full, "/wh")).get()
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("GG-103"))
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNEXPECTED_FAILURE))
                .satisfies(e -> assertThat(e.getMessage()).contains("/wh is on a full file system", "run the night "
                        + "again"));
        RuntimeException readOnly = new RuntimeException(new java.io.IOException(
                "Mkdirs failed to create /wh/bronze (Read-only file system)"));
        assertThat(io.glengarry.runtime.Errors.storageProblem(readOnly, "/wh")).get()
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo("GG-209"))
                .satisfies(e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG));
        assertThat(io.glengarry.runtime.Errors.storageProblem(new java.nio.file.AccessDeniedException("/wh/gold"),
                "/wh")).get().satisfies(e -> assertThat(e.errorCode()).isEqualTo("GG-209"));
        assertThat(io.glengarry.runtime.Errors.storageProblem(new IllegalStateException("a bug"), "/wh")).isEmpty();
    }

    @Test
    void badConfigFileIsExitTwoBeforeSparkStarts() {
        assertThat(Main.execute(new String[] {"validate", "--run-date", "2026-11-24", "--conf", "no/such.conf"}))
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
    }
}
