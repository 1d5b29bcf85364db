package io.glengarry.export.summary;

import io.glengarry.config.Settings;
import io.glengarry.export.ReportExport;
import io.glengarry.export.summary.SummaryCharts.CohortCell;
import io.glengarry.export.summary.SummaryCharts.ControlTotal;
import io.glengarry.export.summary.SummaryCharts.FunnelStage;
import io.glengarry.export.summary.SummaryCharts.ModelCredit;
import io.glengarry.report.attribution.AttributionModels;
import io.glengarry.report.attribution.AttributionScope;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The run summary page, {@code exports/summary/as_of=<date>/index.html}: the cohort heat-map, the funnel,
 * attribution by model and the control totals, as PNG charts embedded in one self-contained HTML file. Runs after
 * the gold reports, on the driver, from the small aggregates of {@link SummaryFigures} (three small Spark jobs)
 * and the control totals already in the manifest; written atomically like every export.
 */
public final class RunSummary {
    /** The export folder's name: exports/summary/as_of=&lt;date&gt;/. */
    public static final String NAME = "summary";
    public static final String FILE = "index.html";
    /** Section ids on the page, in order. */
    public static final List<String> SECTIONS = List.of("cohort-heatmap", "funnel", "attribution-by-model",
            "lead-vs-account", "control-totals");

    private final SparkSession spark;
    private final Settings settings;
    private final Warehouse warehouse;
    private final StageLog log;

    public RunSummary(SparkSession spark, Settings settings, Warehouse warehouse, StageLog log) {
        this.spark = spark;
        this.settings = settings;
        this.warehouse = warehouse;
        this.log = log;
    }

    /** Draws and writes the page; records its path (relative to the warehouse) in the manifest's notices. */
    public Path write(LocalDate asOf, RunManifest manifest) {
        String currency = settings.reportingCurrency();
        List<CohortCell> cells = new ArrayList<>();
        for (Row r : SummaryFigures.cohortHeatmap(gold("cohort_conversion", asOf)).collectAsList()) {
            cells.add(new CohortCell(r.getAs("cohort_quarter"), ((Number) r.getAs("quarters_since")).intValue(),
                    ((Number) r.getAs("cohort_leads")).longValue(), r.getAs("won_rate"), r.getAs("cohort_mature")));
        }
        Row funnelRow = SummaryFigures.funnelTotals(gold("funnel_conversion", asOf)).head();
        List<FunnelStage> funnel = List.of(new FunnelStage("Leads", count(funnelRow, "leads")),
                new FunnelStage("Prospects", count(funnelRow, "prospects")),
                new FunnelStage("Opportunities", count(funnelRow, "opportunities")),
                new FunnelStage("Won", count(funnelRow, "won")));
        List<ModelCredit> credits = new ArrayList<>();
        List<ModelCredit> scopes = new ArrayList<>(); // the spend model's credit, scope in place of the model
        String scopeModel = settings.spendAttributionModel();
        for (Row r : SummaryFigures.attributionByModel(gold("channel_contribution", asOf)).collectAsList()) {
            if (AttributionScope.LEAD.equals(r.getAs("scope"))) {
                credits.add(new ModelCredit(r.getAs("model"), r.getAs("channel"), r.getAs("credited_revenue")));
            }
            if (scopeModel.equals(r.getAs("model"))) {
                scopes.add(new ModelCredit(r.getAs("scope"), r.getAs("channel"), r.getAs("credited_revenue")));
            }
        }

        List<Row> leadCredit = SummaryFigures.explainedCredit(gold("channel_contribution", asOf),
                AttributionScope.LEAD, AttributionModels.LINEAR).collectAsList();
        List<Row> accountCredit = SummaryFigures.explainedCredit(gold("channel_contribution", asOf),
                AttributionScope.ACCOUNT, scopeModel).collectAsList();
        String html = page(asOf, manifest, currency, cells, funnel, funnelRow.getAs("revenue"), credits, scopes,
                scopeModel, leadCredit, accountCredit);
        Path dir = warehouse.exportDir(NAME, asOf);
        ReportExport.replaceFolder(dir, tmp -> Files.writeString(tmp.resolve(FILE), html, StandardCharsets.UTF_8));
        Path file = dir.resolve(FILE);
        manifest.recordNotice("run_summary", warehouse.root().relativize(file).toString());
        log.info("run summary page: {} ({} KiB)", file, html.length() / 1024);
        return file;
    }

    /** The explain command line of one report row (README: Every number explains itself). */
    static String explain(String report, LocalDate asOf, String where, String measure) {
        return "jobs/glengarry explain " + report + " --as-of " + asOf + " --where \"" + where + "\""
                + (measure == null ? "" : " --measure " + measure);
    }

