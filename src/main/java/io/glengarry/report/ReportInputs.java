package io.glengarry.report;

import io.glengarry.export.summary.RunSummary;
import io.glengarry.ingest.Extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which extracts each report needs, and which of them this warehouse has ever received (a drop on or before the
 * run date). EXTRACTS.md: a missing optional extract is not an error; the reports that need it are skipped with a
 * notice, all others run. An extract missing from one night's drop only is not missing: the reports use the
 * earlier drops. Rule and list in docs/rules.md "Reading drops" (reports whose extract never came).
 */
public final class ReportInputs {
    /** The run summary page: it draws cohort_conversion, funnel_conversion and channel_contribution. */
    public static final String SUMMARY = RunSummary.NAME;

    private static final List<Extract> FUNNEL = List.of(Extract.LEADS, Extract.OPPORTUNITIES);
    private static final List<Extract> ATTRIBUTION = List.of(Extract.LEADS, Extract.TOUCHES, Extract.OPPORTUNITIES);
    private static final List<Extract> PIPELINE = List.of(Extract.OPPORTUNITIES, Extract.OPPORTUNITY_HISTORY);
    private static final List<Extract> SPEND = List.of(Extract.SPEND, Extract.LEADS, Extract.TOUCHES,
            Extract.OPPORTUNITIES);
    private static final Map<String, List<Extract>> NEEDS = needs();

    private final Set<String> delivered;

    private ReportInputs(Set<String> delivered) {
        this.delivered = Set.copyOf(delivered);
    }

    /** {@code delivered}: the file names of the extracts in any drop up to the run date (bronze/_drops). */
    public static ReportInputs of(Set<String> delivered) {
        return new ReportInputs(delivered);
    }

    private static Map<String, List<Extract>> needs() {
        Map<String, List<Extract>> m = new LinkedHashMap<>();
        m.put("cohort_conversion", FUNNEL);
        m.put("funnel_conversion", FUNNEL);
        for (String r : List.of("attribution_credit", "channel_contribution", "campaign_contribution",
                "attribution_model_comparison", GoldReports.ATTRIBUTION_RECONCILIATION, SUMMARY)) {
            m.put(r, ATTRIBUTION);
        }
        m.put("sales_channel_contribution", List.of(Extract.OPPORTUNITIES));
        for (String r : List.of("crm_hygiene", "crm_hygiene_summary", "forecast_accuracy", "surprise_deals")) {
            m.put(r, PIPELINE);
        }
        m.put("spend_reconciliation", SPEND);
        m.put(GoldReports.SPEND_CONTROL, SPEND);
        m.put("campaign_budget", List.of(Extract.CAMPAIGNS, Extract.SPEND));
        return m;
    }

    /** The extracts a report (or export, or the summary page) needs; every gold report has an entry. */
    public static List<Extract> needs(String report) {
        List<Extract> needed = NEEDS.get(report);
        if (needed == null) {
            throw new IllegalArgumentException("No inputs declared for the report " + report);
        }
        return needed;
    }

    /** The needed extracts never delivered, by file name (empty: the report runs). */
    public List<String> missing(String report) {
        return needs(report).stream().map(Extract::fileName).filter(e -> !delivered.contains(e)).toList();
    }

    public boolean runs(String report) {
        return missing(report).isEmpty();
    }

    /** Every skipped report with the extracts it lacks, for the manifest's notices (empty when all run). */
    public Map<String, List<String>> skipped() {
        Map<String, List<String>> out = new TreeMap<>();
        for (String report : NEEDS.keySet()) {
            List<String> lacking = missing(report);
            if (!lacking.isEmpty()) {
                out.put(report, lacking);
            }
        }
        return out;
    }
}
