package io.glengarry.export;

import java.math.BigDecimal;

/**
 * How a value is written in an export CSV (RFC 4180, UTF-8): decimals plain, at the scale of their column
 * (money with 2 places, rates with 6), never in scientific notation; dates ISO; null as an empty cell; text that
 * a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) prefixed with an
 * apostrophe; a cell with a comma, quote or line break quoted.
 */
public final class CsvFormat {
    private CsvFormat() {
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String plain = plainNumberOrInstant(value);
        if (plain != null) {
            return plain;
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof java.sql.Date) {
            return value.toString();
        }
        return quote(neutralise(value.toString()));
    }

    /**
     * A decimal or double as plain digits (never scientific notation), a timestamp as its ISO instant; null for any
     * other value. Shared by the exports and the query command's output.
     */
    public static String plainNumberOrInstant(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).toPlainString();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return null;
    }

    static String neutralise(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
