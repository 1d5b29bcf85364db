package io.glengarry.ingest;

import java.util.List;

/**
 * One record of an RFC 4180 file: its fields (null for an empty cell), the line it starts on (the header is
 * line 1), its raw text as it stood in the file, and a problem when it could not be split cleanly.
 */
public record CsvRecord(List<String> fields, long line, String rawText, String problem) {
}
