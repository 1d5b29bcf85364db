package io.glengarry.lineage;

import java.net.URI;
import java.nio.file.Path;

/**
 * A dataset's OpenLineage namespace and name from its location, by the OpenLineage naming rules: a local path is
 * namespace {@code file} and its absolute path; a URI ({@code hdfs://nn:8020/w}, {@code s3://bucket/w}) is its
 * scheme and authority, and its path.
 */
record DatasetName(String namespace, String name) {
    static DatasetName of(String location) {
        if (location.contains("://")) {
            URI uri = URI.create(location);
            return new DatasetName(uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority()),
                    uri.getPath());
        }
        return new DatasetName("file", Path.of(location).toAbsolutePath().normalize().toString());
    }
}
