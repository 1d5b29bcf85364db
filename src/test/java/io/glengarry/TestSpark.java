package io.glengarry;

import io.glengarry.catalog.Metastore;
import io.glengarry.runtime.SparkSessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one SparkSession of the test JVM: the job's own settings (SparkSessions.jobSettings: Delta, ANSI SQL, the local
 * file system, ...), then local[2], 2 shuffle partitions, UI off, UTC, loopback, and a Hive metastore on embedded
 * Derby in a temporary folder (the catalog the sample nights register their tables in).
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    private static Path catalogDir() {
        try {
            Path dir = Files.createTempDirectory("glengarry-test-catalog-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary folder; the OS cleans it up otherwise
                }
            }));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            SparkSession.Builder builder = SparkSession.builder();
            // the table catalog for real: a Hive metastore on embedded Derby in a temporary folder, as a run's own
            Metastore.embedded(catalogDir()).forEach(builder::config);
            // the job's own settings, then the test JVM's: two cores, few partitions, UTC, loopback, no UI
            SparkSessions.jobSettings(new SparkConf(false), true).forEach(builder::config);
            session = builder
                    .master("local[2]")
                    .appName("glengarry-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
                    .getOrCreate();
        }
        return session;
    }
}
