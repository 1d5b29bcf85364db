package io.glengarry.report;

import io.glengarry.config.Settings;
import io.glengarry.conform.FiscalCalendar;
import io.glengarry.export.ReportExport;
import io.glengarry.report.cohort.CohortConversion;
import io.glengarry.report.attribution.AttributionCredit;
import io.glengarry.report.attribution.AttributionModels;
import io.glengarry.report.attribution.AttributionReconciliation;
import io.glengarry.report.attribution.AttributionScope;
import io.glengarry.report.attribution.MarkovAttribution;
import io.glengarry.report.attribution.Touchpoints;
import io.glengarry.report.funnel.FunnelConversion;
import io.glengarry.report.sales.SalesChannelContribution;
import io.glengarry.report.spend.CampaignBudget;
import io.glengarry.report.spend.SpendControl;
import io.glengarry.report.spend.SpendControlCheck;
import io.glengarry.report.spend.SpendLedger;
import io.glengarry.report.spend.SpendReconciliation;
import io.glengarry.conform.ChannelMapping;
import io.glengarry.runtime.BuildInfo;
import io.glengarry.runtime.BuiltFrom;
import io.glengarry.runtime.ConcurrentWrites;
import io.glengarry.runtime.DeltaTables;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.report.forecast.ForecastAccuracy;
import io.glengarry.report.hygiene.CrmHygiene;
import io.glengarry.report.hygiene.HygieneRules;
import io.glengarry.runtime.RunManifest;
import io.glengarry.runtime.RunStep;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * The gold stage: computes each report from silver, replaces the run date's partition ({@code as_of}) of
 * {@code gold/<report>} — older and newer nights stay as they were — and exports it. Independent reports run
 * side by side ({@code spark.concurrent-writes} threads), the spend reports after the attribution ones they read.
 */
public final class GoldReports {
    public static final java.util.List<String> REPORTS = java.util.List.of("cohort_conversion", "funnel_conversion",
            "attribution_credit", "channel_contribution", "campaign_contribution", "attribution_model_comparison",
            "sales_channel_contribution", "crm_hygiene", "crm_hygiene_summary", "forecast_accuracy", "surprise_deals",
            "spend_reconciliation", "campaign_budget");
    /** Not a gold table: the night's attribution invariants, exported beside the reports. */
    public static final String ATTRIBUTION_RECONCILIATION = "attribution_reconciliation";
    /** Not a gold table: spend_reconciliation's control totals and the lines behind them. */
    public static final String SPEND_CONTROL = "spend_control";
    static final StructType REMOVAL_EFFECTS = new StructType().add("channel", DataTypes.StringType)
            .add("removal_effect", DataTypes.DoubleType);

    private final SparkSession spark;
    private final Settings settings;
    private final Warehouse warehouse;
    private final StageLog log;

    public GoldReports(SparkSession spark, Settings settings, Warehouse warehouse, StageLog log) {
        this.spark = spark;
        this.settings = settings;
        this.warehouse = warehouse;
        this.log = log;
    }

    /**
     * Writes every report; returns the reconciliation failure, if any, for the caller to raise once the night's
     * outputs (and manifest) are written.
     */
    public Optional<GlengarryException> run(LocalDate asOf, RunManifest manifest, ReportInputs inputs) {
        Map<String, List<String>> skipped = inputs.skipped();
        manifest.recordNotice("skipped_reports", skipped);
        skipped.forEach((report, lacking) -> skip(report, lacking, asOf));
        FiscalCalendar calendar = FiscalCalendar.of(settings.fiscalFirstMonth(), settings.fiscalYearNamedBy());
        Dataset<Row> journeys = silver("lead_journey");
        Dataset<Row> won = silver("won_opportunities");
        java.util.concurrent.atomic.AtomicReference<Optional<GlengarryException>> attributionFailure =
                new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        // independent groups of reports side by side (largest first): one group's Delta commits, single-task
        // exports and CSV streaming on the driver overlap another's Spark jobs; each report is the same either way
        ConcurrentWrites.run(settings.sparkConcurrentWrites(), List.of(
                () -> attributionFailure.set(attribution(asOf, won, manifest, inputs)),
                () -> hygieneAndForecast(asOf, won, calendar, manifest, inputs),
                () -> publishIfInputs(inputs, "cohort_conversion", () -> CohortConversion.compute(journeys, won,
                        calendar, asOf, settings.cohortMaturityQuarters()), CohortConversion.sortKeys(), asOf,
                        manifest),
                () -> publishIfInputs(inputs, "funnel_conversion", () -> FunnelConversion.compute(journeys, asOf),
                        FunnelConversion.sortKeys(), asOf, manifest)));
        // spend reads tonight's attribution_credit and sales_channel_contribution
        Optional<GlengarryException> spendFailure = spend(asOf, won, calendar, manifest, inputs);
        return bothFailures(attributionFailure.get(), spendFailure);
    }

