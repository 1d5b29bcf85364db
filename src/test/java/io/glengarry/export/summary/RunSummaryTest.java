package io.glengarry.export.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.catalog.QueryResult;
import io.glengarry.config.ConfigKeys;
import io.glengarry.config.Settings;
import io.glengarry.explain.ExplainCommand;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The summary page the sample night 2026-11-26 wrote (shared sample warehouse): its sections, five charts that
 * decode as PNG images, the funnel as the gold table adds up, and the control totals and drop counts exactly as in
 * the manifest written after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunSummaryTest {
    private static final LocalDate NIGHT = SampleWarehouse.LAST_NIGHT;
    private static final Pattern IMAGE = Pattern.compile("<img alt=\"([^\"]+)\" src=\"data:image/png;base64,([^\"]+)\">");
    private static final Pattern EXPLAIN = Pattern.compile("<code>jobs/glengarry explain (\\S+) --as-of (\\S+) "
            + "--where &quot;([^&]+)&quot;( --measure (\\S+))?</code>");
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>");
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>");

    private Warehouse warehouse;
    private String html;
    private JsonNode manifest;

    @BeforeAll
    void readThePage() throws IOException {
        warehouse = SampleWarehouse.get();
        Path page = warehouse.exportDir(RunSummary.NAME, NIGHT).resolve(RunSummary.FILE);
        assertThat(page).exists();
        html = Files.readString(page, StandardCharsets.UTF_8);
        manifest = new ObjectMapper().readTree(warehouse.manifest(NIGHT).toFile());
    }

    @Test
    void thePageHasItsTitleAndTheFiveSectionsInOrder() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>Glengarry run summary \u2014 as of " + NIGHT
                + "</h1>").contains("<span class=\"ok\" id=\"status\">all control totals tie (0 breaks)</span>");
        int previous = -1;
        for (String section : RunSummary.SECTIONS) {
            int at = html.indexOf("<h2 id=\"" + section + "\">");
            assertThat(at).as(section).isGreaterThan(previous);
            previous = at;
        }
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theFiveChartsAreEmbeddedPngImages() throws IOException {
        Matcher m = IMAGE.matcher(html);
        List<String> alts = new ArrayList<>();
        while (m.find()) {
            byte[] png = Base64.getDecoder().decode(m.group(2));
            assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as(m.group(1)).isNotNull();
            assertThat(image.getWidth()).isEqualTo(SummaryCharts.WIDTH);
            assertThat(image.getHeight()).isGreaterThan(200);
            alts.add(m.group(1));
        }
        assertThat(alts).hasSize(5);
        assertThat(alts.get(0)).startsWith("Cohort heat-map");
        assertThat(alts.get(1)).startsWith("Funnel");
        assertThat(alts.get(2)).startsWith("Attribution by model");
        assertThat(alts.get(3)).startsWith("Lead vs account");
        assertThat(alts.get(4)).startsWith("Control totals");
    }

    @Test
    void eachChartNamesTheExplainCommandOfOneOfItsRowsAndThatRowTies() {
        Matcher m = EXPLAIN.matcher(html);
        List<String> reports = new ArrayList<>();
        ExplainCommand explain = new ExplainCommand(TestSpark.get(),
                Settings.load(Path.of("conf/glengarry.conf"), Map.of(
                        ConfigKeys.WAREHOUSE, warehouse.root().toString())));
        while (m.find()) {
            reports.add(m.group(1));
            assertThat(m.group(2)).isEqualTo(NIGHT.toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            explain.run(new ExplainCommand.Request(m.group(1), NIGHT,
                    m.group(3), m.group(5), QueryResult.Format.TABLE, 5), print, print);
            assertThat(out.toString(StandardCharsets.UTF_8)).as(m.group()).contains(" - ties")
                    .doesNotContain("DOES NOT TIE");
        }
        assertThat(reports).containsExactly("cohort_conversion", "funnel_conversion", "channel_contribution",
                "channel_contribution");
    }

    @Test
    void theControlTotalsAreTheManifests() {
        Map<String, String> onThePage = table("control-totals-table");
        Map<String, String> inTheManifest = new LinkedHashMap<>();
        manifest.get("control_totals").fields().forEachRemaining(e -> inTheManifest.put(e.getKey(),
                e.getValue().asText()));
        assertThat(inTheManifest).containsKey("attribution.won_revenue");
        assertThat(onThePage).isEqualTo(inTheManifest);
        assertThat(manifest.get("notices").get("run_summary").asText())
                .isEqualTo("exports/summary/as_of=" + NIGHT + "/index.html");
    }

    @Test
    void theDropTableHasTheManifestsCounts() {
        List<List<String>> rows = rows("drop-table");
        List<List<String>> expected = new ArrayList<>();
        manifest.get("extracts").fields().forEachRemaining(e -> expected.add(List.of(e.getKey(),
                e.getValue().get("rows_read").asText(), e.getValue().get("rows_accepted").asText(),
                e.getValue().get("rows_quarantined").asText())));
        assertThat(expected).isNotEmpty();
        assertThat(rows).isEqualTo(expected);
    }

    @Test
    void theFunnelIsTheGoldTablesAllChannelRowsAddedUp() {
        Row sums = TestSpark.get().read().format("delta").load(warehouse.gold("funnel_conversion"))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(NIGHT)).and(col("channel").equalTo("ALL")))
                .selectExpr("sum(leads)", "sum(prospects)", "sum(opportunities)", "sum(won)", "sum(revenue)").head();
        Map<String, String> funnel = table("funnel-table");
        assertThat(funnel.get("Leads")).isEqualTo(String.valueOf(sums.getLong(0)));
        assertThat(funnel.get("Prospects")).isEqualTo(String.valueOf(sums.getLong(1)));
        assertThat(funnel.get("Opportunities")).isEqualTo(String.valueOf(sums.getLong(2)));
        assertThat(funnel.get("Won")).isEqualTo(String.valueOf(sums.getLong(3)));
        assertThat(funnel.get("Won revenue of these leads (USD)")).isEqualTo(sums.getDecimal(4).toPlainString());
    }

    @Test
    void theAttributionTableHasEveryModelCreditingTheWonRevenue() {
        assertEveryColumnAddsUpToTheWonRevenue("attribution-table", 7);
    }

    @Test
    void theScopeTableHasBothScopesCreditingTheWonRevenue() {
        assertEveryColumnAddsUpToTheWonRevenue("scope-table", 2);
    }

    /** Columns 1..columns of the page's table, summed over its rows, each equal the manifest's won revenue. */
    private void assertEveryColumnAddsUpToTheWonRevenue(String tableId, int columns) {
        List<List<String>> rows = rows(tableId);
        java.math.BigDecimal won = new java.math.BigDecimal(manifest.get("control_totals")
                .get("attribution.won_revenue").asText());
        for (int column = 1; column <= columns; column++) {
            java.math.BigDecimal credited = java.math.BigDecimal.ZERO;
            for (List<String> row : rows) {
                credited = credited.add(new java.math.BigDecimal(row.get(column)));
            }
            assertThat(credited).as("%s column %d", tableId, column).isEqualByComparingTo(won);
        }
    }

    @Test
    void noTemporaryFolderIsLeftBeside() throws IOException {
        try (Stream<Path> listing = Files.list(warehouse.root().resolve("exports").resolve(RunSummary.NAME))) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }

    private List<List<String>> rows(String tableId) {
        int start = html.indexOf("<table id=\"" + tableId + "\">");
        assertThat(start).as(tableId).isNotNegative();
        String table = html.substring(start, html.indexOf("</table>", start));
        String body = table.substring(table.indexOf("<tbody>"));
        List<List<String>> rows = new ArrayList<>();
        Matcher r = ROW.matcher(body);
        while (r.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = CELL.matcher(r.group(1));
            while (c.find()) {
                cells.add(c.group(1));
            }
            rows.add(cells);
        }
        return rows;
    }

    private Map<String, String> table(String tableId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<String> row : rows(tableId)) {
            out.put(row.get(0), row.get(1));
        }
        return out;
    }
}
