package io.glengarry.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Columns that mean the same in every table that has them (keys, bookkeeping, shared dimensions). A table's own
 * {@link TableDoc} column wins over these.
 */
public final class CommonColumns {
    private static final Map<String, ColumnDoc> ALL = new LinkedHashMap<>();

    private CommonColumns() {
    }

    private static void add(String name, String meaning, String rule) {
        ALL.put(name, new ColumnDoc(name, meaning, rule));
    }

    public static Optional<ColumnDoc> find(String column) {
        return Optional.ofNullable(ALL.get(column));
    }

    static {
    }
}
