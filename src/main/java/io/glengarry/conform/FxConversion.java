package io.glengarry.conform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

/**
 * Converts an amount to the reporting currency at the rate of its own transaction date: the rate with the
 * latest rate_date on or before that date; the reporting currency converts at 1. The product rounds half-up to
 * 2 decimals (Spark's round on decimals is HALF_UP). No rate: the converted amount is null and
 * {@code fx_rate_missing} is true, never a silent zero.
 */
public final class FxConversion {
    public static final String RATE = "fx_rate";
    public static final String RATE_MISSING = "fx_rate_missing";

    private FxConversion() {
    }

    /**
     * Adds {@code <output>} (decimal(20,2)), {@code fx_rate} and {@code fx_rate_missing} to rows keyed by
     * {@code keyColumns} (unique keys: each row gets one rate); {@code fxRates} is silver fx_rates (rate_date,
     * currency, rate_to_reporting). Each rate is valid from its rate_date until the currency's next rate_date, so
     * a row joins at most one rate: a range join against the small, broadcast rate table, with no window over the
     * rows (which would first pair every row with every earlier rate of its currency).
     */
    public static Dataset<Row> convert(Dataset<Row> rows, String amount, String currency, Column transactionDate,
                                       String output, Dataset<Row> fxRates, String reportingCurrency,
                                       String... keyColumns) {
        Dataset<Row> withDate = rows.withColumn("_fx_date", transactionDate.cast("date"));
        Dataset<Row> rates = fxRates.select(col("currency").as("_fx_currency"), col("rate_date").as("_fx_rate_date"),
                        col("rate_to_reporting").as("_fx_rate"))
                .withColumn("_fx_valid_until", lead(col("_fx_rate_date"), 1)
                        .over(Window.partitionBy(col("_fx_currency")).orderBy(col("_fx_rate_date"))));
        Dataset<Row> latest = withDate.join(broadcast(rates), withDate.col(currency).equalTo(col("_fx_currency"))
                .and(col("_fx_rate_date").leq(withDate.col("_fx_date")))
                .and(col("_fx_valid_until").isNull().or(col("_fx_valid_until").gt(withDate.col("_fx_date")))),
                "left");
        Column rate = when(col(currency).equalTo(lit(reportingCurrency)), lit(1).cast(DataTypes.createDecimalType(30, 12)))
                .otherwise(col("_fx_rate"));
        return latest
                .withColumn(RATE, rate)
                .withColumn(output, atRate(col(amount)))
                .withColumn(RATE_MISSING, col(amount).isNotNull().and(col(RATE).isNull()))
                .drop("_fx_date", "_fx_currency", "_fx_rate_date", "_fx_rate", "_fx_valid_until");
    }

    /**
     * Another amount of rows {@link #convert} gave their {@link #RATE}, converted the same way (an order's list
     * amount beside its net amount): the exact product, rounded half-up to the cent once.
     */
    public static Column atRate(Column amount) {
        return round(exactProduct(amount, col(RATE)), 2).cast(DataTypes.createDecimalType(20, 2));
    }

    /**
     * amount × rate with every digit kept, so that the result is rounded once. Spark types decimal(20,2) ×
     * decimal(30,12) as decimal(38,6): the product would be rounded to 6 places first (1.00 × 0.004999995 gave
     * 0.005000, then 0.01). Typing bounds amounts below 10^15 and rates below 10^8 (ExtractTyping), so
     * decimal(17,2) × decimal(20,12) = decimal(38,14) holds the exact product.
     */
    static Column exactProduct(Column amount, Column rate) {
        return amount.cast(DataTypes.createDecimalType(17, 2)).multiply(rate.cast(DataTypes.createDecimalType(20, 12)));
    }
}
