package io.glengarry.lineage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a night read and wrote, for its COMPLETE or FAIL event: the drop's extracts, every table as the night left
 * it, the export files of the night and the control totals of its reconciliations. Empty for a run that failed
 * before it read its drop.
 */
public record NightLineage(Path dropFolder, Map<String, ExtractCounts> extracts, List<TableWritten> tables,
                           List<Path> exports, Map<String, Object> controlTotals) {
    public static NightLineage nothing(Path dropFolder) {
        return new NightLineage(dropFolder, Map.of(), List.of(), List.of(), Map.of());
    }
}
