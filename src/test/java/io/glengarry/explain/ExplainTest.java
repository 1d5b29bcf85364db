package io.glengarry.explain;

import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.catalog.QueryResult;
import io.glengarry.cli.Main;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * explain on the three sample nights: a cohort cell, a channel credit, a spend cell and a hygiene flag, each
 * measure's evidence adding up to the number in gold (read here straight from the gold table), and every cited
 * drop file and line holding the cited record; an old night read from its own silver; the errors of a row, a
 * measure or a night that does not exist.
 */
class ExplainTest {
    private static final Path LANDING = Path.of("data-samples/landing");
    private static SparkSession spark;
    private static Warehouse warehouse;
    private static ExplainCommand command;

    @BeforeAll
    static void sampleNights() {
        warehouse = SampleWarehouse.get();
        spark = TestSpark.get();
        command = new ExplainCommand(spark, Settings.load(Path.of("conf/glengarry.conf"),
                Map.of(ConfigKeys.WAREHOUSE, warehouse.root().toString())));
    }

    @Test
    void aCohortCellIsItsPersonsAndTheirDeals() {
        ExplainCommand.Explanation cell = explain("cohort_conversion", SampleWarehouse.LAST_NIGHT,
                "cohort_quarter=FY2026-Q1,channel=ALL,quarters_since=3", null);
        Row gold = goldRow("cohort_conversion", SampleWarehouse.LAST_NIGHT,
                "cohort_quarter = 'FY2026-Q1' AND channel = 'ALL' AND quarters_since = 3");
        assertAddsUp(cell, gold, "cohort_leads", "prospects_cum", "opportunities_cum", "won_cum", "revenue_cum",
                "won_revenue_unknown_cum");
        assertThat(gold.<Long>getAs("won_cum")).isPositive();
        assertThat(records(cell, "revenue_cum")).allMatch(r -> r.equals("order") || r.equals("opportunity"));
        assertCitedLinesHoldTheRecords(cell);
    }

    @Test
    void aChannelCreditIsItsCreditRowsCitedByTheirTouches() {
        String where = "closed_quarter=FY2026-Q3,scope=account,model=w_shaped,channel=webinar";
        ExplainCommand.Explanation credit = explain("channel_contribution", SampleWarehouse.LAST_NIGHT, where, null);
        Row gold = goldRow("channel_contribution", SampleWarehouse.LAST_NIGHT, "closed_quarter = 'FY2026-Q3' AND "
                + "scope = 'account' AND model = 'w_shaped' AND channel = 'webinar'");
        assertAddsUp(credit, gold, "credited_revenue");
        assertThat(gold.<BigDecimal>getAs("credited_revenue")).isPositive();
        assertThat(records(credit, "credited_revenue")).containsOnly("touch");
        assertCitedLinesHoldTheRecords(credit);

        ExplainCommand.Explanation deals = explain("channel_contribution", SampleWarehouse.LAST_NIGHT, where,
                "deals_touched");
        assertAddsUp(deals, gold, "deals_touched");
    }

    @Test
    void aSpendCellIsItsLedgerLinesPersonsOpportunitiesDealsAndCredit() {
        ExplainCommand.Explanation cell = explain("spend_reconciliation", SampleWarehouse.LAST_NIGHT,
                "fiscal_quarter=FY2026-Q3,channel=webinar", null);
        Row gold = goldRow("spend_reconciliation", SampleWarehouse.LAST_NIGHT,
                "fiscal_quarter = 'FY2026-Q3' AND channel = 'webinar'");
        assertAddsUp(cell, gold, "spend", "spend_lines", "leads", "prospects", "opportunities", "won_deals",
                "attributed_revenue");
        assertThat(gold.<BigDecimal>getAs("spend")).isPositive();
        assertThat(records(cell, "spend")).containsOnly("spend");
        assertThat(cell.evidence().filter(col(Evidence.MEASURE).equalTo("spend").and(col(Evidence.FX_RATE)
                .isNull())).count()).as("every ledger line names its FX rate").isZero();
        assertCitedLinesHoldTheRecords(cell);
    }