    private String page(LocalDate asOf, RunManifest manifest, String currency, List<CohortCell> cells,
                        List<FunnelStage> funnel, BigDecimal wonRevenue, List<ModelCredit> credits,
                        List<ModelCredit> scopes, String scopeModel, List<Row> leadCredit,
                        List<Row> accountCredit) {
        Map<String, Object> totals = manifest.controlTotals();
        long breaks = totals.entrySet().stream().filter(e -> e.getKey().endsWith("reconciliation_breaks"))
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        SummaryPage page = new SummaryPage("Glengarry run summary \u2014 as of " + asOf)
                .paragraph("meta", "Run date " + asOf + " \u00b7 code version " + manifest.codeVersion()
                        + " \u00b7 amounts in " + currency + " \u00b7 every figure is read from the gold tables of"
                        + " this run date (gold/<report>, as_of = " + asOf + ") and the run's manifest")
                .status(breaks == 0, breaks == 0 ? "all control totals tie (0 breaks)"
                        : breaks + " breaks: see exports/attribution_reconciliation/as_of=" + asOf)
                .navigation(List.of(new String[] {SECTIONS.get(0), "Cohort heat-map"},
                        new String[] {SECTIONS.get(1), "Funnel"},
                        new String[] {SECTIONS.get(2), "Attribution by model"},
                        new String[] {SECTIONS.get(3), "Lead vs account"},
                        new String[] {SECTIONS.get(4), "Control totals"}));

        page.heading(SECTIONS.get(0), "Cohort heat-map")
                .paragraph("text", "Share of each quarter's new leads that became won customers by the end of each"
                        + " later quarter (gold cohort_conversion, channel ALL). * = cohort still maturing.")
                .image(SummaryCharts.cohortHeatmap(cells), "Cohort heat-map: lead-to-won rate by cohort quarter"
                        + " and quarters since");
        if (!cells.isEmpty()) { // the oldest cohort's latest cell; any cell is one row of cohort_conversion
            CohortCell oldest = cells.stream().filter(c -> c.cohortQuarter().equals(cells.get(0).cohortQuarter()))
                    .reduce((first, second) -> second).orElseThrow();
            page.explain("The persons and deals behind a cell (here " + oldest.cohortQuarter() + ", "
                            + oldest.quartersSince() + " quarters since)",
                    explain("cohort_conversion", asOf, "cohort_quarter=" + oldest.cohortQuarter()
                            + ",channel=ALL,quarters_since=" + oldest.quartersSince(), "won_cum"));
        }

        List<List<String>> funnelRows = new ArrayList<>();
        for (FunnelStage s : funnel) {
            funnelRows.add(List.of(s.stage(), String.valueOf(s.reached())));
        }
        funnelRows.add(List.of("Won revenue of these leads (" + currency + ")",
                (wonRevenue == null ? BigDecimal.ZERO.setScale(2) : wonRevenue).toPlainString()));
        page.heading(SECTIONS.get(1), "Funnel")
                .paragraph("text", "Leads of every cohort quarter to date, all channels (gold funnel_conversion).")
                .image(SummaryCharts.funnel(funnel), "Funnel: leads, prospects, opportunities, won")
                .table("funnel-table", List.of("stage", "leads reaching it"), funnelRows, 1);
        if (!cells.isEmpty()) {
            page.explain("The chart adds up every cohort quarter; the persons of one (here the latest)",
                    explain("funnel_conversion", asOf, "cohort_quarter=" + cells.get(cells.size() - 1).cohortQuarter()
                            + ",channel=ALL", null));
        }

        List<String> channels = channelsByCredit(credits, AttributionModels.LINEAR);
        List<String> charted = channels.stream().filter(c -> !AttributionModels.UNATTRIBUTED.equals(c)).toList();
        page.heading(SECTIONS.get(2), "Attribution by model")
                .paragraph("text", "Won revenue credited to each channel under each model, over every closed"
                        + " quarter (gold channel_contribution, scope lead). Deals without a touchpoint in the"
                        + " lookback window are credited to '" + AttributionModels.UNATTRIBUTED + "', the same amount"
                        + " under every model: in the table, not in the chart.")
                .image(SummaryCharts.attributionByModel(credits, AttributionModels.ALL, charted, currency),
                        "Attribution by model: credited revenue per channel and model")
                .table("attribution-table", header("channel", AttributionModels.ALL),
                        attributionRows(credits, channels, AttributionModels.ALL), 1);
        for (Row credit : leadCredit) {
            page.explain("The chart adds up every closed quarter; the deals and touches of one (here "
                            + credit.getString(1) + " under linear in " + credit.getString(0) + ")",
                    explain("channel_contribution", asOf, "closed_quarter=" + credit.getString(0) + ",scope=lead,"
                            + "model=" + AttributionModels.LINEAR + ",channel=" + credit.getString(1), null));
        }

        List<String> scopeChannels = channelsByCredit(scopes, AttributionScope.ACCOUNT);
        page.heading(SECTIONS.get(3), "Lead vs account")
                .paragraph("text", "The same won revenue credited under " + scopeModel + " with two sets of"
                        + " touchpoints (gold channel_contribution): lead = the touches of the leads converted into"
                        + " the deal; account = the touches of every lead matched to the deal's account (the buying"
                        + " committee) since the account's previous won deal. Channels that reach the committee"
                        + " rather than the one person converted gain account credit; each scope's credits still sum"
                        + " to the won revenue. Deals without an account have no account touchpoints"
                        + " ('" + AttributionModels.UNATTRIBUTED + "': in the table, not in the chart).")
                .image(SummaryCharts.leadVersusAccount(scopes, scopeChannels.stream()
                                .filter(c -> !AttributionModels.UNATTRIBUTED.equals(c)).toList(), scopeModel, currency),
                        "Lead vs account: credited revenue per channel and scope")
                .table("scope-table", header("channel", AttributionScope.ALL),
                        attributionRows(scopes, scopeChannels, AttributionScope.ALL), 1);
        for (Row credit : accountCredit) {
            page.explain("The buying committee's touches behind one channel's account credit (here "
                            + credit.getString(1) + " in " + credit.getString(0) + ")",
                    explain("channel_contribution", asOf, "closed_quarter=" + credit.getString(0) + ",scope=account,"
                            + "model=" + scopeModel + ",channel=" + credit.getString(1), null));
        }

        List<ControlTotal> money = new ArrayList<>();
        List<List<String>> totalRows = new ArrayList<>();
        totals.forEach((name, value) -> {
            totalRows.add(List.of(name, String.valueOf(value)));
            if (value instanceof String s && isDecimal(s)) {
                money.add(new ControlTotal(name, new BigDecimal(s)));
            }
        });
        page.heading(SECTIONS.get(4), "Control totals")
                .paragraph("text", "The run's control totals as recorded in manifests/" + asOf + ".json;"
                        + " the reconciliation lines are in exports/attribution_reconciliation/as_of=" + asOf + ".")
                .image(SummaryCharts.controlTotals(money, currency), "Control totals")
                .table("control-totals-table", List.of("control total", "value"), totalRows, 1)
                .table("drop-table", List.of("extract", "rows read", "rows accepted", "rows quarantined"),
                        dropRows(manifest), 1);
        return page.html();
    }

