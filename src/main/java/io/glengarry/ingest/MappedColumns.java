package io.glengarry.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
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
        if (source.apiNumber()) {
            v = plainNumber(v);
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

    /**
     * A number as an API writes it, as plain decimal text: E notation ({@code 1.2345678E7}, which the Salesforce
     * API uses from 10,000,000 on) and a fraction of zeros ({@code 10.0}: custom number fields come as doubles)
     * become {@code 12345678} and {@code 10}; trailing zeros after the point go. Exact to 18 decimals: digits are
     * never rounded away that the contract would check ({@code 1.2345678912E7} becomes {@code 12345678.912},
     * which typing then finds has too many decimals for money). Other text passes unchanged, to be typed (and
     * quarantined) as it is.
     */
    static Column plainNumber(Column v) {
        Column text = trim(v);
        Column plain = regexp_replace(text.try_cast(DataTypes.createDecimalType(38, 18)).cast("string"),
                "\\.?0+$", "");
        return when(text.rlike("^[+-]?[0-9]*\\.?[0-9]+([eE][+-]?[0-9]+)?$").and(text.rlike("[.eE]")),
                coalesce(plain, v)).otherwise(v);
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
