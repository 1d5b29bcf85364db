package io.glengarry.ingest;

import java.util.List;

/**
 * The files of one extract in a drop, with the facts the manifest records about them, and the source mapping
 * they are read through (the identity for canonical files).
 */
public record ExtractFiles(Extract extract, List<String> paths, List<String> names, long bytes, String sha256,
                           List<String> ignoredColumns, ExtractMapping mapping) {
}