    /**
     * A report whose extract never came: logged, and any earlier run's partition of this run date and export
     * removed, so a re-run after a drop was corrected leaves nothing stale.
     */
    private void skip(String report, List<String> lacking, LocalDate asOf) {
        log.warn("{} skipped: it needs {}, never delivered to this warehouse (manifest notices.skipped_reports)",
                report, lacking);
        if (!ReportInputs.SUMMARY.equals(report)) {
            String path = warehouse.gold(report);
            if (io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
                io.delta.tables.DeltaTable.forPath(spark, path).delete("as_of = DATE'" + asOf + "'");
            }
        }
        io.glengarry.runtime.Folders.deleteTree(warehouse.exportDir(report, asOf));
    }

    private void publishIfInputs(ReportInputs inputs, String report, java.util.function.Supplier<Dataset<Row>> rows,
                                 String[] sortKeys, LocalDate asOf, RunManifest manifest) {
        if (inputs.runs(report)) {
            publish(report, rows.get(), sortKeys, asOf, manifest);
        }
    }

    /** One exit-4 failure naming every reconciliation that did not tie. */
    static Optional<GlengarryException> bothFailures(Optional<GlengarryException> first,
                                                     Optional<GlengarryException> second) {
        if (first.isPresent() && second.isPresent()) {
            return Optional.of(Errors.reconciliationsFailed(first.get(), second.get()));
        }
        return first.isPresent() ? first : second;
    }

    /**
     * spend_reconciliation (attributed revenue from the night's attribution_credit under spend.attribution-model),
     * campaign_budget, then the spend control totals: exported to exports/spend_control/ and recorded in the
     * manifest; a break is returned for the caller to raise once everything is written.
     */
    private Optional<GlengarryException> spend(LocalDate asOf, Dataset<Row> won, FiscalCalendar calendar,
                                               RunManifest manifest, ReportInputs inputs) {
        String model = settings.spendAttributionModel();
        String scope = settings.spendAttributionScope();
        Dataset<Row> ledger = SpendLedger.lines(silver("spend"), silver("campaigns"),
                ChannelMapping.table(spark, settings.channels()), calendar);
        publishIfInputs(inputs, "campaign_budget", () -> CampaignBudget.compute(silver("campaigns"), ledger,
                silver("fx_rates"), settings.reportingCurrency(), asOf), CampaignBudget.sortKeys(), asOf, manifest);
        if (!inputs.runs("spend_reconciliation")) {
            return Optional.empty();
        }
        publish("spend_reconciliation", SpendReconciliation.compute(ledger, silver("lead_journey"), silver("leads"),
                        silver("opportunities"), won, gold("attribution_credit", asOf), model, scope, calendar, asOf),
                SpendReconciliation.exportSortKeys(), asOf, manifest,
                written -> SpendReconciliation.withTotals(written, model, scope, asOf));
        Dataset<Row> control = SpendControl.compute(ledger, gold("spend_reconciliation", asOf), won, silver("orders"),
                gold("sales_channel_contribution", asOf), settings.reportingCurrency());
        Path dir = warehouse.exportDir(SPEND_CONTROL, asOf);
        ReportExport.write(control, SPEND_CONTROL, SpendControl.sortKeys(), dir);
        Dataset<Row> written = spark.read().parquet(dir.resolve(SPEND_CONTROL + ".parquet").toString());
        List<Row> controls = written.filter(col("record_id").isNull()).collectAsList();
        List<Row> breakingLines = written.filter(col("record_id").isNotNull().and(col("breaks")))
                .limit(5).collectAsList();
        long lines = written.filter(col("record_id").isNotNull().and(col("breaks"))).count();
        manifest.recordControlTotal("spend.attribution_model", model);
        manifest.recordControlTotal("spend.attribution_scope", scope);
        return SpendControlCheck.check(controls, breakingLines, lines, dir.resolve(SPEND_CONTROL + ".csv"), manifest,
                log);
    }

