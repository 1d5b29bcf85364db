package io.glengarry.catalog;

import io.glengarry.config.Settings;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.GlengarryException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jobs/glengarry query}: one read-only SQL statement against the catalog (or the list of its tables),
 * printed as a table, CSV or JSON lines. Data goes to {@code out}; notes (truncation) to {@code err}.
 */
public final class QueryCommand {
    static final StructType TABLE_LIST = new StructType().add("table", DataTypes.StringType)
            .add("layer", DataTypes.StringType).add("description", DataTypes.StringType);

    private final SparkSession spark;
    private final Settings settings;

    public QueryCommand(SparkSession spark, Settings settings) {
        this.spark = spark;
        this.settings = settings;
    }

    /** What to run: a statement, a file holding one, or the table list; how to print it. */
    public record Request(String sql, String file, boolean list, QueryResult.Format format, int limit) {
    }

    public void run(Request request, PrintStream out, PrintStream err) {
        String metastore = Metastore.describe(spark);
        Metastore.prepareEmbeddedHome();
        try {
            Dataset<Row> result = request.list() ? tables() : spark.sql(ReadOnlySql.check(spark, statement(request)));
            boolean more = QueryResult.print(result, request.format(), request.limit(), out);
            out.flush();
            if (more) {
                err.println("glengarry query: showing the first " + request.limit() + " rows; --limit N for more, "
                        + "--limit 0 for all.");
            }
        } catch (Exception e) { // Spark throws AnalysisException (checked in Java's eyes) without declaring it
            if (e instanceof GlengarryException known) {
                throw known;
            }
            GlengarryException locked = Metastore.lockedError(e, metastore);
            if (locked != null) {
                throw locked;
            }
            if (e instanceof AnalysisException) {
                throw Errors.badQuery(request.list() ? "--list" : statement(request), e.getMessage().strip());
            }
            throw e instanceof RuntimeException r ? r : Errors.unexpected("Query failed", e);
        }
    }

    /** Every table of the three layer databases, with the dictionary's one-line description. */
    Dataset<Row> tables() throws AnalysisException {
        List<Row> rows = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            String database = layer.database(settings);
            if (!spark.catalog().databaseExists(database)) {
                continue;
            }
            for (Table t : spark.catalog().listTables(database).collectAsList()) {
                String description = TableDocs.find(layer, t.name()).map(TableDoc::meaning).orElse("");
                rows.add(RowFactory.create(database + "." + t.name(), layer.folder(), description));
            }
        }
        if (rows.isEmpty()) {
            throw Errors.badQuery("--list", "no Glengarry table is registered in " + Metastore.describe(spark)
                    + ". A successful jobs/glengarry run registers them; for an existing warehouse run "
                    + "jobs/glengarry register --warehouse DIR.");
        }
        rows.sort(java.util.Comparator.comparing((Row r) -> Layer.valueOf(r.getString(1).toUpperCase(
                java.util.Locale.ROOT)).ordinal()).thenComparing(r -> r.getString(0)));
        return spark.createDataFrame(rows, TABLE_LIST);
    }

    private static String statement(Request request) {
        if (request.file() == null) {
            return request.sql();
        }
        try {
            return Files.readString(Path.of(request.file()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Errors.badUsage("Cannot read the SQL file " + request.file() + ": " + e + ".");
        }
    }
}
