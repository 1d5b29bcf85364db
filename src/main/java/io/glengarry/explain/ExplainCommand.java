package io.glengarry.explain;

import io.glengarry.catalog.QueryResult;
import io.glengarry.config.Settings;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * {@code jobs/glengarry explain REPORT --as-of D --where "col=value,..." [--measure M]}: the rows behind one report
 * row, each naming the source record (drop run date, file, line) that proves it, and whether each measure's rows
 * add up to the report's number. Evidence goes to {@code out}; the row named and the tie of each measure to
 * {@code out} as well for a table, to {@code err} for CSV and JSON (so the data stays machine-readable).
 */
public final class ExplainCommand {
    private final SparkSession spark;
    private final Settings settings;

    public ExplainCommand(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** What to explain and how to print it; {@code measure} null: the report's default measures. */
    public record Request(String report, LocalDate asOf, String where, String measure, QueryResult.Format format,
                          int limit) {
    }

    /** One report row's evidence: the row, the measures explained and their rows (cached: unpersist it). */
    record Explanation(String report, Map<String, String> where, Row row, List<String> measures,
                       Dataset<Row> evidence) {
        /** Each measure against the sum and count of its rows. */
        List<MeasureTie> ties() {
            Map<String, Row> sums = new LinkedHashMap<>();
            for (Row s : evidence.groupBy(Evidence.MEASURE).agg(sum(Evidence.VALUE), count(lit(1))).collectAsList()) {
                sums.put(s.getString(0), s);
            }
            List<MeasureTie> ties = new ArrayList<>();
            for (String measure : measures) {
                Row s = sums.get(measure);
                ties.add(new MeasureTie(measure, row.getAs(measure),
                        s == null || s.isNullAt(1) ? BigDecimal.ZERO : s.getDecimal(1), s == null ? 0 : s.getLong(2)));
            }
            return ties;
        }
    }

    public void run(Request request, PrintStream out, PrintStream err) {
        Explanation explanation = explain(request);
        try {
            PrintStream notes = request.format() == QueryResult.Format.TABLE ? out : err;
            notes.println(explanation.report() + " as of " + request.asOf() + ": " + describe(explanation.where()));
            boolean more = QueryResult.print(explanation.evidence().select(Evidence.COLUMNS.stream()
                    .map(c -> col(c)).toArray(Column[]::new)), request.format(), request.limit(), out);
            if (more) {
                err.println("glengarry explain: showing the first " + request.limit() + " rows; --limit 0 for all "
                        + "(the totals below count every row).");
            }
            List<String> differences = new ArrayList<>();
            for (MeasureTie tie : explanation.ties()) {
                notes.println(tie.describe());
                if (!tie.ties()) {
                    differences.add(tie.describe());
                }
            }
            out.flush();
            if (!differences.isEmpty()) {
                throw Errors.explanationDoesNotTie(explanation.report(), String.join("; ", differences));
            }
        } finally {
            explanation.evidence().unpersist();
        }
    }

    /** Finds the report row and lists its evidence, without printing. */
    Explanation explain(Request request) {
        ReportExplanation report = ReportExplanations.find(request.report()).orElseThrow(() -> Errors.cannotExplain(
                "no report named " + request.report(), "Reports explain knows: "
                        + String.join(", ", ReportExplanations.names()) + "."));
        List<String> measures = measures(report, request.measure());
        NightSnapshot night = NightSnapshot.of(spark, new Warehouse(Path.of(settings.warehouse())), request.asOf());
        NightInputs inputs = NightInputs.of(spark, night, settings);
        Map<String, String> where = where(report, request.where(), night.gold(report.report()).columns());
        Row row = reportRow(report, night, where, request.asOf());
        Dataset<Row> evidence = null;
        for (String measure : measures) {
            Dataset<Row> rows = report.measures().get(measure).evidence(inputs, row, measure)
                    .withColumn("_measure_order", lit(measures.indexOf(measure)));
            evidence = evidence == null ? rows : evidence.unionByName(rows);
        }
        evidence = evidence.orderBy(col("_measure_order"), col(Evidence.COUNTED), col(Evidence.RECORD_ID),
                col(Evidence.SOURCE_LINE)).drop("_measure_order").cache();
        return new Explanation(report.report(), where, row, measures, evidence);
    }

    private static List<String> measures(ReportExplanation report, String measure) {
        if (measure == null) {
            return report.defaults();
        }
        if (!report.measures().containsKey(measure)) {
            throw Errors.cannotExplain(report.report() + " has no measure " + measure + " to explain",
                    "Its measures: " + String.join(", ", report.measures().keySet()) + " (rates, shares and ratios "
                            + "are quotients of these: explain their parts).");
        }
        return List.of(measure);
    }

    /** {@code col=value,...}: each a column of the report; an empty value matches null. */
    static Map<String, String> where(ReportExplanation report, String where, String[] columns) {
        Map<String, String> conditions = new LinkedHashMap<>();
        for (String part : where.split(",")) {
            int eq = part.indexOf('=');
            if (part.isBlank()) {
                continue;
            }
            String column = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            if (eq < 0 || !Arrays.asList(columns).contains(column) || column.equals("as_of")) {
                throw Errors.cannotExplain("--where '" + part.strip() + "' is not column=value with a column of "
                        + report.report(), "Name a row by its key columns: " + String.join(", ", report.keys())
                        + " (for example --where \"" + String.join("=...,", report.keys()) + "=...\").");
            }
            conditions.put(column, part.substring(eq + 1).strip());
        }
        return conditions;
    }

    private static Row reportRow(ReportExplanation report, NightSnapshot night, Map<String, String> where,
                                 LocalDate asOf) {
        Column matches = lit(true);
        for (Map.Entry<String, String> c : where.entrySet()) {
            matches = matches.and(c.getValue().isEmpty() ? col(c.getKey()).isNull()
                    : col(c.getKey()).cast("string").equalTo(c.getValue()));
        }
        List<Row> rows = night.gold(report.report()).filter(matches).limit(2).collectAsList();
        if (rows.size() != 1) {
            throw Errors.noSingleReportRow(report.report(), asOf.toString(), describe(where), rows.size(),
                    report.keys());
        }
        return rows.get(0);
    }

    private static String describe(Map<String, String> where) {
        List<String> parts = new ArrayList<>();
        where.forEach((column, value) -> parts.add(column + "=" + (value.isEmpty() ? "(null)" : value)));
        return String.join(", ", parts);
    }
}
