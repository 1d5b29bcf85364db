package io.glengarry.lineage;

import io.glengarry.runtime.GlengarryException;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The OpenLineage events of one nightly run, built with the OpenLineage client's model (pure: data in, events out).
 * START names the job, the run date (nominal time), the code version and the parent run; COMPLETE and FAIL add
 * the inputs - one dataset per extract of the drop (rows read, accepted, quarantined) and the bronze and silver
 * tables the stages read - and the outputs: every table with its schema, Delta version and rows, and every export
 * file. The reconciliations are data-quality assertions on the silver tables they tie to. FAIL carries the error
 * code and the exit code.
 */
public final class RunEvents {
    public static final String JOB_NAME = "glengarry.nightly";
    /** Custom facets' names: ours, prefixed as the OpenLineage spec asks. */
    static final String RUN_FACET = "glengarry_run";
    static final String DROP_FACET = "glengarry_drop";

    private final OpenLineage openLineage;
    private final URI producer;
    private final UUID runId;
    private final String namespace;
    private final LocalDate runDate;
    private final String codeVersion;
    private final String sparkVersion;
    private final Optional<ParentRun> parent;

    public RunEvents(UUID runId, String namespace, LocalDate runDate, String codeVersion, String sparkVersion,
                     Optional<ParentRun> parent) {
        // a URI naming this code and its version (OpenLineage: "for example a git URL with a tag or sha")
        this.producer = URI.create("urn:glengarry:" + codeVersion.replaceAll("[^A-Za-z0-9.+-]", "-"));
        this.openLineage = new OpenLineage(producer);
        this.runId = runId;
        this.namespace = namespace;
        this.runDate = runDate;
        this.codeVersion = codeVersion;
        this.sparkVersion = sparkVersion;
        this.parent = parent;
    }

    public UUID runId() {
        return runId;
    }

    /** The run started: job, run date, code version and parent; the drop folder as its input. */
    public RunEvent start(ZonedDateTime at, Path dropFolder) {
        return event(at, RunEvent.EventType.START, runFacets(null).build(), List.of(folder(dropFolder)), List.of());
    }

    /** The night finished: what it read and wrote. */
    public RunEvent complete(ZonedDateTime at, NightLineage night) {
        return event(at, RunEvent.EventType.COMPLETE, runFacets(null).build(), inputs(night), outputs(night));
    }

    /**
     * The night failed with {@code failure}: what it read and wrote before it failed (everything, for a
     * reconciliation that did not tie; nothing, for a drop that broke the contract).
     */
    public RunEvent fail(ZonedDateTime at, NightLineage night, GlengarryException failure) {
        OpenLineage.RunFacetsBuilder facets = runFacets(failure)
                .errorMessage(openLineage.newErrorMessageRunFacetBuilder()
                        .message(failure.describe()).programmingLanguage("Java").build());
        return event(at, RunEvent.EventType.FAIL, facets.build(), inputs(night), outputs(night));
    }

    private RunEvent event(ZonedDateTime at, RunEvent.EventType type, OpenLineage.RunFacets runFacets,
                           List<InputDataset> inputs, List<OutputDataset> outputs) {
        OpenLineage.Job job = openLineage.newJobBuilder().namespace(namespace).name(JOB_NAME)
                .facets(openLineage.newJobFacetsBuilder().jobType(openLineage.newJobTypeJobFacetBuilder()
                        .processingType("BATCH").integration("GLENGARRY").jobType("JOB").build()).build())
                .build();
        return openLineage.newRunEventBuilder().eventTime(at).eventType(type)
                .run(openLineage.newRunBuilder().runId(runId).facets(runFacets).build())
                .job(job).inputs(inputs).outputs(outputs).build();
    }