    /**
     * attribution_credit (both scopes) and its rollups, sales_channel_contribution, then the invariants (per scope).
     */
    private Optional<GlengarryException> attribution(LocalDate asOf, Dataset<Row> won, RunManifest manifest,
                                                     ReportInputs inputs) {
        publishIfInputs(inputs, "sales_channel_contribution", () -> SalesChannelContribution.compute(won,
                silver("orders"), silver("partners"), asOf), SalesChannelContribution.sortKeys(), asOf, manifest);
        if (!inputs.runs("attribution_credit")) {
            return Optional.empty();
        }
        Dataset<Row> leads = silver("leads");
        Dataset<Row> touches = silver("touches");
        Dataset<Row> leadAccount = silver("lead_account");
        int lookback = settings.attributionLookbackDays();
        int markovLookback = settings.attributionMarkovLookbackDays();
        // each scope's touchpoints feed its markov fit, every model and the unattributed deals: computed once
        Dataset<Row> leadTouchpoints = Touchpoints.of(won, leads, touches, lookback)
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> accountTouchpoints = Touchpoints.ofAccounts(won, leads, leadAccount, touches, lookback)
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        // the non-converting journeys are the same in both scopes: their transitions are counted once
        List<Row> notConverting = RunStep.run(spark, "markov_non_converting_journeys", () -> MarkovAttribution
                .transitionCounts(MarkovAttribution.nonConverting(won, leads, touches, asOf, markovLookback))
                .collectAsList());
        Dataset<Row> leadEffects = removalEffects(leadTouchpoints, notConverting, "markov_removal_effects",
                manifest);
        Dataset<Row> accountEffects = removalEffects(accountTouchpoints, notConverting,
                "markov_removal_effects_account", manifest);
        int halfLife = settings.attributionHalfLifeDays();
        // by slice (scope, quarter, deal bucket): one whose deals and touchpoints did not change keeps its rule-based
        // rows
        String results = BuiltFrom.digest(settings.resultsFingerprint(), BuildInfo.builtAt());
        publish("attribution_credit", path -> {
            CreditSlices.Written written = CreditSlices.write(spark, path, asOf, results,
                    AttributionCredit.sliceInputs(won, Map.of(AttributionScope.LEAD, leadTouchpoints,
                            AttributionScope.ACCOUNT, accountTouchpoints)),
                    Map.of(AttributionScope.LEAD, quarters -> AttributionCredit.ruleBased(won.filter(quarters),
                                    leadTouchpoints.filter(quarters), halfLife, asOf, AttributionScope.LEAD),
                            AttributionScope.ACCOUNT, quarters -> AttributionCredit.ruleBased(won.filter(quarters),
                                    accountTouchpoints.filter(quarters), halfLife, asOf, AttributionScope.ACCOUNT)),
                    AttributionCredit.markov(won, leadTouchpoints, leadEffects, asOf, AttributionScope.LEAD)
                            .unionByName(AttributionCredit.markov(won, accountTouchpoints, accountEffects, asOf,
                                    AttributionScope.ACCOUNT)));
            manifest.recordNotice("report_slices", Map.of("attribution_credit", written.notice()));
            log.info("gold attribution_credit: {} ({}), {} slices (scope, quarter, deal bucket) carried, {} "
                            + "recomputed (manifest notices.report_slices)", written.mode(),
                    written.reason() == null ? "from as_of=" + written.from() : written.reason(),
                    written.carried().size(), written.recomputed().size());
        }, AttributionCredit.creditSortKeys(), asOf, manifest, java.util.function.UnaryOperator.identity());
        Dataset<Row> credits = gold("attribution_credit", asOf);
        publish("channel_contribution", AttributionCredit.channelContribution(credits, asOf),
                AttributionCredit.contributionSortKeys(), asOf, manifest);
        publish("campaign_contribution", AttributionCredit.campaignContribution(credits, asOf),
                AttributionCredit.campaignSortKeys(), asOf, manifest);
        publish("attribution_model_comparison",
                AttributionCredit.modelComparison(gold("channel_contribution", asOf), asOf),
                AttributionCredit.comparisonSortKeys(), asOf, manifest);
        leadTouchpoints.unpersist();
        accountTouchpoints.unpersist();

        Dataset<Row> reconciliation = AttributionReconciliation.compute(won, credits,
                gold("sales_channel_contribution", asOf));
        ReportExport.write(reconciliation, ATTRIBUTION_RECONCILIATION, AttributionReconciliation.sortKeys(),
                warehouse.exportDir(ATTRIBUTION_RECONCILIATION, asOf));
        Path file = warehouse.exportDir(ATTRIBUTION_RECONCILIATION, asOf).resolve(ATTRIBUTION_RECONCILIATION + ".csv");
        return checkInvariants(spark.read().parquet(warehouse.exportDir(ATTRIBUTION_RECONCILIATION, asOf)
                .resolve(ATTRIBUTION_RECONCILIATION + ".parquet").toString()).collectAsList(), file, manifest);
    }

