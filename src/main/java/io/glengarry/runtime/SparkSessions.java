package io.glengarry.runtime;

import io.glengarry.config.Settings;
import io.glengarry.runtime.localfs.NioLocalFileSystem;
import io.glengarry.runtime.localfs.NioLocalFs;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the one SparkSession of a run. Embedded (local mode) unless spark-submit already named a master;
 * Delta's extension and catalog are always on; the session time zone is the configured one.
 */
public final class SparkSessions {
    static final String SNAPSHOT_PARTITIONS = "spark.databricks.delta.snapshotPartitions";

    private SparkSessions() {
    }

    public static SparkSession create(Settings settings, String appName) {
        if (SparkSession.getActiveSession().isDefined()) {
            return SparkSession.getActiveSession().get(); // a host (a test, a notebook) configured its own
        }
        SparkConf submitted = new SparkConf(); // picks up spark.* set by spark-submit
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (!submitted.contains("spark.master")) {
            builder.master(settings.sparkMaster())
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        // the table catalog's metastore (Hive support is a static setting: it must be set here)
        io.glengarry.catalog.Metastore.sparkConf(settings, submitted).forEach(builder::config);
        String master = submitted.get("spark.master", settings.sparkMaster());
        jobSettings(submitted, master.startsWith("local")).forEach(builder::config);
        SparkSession spark = builder
                .config("spark.sql.session.timeZone", settings.timeZone().getId())
                // a cluster's own spark.sql.shuffle.partitions (spark-submit --conf) wins over the conf's default
                .config("spark.sql.shuffle.partitions", submitted.get("spark.sql.shuffle.partitions",
                        String.valueOf(settings.sparkShufflePartitions())))
                .getOrCreate();
        if (!master.startsWith("local") && !submitted.contains(SNAPSHOT_PARTITIONS)) { // local: jobSettings
            spark.conf().set(SNAPSHOT_PARTITIONS, clusterSnapshotPartitions(spark.sparkContext()
                    .defaultParallelism()));
        }
        return spark;
    }

    /**
     * How many tasks replay a Delta table's log on a cluster when a snapshot is loaded (after each write, on every
     * read of a changed table): one per core it has, up to Delta's default of 50. A log is a checkpoint and at most
     * a few commits (one a night), so more tasks only add scheduling: on a two-core standalone cluster Delta's 50
     * made the sample night 1.8 times slower (docs/scale.md).
     */
    static String clusterSnapshotPartitions(int clusterCores) {
        return String.valueOf(Math.max(1, Math.min(clusterCores, 50)));
    }

    /**
     * The settings every session running the job needs, the tests' included: Delta, the SQL semantics the reports
     * rely on, and what makes small Delta operations cheap. A value spark-submit was given ({@code --conf}) wins.
     *
     * @param local a single machine (local mode): Delta replays a table's log in one task
     */
    public static Map<String, String> jobSettings(SparkConf submitted, boolean local) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        conf.put("spark.sql.ansi.enabled", "true");
        // Delta replays a table's log with this many tasks on every new snapshot (after each write). The default
        // (50) costs seconds per table on one machine; measured on 2 cores, 1 task instead of 8 takes 40% off every
        // small write and read. A cluster's is set once its cores are known (create, clusterSnapshotPartitions).
        if (local) {
            conf.put(SNAPSHOT_PARTITIONS, "1");
        }
        conf.put("spark.sql.debug.maxToStringFields", "500");
        // A night compiles ~1,000 generated classes (Delta's own queries included); Spark keeps 100 and compiles
        // a plan seen before again once it has fallen out. 2,000 keeps a night's (Janino's CPU on the sample
        // night 16 -> 13 s; docs/scale.md, fixed cost).
        conf.put("spark.sql.codegen.cache.maxEntries", "2000");
        // we write run_date ourselves; Delta need not re-check every row against replaceWhere
        conf.put("spark.databricks.delta.replaceWhere.constraintCheck.enabled", "false");
        conf.put("spark.sql.parquet.compression.codec", "snappy");
        conf.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
        // file: paths without a child process per chmod and readlink (Hadoop's fallback without its native library)
        conf.put("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
        conf.put("spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFs.class.getName());
        Map<String, String> effective = new LinkedHashMap<>();
        conf.forEach((key, value) -> effective.put(key, submitted.get(key, value)));
        return effective;
    }
}
