package io.glengarry.cli;

import io.glengarry.runtime.Errors;
import io.glengarry.runtime.ExitCode;
import scala.Function2;
import scala.jdk.javaapi.CollectionConverters;
import scopt.OEffect;
import scopt.OParser;
import scopt.OParserBuilder;
import scopt.Read$;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The command line, parsed with scopt. The only class that speaks scopt: it turns arguments into
 * {@link CliOptions}, or into the text to print and the exit code when there is nothing to run
 * (--help, --version, bad usage).
 */
public final class CommandLine {
    public static final String VERSION = CommandLine.class.getPackage().getImplementationVersion() == null
            ? "dev" : CommandLine.class.getPackage().getImplementationVersion();

    /** The outcome of parsing: options to run, or an exit code with everything already printed. */
    public record Parsed(CliOptions options, ExitCode exitWithoutRunning) {
    }

    private CommandLine() {
    }

    public static Parsed parse(String[] args, PrintStream out, PrintStream err) {
        OParser<?, CliOptions> parser = parser();
        scala.Tuple2<scala.Option<CliOptions>, scala.collection.immutable.List<OEffect>> result =
                OParser.runParser(parser, CollectionConverters.asScala(Arrays.asList(args)).toSeq(), CliOptions.empty());
        List<OEffect> effects = CollectionConverters.asJava(result._2());
        boolean terminates = effects.stream().anyMatch(e -> e instanceof OEffect.Terminate);
        ExitCode exit = null;
        boolean errors = false;
        for (OEffect effect : effects) {
            if (effect instanceof OEffect.DisplayToOut d) {
                out.println(d.msg());
            } else if (effect instanceof OEffect.DisplayToErr d) {
                if (!terminates && !d.msg().startsWith("Try --help")) { // said on the error's own line
                    err.println(d.msg());
                }
            } else if (effect instanceof OEffect.ReportError e) {
                errors = true;
                if (!terminates) { // --help or --version: no complaint about what is missing
                    err.println(Errors.badUsage(e.msg() + (e.msg().endsWith(".") ? "" : ".")).describe());
                }
            } else if (effect instanceof OEffect.ReportWarning w) {
                err.println("Warning: " + w.msg());
            } else if (effect instanceof OEffect.Terminate t) {
                exit = t.exitState().isRight() ? ExitCode.SUCCESS : ExitCode.BAD_USAGE_OR_CONFIG;
            }
        }
        if (exit != null) {
            return new Parsed(null, exit);
        }
        if (errors || result._1().isEmpty()) {
            return new Parsed(null, ExitCode.BAD_USAGE_OR_CONFIG);
        }
        return new Parsed(result._1().get(), null);
    }

    /** The full --help text. */
    public static String usage() {
        return OParser.usage(parser());
    }

