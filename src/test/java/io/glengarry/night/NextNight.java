package io.glengarry.night;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestFiles;
import io.glengarry.cli.Main;
import io.glengarry.report.GoldReports;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The night after the sample nights, for tests that run a whole night in a real child JVM (killed runs, two runs
 * at once): a landing folder holding the three sample drops and, as 2026-11-27, the 2026-11-26 drop delivered again
 * (the same records: the state stays, every report runs); a warehouse that holds the sample nights (a copy per
 * test); and the night's outputs from an uninterrupted run in this JVM, to compare with. Every run under test is a
 * child JVM as the job runs (jobs/glengarry's JVM flags, the job's own Spark settings).
 */
final class NextNight {
    static final LocalDate NIGHT = LocalDate.of(2026, 11, 27);
    static final LocalDate PREVIOUS = SampleWarehouse.LAST_NIGHT;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * What differs between two runs of one night by nature: times, the config's hash (it covers --warehouse and
     * --landing, and each test runs on its own copy), the catalog's work, the silver tables and the report slices a
     * repair kept (a re-run carries from the partition the killed run committed; the rows are the same).
     */
    private static final List<String> VOLATILE = List.of("started_at", "finished_at", "stages", "config_sha256");
    private static final List<String> VOLATILE_NOTICES = List.of("catalog", "silver_tables", "report_slices",
            "lineage");

    private static Path landing;
    private static Warehouse reference;

    private NextNight() {
    }

    /** The landing folder: the sample drops plus the night's. */
    static synchronized Path landing() {
        if (landing == null) {
            try {
                landing = scratch("glengarry-next-night-landing-");
                TestFiles.copyTree(Path.of("data-samples/landing"), landing);
                TestFiles.copyTree(landing.resolve(PREVIOUS.toString()), landing.resolve(NIGHT.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return landing;
    }

    /** A new warehouse holding the sample nights, as the night finds it. */
    static Warehouse sampleNightsCopy() {
        try {
            return sampleNightsCopy(scratch("glengarry-next-night-warehouse-").resolve("warehouse"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample nights copied to {@code root}. */
    static Warehouse sampleNightsCopy(Path root) throws IOException {
        TestFiles.copyTree(SampleWarehouse.get().root(), root);
        return new Warehouse(root);
    }

    /**
     * The night run once, uninterrupted, in this JVM (its Spark session, warm: half a child JVM's time). The runs
     * compared with it are child JVMs with the job's own settings: the same exports (CSV bytes, Parquet rows) from
     * two sets of Spark settings.
     */
    static synchronized Warehouse reference() {
        if (reference == null) {
            Warehouse warehouse = sampleNightsCopy();
            ExitCode exit = Main.execute(arguments(warehouse).toArray(String[]::new));
            if (exit != ExitCode.SUCCESS) {
                throw new IllegalStateException("the reference run of " + NIGHT + " ended with " + exit);
            }
            reference = warehouse;
        }
        return reference;
    }

    /** Runs the night in a child JVM to its end; returns its exit code. */
    static int run(Warehouse warehouse, Path log) throws IOException, InterruptedException {
        Process run = start(warehouse, log);
        if (!run.waitFor(10, TimeUnit.MINUTES)) {
            run.destroyForcibly();
            throw new AssertionError("the run of " + NIGHT + " took over 10 minutes");
        }
        return run.exitValue();
    }

    /** Starts the night in a child JVM (the test classpath, the job's JVM flags); its output goes to {@code log}. */
    static Process start(Warehouse warehouse, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Dlog4j2.configurationFile=conf/log4j2.properties"));
        for (String jvmArg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (jvmArg.startsWith("--add-opens") || jvmArg.startsWith("-XX:") || jvmArg.startsWith("-Djdk.reflect")
                    || jvmArg.startsWith("-Dio.netty")) {
                command.add(jvmArg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(arguments(warehouse));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> arguments(Warehouse warehouse) {
        return List.of("run", "--run-date", NIGHT.toString(), "--landing", landing().toString(), "--warehouse",
                warehouse.root().toString());
    }

    /** Waits until the log or the warehouse shows {@code reached}; fails if the run ends first or takes 10 min. */
    static void waitFor(Process run, Path log, String what, Predicate<String> reached) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (reached.test(text)) {
                return;
            }
            if (!run.isAlive()) {
                throw new AssertionError("the run ended (exit " + run.exitValue() + ") before " + what + ":\n"
                        + text);
            }
            Thread.sleep(50);
        }
        run.destroyForcibly();
        throw new AssertionError("no " + what + " within 10 minutes");
    }

    /**
     * report/file -> sha256 of every export file of a night (reports without an export folder are left out): two maps
     * are equal when every file is the same, and a difference names the file. A CSV is compared byte for byte; a
     * Parquet file by its schema and its rows in order - its footer lists each column's encodings in the order of a
     * hash set inside parquet-java, which differs from one JVM to the next (the same rows, the same pages, a few
     * footer bytes swapped), so two processes never write byte-identical Parquet.
     */
    static Map<String, String> exports(Warehouse warehouse, LocalDate night) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String report : GoldReports.REPORTS) {
            Path dir = warehouse.exportDir(report, night);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> listing = Files.list(dir)) {
                for (Path f : listing.toList()) {
                    files.put(report + "/" + f.getFileName(), sha256(f.toString().endsWith(".parquet")
                            ? parquetContent(f) : Files.readAllBytes(f)));
                }
            }
        }
        return files;
    }

    /**
     * The night's manifest without what differs between two runs by nature (VOLATILE, and tables' Delta versions:
     * a repaired night has more commits); everything else - status, code version, drops, row counts, every report's
     * rows, control totals, notices - must be the same.
     */
    static JsonNode comparableManifest(Warehouse warehouse) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(warehouse.manifest(NIGHT).toFile());
        VOLATILE.forEach(manifest::remove);
        VOLATILE_NOTICES.forEach(((ObjectNode) manifest.get("notices"))::remove);
        for (Iterator<JsonNode> tables = manifest.get("tables").elements(); tables.hasNext(); ) {
            ((ObjectNode) tables.next()).remove("delta_version");
        }
        return manifest;
    }

    private static byte[] parquetContent(Path file) {
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows = io.glengarry.TestSpark.get().read()
                .parquet(file.toString());
        StringBuilder content = new StringBuilder(rows.schema().json()).append('\n');
        rows.collectAsList().forEach(r -> content.append(r).append('\n'));
        return content.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path scratch(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> io.glengarry.runtime.Folders.deleteTree(dir)));
        return dir;
    }
}
