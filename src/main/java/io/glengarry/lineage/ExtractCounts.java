package io.glengarry.lineage;

import io.glengarry.ingest.DropIntake;
import io.glengarry.ingest.ExtractIntake;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One extract of the night's drop as its manifest records it: files, bytes, checksum and row counts. */
public record ExtractCounts(List<String> files, long bytes, String sha256, long rowsRead, long rowsAccepted,
                            long rowsQuarantined, Map<String, Long> quarantinedByReason) {

    /** Each extract of a drop, by its name. */
    public static Map<String, ExtractCounts> of(DropIntake drop) {
        Map<String, ExtractCounts> counts = new TreeMap<>();
        for (ExtractIntake e : drop.extracts()) {
            counts.put(e.extract().fileName(), new ExtractCounts(e.files().names(), e.files().bytes(),
                    e.files().sha256(), e.rowsRead(), e.rowsAccepted(), e.rowsQuarantined(),
                    new TreeMap<>(e.quarantinedByReason())));
        }
        return counts;
    }
}
