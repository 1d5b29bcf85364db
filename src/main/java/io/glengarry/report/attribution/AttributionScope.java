package io.glengarry.report.attribution;

import java.util.List;

/**
 * The two scopes of METRICS.md "attribution": {@code lead} (a won deal's touchpoints are the touches of the leads
 * converted into it) and {@code account} (the touches of every lead matched to the deal's account, the buying
 * committee). Every attribution output row says which scope it belongs to.
 */
public final class AttributionScope {
    public static final String LEAD = "lead";
    public static final String ACCOUNT = "account";
    public static final List<String> ALL = List.of(LEAD, ACCOUNT);

    private AttributionScope() {
    }
}
