package io.glengarry.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documentation of one table: what a row is, the spec section or rule it follows, and its columns. A column
 * not documented here takes its meaning from {@link CommonColumns} (as_of, lead_id, channel, ...), so a table lists
 * only what is particular to it. Declared next to the code that builds the table and listed in {@link TableDocs}.
 */
public record TableDoc(Layer layer, String name, String meaning, String rule, Map<String, ColumnDoc> columns) {

    public static Builder bronze(String name, String meaning, String rule) {
        return new Builder(Layer.BRONZE, name, meaning, rule);
    }

    public static Builder silver(String name, String meaning, String rule) {
        return new Builder(Layer.SILVER, name, meaning, rule);
    }

    public static Builder gold(String name, String meaning, String rule) {
        return new Builder(Layer.GOLD, name, meaning, rule);
    }

    /** The column's own doc, else the common one. */
    public Optional<ColumnDoc> column(String column) {
        ColumnDoc own = columns.get(column);
        return own != null ? Optional.of(own) : CommonColumns.find(column);
    }

    public String key() {
        return layer.folder() + "." + name;
    }

    public static final class Builder {
        private final Layer layer;
        private final String name;
        private final String meaning;
        private final String rule;
        private final Map<String, ColumnDoc> columns = new LinkedHashMap<>();

        private Builder(Layer layer, String name, String meaning, String rule) {
            this.layer = layer;
            this.name = name;
            this.meaning = meaning;
            this.rule = rule;
        }

        public Builder column(String column, String columnMeaning) {
            return column(column, columnMeaning, "");
        }

        public Builder column(String column, String columnMeaning, String columnRule) {
            if (columns.put(column, new ColumnDoc(column, columnMeaning, columnRule)) != null) {
                throw new IllegalStateException(layer.folder() + "." + name + ": column " + column
                        + " documented twice");
            }
            return this;
        }

        /** The same docs for several columns of the same pattern (e.g. one per stage). */
        public Builder columns(List<String> names, String columnMeaning, String columnRule) {
            names.forEach(n -> column(n, columnMeaning, columnRule));
            return this;
        }

        public TableDoc build() {
            return new TableDoc(layer, name, meaning, rule, java.util.Collections.unmodifiableMap(columns));
        }
    }

    static List<TableDoc> of(Builder... builders) {
        List<TableDoc> docs = new ArrayList<>();
        for (Builder b : builders) {
            docs.add(b.build());
        }
        return docs;
    }
}
