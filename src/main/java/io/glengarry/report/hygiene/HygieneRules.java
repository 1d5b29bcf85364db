package io.glengarry.report.hygiene;

import io.glengarry.config.Settings;

import java.math.BigDecimal;
import java.util.List;

/**
 * The thresholds of the crm_hygiene flags (conf {@code hygiene.*}) and the stage order, resolved once.
 *
 * @param sameDayMinAmount least won revenue (reporting currency) for {@code same_day_close}
 * @param staleDays        {@code stale_open}: open and last modified more than this many days before the run date
 * @param chronicPushCount {@code close_date_pushed_chronic}: at least this many pushes into a later quarter
 * @param lateEntryDays    {@code late_close_entry}: marked won more than this many days after the close_date
 * @param stageOrder       stages in forward order; the stages named "Closed ..." are terminal and rank equal; the
 *                         first of them is the won stage
 */
public record HygieneRules(BigDecimal sameDayMinAmount, int staleDays, int chronicPushCount, int lateEntryDays,
                           List<String> stageOrder) {

    public static HygieneRules of(Settings settings) {
        return new HygieneRules(settings.hygieneSameDayMinAmount(), settings.hygieneStaleDays(),
                settings.hygieneChronicPushCount(), settings.hygieneLateEntryDays(), settings.hygieneStageOrder());
    }

    /** The defaults of conf/glengarry.conf. */
    public static HygieneRules defaults() {
        return new HygieneRules(new BigDecimal("100000"), 60, 3, 7, List.of("Prospecting", "Qualification",
                "Needs Analysis", "Proposal", "Negotiation", "Closed Won", "Closed Lost"));
    }

    /** The won stage: the first closed stage of the order ("Closed Won" by default). */
    public String wonStage() {
        return stageOrder.stream().filter(Settings::isClosedStage).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("stage order without a closed stage: " + stageOrder));
    }

    int closedRank() {
        return (int) stageOrder.stream().filter(s -> !Settings.isClosedStage(s)).count() + 1;
    }
}