    @Test
    void aHygieneFlagIsTheHistoryRowsThatRaisedIt() {
        String pushed = spark.read().format("delta").load(warehouse.gold("crm_hygiene"))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(SampleWarehouse.LAST_NIGHT))
                        .and(col("close_date_pushes").geq(2)))
                .orderBy("opportunity_id").first().getAs("opportunity_id");
        ExplainCommand.Explanation flags = explain("crm_hygiene", SampleWarehouse.LAST_NIGHT,
                "opportunity_id=" + pushed, null);
        assertThat(flags.ties()).allMatch(MeasureTie::ties);
        assertThat(records(flags, "close_date_pushed")).containsOnly("opportunity_history");
        assertCitedLinesHoldTheRecords(flags);

        ExplainCommand.Explanation pushes = explain("crm_hygiene", SampleWarehouse.LAST_NIGHT,
                "opportunity_id=" + pushed, "close_date_pushes");
        Row gold = goldRow("crm_hygiene", SampleWarehouse.LAST_NIGHT, "opportunity_id = '" + pushed + "'");
        assertAddsUp(pushes, gold, "close_date_pushes");
    }

    @Test
    void everyMeasureOfEveryReportTiesOnItsLargestRow() {
        for (String report : ReportExplanations.names()) {
            ReportExplanation explained = ReportExplanations.find(report).orElseThrow();
            String largest = "crm_hygiene".equals(report) ? "flags" : explained.defaults().get(0);
            Row row = spark.read().format("delta").load(warehouse.gold(report))
                    .filter(col("as_of").equalTo(java.sql.Date.valueOf(SampleWarehouse.LAST_NIGHT)))
                    .orderBy(col(largest).desc()).first();
            List<String> where = new java.util.ArrayList<>();
            for (String key : explained.keys()) {
                Object value = row.getAs(key);
                where.add(key + "=" + (value == null ? "" : value));
            }
            for (String measure : explained.measures().keySet()) {
                ExplainCommand.Explanation explanation = explain(report, SampleWarehouse.LAST_NIGHT,
                        String.join(",", where), measure);
                assertThat(explanation.ties()).as(report + " " + where + " " + measure).allMatch(MeasureTie::ties);
                explanation.evidence().unpersist();
            }
        }
    }

    @Test
    void anOldNightIsExplainedFromTheSilverItWasComputedFrom() {
        LocalDate first = SampleWarehouse.NIGHTS.get(0);
        String where = "cohort_quarter=FY2026-Q4,channel=ALL,quarters_since=0";
        Row thatNight = goldRow("cohort_conversion", first,
                "cohort_quarter = 'FY2026-Q4' AND channel = 'ALL' AND quarters_since = 0");
        Row lastNight = goldRow("cohort_conversion", SampleWarehouse.LAST_NIGHT,
                "cohort_quarter = 'FY2026-Q4' AND channel = 'ALL' AND quarters_since = 0");
        assertThat(thatNight.<Long>getAs("cohort_leads")).as("the cohort grew after the first night")
                .isLessThan(lastNight.<Long>getAs("cohort_leads"));
        assertAddsUp(explain("cohort_conversion", first, where, "cohort_leads"), thatNight, "cohort_leads");
    }

    @Test
    void aRowThatDoesNotExistIsExitTwoNamingTheKeyColumns() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ExitCode exit;
        try {
            exit = Main.execute(new String[] {"explain", "cohort_conversion", "--as-of",
                    SampleWarehouse.LAST_NIGHT.toString(), "--where", "cohort_quarter=FY1999-Q1,channel=ALL",
                    "--warehouse", warehouse.root().toString()});
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[GG-212]", "no row of cohort_conversion",
                "cohort_quarter, channel, quarters_since");
    }

    @Test
    void anUnknownMeasureReportOrNightIsAClearError() {
        assertThatThrownBy(() -> explain("cohort_conversion", SampleWarehouse.LAST_NIGHT,
                "cohort_quarter=FY2026-Q1,channel=ALL,quarters_since=0", "won_rate"))
                .isInstanceOf(GlengarryException.class).hasMessageContaining("won_cum")
                .extracting(e -> ((GlengarryException) e).errorCode()).isEqualTo("GG-211");
        assertThatThrownBy(() -> explain("cohort_conversions", SampleWarehouse.LAST_NIGHT, "channel=ALL", null))
                .hasMessageContaining("cohort_conversion, funnel_conversion");
        assertThatThrownBy(() -> explain("cohort_conversion", LocalDate.of(2026, 11, 20), "channel=ALL", null))
                .isInstanceOf(GlengarryException.class).hasMessageContaining("2026-11-24, 2026-11-25, 2026-11-26")
                .extracting(e -> ((GlengarryException) e).errorCode()).isEqualTo("GG-213");
        assertThatThrownBy(() -> explain("cohort_conversion", SampleWarehouse.LAST_NIGHT, "quarter=FY2026-Q1",
                null)).hasMessageContaining("quarter=FY2026-Q1");
    }

    @Test
    void aMeasureTiesOnlyWhenItsRowsAddUpToIt() {
        assertThat(new MeasureTie("revenue_cum", new BigDecimal("10.00"), new BigDecimal("10"), 2).ties()).isTrue();
        MeasureTie off = new MeasureTie("revenue_cum", new BigDecimal("10.00"), new BigDecimal("9.99"), 2);
        assertThat(off.ties()).isFalse();
        assertThat(off.describe()).contains("a difference of 0.01", "DOES NOT TIE");
        assertThat(new MeasureTie("won_cum", 3L, new BigDecimal("3.00"), 3).ties()).isTrue();
        assertThat(new MeasureTie("stale_open", true, BigDecimal.ZERO, 0).ties()).isFalse();
        assertThat(new MeasureTie("stale_open", false, BigDecimal.ZERO, 0).ties()).isTrue();
        assertThat(new MeasureTie("stale_open", false, BigDecimal.ONE, 1).ties()).isFalse();
    }

    private static ExplainCommand.Explanation explain(String report, LocalDate asOf, String where, String measure) {
        return command.explain(new ExplainCommand.Request(report, asOf, where, measure, QueryResult.Format.CSV, 0));
    }

    private static Row goldRow(String report, LocalDate asOf, String condition) {
        List<Row> rows = spark.read().format("delta").load(warehouse.gold(report))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(asOf))).filter(condition).collectAsList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** Each measure's evidence, summed here, equals the gold row's number; and explain says it ties. */
    private static void assertAddsUp(ExplainCommand.Explanation explanation, Row gold, String... measures) {
        for (String measure : measures) {
            List<Row> values = explanation.evidence().filter(col(Evidence.MEASURE).equalTo(measure))
                    .select(Evidence.VALUE).collectAsList();
            BigDecimal total = values.stream().map(r -> r.getDecimal(0)).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(total).as(measure).isEqualByComparingTo(new BigDecimal(gold.getAs(measure).toString()));
        }
        assertThat(explanation.ties()).allMatch(MeasureTie::ties);
    }

    private static List<String> records(ExplainCommand.Explanation explanation, String measure) {
        return explanation.evidence().filter(col(Evidence.MEASURE).equalTo(measure)).select(Evidence.RECORD)
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    /** Every cited line of the drop (header = line 1) holds the cited record's id (history rows: the deal's). */
    private static void assertCitedLinesHoldTheRecords(ExplainCommand.Explanation explanation) {
        List<Row> citations = explanation.evidence().select(Evidence.SOURCE_FILE, Evidence.SOURCE_LINE,
                Evidence.RECORD, Evidence.RECORD_ID, Evidence.COUNTED).distinct().collectAsList();
        assertThat(citations).isNotEmpty();
        for (Row cited : citations) {
            String id = "opportunity_history".equals(cited.getString(2)) ? cited.getString(4) : cited.getString(3);
            assertThat(line(cited.getString(0), cited.getLong(1))).as(cited.toString()).contains(id);
        }
    }

    private static String line(String file, long number) {
        Path path = LANDING.resolve(file);
        try (InputStream raw = Files.newInputStream(path);
             BufferedReader reader = new BufferedReader(new InputStreamReader(file.endsWith(".gz")
                     ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            String line = null;
            for (long i = 1; i <= number; i++) {
                line = reader.readLine();
            }
            return String.valueOf(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
