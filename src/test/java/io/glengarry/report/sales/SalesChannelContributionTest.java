package io.glengarry.report.sales;

import io.glengarry.TestSpark;
import io.glengarry.report.attribution.AttributionReconciliation;
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

/**
 * sales_channel_contribution by hand.
 *
 * <pre>
 * deal quarter     channel partner revenue  orders (list / net)           list     margin                 vendor_net discount
 * S1   FY2026-Q1   direct  -        900.00  600.00/540.00, 400.00/360.00  1000.00  0                      1000.00    100.00
 * S2   FY2026-Q1   var     P1 30%   650.00  1000.00/650.00                1000.00  300.00                 700.00     50.00
 * S3   FY2026-Q1   var     P1 30%    99.99  143.33/99.99                  143.33   42.999 -> 43.00        100.33     0.34
 * S4   FY2026-Q1   si      P2 25%   200.00  none: list = revenue          200.00   50.00                  150.00    -50.00
 * S5   FY2026-Q2   direct  -         10.00  none                          10.00    0                      10.00       0.00
 * S6   FY2026-Q1   direct  -         null   (missing FX): left out of both sides, listed in the reconciliation
 * Q1 bookings 900.00 + 749.99 + 200.00 = 1849.99; shares 900/1849.99 = 0.486489, 749.99/1849.99 = 0.405402,
 * 200/1849.99 = 0.108109 (sum 1.000000)
 * </pre>
 */
class SalesChannelContributionTest {
    private final SparkSession spark = TestSpark.get();
    private static final StructType WON = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("revenue", DataTypes.createDecimalType(20, 2)).add("sales_channel", DataTypes.StringType)
            .add("partner_id", DataTypes.StringType).add("close_date", DataTypes.DateType)
            .add("closed_quarter_index", DataTypes.IntegerType).add("closed_quarter", DataTypes.StringType);
    private static final StructType ORDERS = new StructType().add("opportunity_id", DataTypes.StringType)
            .add("list_reporting", DataTypes.createDecimalType(20, 2))
            .add("net_reporting", DataTypes.createDecimalType(20, 2));
    private static final StructType PARTNERS = new StructType().add("partner_id", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("partner_type", DataTypes.StringType)
            .add("margin_pct", DataTypes.createDecimalType(10, 6));

    private static Row won(String id, String revenue, String channel, String partner, String close) {
        LocalDate d = LocalDate.parse(close);
        int q = (d.getMonthValue() - 1) / 3;
        return RowFactory.create(id, revenue == null ? null : new BigDecimal(revenue), channel, partner,
                Date.valueOf(d), d.getYear() * 4 + q, "FY" + d.getYear() + "-Q" + (q + 1));
    }

    private static Row order(String opportunity, String list, String net) {
        return RowFactory.create(opportunity, new BigDecimal(list), new BigDecimal(net));
    }

    @Test
    void directAndPartnerBookingsWithListMarginAndDiscount() {
        Dataset<Row> won = spark.createDataFrame(List.of(
                won("S1", "900.00", "direct", null, "2026-02-01"),
                won("S2", "650.00", "var", "P1", "2026-02-02"),
                won("S3", "99.99", "var", "P1", "2026-03-03"),
                won("S4", "200.00", "si", "P2", "2026-03-04"),
                won("S5", "10.00", "direct", null, "2026-04-15"),
                won("S6", null, "direct", null, "2026-03-05")), WON);
        Dataset<Row> orders = spark.createDataFrame(List.of(order("S1", "600.00", "540.00"),
                order("S1", "400.00", "360.00"), order("S2", "1000.00", "650.00"), order("S3", "143.33", "99.99")),
                ORDERS);
        Dataset<Row> partners = spark.createDataFrame(List.of(
                RowFactory.create("P1", "Bluewave", "var", new BigDecimal("0.300000")),
                RowFactory.create("P2", "Nordic SI", "si", new BigDecimal("0.250000"))), PARTNERS);
        Dataset<Row> report = SalesChannelContribution.compute(won, orders, partners, LocalDate.of(2026, 5, 1));
        assertThat(report.orderBy(SalesChannelContribution.sortKeys()[0], "sales_channel", "partner_id")
                .drop("as_of", "closed_quarter_index").collectAsList()).extracting(Row::toString).containsExactly(
                "[FY2026-Q1,direct,null,null,1,900.00,1000.00,0.00,1000.00,100.00,0.486489]",
                "[FY2026-Q1,si,P2,Nordic SI,1,200.00,200.00,50.00,150.00,-50.00,0.108109]",
                "[FY2026-Q1,var,P1,Bluewave,2,749.99,1143.33,343.00,800.33,50.34,0.405402]",
                "[FY2026-Q2,direct,null,null,1,10.00,10.00,0.00,10.00,0.00,1.000000]");

        // the bookings invariant ties; S6 (null revenue) is listed, not counted
        Dataset<Row> noCredits = spark.createDataFrame(List.of(), new StructType()
                .add("closed_quarter_index", DataTypes.IntegerType).add("closed_quarter", DataTypes.StringType)
                .add("scope", DataTypes.StringType).add("model", DataTypes.StringType)
                .add("credit", DataTypes.createDecimalType(20, 2)));
        Dataset<Row> reconciliation = AttributionReconciliation.compute(won, noCredits, report);
        assertThat(reconciliation.filter(col("check").equalTo(AttributionReconciliation.BOOKINGS_CHECK))
                .orderBy("closed_quarter").select("closed_quarter", "expected", "actual", "difference").collectAsList())
                .extracting(Row::toString)
                .containsExactly("[FY2026-Q1,1849.99,1849.99,0.00]", "[FY2026-Q2,10.00,10.00,0.00]");
        assertThat(reconciliation.filter(col("check").equalTo(AttributionReconciliation.EXCLUDED))
                .select("detail").collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("won opportunity S6 has no revenue (missing FX rate): left out of both sides");
        // with no credits at all, every (quarter, scope, model) breaks by the quarter's revenue
        assertThat(AttributionReconciliation.breaks(reconciliation).count()).isEqualTo(2L * 2 * 7);
    }
}
