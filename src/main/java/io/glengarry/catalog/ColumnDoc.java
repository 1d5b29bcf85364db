package io.glengarry.catalog;

/** What a column means and, where a spec or rule defines it, which one (e.g. "METRICS.md Shared rules: Revenue"). */
public record ColumnDoc(String name, String meaning, String rule) {
    public ColumnDoc {
        rule = rule == null ? "" : rule;
    }
}
