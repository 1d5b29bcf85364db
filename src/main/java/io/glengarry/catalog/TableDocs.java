package io.glengarry.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every table's documentation, from the *Docs classes beside the code that writes each table. A new table adds a
 * {@link TableDoc} there and one line here; DataDictionaryTest fails until it does.
 */
public final class TableDocs {
    public static final List<TableDoc> ALL;

    static {
        List<TableDoc> all = new ArrayList<>();
        all.addAll(io.glengarry.ingest.BronzeDocs.tables());
        all.addAll(io.glengarry.conform.SilverDocs.tables());
        all.add(io.glengarry.report.cohort.CohortConversionDocs.table());
        all.add(io.glengarry.report.funnel.FunnelConversionDocs.table());
        all.addAll(io.glengarry.report.attribution.AttributionDocs.tables());
        all.add(io.glengarry.report.sales.SalesChannelContributionDocs.table());
        all.addAll(io.glengarry.report.hygiene.CrmHygieneDocs.tables());
        all.addAll(io.glengarry.report.forecast.ForecastAccuracyDocs.tables());
        all.addAll(io.glengarry.report.spend.SpendDocs.tables());
        ALL = List.copyOf(all);
    }

    private TableDocs() {
    }

    public static Optional<TableDoc> find(Layer layer, String name) {
        return ALL.stream().filter(d -> d.layer() == layer && d.name().equals(name)).findFirst();
    }
}
