package io.glengarry.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static io.glengarry.ingest.QuarantineReason.BAD_BOOLEAN;
import static io.glengarry.ingest.QuarantineReason.BAD_DATE;
import static io.glengarry.ingest.QuarantineReason.BAD_DECIMAL;
import static io.glengarry.ingest.QuarantineReason.BAD_INTEGER;
import static io.glengarry.ingest.QuarantineReason.BAD_TIMESTAMP;
import static io.glengarry.ingest.QuarantineReason.INVALID_VALUE;
import static io.glengarry.ingest.QuarantineReason.MALFORMED_ROW;
import static io.glengarry.ingest.QuarantineReason.MISSING_REQUIRED;
import static io.glengarry.ingest.QuarantineReason.NEGATIVE_QUANTITY;
import static io.glengarry.ingest.QuarantineReason.UNKNOWN_CURRENCY;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/**
 * Turns an extract's text rows into typed rows, deciding for each row whether it is accepted or why it is
 * quarantined. Pure: Column expressions only (no UDF), so every check of every column runs in one pass.
 * Each value must match its kind's text pattern and then cast cleanly ({@code try_cast}); the first column
 * that fails names the row's reason.
 */
public final class ExtractTyping {
    public static final String REASON = "quarantine_reason";
    public static final String DETAIL = "quarantine_detail";

    static final String TIMESTAMP_PATTERN =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$";
    static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    static final String MONEY_PATTERN = "^-?[0-9]{1,15}(\\.[0-9]{1,2})?$";
    static final String RATE_PATTERN = "^-?[0-9]{1,8}(\\.[0-9]{1,12})?$";
    static final String FRACTION_PATTERN = "^-?[0-9]{1,4}(\\.[0-9]{1,6})?$";
    static final String INTEGER_PATTERN = "^-?[0-9]{1,18}$";
    private static final Object[] CURRENCY_CODES =
            Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).sorted().toArray();

    private ExtractTyping() {
    }

    /**
     * Typed columns of the extract, lineage ({@code source_file, source_line, raw_line}), {@code run_date}
     * and the reason and detail (null for an accepted row).
     */
    public static Dataset<Row> type(Extract extract, Dataset<Row> raw, LocalDate runDate) {
        List<Column> typed = new ArrayList<>();
        List<Column> reasons = new ArrayList<>();
        List<Column> details = new ArrayList<>();
        Column problem = col(RawExtractReader.PARSE_PROBLEM);
        reasons.add(when(problem.isNotNull(), lit(MALFORMED_ROW.code())));
        details.add(problem);
        for (ExtractColumn column : extract.columns()) {
            Column text = cleaned(col(column.name()));
            Column value = typedValue(column, text);
            typed.add(value.as(column.name()));
            Column violation = violation(column, text, value);
            reasons.add(violation);
            details.add(when(violation.isNotNull(), concat(lit("column " + column.name() + ": expected "
                    + column.expectation() + ", got '"), coalesce(text, lit("")), lit("'"))));
        }
        List<Column> out = new ArrayList<>(typed);
        out.add(col(Extract.SOURCE_FILE));
        out.add(col(Extract.SOURCE_LINE));
        out.add(lit(java.sql.Date.valueOf(runDate)).as(Extract.RUN_DATE));
        out.add(col(RawExtractReader.RAW_LINE));
        out.add(coalesce(reasons.toArray(new Column[0])).as(REASON));
        out.add(coalesce(details.toArray(new Column[0])).as(DETAIL));
        return raw.select(out.toArray(new Column[0]));
    }

    /** Trimmed text; an empty or blank cell is null. */
    private static Column cleaned(Column raw) {
        Column t = trim(raw);
        return when(t.notEqual(lit("")), t);
    }

    private static Column typedValue(ExtractColumn column, Column text) {
        return switch (column.type()) {
            case TEXT -> text;
            case TIMESTAMP -> when(text.rlike(TIMESTAMP_PATTERN), text.try_cast(column.type().sparkType));
            case DATE -> when(text.rlike(DATE_PATTERN), text.try_cast(column.type().sparkType));
            case MONEY -> when(text.rlike(MONEY_PATTERN), text.try_cast(column.type().sparkType));
            case RATE -> when(text.rlike(RATE_PATTERN), text.try_cast(column.type().sparkType));
            case FRACTION -> when(text.rlike(FRACTION_PATTERN), text.try_cast(column.type().sparkType));
            case QUANTITY -> when(text.rlike(INTEGER_PATTERN), text.try_cast(column.type().sparkType));
            case BOOLEAN -> when(lower(text).isin("true", "1"), lit(true))
                    .when(lower(text).isin("false", "0"), lit(false));
            case CURRENCY -> when(upper(text).isin(CURRENCY_CODES), upper(text));
            case CHOICE -> when(lower(text).isin(column.choices().toArray()), lower(text));
        };
    }

    /** The reason code when this column breaks the contract, else null. */
    private static Column violation(ExtractColumn column, Column text, Column value) {
        Column missing = column.required() ? when(text.isNull(), lit(MISSING_REQUIRED.code())) : lit(null);
        Column unparsable = when(text.isNotNull().and(value.isNull()), lit(unparsableReason(column.type()).code()));
        Column outOfRange = switch (column.type()) {
            case QUANTITY -> when(value.lt(0), lit(NEGATIVE_QUANTITY.code()));
            case FRACTION -> when(value.gt(1).or(value.lt(0)), lit(INVALID_VALUE.code()));
            case RATE -> when(value.leq(0), lit(INVALID_VALUE.code()));
            default -> lit(null);
        };
        return coalesce(missing, unparsable, outOfRange).cast("string");
    }

    private static QuarantineReason unparsableReason(ColumnType type) {
        return switch (type) {
            case TIMESTAMP -> BAD_TIMESTAMP;
            case DATE -> BAD_DATE;
            case MONEY, RATE, FRACTION -> BAD_DECIMAL;
            case QUANTITY -> BAD_INTEGER;
            case BOOLEAN -> BAD_BOOLEAN;
            case CURRENCY -> UNKNOWN_CURRENCY;
            case CHOICE -> INVALID_VALUE;
            case TEXT -> INVALID_VALUE; // text always parses
        };
    }
}