    /**
     * The markov removal effects of one scope: its converting journeys' transitions are counted in Spark and
     * collected (channels x channels rows) beside the non-converting ones (a transition counted in both lists adds
     * up), the absorption probabilities solved on the driver; recorded in the manifest's notices under
     * {@code notice}.
     */
    private Dataset<Row> removalEffects(Dataset<Row> touchpoints, List<Row> notConverting, String notice,
                                        RunManifest manifest) {
        List<Row> transitions = new ArrayList<>(notConverting);
        transitions.addAll(RunStep.run(spark, notice, () -> MarkovAttribution.transitionCounts(
                MarkovAttribution.converting(touchpoints)).collectAsList()));
        Map<String, Double> effects = MarkovAttribution.removalEffects(transitions);
        manifest.recordNotice(notice, new TreeMap<>(effects));
        List<Row> effectRows = new ArrayList<>();
        effects.forEach((channel, effect) -> effectRows.add(RowFactory.create(channel, effect)));
        return spark.createDataFrame(effectRows, REMOVAL_EFFECTS);
    }

    /** Records the control totals and returns the failure when a difference is not zero. */
    Optional<GlengarryException> checkInvariants(List<Row> reconciliation, Path file, RunManifest manifest) {
        BigDecimal wonRevenue = BigDecimal.ZERO;
        Map<String, BigDecimal> creditedByModel = new TreeMap<>(); // key: scope/model
        BigDecimal bookings = BigDecimal.ZERO;
        List<String> excluded = new ArrayList<>();
        List<String> breaks = new ArrayList<>();
        for (Row r : reconciliation) {
            String check = r.getAs("check");
            BigDecimal expected = r.getAs("expected");
            BigDecimal actual = r.getAs("actual");
            BigDecimal difference = r.getAs("difference");
            if (AttributionReconciliation.EXCLUDED.equals(check)) {
                excluded.add(r.getAs("detail"));
                continue;
            }
            if (AttributionReconciliation.BOOKINGS_CHECK.equals(check)) {
                wonRevenue = wonRevenue.add(expected);
                bookings = bookings.add(actual);
            } else {
                creditedByModel.merge(r.getAs("scope") + "/" + r.getAs("model"), actual, BigDecimal::add);
            }
            if (difference.signum() != 0) {
                breaks.add(check + " " + r.getAs("closed_quarter") + (r.getAs("model") == null ? ""
                        : " " + r.getAs("scope") + " " + r.getAs("model")) + ": " + difference);
            }
        }
        manifest.recordControlTotal("attribution.won_revenue", wonRevenue.toPlainString());
        for (String model : AttributionModels.ALL) {
            manifest.recordControlTotal("attribution.credited." + model, creditedByModel.getOrDefault(
                    AttributionScope.LEAD + "/" + model, BigDecimal.ZERO).toPlainString());
        }
        for (String model : AttributionModels.ALL) {
            manifest.recordControlTotal("attribution.account.credited." + model, creditedByModel.getOrDefault(
                    AttributionScope.ACCOUNT + "/" + model, BigDecimal.ZERO).toPlainString());
        }
        manifest.recordControlTotal("sales_channel_contribution.bookings", bookings.toPlainString());
        manifest.recordControlTotal("attribution.excluded_missing_fx_deals", excluded.size());
        manifest.recordControlTotal("attribution.reconciliation_breaks", breaks.size());
        if (breaks.isEmpty()) {
            return Optional.empty();
        }
        log.warn("attribution invariants broken: {}", breaks);
        return Optional.of(Errors.reconciliationFailed("Attribution / sales-channel control totals (" + breaks.size()
                + " differences: " + String.join("; ", breaks.subList(0, Math.min(5, breaks.size()))) + ")",
                file.toString()));
    }

