package io.glengarry.catalog;

import io.glengarry.export.CsvFormat;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

/**
 * Prints a query's rows: an aligned table for reading (numbers right-aligned, NULL for null), CSV as the exports
 * write it (header, plain decimals, formula-looking text neutralised), or JSON lines (one object per row, nulls
 * kept). CSV and JSON stream the rows; the table holds the rows it shows (at most --limit).
 */
public final class QueryResult {
    public enum Format {
        TABLE, CSV, JSON;

        public static Format of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    private QueryResult() {
    }

    /** Prints at most {@code limit} rows (0: all); returns true when the result had more. */
    public static boolean print(Dataset<Row> result, Format format, int limit, PrintStream out) {
        Dataset<Row> shown = limit > 0 ? result.limit(limit + 1) : result;
        return switch (format) {
            case TABLE -> table(shown, limit, out);
            case CSV -> csv(shown, limit, out);
            case JSON -> json(shown, limit, out);
        };
    }

    private static boolean table(Dataset<Row> rows, int limit, PrintStream out) {
        StructField[] fields = rows.schema().fields();
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            width[i] = fields[i].name().length();
        }
        Iterator<Row> it = rows.toLocalIterator();
        boolean more = false;
        while (it.hasNext()) {
            Row row = it.next();
            if (limit > 0 && cells.size() == limit) {
                more = true;
                break;
            }
            String[] line = new String[fields.length];
            for (int i = 0; i < fields.length; i++) {
                line[i] = readable(row.get(i));
                width[i] = Math.max(width[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            header.append(i == 0 ? "" : " | ").append(pad(fields[i].name(), width[i], isNumber(fields[i])));
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(header.toString().stripTrailing());
        out.println(rule);
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < fields.length; i++) {
                text.append(i == 0 ? "" : " | ").append(pad(line[i], width[i], isNumber(fields[i])));
            }
            out.println(text.toString().stripTrailing());
        }
        out.println("(" + cells.size() + (cells.size() == 1 ? " row" : " rows") + (more ? ", more not shown" : "")
                + ")");
        return more;
    }

    private static boolean csv(Dataset<Row> rows, int limit, PrintStream out) {
        String[] columns = rows.columns();
        out.println(String.join(",", columns));
        Iterator<Row> it = rows.toLocalIterator();
        long count = 0;
        StringBuilder line = new StringBuilder(256);
        while (it.hasNext()) {
            Row row = it.next();
            if (limit > 0 && count == limit) {
                return true;
            }
            count++;
            line.setLength(0);
            for (int i = 0; i < columns.length; i++) {
                line.append(i == 0 ? "" : ",").append(CsvFormat.cell(row.get(i)));
            }
            out.println(line);
        }
        return false;
    }

    private static boolean json(Dataset<Row> rows, int limit, PrintStream out) {
        Iterator<Row> it = rows.select(to_json(struct(col("*")), Map.of("ignoreNullFields", "false")))
                .toLocalIterator();
        long count = 0;
        while (it.hasNext()) {
            Row row = it.next();
            if (limit > 0 && count == limit) {
                return true;
            }
            count++;
            out.println(row.getString(0));
        }
        return false;
    }

    static String readable(Object value) {
        if (value == null) {
            return "NULL";
        }
        String plain = CsvFormat.plainNumberOrInstant(value);
        if (plain != null) {
            return plain;
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return seq.mkString("[", ", ", "]");
        }
        return value.toString().replace("\n", "\\n");
    }

    private static boolean isNumber(StructField field) {
        return field.dataType() instanceof NumericType;
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }
}
