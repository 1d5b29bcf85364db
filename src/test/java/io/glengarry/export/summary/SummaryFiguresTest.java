package io.glengarry.export.summary;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary page's aggregates on tiny hand-made gold rows. */
class SummaryFiguresTest {
    private final SparkSession spark = TestSpark.get();

    private static final StructType FUNNEL = new StructType().add("cohort_quarter", DataTypes.StringType)
            .add("channel", DataTypes.StringType).add("leads", DataTypes.LongType)
            .add("prospects", DataTypes.LongType).add("opportunities", DataTypes.LongType)
            .add("won", DataTypes.LongType).add("revenue", DataTypes.createDecimalType(20, 2));
    private static final StructType COHORT = new StructType().add("cohort_quarter_index", DataTypes.IntegerType)
            .add("cohort_quarter", DataTypes.StringType).add("channel", DataTypes.StringType)
            .add("quarters_since", DataTypes.IntegerType).add("cohort_leads", DataTypes.LongType)
            .add("won_cum", DataTypes.LongType).add("won_rate", DataTypes.createDecimalType(12, 6))
            .add("cohort_mature", DataTypes.BooleanType);
    private static final StructType CONTRIBUTION = new StructType().add("closed_quarter", DataTypes.StringType)
            .add("scope", DataTypes.StringType).add("model", DataTypes.StringType).add("channel", DataTypes.StringType)
            .add("credited_revenue", DataTypes.createDecimalType(20, 2));

    @Test
    void theFunnelAddsUpTheAllChannelRowsOfEveryCohort() {
        Dataset<Row> funnel = spark.createDataFrame(List.of(
                RowFactory.create("FY2026-Q1", "ALL", 100L, 40L, 10L, 3L, new BigDecimal("3000.10")),
                RowFactory.create("FY2026-Q1", "email", 60L, 30L, 8L, 2L, new BigDecimal("2000.10")),
                RowFactory.create("FY2026-Q2", "ALL", 50L, 20L, 4L, 1L, new BigDecimal("999.95"))), FUNNEL);
        Row totals = SummaryFigures.funnelTotals(funnel).head();
        // ALL rows only: 100 + 50 leads, 40 + 20 prospects, 10 + 4 opportunities, 3 + 1 won, 3000.10 + 999.95
        assertThat(List.of(totals.getLong(0), totals.getLong(1), totals.getLong(2), totals.getLong(3)))
                .containsExactly(150L, 60L, 14L, 4L);
        assertThat(totals.getDecimal(4)).isEqualTo(new BigDecimal("4000.05"));
    }

    @Test
    void theHeatmapKeepsTheAllChannelCellsInCohortOrder() {
        Dataset<Row> cohort = spark.createDataFrame(List.of(
                RowFactory.create(8105, "FY2026-Q2", "ALL", 0, 50L, 0L, new BigDecimal("0.000000"), false),
                RowFactory.create(8104, "FY2026-Q1", "ALL", 1, 100L, 3L, new BigDecimal("0.030000"), true),
                RowFactory.create(8104, "FY2026-Q1", "email", 1, 60L, 2L, new BigDecimal("0.033333"), true),
                RowFactory.create(8104, "FY2026-Q1", "ALL", 0, 100L, 1L, new BigDecimal("0.010000"), true)), COHORT);
        List<String> cells = SummaryFigures.cohortHeatmap(cohort).collectAsList().stream()
                .map(r -> r.getAs("cohort_quarter") + "+" + r.getAs("quarters_since") + "=" + r.getAs("won_rate"))
                .toList();
        assertThat(cells).containsExactly("FY2026-Q1+0=0.010000", "FY2026-Q1+1=0.030000", "FY2026-Q2+0=0.000000");
    }

    @Test
    void attributionAddsEveryQuarterPerScopeModelAndChannel() {
        Dataset<Row> contribution = spark.createDataFrame(List.of(
                RowFactory.create("FY2026-Q1", "lead", "linear", "email", new BigDecimal("100.01")),
                RowFactory.create("FY2026-Q2", "lead", "linear", "email", new BigDecimal("50.02")),
                RowFactory.create("FY2026-Q2", "lead", "linear", "webinar", new BigDecimal("7.00")),
                RowFactory.create("FY2026-Q2", "lead", "markov", "email", new BigDecimal("157.03")),
                RowFactory.create("FY2026-Q2", "account", "linear", "email", new BigDecimal("1.00"))), CONTRIBUTION);
        List<String> rows = SummaryFigures.attributionByModel(contribution).collectAsList().stream()
                .map(r -> r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2) + "=" + r.getDecimal(3))
                .toList();
        // lead/linear/email = 100.01 + 50.02; the account scope apart
        assertThat(rows).containsExactly("account/linear/email=1.00", "lead/linear/email=150.03",
                "lead/linear/webinar=7.00", "lead/markov/email=157.03");
    }

    @Test
    void pageTextIsEscaped() {
        assertThat(SummaryPage.escape("<b>\"R&D\" 'x'</b>")).isEqualTo("&lt;b&gt;&quot;R&amp;D&quot; &#39;x&#39;&lt;/b&gt;");
    }
}
