package io.glengarry.scale;

import io.glengarry.cli.CliOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures as a readable table and as JSON (one object, stable key order). */
final class BenchReport {
    private BenchReport() {
    }

    static void print(PrintStream out, CliOptions.ScaleOptions o, double generateSeconds, double readSeconds,
                      List<Benchmark.Night> nights, boolean withHeader) {
        if (withHeader) {
            out.printf(Locale.ROOT, "%nbench scale %s, seed %d, %d nights%n", o.scale(), o.seed(), o.nights());
            out.printf(Locale.ROOT, "generate: %.1f s; baseline Spark reads the history drop's CSV once: %.1f s%n",
                    generateSeconds, readSeconds);
        }
        for (Benchmark.Night n : nights) {
            boolean history = n.runDate().equals(SyntheticDrops.HISTORY_DROP);
            out.printf(Locale.ROOT, "%n%s%s: %.1f s total, drop %,d rows / %.1f MB, peak driver heap %.0f MB, "
                            + "load average now %.1f%s%n",
                    n.runDate(), history ? " (history load)" : " (incremental night)", n.seconds(),
                    n.dropRows(), n.dropBytes() / 1e6, n.peakHeapBytes() / 1048576.0,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    history ? String.format(Locale.ROOT, ", pipeline/read ratio %.1f",
                            n.seconds() / readSeconds) : "");
            out.printf(Locale.ROOT, "  %-14s %9s %14s %12s %12s %6s %7s %9s %7s %8s%n", "stage", "seconds", "rows",
                    "rows/s", "MB read", "jobs", "queries", "compiled", "commits", "task s");
            n.stages().forEach((stage, f) -> {
                long rows = rows(n, stage, f);
                out.printf(Locale.ROOT, "  %-14s %9.1f %,14d %,12.0f %12.1f %6d %7d %9d %7d %8.1f%n", stage,
                        f.seconds(), rows, rows / Math.max(f.seconds(), 1e-3), bytes(n, stage, f) / 1e6,
                        f.sparkJobs(), f.queries(), f.codeCompilations(), f.deltaCommits(), f.taskSeconds());
            });
            n.stages().forEach((stage, f) -> {
                if (f.taskSecondsByStep().keySet().stream().anyMatch(step -> !step.equals(StageMetrics.OTHER))) {
                    out.printf(Locale.ROOT, "  task seconds by step, %s: %s%n", stage, topSteps(f, STEPS_SHOWN));
                }
            });
            printTables(out, n.tables());
            printSlices(out, n.slices());
        }
    }

    /** The recomputed slices printed per report: the rest is in the JSON. */
    static final int SLICES_SHOWN = 12;

    /** Per sliced report: the slices carried from the previous partition and those recomputed, or why rebuilt. */
    static void printSlices(PrintStream out, Map<String, Benchmark.ReportSlices> slices) {
        slices.forEach((report, s) -> out.printf(Locale.ROOT, "  slices, %s: %s, %d carried, %d recomputed %s%s%n",
                report, s.mode(), s.carried().size(), s.recomputed().size(), s.recomputed().size() <= SLICES_SHOWN
                        ? s.recomputed() : s.recomputed().subList(0, SLICES_SHOWN) + " ...",
                s.reason() == null ? "" : " (" + s.reason() + ")"));
    }

    /** The tables printed per night, most bytes written first: the rest is in the JSON. */
    static final int TABLES_SHOWN = 8;

    /** The night's change set (what the MERGEs into tables changed) and what it wrote, table by table. */
    static void printTables(PrintStream out, List<TableWrites.Written> tables) {
        String changed = tables.stream().filter(TableWrites.Written::merged)
                .sorted(java.util.Comparator.comparing(TableWrites.Written::name))
                .map(t -> String.format(Locale.ROOT, "%s %,d / %,d / %,d", t.name().replace("silver/_current/", ""),
                        t.rowsInserted(), t.rowsUpdated(), t.rowsDeleted()))
                .collect(java.util.stream.Collectors.joining("; "));
        if (!changed.isEmpty()) {
            out.printf(Locale.ROOT, "  rows changed (MERGE, inserted / updated / deleted): %s%n", changed);
        }
        if (tables.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "  tables written: %d, %,.1f MB, %,d rows; most bytes first (files removed -> added, "
                        + "MB, rows): %s%n", tables.size(),
                tables.stream().mapToLong(TableWrites.Written::bytesAdded).sum() / 1e6,
                tables.stream().mapToLong(TableWrites.Written::rowsAdded).sum(),
                tables.stream().limit(TABLES_SHOWN).map(t -> String.format(Locale.ROOT, "%s %d -> %d, %,.1f, %,d",
                        t.name(), t.filesRemoved(), t.filesAdded(), t.bytesAdded() / 1e6, t.rowsAdded()))
                        .collect(java.util.stream.Collectors.joining("; ")));
    }

