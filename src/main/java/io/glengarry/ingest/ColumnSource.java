package io.glengarry.ingest;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where one canonical column of an extract comes from in a source's file: a source column (renamed, optionally
 * through a value map, a Salesforce-id normalisation and a date/timestamp pattern), a constant, or a Spark SQL
 * expression over the source columns. Exactly one of {@code from}, {@code constant}, {@code expression} is set.
 *
 * @param column        the canonical column (EXTRACTS.md)
 * @param from          source column name as the file's header spells it (matched case-insensitively)
 * @param constant      the same value on every row
 * @param expression    a Spark SQL expression over the source columns (built-in functions only)
 * @param pattern       for a date or timestamp column: the source's datetime pattern (Spark pattern letters)
 * @param values        source value -> canonical value; values not listed pass through unchanged
 * @param salesforceId  normalise a 15-character Salesforce id to its 18-character form
 * @param apiNumber     a number as the Salesforce API writes it ({@code 10.0}, {@code 1.2345678E7}) read as its
 *                      plain decimal text ({@code 10}, {@code 12345678}); see {@link MappedColumns#plainNumber}
 * @param sourceColumns the source columns this column reads (lower case): {@code from}, or the expression's
 * @param mayBeAbsent   the canonical contract's optional columns: a file may lack them (null then)
 */
public record ColumnSource(String column, String from, String constant, String expression, String pattern,
                           Map<String, String> values, boolean salesforceId, boolean apiNumber,
                           List<String> sourceColumns, boolean mayBeAbsent) implements Serializable {

    /** The identity: the canonical column read under its own name. */
    static ColumnSource identity(ExtractColumn column) {
        return new ColumnSource(column.name(), column.name(), null, null, null, Map.of(), false, false,
                List.of(column.name()), !column.required());
    }

    /** How validate shows this column: {@code <- Id}, {@code = 'direct'}, {@code = expr(...)}. */
    public String describe() {
        if (constant != null) {
            return "constant '" + constant + "'";
        }
        if (expression != null) {
            return "expression " + expression;
        }
        StringBuilder s = new StringBuilder(from);
        if (salesforceId) {
            s.append(" (15-char ids -> 18)");
        }
        if (apiNumber) {
            s.append(" (API numbers: 10.0 -> 10, 1.2E7 -> 12000000)");
        }
        if (!values.isEmpty()) {
            s.append(" (value map: ").append(values.size()).append(values.size() == 1 ? " value)" : " values)");
        }
        if (pattern != null) {
            s.append(" (pattern ").append(pattern).append(')');
        }
        return s.toString();
    }

    static String key(String sourceColumn) {
        return sourceColumn.trim().toLowerCase(Locale.ROOT);
    }
}
