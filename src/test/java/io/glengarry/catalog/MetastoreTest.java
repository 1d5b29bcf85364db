package io.glengarry.catalog;

import io.glengarry.config.ChannelMap;
import io.glengarry.config.ConfigKey;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which metastore a run's session gets, in the documented precedence; the locked-Derby error. */
class MetastoreTest {
    private static final ChannelMap NO_CHANNELS = new ChannelMap(Map.of());

    private static Settings settings(Map<ConfigKey, Object> overrides) {
        return Settings.of(overrides, NO_CHANNELS);
    }

    @Test
    void byDefaultAnEmbeddedDerbyMetastoreInsideTheWarehouse() {
        Map<String, String> conf = Metastore.sparkConf(settings(Map.of(ConfigKeys.WAREHOUSE, "/data/wh")),
                new SparkConf(false));
        assertThat(conf).containsEntry("spark.sql.catalogImplementation", "hive")
                .containsEntry(Metastore.JDBC_URL, "jdbc:derby:;databaseName=/data/wh/_catalog/metastore_db;create=true")
                .containsEntry("spark.sql.warehouse.dir", "file:///data/wh/_catalog/spark-warehouse")
                .doesNotContainKey(Metastore.URIS);
    }

    @Test
    void theConfsExternalMetastoreWinsThenWhatSparkSubmitConfigured() {
        Map<String, String> uris = Metastore.sparkConf(settings(Map.of(ConfigKeys.CATALOG_METASTORE_URIS,
                "thrift://meta:9083", ConfigKeys.CATALOG_METASTORE_JDBC_URL, "jdbc:postgresql://db/meta")),
                new SparkConf(false));
        assertThat(uris).containsEntry(Metastore.URIS, "thrift://meta:9083").doesNotContainKey(Metastore.JDBC_URL);

        Map<String, String> jdbc = Metastore.sparkConf(settings(Map.of(ConfigKeys.CATALOG_METASTORE_JDBC_URL,
                "jdbc:postgresql://db/meta")), new SparkConf(false));
        assertThat(jdbc).containsEntry(Metastore.JDBC_URL, "jdbc:postgresql://db/meta");

        Map<String, String> submitted = Metastore.sparkConf(settings(Map.of()),
                new SparkConf(false).set(Metastore.URIS, "thrift://cluster:9083"));
        assertThat(submitted).containsOnly(Map.entry("spark.sql.catalogImplementation", "hive"));
    }

    @Test
    void switchedOffMeansNoHiveAtAll() {
        assertThat(Metastore.sparkConf(settings(Map.of(ConfigKeys.CATALOG_ENABLED, false)), new SparkConf(false)))
                .isEmpty();
    }

    @Test
    void aBadDatabaseNameIsABadConfig() {
        assertThatThrownBy(() -> settings(Map.of(ConfigKeys.CATALOG_GOLD_DATABASE, "gold; DROP")))
                .isInstanceOfSatisfying(GlengarryException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
                    assertThat(e.getMessage()).contains("catalog.gold-database", "gold; DROP");
                });
    }

    @Test
    void derbysLockDeepInsideHivesWrappingBecomesAClearExitOne() {
        SQLException booted = new SQLException("Failed to start database '/wh/_catalog/metastore_db' with class "
                + "loader jdk.internal.loader.ClassLoaders$AppClassLoader@1, see the next exception for details.",
                "XJ040");
        booted.setNextException(new SQLException("Another instance of Derby may have already booted the database "
                + "/wh/_catalog/metastore_db.", "XSDB6"));
        RuntimeException wrapped = new RuntimeException("Unable to instantiate SessionHiveMetaStoreClient",
                new MetaException("Unable to open a test connection").initCause(booted));
        GlengarryException error = Metastore.lockedError(wrapped, "metastore /wh/_catalog");
        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo("GG-102");
        assertThat(error.exitCode()).isEqualTo(ExitCode.UNEXPECTED_FAILURE);
        assertThat(error.getMessage()).contains("/wh/_catalog", "in use by another process", "catalog.metastore-uris");

        assertThat(Metastore.lockedError(new RuntimeException("Table not found"), "m")).isNull();
    }
}
