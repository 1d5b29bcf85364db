package io.glengarry.runtime;

import io.glengarry.config.Settings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession of a run. Embedded (local mode) unless spark-submit already named a master;
 * Delta's extension and catalog are always on; the session time zone is the configured one.
 */
public final class SparkSessions {
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
        return builder
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", settings.timeZone().getId())
                // a cluster's own spark.sql.shuffle.partitions (spark-submit --conf) wins over the conf's default
                .config("spark.sql.shuffle.partitions", submitted.get("spark.sql.shuffle.partitions",
                        String.valueOf(settings.sparkShufflePartitions())))
                .config("spark.sql.ansi.enabled", "true")
                // Delta replays a table's log with this many tasks on every new snapshot (after each write). The
                // default (50) costs seconds per table on one machine; measured on 2 cores, 1 task instead of 8
                // takes 40% off every small write and read. A cluster's own value (spark-submit --conf) wins.
                .config("spark.databricks.delta.snapshotPartitions", submitted.get(
                        "spark.databricks.delta.snapshotPartitions", deltaLogTasks(settings, submitted)))
                .config("spark.sql.debug.maxToStringFields", "500")
                // we write run_date ourselves; Delta need not re-check every row against replaceWhere
                .config("spark.databricks.delta.replaceWhere.constraintCheck.enabled", "false")
                .config("spark.sql.parquet.compression.codec", "snappy")
                .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
                .getOrCreate();
    }

    /** One task on a single machine (the logs are small); up to the shuffle partitions on a cluster. */
    static String deltaLogTasks(Settings settings, SparkConf submitted) {
        String master = submitted.get("spark.master", settings.sparkMaster());
        return master.startsWith("local") ? "1" : String.valueOf(Math.min(50, settings.sparkShufflePartitions()));
    }
}
