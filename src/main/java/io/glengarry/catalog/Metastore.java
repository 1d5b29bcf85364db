package io.glengarry.catalog;

import io.glengarry.config.Settings;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.SparkConf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which metastore the session's catalog lives in. {@code spark.sql.catalogImplementation} is static (fixed when the
 * SparkContext starts), so these settings go into the session builder, in this order of precedence:
 * <ol>
 *   <li>{@code catalog.metastore-uris}: an external Hive metastore service;</li>
 *   <li>{@code catalog.metastore-jdbc-url}: an external metastore database;</li>
 *   <li>a metastore that spark-submit already configured ({@code spark.hadoop.hive.metastore.uris} or
 *       {@code spark.hadoop.javax.jdo.option.ConnectionURL});</li>
 *   <li>otherwise the embedded Derby metastore in {@code <warehouse>/_catalog/metastore_db}, which travels with
 *       the warehouse. Embedded Derby admits one JVM at a time.</li>
 * </ol>
 */
public final class Metastore {
    static final String HIVE_SESSION_STATE = "org.apache.spark.sql.hive.HiveSessionStateBuilder";
    static final String URIS = "spark.hadoop.hive.metastore.uris";
    static final String JDBC_URL = "spark.hadoop.javax.jdo.option.ConnectionURL";

    private Metastore() {
    }

    /** Spark settings for the catalog; empty when the catalog is off or Spark has no Hive support on its classpath. */
    public static Map<String, String> sparkConf(Settings settings, SparkConf submitted) {
        Map<String, String> conf = new LinkedHashMap<>();
        if (!settings.catalogEnabled() || !hiveOnClasspath()) {
            return conf;
        }
        conf.put("spark.sql.catalogImplementation", "hive");
        if (!settings.catalogMetastoreUris().isEmpty()) {
            conf.put(URIS, settings.catalogMetastoreUris());
        } else if (!settings.catalogMetastoreJdbcUrl().isEmpty()) {
            conf.put(JDBC_URL, settings.catalogMetastoreJdbcUrl());
        } else if (!submitted.contains(URIS) && !submitted.contains(JDBC_URL)) {
            conf.putAll(embedded(new Warehouse(Path.of(settings.warehouse())).catalogDir()));
        }
        return conf;
    }

    /**
     * An embedded Derby metastore in {@code dir}: its database, Derby's log and the (unused: every table is
     * external) default warehouse of managed tables all stay inside {@code dir}, never in the working directory.
     * The folder is created when the catalog is first used ({@link #prepareEmbeddedHome}).
     */
    public static Map<String, String> embedded(Path dir) {
        Path home = dir.toAbsolutePath().normalize();
        // Derby reads derby.system.home (where derby.log goes) once, when it boots: before the first session
        if (System.getProperty("derby.system.home") == null) {
            System.setProperty("derby.system.home", home.toString());
        }
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.catalogImplementation", "hive");
        conf.put(JDBC_URL, "jdbc:derby:;databaseName=" + home.resolve("metastore_db") + ";create=true");
        conf.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
        conf.put("spark.hadoop.hive.metastore.schema.verification", "false");
        conf.put("spark.sql.warehouse.dir", home.resolve("spark-warehouse").toUri().toString());
        return conf;
    }

    /**
     * Creates the embedded metastore's folder (derby.system.home) just before the catalog is first used, so that a
     * command that never touches the catalog (validate) leaves no trace in the warehouse.
     */
    static void prepareEmbeddedHome() {
        String home = System.getProperty("derby.system.home");
        if (home == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(home));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the catalog folder " + home, e);
        }
    }

    static boolean hiveOnClasspath() {
        try {
            Class.forName(HIVE_SESSION_STATE, false, Metastore.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The failure as a clear error when it is an embedded metastore booted by another JVM (Derby's XSDB6 deep in
     * Hive's wrapping), else null.
     */
    public static GlengarryException lockedError(Throwable failure, String metastore) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (mentionsDerbyLock(t)) {
                return Errors.metastoreLocked(metastore, failure);
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
                    if (mentionsDerbyLock(next)) {
                        return Errors.metastoreLocked(metastore, failure);
                    }
                }
            }
        }
        return null;
    }

    private static boolean mentionsDerbyLock(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return "XSDB6".equals(t instanceof SQLException sql ? sql.getSQLState() : null)
                || message.contains("XSDB6") || message.contains("Another instance of Derby may have already booted");
    }

    /** Where the session's metastore is, for messages. */
    public static String describe(org.apache.spark.sql.SparkSession spark) {
        String implementation = spark.conf().get("spark.sql.catalogImplementation", "in-memory");
        if (!"hive".equals(implementation)) {
            return "the session's in-memory catalog";
        }
        SparkConf conf = spark.sparkContext().getConf();
        if (conf.contains(URIS)) {
            return "metastore " + conf.get(URIS);
        }
        return "metastore " + conf.get(JDBC_URL, "metastore_db (Hive default)");
    }
}