    private static OParser<?, CliOptions> parser() {
        OParserBuilder<CliOptions> b = OParser.builder();
        return OParser.sequence(
                b.programName("glengarry"),
                seq(
                        b.head(strings("glengarry " + VERSION
                                + " - the nightly lead-to-revenue ledger: ingest a drop of marketing and CRM "
                                + "extracts, conform, report, export.")),
                        b.note("\nExit codes: 0 success, 1 unexpected failure, 2 bad usage or config, "
                                + "3 the drop breaks the extract contract (nothing written), "
                                + "4 a reconciliation or quality gate failed (outputs written).\n"),
                        b.help("help").text("print this help and exit"),
                        b.version("version").text("print the version and exit"),
                        b.cmd("run")
                                .action(set((u, c) -> c.withCommand("run")))
                                .text("Run one night: ingest <landing>/<run-date>/ into bronze, conform, report, "
                                        + "export, write the manifest.")
                                .children(seq(
                                        runDate(b),
                                        landing(b),
                                        b.opt("warehouse", Read$.MODULE$.stringRead()).valueName("DIR")
                                                .action(set((v, c) -> c.withWarehouse(v)))
                                                .text("warehouse folder (default: paths.warehouse in the conf, "
                                                        + "./warehouse; env GLENGARRY_WAREHOUSE)"),
                                        conf(b),
                                        source(b),
                                        b.opt("full-snapshot", Read$.MODULE$.unitRead())
                                                .action(set((u, c) -> c.withFullSnapshot(true)))
                                                .text("this drop is a full snapshot: it replaces the current state "
                                                        + "instead of adding to it"),
                                        b.opt("master", Read$.MODULE$.stringRead()).valueName("URL")
                                                .action(set((v, c) -> c.withMaster(v)))
                                                .text("Spark master; jobs/glengarry hands the run to spark-submit "
                                                        + "when SPARK_HOME is set (env SPARK_MASTER)"))),
                        b.cmd("validate")
                                .action(set((u, c) -> c.withCommand("validate")))
                                .text("Check a drop against the extract contract and write nothing: per extract "
                                        + "the rows, the rows that would be quarantined by reason, fatal problems.")
                                .children(seq(runDate(b), landing(b), conf(b), source(b))),
                        b.cmd("query")
                                .action(set((u, c) -> c.withCommand("query")))
                                .text("Run one read-only SQL statement against the table catalog and print the "
                                        + "result: tables glengarry_bronze.*, glengarry_silver.*, glengarry_gold.* "
                                        + "(docs/data-dictionary.md). SELECT, WITH, VALUES, DESCRIBE and SHOW only; "
                                        + "a write statement is refused with exit 2. Example:\n"
                                        + "  jobs/glengarry query \"SELECT channel, won_cum, revenue_cum FROM "
                                        + "glengarry_gold.cohort_conversion WHERE as_of = DATE'2026-11-26' AND "
                                        + "cohort_quarter = 'FY2026-Q1'\"")
                                .children(seq(
                                        b.arg("SQL", Read$.MODULE$.stringRead()).optional()
                                                .action(set((v, c) -> c.withQuery(c.query().withSql(v))))
                                                .text("the statement (quote it for the shell)"),
                                        b.opt("file", Read$.MODULE$.stringRead()).valueName("FILE")
                                                .action(set((v, c) -> c.withQuery(c.query().withFile(v))))
                                                .text("read the statement from a file instead (one statement)"),
                                        b.opt("list", Read$.MODULE$.unitRead())
                                                .action(set((u, c) -> c.withQuery(c.query().withList(true))))
                                                .text("list the registered tables with a one-line description"),
                                        format(b), limit(b),
                                        warehouseOption(b),
                                        conf(b),
                                        b.checkConfig(c -> !"query".equals(c.command()) || c.query().sources() == 1
                                                ? b.success()
                                                : b.failure("query: give exactly one of a SQL statement, --file "
                                                + "FILE or --list")))),
                        b.cmd("explain")
                                .action(set((u, c) -> c.withCommand("explain")))
                                .text("Print the rows behind one report row (or one measure of it) - persons, "
                                        + "deals, orders, touches, ledger lines, history rows - each with the drop "
                                        + "run date, file and line it was read from, and whether they add up to the "
                                        + "report's number (exit 4 if not). Reports: cohort_conversion, "
                                        + "funnel_conversion, channel_contribution, campaign_contribution, "
                                        + "attribution_credit, spend_reconciliation, sales_channel_contribution, "
                                        + "crm_hygiene. Example:\n"
                                        + "  jobs/glengarry explain cohort_conversion --as-of 2026-11-26 --where "
                                        + "\"cohort_quarter=FY2026-Q1,channel=webinar,quarters_since=2\" "
                                        + "--measure won_cum")
                                .children(seq(
                                        b.arg("REPORT", Read$.MODULE$.stringRead())
                                                .action(set((v, c) -> c.withExplain(new CliOptions.ExplainOptions(v,
                                                        c.explain().where(), c.explain().measure()))))
                                                .text("the gold report"),
                                        b.opt("as-of", Read$.MODULE$.stringRead()).required().valueName("YYYY-MM-DD")
                                                .validate(v -> isDate(v) ? b.success()
                                                        : b.failure("--as-of '" + v + "' is not a date YYYY-MM-DD "
                                                        + "(for example 2026-11-26)"))
                                                .action(set((v, c) -> c.withRunDate(LocalDate.parse(v))))
                                                .text("the night whose report row to explain (any night in gold; "
                                                        + "silver is read as that night left it)"),
                                        b.opt("where", Read$.MODULE$.stringRead()).required()
                                                .valueName("col=value,...")
                                                .action(set((v, c) -> c.withExplain(new CliOptions.ExplainOptions(
                                                        c.explain().report(), v, c.explain().measure()))))
                                                .text("the report row, by its key columns (col= with nothing "
                                                        + "after it matches an empty cell)"),
                                        b.opt("measure", Read$.MODULE$.stringRead()).valueName("COLUMN")
                                                .action(set((v, c) -> c.withExplain(new CliOptions.ExplainOptions(
                                                        c.explain().report(), c.explain().where(), v))))
                                                .text("explain this measure only (default: the report's main "
                                                        + "measures)"),
                                        format(b), limit(b), warehouseOption(b), conf(b))),
                        b.cmd("register")
                                .action(set((u, c) -> c.withCommand("register")))
                                .text("Register every table of the warehouse in the catalog (a successful run does "
                                        + "this itself): after moving or copying a warehouse, or to publish it in "
                                        + "an external metastore (catalog.metastore-uris).")
                                .children(seq(warehouseOption(b), conf(b))),
                        b.cmd("dictionary")
                                .action(set((u, c) -> c.withCommand("dictionary")))
                                .text("Print the data dictionary (Markdown) of the warehouse's tables: every "
                                        + "table and column with its type, meaning and rule. docs/data-dictionary.md "
                                        + "is this output for a warehouse after the three sample nights.")
                                .children(seq(warehouseOption(b), conf(b))),
                        b.cmd("generate")
                                .action(set((u, c) -> c.withCommand("generate")))
                                .text("Write deterministic synthetic drops in the extract contract: a history load "
                                        + "(three fiscal years) and N incremental nights, at a scale (1 = 10M leads, "
                                        + "100M touches, 1M opportunities).")
                                .children(seq(scale(b), nights(b), seed(b),
                                        b.opt("out", Read$.MODULE$.stringRead()).required().valueName("DIR")
                                                .action(set((v, c) -> c.withData(v)))
                                                .text("folder to write the drops <DIR>/<run-date>/ into"))),
                        b.cmd("bench")
                                .action(set((u, c) -> c.withCommand("bench")))
                                .text("Benchmark: generate (or reuse) drops at a scale, run the history load then "
                                        + "the incremental nights, print per stage seconds, rows, rows/s, bytes "
                                        + "read and the peak driver heap.")
                                .children(seq(scale(b), nights(b), seed(b),
                                        b.opt("data", Read$.MODULE$.stringRead()).valueName("DIR")
                                                .action(set((v, c) -> c.withData(v)))
                                                .text("generated drops (default /tmp/glengarry-bench/data-<scale>; "
                                                        + "reused when generated with the same scale, nights, seed)"),
                                        b.opt("warehouse", Read$.MODULE$.stringRead()).valueName("DIR")
                                                .action(set((v, c) -> c.withWarehouse(v)))
                                                .text("bench warehouse, emptied first (default "
                                                        + "/tmp/glengarry-bench/warehouse-<scale>)"),
                                        b.opt("json", Read$.MODULE$.stringRead()).valueName("FILE")
                                                .action(set((v, c) -> c.withJson(v)))
                                                .text("also write the figures as JSON"),
                                        conf(b))),
                        b.checkConfig(c -> c.command() == null
                                ? b.failure("name a command: run, validate, query, explain, register, dictionary, "
                                        + "generate or bench")
                                : b.success())));
    }