    /** crm_hygiene and its summary, forecast_accuracy and surprise_deals. */
    private void hygieneAndForecast(LocalDate asOf, Dataset<Row> won, FiscalCalendar calendar,
                                    RunManifest manifest, ReportInputs inputs) {
        if (!inputs.runs("crm_hygiene")) { // all four need the opportunities and their history
            return;
        }
        Dataset<Row> opportunities = silver("opportunities");
        Dataset<Row> history = silver("opportunity_history");
        publish("crm_hygiene", CrmHygiene.compute(opportunities, history, won, calendar, HygieneRules.of(settings),
                asOf), CrmHygiene.sortKeys(), asOf, manifest);
        publish("crm_hygiene_summary", CrmHygiene.summary(gold("crm_hygiene", asOf)), CrmHygiene.summarySortKeys(),
                asOf, manifest);

        Dataset<Row> weeks = ForecastAccuracy.weeks(history, won, calendar, asOf);
        Dataset<Row> states = ForecastAccuracy.weeklyStatesInQuarter(history, opportunities, weeks,
                        silver("fx_rates"), settings.reportingCurrency(), calendar)
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK()); // both forecast reports use it
        publish("forecast_accuracy", ForecastAccuracy.compute(states, weeks, won, asOf), ForecastAccuracy.sortKeys(),
                asOf, manifest);
        publish("surprise_deals", ForecastAccuracy.surpriseDeals(states, weeks, won,
                settings.forecastSurpriseWindowDays(), asOf), ForecastAccuracy.surpriseSortKeys(), asOf, manifest);
        states.unpersist();
    }

    /** The run date's partition of a gold report already written this night. */
    private Dataset<Row> gold(String report, LocalDate asOf) {
        return spark.read().format("delta").load(warehouse.gold(report))
                .filter(org.apache.spark.sql.functions.col("as_of").equalTo(java.sql.Date.valueOf(asOf)));
    }

    private Dataset<Row> silver(String table) {
        return spark.read().format("delta").load(warehouse.silver(table));
    }

    /** Writes the report's as_of partition, then its exports from the table just written. */
    void publish(String report, Dataset<Row> rows, String[] sortKeys, LocalDate asOf, RunManifest manifest) {
        publish(report, rows, sortKeys, asOf, manifest, java.util.function.UnaryOperator.identity());
    }

    /** As above, exporting {@code exportView} of the rows written (e.g. with a totals row the table does not have). */
    void publish(String report, Dataset<Row> rows, String[] sortKeys, LocalDate asOf, RunManifest manifest,
                 java.util.function.UnaryOperator<Dataset<Row>> exportView) {
        publish(report, path -> DeltaTables.replacePartitions(rows, path, "as_of", "as_of = DATE'" + asOf + "'"),
                sortKeys, asOf, manifest, exportView);
    }

    /** As above, the partition written by {@code writePartition} (given the table's path). */
    private void publish(String report, java.util.function.Consumer<String> writePartition, String[] sortKeys,
                         LocalDate asOf, RunManifest manifest,
                         java.util.function.UnaryOperator<Dataset<Row>> exportView) {
        RunStep.run(spark, report, () -> write(report, writePartition, sortKeys, asOf, manifest, exportView));
    }

    private void write(String report, java.util.function.Consumer<String> writePartition, String[] sortKeys,
                       LocalDate asOf, RunManifest manifest,
                       java.util.function.UnaryOperator<Dataset<Row>> exportView) {
        long start = System.nanoTime();
        String path = warehouse.gold(report);
        writePartition.accept(path);
        Dataset<Row> written = spark.read().format("delta").load(path)
                .filter(org.apache.spark.sql.functions.col("as_of").equalTo(java.sql.Date.valueOf(asOf)));
        long rowCount = ReportExport.write(exportView.apply(written), report, sortKeys,
                warehouse.exportDir(report, asOf));
        manifest.recordReport(report, rowCount);
        log.info("gold {}: {} rows, exported to {} ({})", report, StageLog.count(rowCount),
                warehouse.exportDir(report, asOf), StageLog.seconds((System.nanoTime() - start) / 1e9));
    }
}
