package io.glengarry.cli;

import java.time.LocalDate;

/** What the command line asked for. Immutable; scopt builds it one option at a time through the withers. */
public record CliOptions(String command, LocalDate runDate, String landing, String warehouse, String conf,
                         boolean fullSnapshot, String master, String source, QueryOptions query,
                         ScaleOptions scale, ExplainOptions explain) {

    /** What generate and bench asked for: scale, nights, seed, the data folder and the JSON file. */
    public record ScaleOptions(double scale, int nights, long seed, String data, String json) {
        static final ScaleOptions DEFAULT = new ScaleOptions(0.01, 3, 20261124L, null, null);
    }

    public static final String DEFAULT_CONF = "conf/glengarry.conf";

    static CliOptions empty() {
        return new CliOptions(null, null, null, null, DEFAULT_CONF, false, null, null, QueryOptions.DEFAULT,
                ScaleOptions.DEFAULT, ExplainOptions.DEFAULT);
    }

    CliOptions withCommand(String value) {
        return new CliOptions(value, runDate, landing, warehouse, conf, fullSnapshot, master, source, query, scale,
                explain);
    }

    CliOptions withRunDate(LocalDate value) {
        return new CliOptions(command, value, landing, warehouse, conf, fullSnapshot, master, source, query, scale,
                explain);
    }

    CliOptions withLanding(String value) {
        return new CliOptions(command, runDate, value, warehouse, conf, fullSnapshot, master, source, query, scale,
                explain);
    }

    CliOptions withWarehouse(String value) {
        return new CliOptions(command, runDate, landing, value, conf, fullSnapshot, master, source, query, scale,
                explain);
    }

    CliOptions withConf(String value) {
        return new CliOptions(command, runDate, landing, warehouse, value, fullSnapshot, master, source, query,
                scale, explain);
    }

    CliOptions withFullSnapshot(boolean value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, value, master, source, query, scale, explain);
    }

    CliOptions withSource(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, value, query, scale,
                explain);
    }

    CliOptions withQuery(QueryOptions value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, source, value, scale,
                explain);
    }

    /** jobs/glengarry query: the statement (or --file, or --list) and how to print it. */
    public record QueryOptions(String sql, String file, boolean list, String format, int limit) {
        public static final int DEFAULT_LIMIT = 1000;
        static final QueryOptions DEFAULT = new QueryOptions(null, null, false, "table", DEFAULT_LIMIT);

        QueryOptions withSql(String value) {
            return new QueryOptions(value, file, list, format, limit);
        }

        QueryOptions withFile(String value) {
            return new QueryOptions(sql, value, list, format, limit);
        }

        QueryOptions withList(boolean value) {
            return new QueryOptions(sql, file, value, format, limit);
        }

        QueryOptions withFormat(String value) {
            return new QueryOptions(sql, file, list, value, limit);
        }

        QueryOptions withLimit(int value) {
            return new QueryOptions(sql, file, list, format, value);
        }

        /** How many of statement, --file and --list were given (exactly one is needed). */
        int sources() {
            return (sql == null ? 0 : 1) + (file == null ? 0 : 1) + (list ? 1 : 0);
        }
    }

    CliOptions withMaster(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, value, source, query, scale,
                explain);
    }

    CliOptions withScale(double value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, source, query,
                new ScaleOptions(value, scale.nights(), scale.seed(), scale.data(), scale.json()), explain);
    }

    CliOptions withNights(int value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, source, query,
                new ScaleOptions(scale.scale(), value, scale.seed(), scale.data(), scale.json()), explain);
    }

    CliOptions withSeed(long value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, source, query,
                new ScaleOptions(scale.scale(), scale.nights(), value, scale.data(), scale.json()), explain);
    }

    CliOptions withData(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, source, query,
                new ScaleOptions(scale.scale(), scale.nights(), scale.seed(), value, scale.json()), explain);
    }

    CliOptions withJson(String value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, source, query,
                new ScaleOptions(scale.scale(), scale.nights(), scale.seed(), scale.data(), value), explain);
    }

    /** jobs/glengarry explain: the report, the row (--where) and the measure (null: the report's defaults). */
    public record ExplainOptions(String report, String where, String measure) {
        static final ExplainOptions DEFAULT = new ExplainOptions(null, null, null);
    }

    CliOptions withExplain(ExplainOptions value) {
        return new CliOptions(command, runDate, landing, warehouse, conf, fullSnapshot, master, source, query, scale,
                value);
    }
}
