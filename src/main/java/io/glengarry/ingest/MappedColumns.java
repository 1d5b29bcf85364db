package io.glengarry.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

/**
 * Turns a source's text rows (its own column names) into the extract's canonical text rows, so that
 * {@link ExtractTyping} checks and types them exactly as it does a canonical file. Pure: Column expressions
 * only, no UDF. A value the mapping cannot convert (a date not in the pattern) passes through as it was, so
 * typing quarantines it with the file, line and reason, as it would in a canonical file.
 */
public final class MappedColumns {
    /** How a parsed timestamp is written for typing: ISO-8601 with offset (the session zone's). */
    static final String ISO_TIMESTAMP = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

    private MappedColumns() {
    }

    /**
     * Lineage ({@code source_file, source_line, raw_line, parse_problem}) and every extract column as text.
     * Rows outside the mapping's {@code where} are left out (a malformed row is always kept, to be quarantined).
     */
    public static Dataset<Row> apply(ExtractMapping mapping, Dataset<Row> raw) {
        Dataset<Row> rows = raw;
        if (mapping.where() != null) {
            rows = rows.filter(col(RawExtractReader.PARSE_PROBLEM).isNotNull()
                    .or(coalesce(expr(mapping.where()), lit(false))));
        }
        List<Column> out = new ArrayList<>();
        out.add(col(Extract.SOURCE_FILE));
        out.add(col(Extract.SOURCE_LINE));
        out.add(col(RawExtractReader.RAW_LINE));
        out.add(col(RawExtractReader.PARSE_PROBLEM));
        for (ExtractColumn column : mapping.extract().columns()) {
            ColumnSource source = mapping.source(column.name());
            Column value = source == null ? lit(null) : value(column, source);
            out.add(value.cast("string").as(column.name()));
        }
        return rows.select(out.toArray(new Column[0]));
    }

    /** A source column by its (lower-case) name, quoted so names with spaces or dots work. */
    static Column sourceColumn(String name) {
        return col("`" + ColumnSource.key(name).replace("`", "``") + "`");
    }

    private static Column value(ExtractColumn column, ColumnSource source) {
        if (source.constant() != null) {
            return lit(source.constant());
        }
        if (source.expression() != null) {
            return expr(source.expression());
        }
        Column v = sourceColumn(source.from());
        if (source.salesforceId()) {
            v = SalesforceId.to18(v);
        }
        v = mapValues(v, source.values());
        if (source.pattern() != null) {
            Column text = trim(v);
            Column parsed = column.type() == ColumnType.DATE
                    ? date_format(try_to_date(text, source.pattern()), "yyyy-MM-dd")
                    : date_format(try_to_timestamp(text, lit(source.pattern())), ISO_TIMESTAMP);
            v = coalesce(parsed, v);
        }
        return v;
    }

    /** Source value (trimmed, exact) -> canonical value; a value not in the map passes unchanged. */
    static Column mapValues(Column v, Map<String, String> values) {
        if (values.isEmpty()) {
            return v;
        }
        Column text = trim(v);
        Column mapped = null;
        for (Map.Entry<String, String> e : values.entrySet()) {
            mapped = mapped == null ? when(text.equalTo(lit(e.getKey())), lit(e.getValue()))
                    : mapped.when(text.equalTo(lit(e.getKey())), lit(e.getValue()));
        }
        return mapped.otherwise(v);
    }
}
