package io.glengarry.ingest;

import java.io.Serializable;
import java.util.List;

/** One column of an extract: its name, kind of value, whether it is required and, for a choice, the values. */
public record ExtractColumn(String name, ColumnType type, boolean required, List<String> choices)
        implements Serializable {

    static ExtractColumn required(String name, ColumnType type) {
        return new ExtractColumn(name, type, true, List.of());
    }

    static ExtractColumn optional(String name, ColumnType type) {
        return new ExtractColumn(name, type, false, List.of());
    }

    static ExtractColumn requiredChoice(String name, String... choices) {
        return new ExtractColumn(name, ColumnType.CHOICE, true, List.of(choices));
    }

    static ExtractColumn optionalChoice(String name, String... choices) {
        return new ExtractColumn(name, ColumnType.CHOICE, false, List.of(choices));
    }

    /** What a value of this column must look like, for error messages. */
    public String expectation() {
        return type == ColumnType.CHOICE ? "one of " + String.join(", ", choices) : type.expectation;
    }
}
