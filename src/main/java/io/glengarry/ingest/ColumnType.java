package io.glengarry.ingest;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The kinds of value the extract contract knows (EXTRACTS.md), each with its Spark type in bronze. */
public enum ColumnType {
    /** Free text. */
    TEXT(DataTypes.StringType, "text"),
    /** ISO-8601 timestamp, with or without offset (without: the configured time zone). */
    TIMESTAMP(DataTypes.TimestampType, "an ISO-8601 timestamp such as 2026-03-04T17:20:00Z"),
    /** YYYY-MM-DD. */
    DATE(DataTypes.DateType, "a date YYYY-MM-DD"),
    /**
     * Decimal text, '.' as decimal point, at most 2 decimals, no thousands separator; may be negative; at most 15
     * digits before the point (so that amount × rate is exact: FxConversion).
     */
    MONEY(DataTypes.createDecimalType(20, 2), "an amount with at most 2 decimals and 15 digits such as 1234.50"),
    /** A positive exchange rate, up to 12 decimals and 8 digits before the point. */
    RATE(DataTypes.createDecimalType(30, 12), "a positive rate below 100000000 with up to 12 decimals such as 1.08125"),
    /** A share between 0 and 1. */
    FRACTION(DataTypes.createDecimalType(10, 6), "a number between 0 and 1 such as 0.25"),
    /** A whole number of items, not negative. */
    QUANTITY(DataTypes.LongType, "a whole number >= 0"),
    /** true/false (any case) or 1/0. */
    BOOLEAN(DataTypes.BooleanType, "true/false or 1/0"),
    /** An ISO-4217 currency code. */
    CURRENCY(DataTypes.StringType, "an ISO-4217 currency code such as USD"),
    /** One of a fixed list of values (case-insensitive, stored lower case). */
    CHOICE(DataTypes.StringType, "one of the listed values");

    public final DataType sparkType;
    public final String expectation;

    ColumnType(DataType sparkType, String expectation) {
        this.sparkType = sparkType;
        this.expectation = expectation;
    }
}
