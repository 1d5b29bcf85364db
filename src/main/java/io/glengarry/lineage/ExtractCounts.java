package io.glengarry.lineage;

import java.util.List;
import java.util.Map;

/** One extract of the night's drop as its manifest records it: files, bytes, checksum and row counts. */
public record ExtractCounts(List<String> files, long bytes, String sha256, long rowsRead, long rowsAccepted,
                            long rowsQuarantined, Map<String, Long> quarantinedByReason) {
}
