package io.glengarry.explain;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one report explains a row: the key columns that name a row, and per measure (a column of the report) the
 * function that lists the rows behind it. {@code defaults} are the measures explained when none is asked for.
 */
record ReportExplanation(String report, List<String> keys, Map<String, Measure> measures, List<String> defaults) {

    /** The evidence rows of one measure of one report row. */
    @FunctionalInterface
    interface Measure {
        Dataset<Row> evidence(NightInputs inputs, Row reportRow, String measure);
    }

    static Builder of(String report, String... keys) {
        return new Builder(report, List.of(keys));
    }

    static final class Builder {
        private final String report;
        private final List<String> keys;
        private final Map<String, Measure> measures = new LinkedHashMap<>();

        private Builder(String report, List<String> keys) {
            this.report = report;
            this.keys = keys;
        }

        Builder measure(String name, Measure evidence) {
            measures.put(name, evidence);
            return this;
        }

        ReportExplanation build() {
            return new ReportExplanation(report, keys, java.util.Collections.unmodifiableMap(measures),
                    List.copyOf(measures.keySet()));
        }

        /** Only {@code defaults} when no measure is named (the others repeat their rows). */
        ReportExplanation build(String... defaults) {
            return new ReportExplanation(report, keys, java.util.Collections.unmodifiableMap(measures),
                    List.of(defaults));
        }
    }
}