    private OpenLineage.RunFacetsBuilder runFacets(GlengarryException failure) {
        ZonedDateTime start = runDate.atStartOfDay(ZoneOffset.UTC);
        OpenLineage.DefaultRunFacet glengarry = new OpenLineage.DefaultRunFacet(producer);
        glengarry.getAdditionalProperties().put("run_date", runDate.toString());
        glengarry.getAdditionalProperties().put("code_version", codeVersion);
        if (failure != null) {
            glengarry.getAdditionalProperties().put("error_code", failure.errorCode());
            glengarry.getAdditionalProperties().put("exit_code", failure.exitCode().code);
        }
        OpenLineage.RunFacetsBuilder facets = openLineage.newRunFacetsBuilder()
                .nominalTime(openLineage.newNominalTimeRunFacetBuilder().nominalStartTime(start)
                        .nominalEndTime(start.plusDays(1)).build())
                .processing_engine(openLineage.newProcessingEngineRunFacetBuilder().name("spark")
                        .version(sparkVersion).openlineageAdapterVersion(codeVersion).build())
                .put(RUN_FACET, glengarry);
        parent.ifPresent(p -> facets.parent(parentFacet(p)));
        return facets;
    }

    private OpenLineage.ParentRunFacet parentFacet(ParentRun p) {
        OpenLineage.ParentRunFacetBuilder facet = openLineage.newParentRunFacetBuilder()
                .run(openLineage.newParentRunFacetRunBuilder().runId(p.runId()).build())
                .job(openLineage.newParentRunFacetJobBuilder().namespace(p.namespace()).name(p.name()).build());
        p.root().ifPresent(root -> facet.root(openLineage.newParentRunFacetRootBuilder()
                .run(openLineage.newRootRunBuilder().runId(root.runId()).build())
                .job(openLineage.newRootJobBuilder().namespace(root.namespace()).name(root.name()).build())
                .build()));
        return facet.build();
    }

    private List<InputDataset> inputs(NightLineage night) {
        List<InputDataset> inputs = new ArrayList<>();
        night.extracts().forEach((extract, counts) -> inputs.add(extract(night.dropFolder(), extract, counts)));
        Map<String, List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions>> assertions =
                assertions(night.controlTotals());
        for (TableWritten table : night.tables()) {
            if (table.layer().equals("gold")) {
                continue; // the stages read bronze and silver; gold is only written
            }
            OpenLineage.InputDatasetInputFacetsBuilder facets = openLineage.newInputDatasetInputFacetsBuilder();
            List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> checks = assertions.get(table.name());
            if (checks != null) {
                facets.dataQualityAssertions(openLineage.newDataQualityAssertionsDatasetFacetBuilder()
                        .assertions(checks).build());
            }
            DatasetName name = DatasetName.of(table.location());
            inputs.add(openLineage.newInputDatasetBuilder().namespace(name.namespace()).name(name.name())
                    .facets(tableFacets(table).build()).inputFacets(facets.build()).build());
        }
        return inputs;
    }

    private InputDataset extract(Path dropFolder, String extract, ExtractCounts counts) {
        DatasetName name = DatasetName.of(dropFolder.resolve(extract).toString());
        OpenLineage.DefaultInputDatasetFacet drop = new OpenLineage.DefaultInputDatasetFacet(producer);
        drop.getAdditionalProperties().put("files", counts.files());
        drop.getAdditionalProperties().put("sha256", counts.sha256());
        drop.getAdditionalProperties().put("rows_read", counts.rowsRead());
        drop.getAdditionalProperties().put("rows_accepted", counts.rowsAccepted());
        drop.getAdditionalProperties().put("rows_quarantined", counts.rowsQuarantined());
        drop.getAdditionalProperties().put("quarantined_by_reason", new TreeMap<>(counts.quarantinedByReason()));
        return openLineage.newInputDatasetBuilder().namespace(name.namespace()).name(name.name())
                .facets(openLineage.newDatasetFacetsBuilder().storage(openLineage.newStorageDatasetFacetBuilder()
                        .storageLayer("file").fileFormat("csv").build()).build())
                .inputFacets(openLineage.newInputDatasetInputFacetsBuilder()
                        .inputStatistics(openLineage.newInputStatisticsInputDatasetFacetBuilder()
                                .rowCount(counts.rowsRead()).size(counts.bytes())
                                .fileCount((long) counts.files().size()).build())
                        .put(DROP_FACET, drop).build())
                .build();
    }

    private InputDataset folder(Path dropFolder) {
        DatasetName name = DatasetName.of(dropFolder.toString());
        return openLineage.newInputDatasetBuilder().namespace(name.namespace()).name(name.name()).build();
    }