    /** Channels by their credit under {@code by}, largest first (then by name): the chart's and table's order. */
    private static List<String> channelsByCredit(List<ModelCredit> credits, String by) {
        Map<String, BigDecimal> credit = new LinkedHashMap<>();
        for (ModelCredit c : credits) {
            credit.merge(c.channel(), by.equals(c.model()) ? c.credited() : BigDecimal.ZERO, BigDecimal::add);
        }
        return credit.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** One row per channel, one column per model (or scope) of {@code columns}. */
    private static List<List<String>> attributionRows(List<ModelCredit> credits, List<String> channels,
                                                      List<String> columns) {
        Map<String, BigDecimal> byKey = new LinkedHashMap<>();
        for (ModelCredit c : credits) {
            byKey.put(c.channel() + "\u0000" + c.model(), c.credited());
        }
        List<List<String>> rows = new ArrayList<>();
        for (String channel : channels) {
            List<String> row = new ArrayList<>();
            row.add(channel);
            for (String model : columns) {
                row.add(byKey.getOrDefault(channel + "\u0000" + model, BigDecimal.ZERO.setScale(2)).toPlainString());
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> dropRows(RunManifest manifest) {
        List<List<String>> rows = new ArrayList<>();
        manifest.extracts().forEach((extract, value) -> {
            Map<?, ?> m = (Map<?, ?>) value;
            rows.add(List.of(extract, String.valueOf(m.get("rows_read")), String.valueOf(m.get("rows_accepted")),
                    String.valueOf(m.get("rows_quarantined"))));
        });
        return rows;
    }

    private static List<String> header(String first, List<String> rest) {
        List<String> h = new ArrayList<>();
        h.add(first);
        h.addAll(rest);
        return h;
    }

    private static boolean isDecimal(String s) {
        return s.matches("-?\\d+(\\.\\d+)?");
    }

    private static long count(Row row, String column) {
        Object v = row.getAs(column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private Dataset<Row> gold(String report, LocalDate asOf) {
        return spark.read().format("delta").load(warehouse.gold(report))
                .filter(col("as_of").equalTo(java.sql.Date.valueOf(asOf)));
    }
}