    /** The steps printed per stage that has named steps (silver, gold): the rest is in the JSON. */
    static final int STEPS_SHOWN = 8;

    /** "attribution_credit 74.4, campaign_contribution 27.9, ..." - the stage's costliest steps first. */
    static String topSteps(StageMetrics.Figures f, int shown) {
        return f.taskSecondsByStep().entrySet().stream().limit(shown)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Bronze stages count the drop's rows (the reader is not a Hadoop input); later ones the rows Spark read. */
    static long rows(Benchmark.Night n, String stage, StageMetrics.Figures f) {
        return stage.startsWith("bronze") ? n.dropRows() : f.recordsRead();
    }

    static long bytes(Benchmark.Night n, String stage, StageMetrics.Figures f) {
        return stage.equals("bronze_read") ? n.dropBytes() + f.bytesRead() : f.bytesRead();
    }

    static String json(CliOptions.ScaleOptions o, Path data, Path warehouse, double generateSeconds,
                       double readSeconds, List<Benchmark.Night> nights, int cores, int shufflePartitions) {
        StringBuilder b = new StringBuilder("{\n");
        b.append(String.format(Locale.ROOT, "  \"scale\": %s,%n  \"seed\": %d,%n  \"nights\": %d,%n", o.scale(),
                o.seed(), o.nights()));
        b.append(String.format(Locale.ROOT, "  \"data\": \"%s\",%n  \"warehouse\": \"%s\",%n", data, warehouse));
        b.append(String.format(Locale.ROOT, "  \"spark_default_parallelism\": %d,%n  \"shuffle_partitions\": %d,%n",
                cores, shufflePartitions));
        b.append(String.format(Locale.ROOT, "  \"load_average\": %.2f,%n", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage()));
        b.append(String.format(Locale.ROOT, "  \"generate_seconds\": %.3f,%n  \"csv_read_baseline_seconds\": %.3f,%n",
                generateSeconds, readSeconds));
        b.append("  \"runs\": [\n");
        for (int i = 0; i < nights.size(); i++) {
            Benchmark.Night n = nights.get(i);
            b.append(String.format(Locale.ROOT, "    {\"run_date\": \"%s\", \"kind\": \"%s\", \"seconds\": %.3f, "
                            + "\"drop_rows\": %d, \"drop_bytes\": %d, \"peak_heap_bytes\": %d, \"stages\": {",
                    n.runDate(), i == 0 ? "history" : "incremental", n.seconds(), n.dropRows(), n.dropBytes(),
                    n.peakHeapBytes()));
            int k = 0;
            for (Map.Entry<String, StageMetrics.Figures> s : n.stages().entrySet()) {
                long rows = rows(n, s.getKey(), s.getValue());
                b.append(k++ == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "\"%s\": {\"seconds\": %.3f, \"rows\": %d, \"rows_per_second\": %.1f, \"bytes_read\": %d, "
                                + "\"spark_jobs\": %d, \"queries\": %d, \"classes_compiled\": %d, "
                                + "\"delta_commits\": %d, \"task_seconds\": %.3f, \"task_seconds_by_step\": {%s}}",
                        s.getKey(), s.getValue().seconds(), rows, rows / Math.max(s.getValue().seconds(), 1e-3),
                        bytes(n, s.getKey(), s.getValue()), s.getValue().sparkJobs(), s.getValue().queries(),
                        s.getValue().codeCompilations(), s.getValue().deltaCommits(), s.getValue().taskSeconds(),
                        stepsJson(s.getValue())));
            }
            b.append("}, \"tables\": {").append(tablesJson(n.tables())).append("}, \"report_slices\": {")
                    .append(slicesJson(n.slices())).append("}}")
                    .append(i + 1 < nights.size() ? ",\n" : "\n");
        }
        return b.append("  ]\n}\n").toString();
    }

    private static String tablesJson(List<TableWrites.Written> tables) {
        return tables.stream().map(t -> String.format(Locale.ROOT, "\"%s\": {\"commits\": %d, \"files_added\": %d, "
                        + "\"files_removed\": %d, \"bytes_added\": %d, \"rows_added\": %d, \"rows_inserted\": %d, "
                        + "\"rows_updated\": %d, \"rows_deleted\": %d}", t.name(), t.commits(), t.filesAdded(),
                t.filesRemoved(), t.bytesAdded(), t.rowsAdded(), t.rowsInserted(), t.rowsUpdated(), t.rowsDeleted()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String slicesJson(Map<String, Benchmark.ReportSlices> slices) {
        return slices.entrySet().stream().map(e -> String.format(Locale.ROOT, "\"%s\": {\"mode\": \"%s\", "
                        + "\"carried\": %s, \"recomputed\": %s}", e.getKey(), e.getValue().mode(),
                quoted(e.getValue().carried()), quoted(e.getValue().recomputed())))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(", ", "[",
                "]"));
    }

    private static String stepsJson(StageMetrics.Figures f) {
        return f.taskSecondsByStep().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "\"%s\": %.3f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