    private List<OutputDataset> outputs(NightLineage night) {
        List<OutputDataset> outputs = new ArrayList<>();
        for (TableWritten table : night.tables()) {
            DatasetName name = DatasetName.of(table.location());
            outputs.add(openLineage.newOutputDatasetBuilder().namespace(name.namespace()).name(name.name())
                    .facets(tableFacets(table).schema(schema(table)).build())
                    .outputFacets(openLineage.newOutputDatasetOutputFacetsBuilder()
                            .outputStatistics(openLineage.newOutputStatisticsOutputDatasetFacetBuilder()
                                    .rowCount(table.rows()).build()).build())
                    .build());
        }
        for (Path export : night.exports()) {
            DatasetName name = DatasetName.of(export.toString());
            String file = export.getFileName().toString();
            outputs.add(openLineage.newOutputDatasetBuilder().namespace(name.namespace()).name(name.name())
                    .facets(openLineage.newDatasetFacetsBuilder().storage(openLineage.newStorageDatasetFacetBuilder()
                            .storageLayer("file").fileFormat(file.substring(file.lastIndexOf('.') + 1)).build())
                            .build())
                    .build());
        }
        return outputs;
    }

    /** A Delta table's version, storage and catalog name (symlink: glengarry_gold.cohort_conversion). */
    private OpenLineage.DatasetFacetsBuilder tableFacets(TableWritten table) {
        return openLineage.newDatasetFacetsBuilder()
                .version(openLineage.newDatasetVersionDatasetFacet(String.valueOf(table.version())))
                .storage(openLineage.newStorageDatasetFacetBuilder().storageLayer("delta").fileFormat("parquet")
                        .build())
                .symlinks(openLineage.newSymlinksDatasetFacet(List.of(openLineage.newSymlinksDatasetFacetIdentifiers(
                        namespace, "glengarry_" + table.name(), "TABLE"))));
    }

    private OpenLineage.SchemaDatasetFacet schema(TableWritten table) {
        List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            fields.add(openLineage.newSchemaDatasetFacetFieldsBuilder().name(table.columns().get(i))
                    .type(table.types().get(i)).ordinal_position((long) i + 1).build());
        }
        return openLineage.newSchemaDatasetFacet(fields);
    }

    /**
     * The run's reconciliations as assertions, by the silver table they tie to: attribution and sales channel
     * credit to won revenue (silver.won_opportunities), spend's control totals to the ledger (silver.spend). Each
     * says what was expected, what was found and whether it tied.
     */
    Map<String, List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions>> assertions(
            Map<String, Object> totals) {
        Map<String, List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions>> byTable = new TreeMap<>();
        Object won = totals.get("attribution.won_revenue");
        totals.forEach((name, value) -> {
            String table = name.startsWith("spend.") ? "silver.spend" : "silver.won_opportunities";
            Optional<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> check = Optional.empty();
            if (name.endsWith(".expected") && totals.containsKey(base(name) + ".actual")) {
                check = Optional.of(tie(base(name), value, totals.get(base(name) + ".actual")));
            } else if (won != null && (name.contains(".credited.") || name.equals("sales_channel_contribution.bookings"))) {
                check = Optional.of(tie(name + " = attribution.won_revenue", won, value));
            } else if (name.endsWith("reconciliation_breaks") || name.endsWith("breaking_lines")) {
                check = Optional.of(tie(name + " = 0", 0, value));
            }
            check.ifPresent(c -> byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(c));
        });
        return byTable;
    }

    private OpenLineage.DataQualityAssertionsDatasetFacetAssertions tie(String assertion, Object expected,
                                                                       Object actual) {
        BigDecimal difference = new BigDecimal(String.valueOf(actual)).subtract(new BigDecimal(String.valueOf(
                expected)));
        return openLineage.newDataQualityAssertionsDatasetFacetAssertionsBuilder().assertion(assertion)
                .success(difference.signum() == 0).expected(String.valueOf(expected)).actual(String.valueOf(actual))
                .content("difference " + difference.toPlainString()).contentType("text").build();
    }

    private static String base(String name) {
        return name.substring(0, name.lastIndexOf('.'));
    }
}
