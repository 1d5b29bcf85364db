package io.glengarry.cli;

import io.glengarry.catalog.DataDictionary;
import io.glengarry.catalog.QueryCommand;
import io.glengarry.catalog.QueryResult;
import io.glengarry.catalog.TableCatalog;
import io.glengarry.config.ConfigKey;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.explain.ExplainCommand;
import io.glengarry.night.DropValidation;
import io.glengarry.night.NightlyRun;
import io.glengarry.runtime.BuildInfo;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.SparkSessions;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of jobs/glengarry and of spark-submit: parse, configure, run one command, map the exit code. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger("glengarry");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args).code);
    }

    /** Runs a command and returns its exit code (never exits the JVM: tests call this). */
    public static ExitCode execute(String[] args) {
        CommandLine.Parsed parsed = CommandLine.parse(args, System.out, System.err);
        if (parsed.exitWithoutRunning() != null) {
            return parsed.exitWithoutRunning();
        }
        CliOptions options = parsed.options();
        if ("generate".equals(options.command())) {
            return generate(options.scale());
        }
        String warehouse = options.warehouse();
        try {
            if ("bench".equals(options.command())) {
                return io.glengarry.scale.Benchmark.fromCommandLine(options.scale(), options.warehouse(),
                        Path.of(options.conf()), System.out);
            }
            Settings settings = Settings.load(Path.of(options.conf()), overrides(options));
            warehouse = settings.warehouse();
            LOG.info("glengarry {} {} --run-date {}", CommandLine.VERSION, options.command(), options.runDate());
            settings.effectiveForLog().forEach((key, value) -> LOG.info("config {} = {}", key, value));
            StageLog log = new StageLog();
            boolean ownSession = SparkSession.getActiveSession().isEmpty(); // a host's session is left running
            SparkSession spark = SparkSessions.create(settings, "glengarry " + options.command() + " "
                    + options.runDate());
            try {
                switch (options.command()) {
                    case "run" -> new NightlyRun(spark, settings, log).run(options.runDate(), options.fullSnapshot(),
                            codeVersion());
                    case "validate" -> DropValidation.validate(spark, settings, options.runDate(), log, System.out);
                    case "query" -> new QueryCommand(spark, settings).run(new QueryCommand.Request(
                            options.query().sql(), options.query().file(), options.query().list(),
                            QueryResult.Format.of(options.query().format()), options.query().limit()),
                            System.out, System.err);
                    case "explain" -> new ExplainCommand(spark, settings).run(new ExplainCommand.Request(
                            options.explain().report(), options.runDate(), options.explain().where(),
                            options.explain().measure(), QueryResult.Format.of(options.query().format()),
                            options.query().limit()), System.out, System.err);
                    case "register" -> TableCatalog.registerCommand(spark, settings, System.out);
                    case "dictionary" -> System.out.print(DataDictionary.markdown(spark,
                            new Warehouse(Path.of(settings.warehouse()))));
                    default -> throw Errors.badUsage("Unknown command " + options.command() + ".");
                }
            } finally {
                if (ownSession) {
                    spark.stop();
                }
            }
            return ExitCode.SUCCESS;
        } catch (RuntimeException e) {
            GlengarryException known = GlengarryException.findIn(e);
            if (known == null) {
                known = Errors.storageProblem(e, String.valueOf(warehouse)).orElse(null);
                if (known != null) {
                    LOG.error(known.errorCode() + " " + known.getMessage(), e);
                }
            }
            if (known == null) {
                LOG.error("Unexpected failure", e);
                System.err.println("[GG-100] Unexpected failure: " + e + ". The log above has the details.");
                return ExitCode.UNEXPECTED_FAILURE;
            }
            System.err.println(known.describe());
            return known.exitCode();
        }
    }

    private static ExitCode generate(CliOptions.ScaleOptions o) {
        long start = System.nanoTime();
        Map<String, Map<String, Long>> rows = new io.glengarry.scale.SyntheticDrops(o.scale(), o.nights(), o.seed(),
                Path.of(o.data())).generate();
        rows.forEach((drop, counts) -> System.out.println(drop + " " + counts));
        System.out.printf(java.util.Locale.ROOT, "generated scale %s, %d nights, seed %d into %s in %.1f s%n",
                o.scale(), o.nights(), o.seed(), o.data(), (System.nanoTime() - start) / 1e9);
        return ExitCode.SUCCESS;
    }

    private static Map<ConfigKey, Object> overrides(CliOptions options) {
        Map<ConfigKey, Object> overrides = new LinkedHashMap<>();
        if (options.landing() != null) {
            overrides.put(ConfigKeys.LANDING, options.landing());
        }
        if (options.warehouse() != null) {
            overrides.put(ConfigKeys.WAREHOUSE, options.warehouse());
        }
        if (options.source() != null) {
            overrides.put(ConfigKeys.SOURCE, options.source());
        }
        return overrides;
    }

    /**
     * The version plus the commit: {@code -Dglengarry.commit} (jobs/glengarry passes the checkout's), else the commit
     * the jar was built from (io/glengarry/build.properties, so spark-submit runs, e.g. Airflow's, record it too).
     */
    static String codeVersion() {
        String commit = System.getProperty("glengarry.commit", "");
        if (commit.isEmpty()) {
            commit = BuildInfo.commit();
        }
        return CommandLine.VERSION + (commit.isEmpty() ? "" : "+" + commit);
    }
}
