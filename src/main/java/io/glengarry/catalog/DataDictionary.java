package io.glengarry.catalog;

import io.delta.tables.DeltaTable;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * docs/data-dictionary.md, generated: the tables are those the warehouse holds and their columns and types are
 * read from the Delta schemas (the real outputs, not a second list); meanings and rules come from {@link TableDocs}.
 * {@link #gaps} lists what is undocumented, or documented but not written by the job.
 */
public final class DataDictionary {
    public static final String REGENERATE = "jobs/glengarry run --run-date 2026-11-26 --warehouse /tmp/gg-samples "
            + "&& jobs/glengarry dictionary --warehouse /tmp/gg-samples > docs/data-dictionary.md";

    private DataDictionary() {
    }

    /** A table of the warehouse: its schema and partition columns as Delta has them. */
    record Written(WarehouseTable table, StructType schema, List<String> partitionColumns) {
    }

    static List<Written> written(SparkSession spark, Warehouse warehouse) {
        List<Written> tables = new ArrayList<>();
        for (WarehouseTable t : WarehouseTable.in(warehouse)) {
            Row detail = DeltaTable.forPath(spark, t.path().toString()).detail().select("partitionColumns").head();
            tables.add(new Written(t, spark.read().format("delta").load(t.path().toString()).schema(),
                    detail.getList(0)));
        }
        return tables;
    }

    public static String markdown(SparkSession spark, Warehouse warehouse) {
        return markdown(written(spark, warehouse));
    }

    static String markdown(List<Written> tables) {
        StringBuilder md = new StringBuilder();
        md.append("# Data dictionary\n\n")
                .append("Every table the nightly job writes, with each column's type, meaning and the rule behind it ")
                .append("(shared/spec/METRICS.md, shared/spec/EXTRACTS.md, docs/rules.md). Query a table by its ")
                .append("name, e.g. `jobs/glengarry query \"SELECT * FROM glengarry_gold.cohort_conversion WHERE ")
                .append("as_of = DATE'2026-11-26'\"`; read it by path as ``delta.`<warehouse>/gold/cohort_conversion` ``. ")
                .append("Database names are the defaults (`catalog.*-database` in conf/glengarry.conf).\n\n")
                .append("Generated - do not edit. The tables, columns and types come from the Delta tables of a ")
                .append("warehouse after the three sample nights; the meanings from the code (TableDocs and the *Docs ")
                .append("classes beside each table's code). Regenerate with:\n\n```\n").append(REGENERATE)
                .append("\n```\n\n");
        Map<Layer, List<Written>> byLayer = new LinkedHashMap<>();
        for (Written w : tables) {
            byLayer.computeIfAbsent(w.table().layer(), l -> new ArrayList<>()).add(w);
        }
        md.append("## Tables\n\n");
        for (Map.Entry<Layer, List<Written>> layer : byLayer.entrySet()) {
            md.append("- **").append(layer.getKey().folder()).append("**: ");
            List<String> links = new ArrayList<>();
            for (Written w : layer.getValue()) {
                String qualified = qualified(w.table());
                links.add("[" + qualified + "](#" + qualified.replace(".", "") + ")");
            }
            md.append(String.join(", ", links)).append("\n");
        }
        for (Map.Entry<Layer, List<Written>> layer : byLayer.entrySet()) {
            md.append("\n## ").append(capitalised(layer.getKey().folder())).append(" (database `")
                    .append(database(layer.getKey())).append("`)\n");
            for (Written w : layer.getValue()) {
                table(md, w);
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, Written w) {
        Optional<TableDoc> doc = TableDocs.find(w.table().layer(), w.table().name());
        md.append("\n### ").append(qualified(w.table())).append("\n\n");
        md.append(doc.map(TableDoc::meaning).orElse("**UNDOCUMENTED**")).append("\n\n");
        doc.filter(d -> !d.rule().isBlank()).ifPresent(d -> md.append("Rule: ").append(d.rule()).append("\n\n"));
        md.append("Folder `<warehouse>/").append(w.table().layer().folder()).append("/").append(w.table().name())
                .append("`").append(w.partitionColumns().isEmpty() ? "" : ", partitioned by `"
                        + String.join("`, `", w.partitionColumns()) + "`").append(".\n\n");
        md.append("| column | type | meaning | rule |\n|---|---|---|---|\n");
        for (StructField field : w.schema().fields()) {
            Optional<ColumnDoc> column = doc.flatMap(d -> d.column(field.name()));
            md.append("| `").append(field.name()).append("` | ").append(cell(field.dataType().simpleString()))
                    .append(" | ").append(cell(column.map(ColumnDoc::meaning).orElse("**UNDOCUMENTED**")))
                    .append(" | ").append(cell(column.map(ColumnDoc::rule).orElse(""))).append(" |\n");
        }
    }

    /** Tables or columns without a description, and descriptions of tables or columns the job does not write. */
    public static List<String> gaps(SparkSession spark, Warehouse warehouse) {
        return gaps(written(spark, warehouse));
    }

    static List<String> gaps(List<Written> tables) {
        List<String> gaps = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Written w : tables) {
            String key = w.table().key();
            seen.add(key);
            Optional<TableDoc> doc = TableDocs.find(w.table().layer(), w.table().name());
            if (doc.isEmpty()) {
                gaps.add("table " + key + " has no TableDoc: add one beside the code that writes it and list it in "
                        + "io.glengarry.catalog.TableDocs");
                continue;
            }
            if (doc.get().meaning().isBlank() || doc.get().rule().isBlank()) {
                gaps.add("table " + key + ": its meaning and its rule must not be blank");
            }
            List<String> names = new ArrayList<>();
            for (StructField field : w.schema().fields()) {
                names.add(field.name());
                if (doc.get().column(field.name()).map(c -> c.meaning().isBlank()).orElse(true)) {
                    gaps.add("column " + key + "." + field.name() + " (" + field.dataType().simpleString()
                            + ") has no description: add .column(\"" + field.name() + "\", \"...\") to its TableDoc "
                            + "(or to CommonColumns if it means the same in every table)");
                }
            }
            for (String documented : doc.get().columns().keySet()) {
                if (!names.contains(documented)) {
                    gaps.add("column " + key + "." + documented + " is documented but the table has no such column");
                }
            }
        }
        for (TableDoc doc : TableDocs.ALL) {
            if (!seen.contains(doc.key())) {
                gaps.add("table " + doc.key() + " is documented but the warehouse has no such table");
            }
        }
        return gaps;
    }

    private static String qualified(WarehouseTable t) {
        return database(t.layer()) + "." + t.name();
    }

    /** The default database names: the dictionary describes the default catalog. */
    private static String database(Layer layer) {
        return "glengarry_" + layer.folder();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
