package io.glengarry.cli;

import io.glengarry.runtime.ExitCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The query, register and dictionary commands on the command line (no Spark). */
class QueryCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CommandLine.Parsed parse(String... args) {
        return CommandLine.parse(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aStatementWithFormatLimitAndWarehouse() {
        CliOptions options = parse("query", "SELECT 1", "--format", "csv", "--limit", "0", "--warehouse", "wh")
                .options();
        assertThat(options.command()).isEqualTo("query");
        assertThat(options.warehouse()).isEqualTo("wh");
        assertThat(options.query()).isEqualTo(new CliOptions.QueryOptions("SELECT 1", null, false, "csv", 0));
    }

    @Test
    void defaultsAreAnAlignedTableOfAtMostAThousandRows() {
        CliOptions.QueryOptions query = parse("query", "--list").options().query();
        assertThat(query).isEqualTo(new CliOptions.QueryOptions(null, null, true, "table", 1000));
        assertThat(parse("query", "--file", "q.sql").options().query().file()).isEqualTo("q.sql");
    }

    @Test
    void exactlyOneOfStatementFileOrListAndAKnownFormat() {
        assertThat(parse("query").exitWithoutRunning()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(parse("query", "SELECT 1", "--list").exitWithoutRunning()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give exactly one of a SQL statement, --file FILE "
                + "or --list");
        assertThat(parse("query", "SELECT 1", "--format", "xml").exitWithoutRunning())
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format 'xml': expected table, csv or json");
        assertThat(parse("query", "SELECT 1", "--limit", "-1").exitWithoutRunning())
                .isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
    }

    @Test
    void registerAndDictionaryTakeAWarehouse() {
        assertThat(parse("register", "--warehouse", "wh").options().command()).isEqualTo("register");
        assertThat(parse("dictionary", "--warehouse", "wh").options().warehouse()).isEqualTo("wh");
    }

    @Test
    void helpDescribesTheNewCommands() {
        assertThat(parse("--help").exitWithoutRunning()).isEqualTo(ExitCode.SUCCESS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Command: query [options] [SQL]",
                "read-only SQL", "--format table|csv|json", "--limit N", "--list", "Command: register",
                "Command: dictionary", "glengarry_gold.cohort_conversion");
    }
}
