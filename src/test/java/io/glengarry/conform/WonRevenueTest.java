package io.glengarry.conform;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

class WonRevenueTest {
    private final SparkSession spark = TestSpark.get();

    private static final StructType FX = new StructType().add("rate_date", DataTypes.DateType)
            .add("currency", DataTypes.StringType).add("rate_to_reporting", DataTypes.createDecimalType(30, 12));
    private static final StructType AMOUNTS = new StructType().add("id", DataTypes.StringType)
            .add("amount", DataTypes.createDecimalType(20, 2)).add("currency", DataTypes.StringType)
            .add("on", DataTypes.DateType);

    private Dataset<Row> fx() {
        return spark.createDataFrame(List.of(
                RowFactory.create(Date.valueOf("2026-01-05"), "EUR", new BigDecimal("1.100000000000")),
                RowFactory.create(Date.valueOf("2026-02-02"), "EUR", new BigDecimal("1.085000000000"))), FX);
    }

    @Test
    void convertsAtTheLatestRateOnOrBeforeTheDateAndNeverSilentlyToZero() {
        Dataset<Row> amounts = spark.createDataFrame(List.of(
                RowFactory.create("a", new BigDecimal("100.00"), "EUR", Date.valueOf("2026-02-01")), // 1.10
                RowFactory.create("b", new BigDecimal("100.01"), "EUR", Date.valueOf("2026-02-02")), // 1.085
                RowFactory.create("c", new BigDecimal("50.00"), "USD", Date.valueOf("2026-02-02")),  // reporting
                RowFactory.create("d", new BigDecimal("9000.00"), "JPY", Date.valueOf("2026-02-02")), // no rate
                RowFactory.create("e", new BigDecimal("10.00"), "EUR", Date.valueOf("2026-01-01"))), // before any
                AMOUNTS);
        Dataset<Row> converted = FxConversion.convert(amounts, "amount", "currency", col("on"), "usd", fx(), "USD",
                "id");
        List<Row> rows = converted.orderBy("id").select("id", "usd", FxConversion.RATE_MISSING).collectAsList();
        // 100.01 x 1.085 = 108.51085 -> 108.51
        assertThat(rows).extracting(Row::toString).containsExactly("[a,110.00,false]", "[b,108.51,false]",
                "[c,50.00,false]", "[d,null,true]", "[e,null,true]");
        List<Row> findings = DataQuality.missingFxRates(converted, "orders", "id", "currency", col("on"),
                LocalDate.of(2026, 2, 3)).orderBy("record_key").select("check", "record_key", "detail").collectAsList();
        assertThat(findings).extracting(Row::toString).containsExactly(
                "[missing_fx_rate,d,no rate for JPY on or before 2026-02-02]",
                "[missing_fx_rate,e,no rate for EUR on or before 2026-01-01]");
    }

    @Test
    void theExactProductIsRoundedOnceHalfUpToTheCent() {
        Dataset<Row> rates = spark.createDataFrame(List.of(
                RowFactory.create(Date.valueOf("2026-01-05"), "XAA", new BigDecimal("0.004999995000")),
                RowFactory.create(Date.valueOf("2026-01-05"), "XAB", new BigDecimal("0.005000000000")),
                RowFactory.create(Date.valueOf("2026-01-05"), "JPY", new BigDecimal("0.006666666667")),
                RowFactory.create(Date.valueOf("2026-01-05"), "XAC", new BigDecimal("99999999.999999999999"))), FX);
        Dataset<Row> amounts = spark.createDataFrame(List.of(
                // 1.00 x 0.004999995 = 0.004999995: 0.00 (rounded to 6 places first it was 0.005000, then 0.01)
                RowFactory.create("a", new BigDecimal("1.00"), "XAA", Date.valueOf("2026-02-01")),
                // 1.00 x 0.005 = 0.005: half-up to 0.01
                RowFactory.create("b", new BigDecimal("1.00"), "XAB", Date.valueOf("2026-02-01")),
                // 3333.33 x 0.006666666667 = 22.2222000011...: 22.22
                RowFactory.create("c", new BigDecimal("3333.33"), "JPY", Date.valueOf("2026-02-01")),
                // 1234567.89 x 0.006666666667 = 8230.4526004115...: 8230.45
                RowFactory.create("d", new BigDecimal("1234567.89"), "JPY", Date.valueOf("2026-02-01")),
                // the largest amount at rate 1 and a small one at the largest rate
                RowFactory.create("e", new BigDecimal("999999999999999.99"), "USD", Date.valueOf("2026-02-01")),
                RowFactory.create("f", new BigDecimal("0.01"), "XAC", Date.valueOf("2026-02-01"))), AMOUNTS);
        List<Row> rows = FxConversion.convert(amounts, "amount", "currency", col("on"), "usd", rates, "USD", "id")
                .orderBy("id").select("id", "usd").collectAsList();
        assertThat(rows).extracting(Row::toString).containsExactly("[a,0.00]", "[b,0.01]", "[c,22.22]",
                "[d,8230.45]", "[e,999999999999999.99]", "[f,1000000.00]");
    }

    @Test
    void aWonDealWhoseOrderHasNoRateHasNoRevenueRatherThanAPartialOne() {
        StructType opps = new StructType().add("opportunity_id", DataTypes.StringType)
                .add("account_id", DataTypes.StringType).add("close_date", DataTypes.DateType)
                .add("created_at", DataTypes.TimestampType).add("sales_channel", DataTypes.StringType)
                .add("partner_id", DataTypes.StringType).add("owner_id", DataTypes.StringType)
                .add("territory", DataTypes.StringType).add("lead_source", DataTypes.StringType)
                .add("primary_campaign_id", DataTypes.StringType).add("is_won", DataTypes.BooleanType)
                .add("amount_reporting", DataTypes.createDecimalType(20, 2))
                .add(FxConversion.RATE_MISSING, DataTypes.BooleanType);
        StructType orders = new StructType().add("order_id", DataTypes.StringType)
                .add("opportunity_id", DataTypes.StringType).add("net_reporting", DataTypes.createDecimalType(20, 2))
                .add(FxConversion.RATE_MISSING, DataTypes.BooleanType);
        StructType leads = new StructType().add("lead_id", DataTypes.StringType)
                .add("created_at", DataTypes.TimestampType).add("converted_opportunity_id", DataTypes.StringType)
                .add("person_id", DataTypes.StringType);
        Date close = Date.valueOf("2026-03-01");
        Dataset<Row> won = WonRevenue.compute(
                spark.createDataFrame(List.of(
                        RowFactory.create("OP1", null, close, null, "direct", null, null, null, null, null, true,
                                new BigDecimal("500.00"), false),
                        RowFactory.create("OP2", null, close, null, "direct", null, null, null, null, null, true,
                                null, true)), opps),
                spark.createDataFrame(List.of(
                        RowFactory.create("O1", "OP1", new BigDecimal("200.00"), false),
                        RowFactory.create("O2", "OP1", null, true)), orders),
                spark.createDataFrame(List.<Row>of(), leads));
        assertThat(won.orderBy("opportunity_id").select("opportunity_id", "revenue", "revenue_source",
                "revenue_fx_missing").collectAsList()).extracting(Row::toString)
                .containsExactly("[OP1,null,orders,true]", "[OP2,null,opportunity,true]");
    }
}
