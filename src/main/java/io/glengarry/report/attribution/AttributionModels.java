package io.glengarry.report.attribution;

import java.util.List;

/** The model names of METRICS.md "attribution", declared once, in report order. */
public final class AttributionModels {
    public static final String FIRST_TOUCH = "first_touch";
    public static final String LAST_TOUCH = "last_touch";
    public static final String LINEAR = "linear";
    public static final String TIME_DECAY = "time_decay";
    public static final String U_SHAPED = "u_shaped";
    public static final String W_SHAPED = "w_shaped";
    public static final String MARKOV = "markov";
    public static final List<String> ALL = List.of(FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, U_SHAPED, W_SHAPED,
            MARKOV);
    /** The models whose credits depend on each deal's own touchpoints only. */
    public static final List<String> RULE_BASED = List.of(FIRST_TOUCH, LAST_TOUCH, LINEAR, TIME_DECAY, U_SHAPED,
            W_SHAPED);
    /** The channel credited with a won deal that has no touchpoint. */
    public static final String UNATTRIBUTED = "unattributed";

    private AttributionModels() {
    }
}