    private static OParser<?, CliOptions> runDate(OParserBuilder<CliOptions> b) {
        return b.opt("run-date", Read$.MODULE$.stringRead()).required().valueName("YYYY-MM-DD")
                .validate(v -> isDate(v) ? b.success()
                        : b.failure("--run-date '" + v + "' is not a date YYYY-MM-DD (for example 2026-11-26)"))
                .action(set((v, c) -> c.withRunDate(LocalDate.parse(v))))
                .text("the business date of the drop to process (the Airflow logical date)");
    }

    private static OParser<?, CliOptions> landing(OParserBuilder<CliOptions> b) {
        return b.opt("landing", Read$.MODULE$.stringRead()).valueName("DIR")
                .action(set((v, c) -> c.withLanding(v)))
                .text("folder holding the drops <landing>/<run-date>/ (default: paths.landing in the conf, "
                        + "data-samples/landing; env GLENGARRY_LANDING)");
    }

    private static OParser<?, CliOptions> warehouseOption(OParserBuilder<CliOptions> b) {
        return b.opt("warehouse", Read$.MODULE$.stringRead()).valueName("DIR")
                .action(set((v, c) -> c.withWarehouse(v)))
                .text("warehouse folder (default: paths.warehouse in the conf, ./warehouse; env GLENGARRY_WAREHOUSE); "
                        + "its embedded catalog is <warehouse>/_catalog");
    }

