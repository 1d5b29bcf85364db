package io.glengarry.lineage;

import java.util.List;

/**
 * A Delta table as the night left it, for its lineage: the manifest's name ({@code gold.cohort_conversion}), its
 * folder, Delta version, rows and columns with their types (from the Delta log).
 */
public record TableWritten(String name, String location, long version, long rows, List<String> columns,
                           List<String> types) {
    /** bronze, silver or gold. */
    String layer() {
        return name.substring(0, name.indexOf('.'));
    }
}
