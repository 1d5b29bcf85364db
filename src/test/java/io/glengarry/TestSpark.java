package io.glengarry;

import org.apache.spark.sql.SparkSession;

/** The one SparkSession of the test JVM: local[2], 2 shuffle partitions, UI off, UTC, loopback, Delta on. */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("glengarry-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.debug.maxToStringFields", "500")
                    .config("spark.databricks.delta.replaceWhere.constraintCheck.enabled", "false")
                    .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
                    .getOrCreate();
        }
        return session;
    }
}