    private static OParser<?, CliOptions> format(OParserBuilder<CliOptions> b) {
        return b.opt("format", Read$.MODULE$.stringRead()).valueName("table|csv|json")
                .validate(v -> v.matches("table|csv|json") ? b.success()
                        : b.failure("--format '" + v + "': expected table, csv or json"))
                .action(set((v, c) -> c.withQuery(c.query().withFormat(v))))
                .text("table (aligned, default), csv (as the exports: header, plain decimals) or json (one object "
                        + "per line)");
    }

    private static OParser<?, CliOptions> limit(OParserBuilder<CliOptions> b) {
        return b.opt("limit", Read$.MODULE$.intRead()).valueName("N")
                .validate(v -> (Integer) v >= 0 ? b.success() : b.failure("--limit " + v + ": expected 0 or more"))
                .action(set((v, c) -> c.withQuery(c.query().withLimit((Integer) v))))
                .text("print at most N rows (default " + CliOptions.QueryOptions.DEFAULT_LIMIT + "; 0: all)");
    }

    private static OParser<?, CliOptions> conf(OParserBuilder<CliOptions> b) {
        return b.opt("conf", Read$.MODULE$.stringRead()).valueName("FILE")
                .action(set((v, c) -> c.withConf(v)))
                .text("configuration file (default: " + CliOptions.DEFAULT_CONF + ")");
    }

    private static OParser<?, CliOptions> source(OParserBuilder<CliOptions> b) {
        return b.opt("source", Read$.MODULE$.stringRead()).valueName("NAME")
                .validate(v -> v.matches("[A-Za-z0-9_-]+") ? b.success()
                        : b.failure("--source '" + v + "' is not a mapping name such as salesforce"))
                .action(set((v, c) -> c.withSource(v)))
                .text("source mapping the drop is read through: canonical (default) or conf/sources/NAME.conf "
                        + "such as salesforce (config key source)");
    }

    private static OParser<?, CliOptions> scale(OParserBuilder<CliOptions> b) {
        return b.opt("scale", Read$.MODULE$.doubleRead()).valueName("S")
                .validate(v -> (double) v > 0 && (double) v <= 10 ? b.success()
                        : b.failure("--scale must be > 0 and <= 10 (0.01 = 100k leads), got " + v))
                .action(set((v, c) -> c.withScale((double) v)))
                .text("scale: 0.01 = 100k leads, 1M touches, 10k opportunities (default 0.01)");
    }

    private static OParser<?, CliOptions> nights(OParserBuilder<CliOptions> b) {
        return b.opt("nights", Read$.MODULE$.intRead()).valueName("N")
                .validate(v -> (int) v >= 0 && (int) v <= 365 ? b.success()
                        : b.failure("--nights must be 0..365, got " + v))
                .action(set((v, c) -> c.withNights((int) v)))
                .text("incremental nightly drops after the history load (default 3)");
    }

    private static OParser<?, CliOptions> seed(OParserBuilder<CliOptions> b) {
        return b.opt("seed", Read$.MODULE$.longRead()).valueName("K")
                .action(set((v, c) -> c.withSeed((long) v)))
                .text("random seed; the same seed and scale give the same bytes (default 20261124)");
    }

    private static boolean isDate(String v) {
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static <A> Function2<A, CliOptions, CliOptions> set(Function2<A, CliOptions, CliOptions> f) {
        return f;
    }

    @SafeVarargs
    private static scala.collection.immutable.Seq<OParser<?, CliOptions>> seq(OParser<?, CliOptions>... parsers) {
        return CollectionConverters.asScala(List.<OParser<?, CliOptions>>of(parsers)).toList();
    }

    private static scala.collection.immutable.Seq<String> strings(String... texts) {
        return CollectionConverters.asScala(List.of(texts)).toList();
    }
}
