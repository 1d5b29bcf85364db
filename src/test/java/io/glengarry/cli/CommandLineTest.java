package io.glengarry.cli;

import io.glengarry.runtime.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

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
                true, null, null, CliOptions.QueryOptions.DEFAULT, CliOptions.ScaleOptions.DEFAULT));
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
    void badConfigFileIsExitTwoBeforeSparkStarts() {
        assertThat(Main.execute(new String[] {"validate", "--run-date", "2026-11-24", "--conf", "no/such.conf"}))
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
    }
}
