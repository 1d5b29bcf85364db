package io.glengarry.explain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reports explain knows, by name. */
final class ReportExplanations {
    private static final Map<String, ReportExplanation> BY_NAME = new LinkedHashMap<>();

    static {
        for (ReportExplanation r : List.of(StageExplanations.cohortConversion(), StageExplanations.funnelConversion(),
                AttributionExplanations.channelContribution(), AttributionExplanations.campaignContribution(),
                AttributionExplanations.attributionCredit(), SpendExplanation.spendReconciliation(),
                AttributionExplanations.salesChannelContribution(), HygieneExplanation.crmHygiene())) {
            BY_NAME.put(r.report(), r);
        }
    }

    private ReportExplanations() {
    }

    static Optional<ReportExplanation> find(String report) {
        return Optional.ofNullable(BY_NAME.get(report));
    }

    static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
