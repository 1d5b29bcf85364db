package io.glengarry.scale;

import io.glengarry.cli.CliOptions;
import io.glengarry.config.ConfigKey;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.night.NightlyRun;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.SparkSessions;
import io.glengarry.runtime.StageLog;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * jobs/glengarry bench: generates (or reuses) drops at a scale, runs the history load and then each incremental
 * night through the real {@link NightlyRun} into an emptied warehouse, and reports per night and stage the wall
 * seconds, rows, rows per second and bytes read, the peak driver heap, and a baseline: the time Spark takes just
 * to read the history drop's CSV files once (every column as text), so the pipeline/read ratio can be judged.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** One night of the benchmark. */
    record Night(LocalDate runDate, double seconds, long dropBytes, long dropRows, long peakHeapBytes,
                 Map<String, StageMetrics.Figures> stages, List<TableWrites.Written> tables,
                 Map<String, ReportSlices> slices) {
    }

    /** What the manifest says a report's partition was made of: carried and recomputed slices, or rebuilt. */
    record ReportSlices(String mode, String reason, List<String> carried, List<String> recomputed) {
        /** The manifest's {@code notices.report_slices}, by report (empty: no manifest, no sliced report). */
        static Map<String, ReportSlices> of(Path manifest) {
            Map<String, ReportSlices> out = new TreeMap<>();
            if (!Files.isRegularFile(manifest)) {
                return out;
            }
            try {
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile()).path("notices")
                        .path("report_slices").fields().forEachRemaining(e -> out.put(e.getKey(), new ReportSlices(
                                e.getValue().path("mode").asText(), e.getValue().path("reason").asText(null),
                                texts(e.getValue().path("carried_slices")),
                                texts(e.getValue().path("recomputed_slices")))));
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + manifest, e);
            }
        }

        private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(v -> out.add(v.asText()));
            return out;
        }
    }

    public static ExitCode fromCommandLine(CliOptions.ScaleOptions o, String warehouseArg, Path conf,
                                           PrintStream out) {
        String tag = String.format(Locale.ROOT, "%s-s%d", Double.toString(o.scale()), o.seed());
        Path data = Path.of(o.data() != null ? o.data() : "/tmp/glengarry-bench/data-" + tag);
        Path warehouse = Path.of(warehouseArg != null ? warehouseArg : "/tmp/glengarry-bench/warehouse-" + tag);
        double generateSeconds = ensureData(o, data, out);
        io.glengarry.runtime.Folders.deleteTree(warehouse);
        Map<ConfigKey, Object> overrides = new LinkedHashMap<>();
        overrides.put(ConfigKeys.LANDING, data.toString());
        overrides.put(ConfigKeys.WAREHOUSE, warehouse.toString());
        Settings settings = Settings.load(conf, overrides);
        boolean ownSession = SparkSession.getActiveSession().isEmpty();
        SparkSession spark = SparkSessions.create(settings, "glengarry bench " + tag);
        try (StageMetrics metrics = new StageMetrics(spark.sparkContext(), warehouse)) {
            List<LocalDate> dates = SyntheticDrops.dropDates(o.nights());
            double readSeconds = csvReadBaseline(spark, data.resolve(dates.get(0).toString()));
            metrics.drain();
            metrics.takePeakHeap();
            Properties generated = generated(data);
            List<Night> nights = new ArrayList<>();
            for (LocalDate date : dates) {
                StageLog log = new StageLog();
                log.addListener(metrics);
                Map<String, Long> versions = TableWrites.versions(warehouse);
                long start = System.nanoTime();
                new NightlyRun(spark, settings, log).run(date, false, "bench");
                double seconds = (System.nanoTime() - start) / 1e9;
                nights.add(new Night(date, seconds, dropBytes(data.resolve(date.toString())),
                        dropRows(generated, date), metrics.takePeakHeap(), metrics.drain(),
                        TableWrites.since(warehouse, versions),
                        ReportSlices.of(new io.glengarry.runtime.Warehouse(warehouse).manifest(date))));
                BenchReport.print(out, o, generateSeconds, readSeconds, nights.subList(nights.size() - 1,
                        nights.size()), nights.size() == 1); // as it goes: a long run shows its figures early
            }
            out.println();
            out.println("all runs:");
            String json = BenchReport.json(o, data, warehouse, generateSeconds, readSeconds, nights,
                    spark.sparkContext().defaultParallelism(), settings.sparkShufflePartitions());
            BenchReport.print(out, o, generateSeconds, readSeconds, nights, true);
            if (o.json() != null) {
                Files.writeString(Path.of(o.json()), json, StandardCharsets.UTF_8);
                out.println("figures written to " + o.json());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + o.json(), e);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
        return ExitCode.SUCCESS;
    }

    /** Generates the drops unless the folder already holds the same scale, nights and seed; returns seconds. */
    static double ensureData(CliOptions.ScaleOptions o, Path data, PrintStream out) {
        SyntheticDrops generator = new SyntheticDrops(o.scale(), o.nights(), o.seed(), data);
        if (generator.parameters().equals(generated(data).entrySet().stream()
                .filter(e -> !e.getKey().toString().startsWith("rows."))
                .collect(TreeMap::new, (m, e) -> m.put(e.getKey().toString(), e.getValue().toString()),
                        TreeMap::putAll))) {
            out.println("reusing the drops in " + data);
            return 0;
        }
        io.glengarry.runtime.Folders.deleteTree(data);
        long start = System.nanoTime();
        generator.generate();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "generated scale %s (%d nights) into %s in %.1f s%n", o.scale(), o.nights(), data,
                seconds);
        return seconds;
    }

    /** Spark reads every extract of the drop once, all columns as text, and discards the rows. */
    static double csvReadBaseline(SparkSession spark, Path drop) {
        Map<String, List<String>> filesByExtract = new TreeMap<>();
        for (Path f : list(drop)) {
            String name = f.getFileName().toString();
            String extract = name.replaceFirst("(-\\d+)?\\.csv(\\.gz)?$", "");
            filesByExtract.computeIfAbsent(extract, e -> new ArrayList<>()).add(f.toString());
        }
        long start = System.nanoTime();
        filesByExtract.forEach((extract, files) -> {
            StructType schema = new StructType();
            for (String column : header(Path.of(files.get(0))).split(",", -1)) {
                schema = schema.add(column.replace("\uFEFF", ""), DataTypes.StringType);
            }
            spark.read().schema(schema).option("header", "true").option("multiLine", "true")
                    .csv(files.toArray(new String[0])).write().format("noop").mode("overwrite").save();
        });
        return (System.nanoTime() - start) / 1e9;
    }

    private static String header(Path file) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            return r.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the header of " + file, e);
        }
    }

    private static Properties generated(Path data) {
        Properties p = new Properties();
        Path file = data.resolve("generated.properties");
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return p;
    }

    private static long dropRows(Properties generated, LocalDate date) {
        long rows = 0;
        for (String key : generated.stringPropertyNames()) {
            if (key.startsWith("rows." + date + ".")) {
                rows += Long.parseLong(generated.getProperty(key));
            }
        }
        return rows;
    }

    private static long dropBytes(Path drop) {
        long bytes = 0;
        for (Path f : list(drop)) {
            try {
                bytes += Files.size(f);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the size of " + f, e);
            }
        }
        return bytes;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
