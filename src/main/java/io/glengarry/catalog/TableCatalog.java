package io.glengarry.catalog;

import io.glengarry.config.Settings;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogDatabase;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers the warehouse's tables by name: {@code <layer database>.<table>} as an external Delta table at its
 * folder. Idempotent: a table already registered at its folder is left alone; one registered at another folder (the
 * warehouse was moved or copied) is re-pointed; the data is never touched (external tables: dropping the name
 * leaves the files). A night opens the metastore only when the warehouse has a table the last registration did not
 * record at its folder ({@value #RECORD}); {@code jobs/glengarry register} always checks every table in the metastore.
 */
public final class TableCatalog {
    /** In the warehouse's catalog folder: what the last registration left in the metastore ({@link #entries}). */
    static final String RECORD = "registered-tables.txt";

    /** What a registration did, for the log and the manifest. */
    public record Registration(int registered, int repointed, int unchanged, List<String> databases) {
        public Map<String, Object> asNotice(String metastore) {
            Map<String, Object> notice = new LinkedHashMap<>();
            notice.put("status", "registered");
            notice.put("metastore", metastore);
            notice.put("databases", databases);
            notice.put("tables_registered", registered);
            notice.put("tables_repointed", repointed);
            notice.put("tables_unchanged", unchanged);
            return notice;
        }
    }

    private TableCatalog() {
    }

    public static Registration register(SparkSession spark, Settings settings, Warehouse warehouse) {
        Metastore.prepareEmbeddedHome();
        SessionCatalog catalog = spark.sessionState().catalog();
        int registered = 0;
        int repointed = 0;
        int unchanged = 0;
        List<WarehouseTable> tables = WarehouseTable.in(warehouse);
        for (Layer layer : Layer.values()) {
            String database = layer.database(settings);
            if (catalog.databaseExists(database)) {
                continue; // (Hive logs a stack trace for "already exists" even when told to ignore it)
            }
            catalog.createDatabase(new CatalogDatabase(database, "Glengarry " + layer.folder() + " tables",
                    catalog.getDefaultDBPath(database), scala.collection.immutable.Map$.MODULE$.empty()), true);
        }
        for (WarehouseTable table : tables) {
            String database = table.layer().database(settings);
            TableIdentifier id = new TableIdentifier(table.name(), Option.apply(database));
            if (catalog.tableExists(id)) {
                CatalogTable existing = metadata(catalog, id);
                if (sameFolder(existing.location(), table.path())) {
                    unchanged++;
                    continue;
                }
                if (existing.tableType() != CatalogTableType.EXTERNAL()) {
                    throw Errors.badUsage("The catalog already has a " + existing.tableType().name() + " table "
                            + database + "." + table.name() + " at " + existing.location() + "; Glengarry registers "
                            + "only external tables and will not drop that one. Rename or drop it, or set "
                            + "catalog." + table.layer().folder() + "-database to another database.");
                }
                catalog.dropTable(id, true, false); // external: only the name goes, the files stay
                repointed++;
            } else {
                registered++;
            }
            spark.catalog().createTable(database + "." + table.name(), table.path().toString(), "delta");
        }
        writeRecord(warehouse, entries(settings, tables, Metastore.describe(spark)));
        return new Registration(registered, repointed, unchanged, databases(settings));
    }

    private static List<String> databases(Settings settings) {
        return List.of(Layer.BRONZE.database(settings), Layer.SILVER.database(settings),
                Layer.GOLD.database(settings));
    }

    /**
     * What a registration leaves in the metastore, one line each: the metastore, then every table's name and folder.
     * Kept in {@value #RECORD} after each registration, so that a night whose tables are all recorded there (none
     * new, none moved) does not start the metastore at all.
     */
    static List<String> entries(Settings settings, List<WarehouseTable> tables, String metastore) {
        List<String> entries = new java.util.ArrayList<>();
        entries.add(metastore);
        for (WarehouseTable t : tables) {
            entries.add(t.layer().database(settings) + "." + t.name() + " " + t.path().toAbsolutePath().normalize());
        }
        return entries;
    }

    /** The entries of the last registration, empty when there is none (or its embedded metastore is gone). */
    static List<String> recorded(Warehouse warehouse) {
        Path record = warehouse.catalogDir().resolve(RECORD);
        String home = System.getProperty("derby.system.home");
        boolean embeddedGone = home != null && Path.of(home).equals(warehouse.catalogDir())
                && !Files.isDirectory(warehouse.catalogDir().resolve("metastore_db"));
        if (embeddedGone || !Files.isRegularFile(record)) {
            return List.of();
        }
        try {
            return Files.readAllLines(record, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(); // unreadable: register again, which rewrites it
        }
    }

    private static void writeRecord(Warehouse warehouse, List<String> entries) {
        Path record = warehouse.catalogDir().resolve(RECORD);
        try {
            Files.createDirectories(record.getParent());
            Path tmp = record.resolveSibling("." + RECORD + ".tmp");
            Files.write(tmp, entries, StandardCharsets.UTF_8);
            Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + record, e);
        }
    }

    /**
     * The end of a successful run: registers, and never fails the night for it (the tables are written and
     * readable by path). A locked or unreachable metastore is logged and recorded in the manifest's notices,
     * with the command that registers later.
     */
    public static Map<String, Object> registerAfterRun(SparkSession spark, Settings settings, Warehouse warehouse,
                                                       StageLog log) {
        if (!settings.catalogEnabled()) {
            return Map.of("status", "disabled");
        }
        String metastore = Metastore.describe(spark);
        List<WarehouseTable> tables = WarehouseTable.in(warehouse);
        if (recorded(warehouse).equals(entries(settings, tables, metastore))) {
            log.info("catalog: all {} tables already registered at their folders in {} (none new or moved); the "
                    + "metastore was not opened", tables.size(), metastore);
            return new Registration(0, 0, tables.size(), databases(settings)).asNotice(metastore);
        }
        try {
            Registration done = register(spark, settings, warehouse);
            log.info("catalog: {} tables registered, {} re-pointed, {} unchanged in {} ({})", done.registered(),
                    done.repointed(), done.unchanged(), done.databases(), metastore);
            return done.asNotice(metastore);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes but thrown undeclared
            GlengarryException locked = Metastore.lockedError(e, metastore);
            String reason = locked != null ? locked.getMessage() : e.toString();
            log.warn("catalog: tables not registered ({}); the night's tables are written and readable by path. "
                    + "Register them later with: jobs/glengarry register --warehouse {}", reason, warehouse.root());
            Map<String, Object> notice = new LinkedHashMap<>();
            notice.put("status", "not_registered");
            notice.put("metastore", metastore);
            notice.put("reason", reason);
            notice.put("fix", "jobs/glengarry register --warehouse " + warehouse.root());
            return notice;
        }
    }

    /** jobs/glengarry register: registers and says what it did; a locked embedded metastore is a clear error. */
    public static void registerCommand(SparkSession spark, Settings settings, java.io.PrintStream out) {
        if (!settings.catalogEnabled()) {
            throw Errors.badUsage("The catalog is switched off (catalog.enabled = false in the conf).");
        }
        Warehouse warehouse = new Warehouse(Path.of(settings.warehouse()));
        String metastore = Metastore.describe(spark);
        Registration done;
        try {
            done = register(spark, settings, warehouse);
        } catch (Exception e) { // AnalysisException included
            GlengarryException locked = Metastore.lockedError(e, metastore);
            if (locked != null) {
                throw locked;
            }
            throw e instanceof RuntimeException r ? r : Errors.unexpected("Registering the tables", e);
        }
        out.println("Registered the tables of " + warehouse.root() + " in " + metastore + ": " + done.registered()
                + " new, " + done.repointed() + " re-pointed to this warehouse, " + done.unchanged() + " unchanged ("
                + String.join(", ", done.databases()) + ").");
    }

    private static CatalogTable metadata(SessionCatalog catalog, TableIdentifier id) {
        try {
            return catalog.getTableMetadata(id);
        } catch (Exception e) { // NoSuchTableException, declared checked in Java's eyes: it was there a moment ago
            throw Errors.unexpected("Reading the catalog entry of " + id.unquotedString(), e);
        }
    }

    static boolean sameFolder(URI registered, Path folder) {
        if (registered == null) {
            return false;
        }
        if (registered.getScheme() == null || "file".equals(registered.getScheme())) {
            return Path.of(registered.getScheme() == null ? URI.create("file:" + registered.getPath()) : registered)
                    .normalize().equals(folder.toAbsolutePath().normalize());
        }
        return false;
    }
}
