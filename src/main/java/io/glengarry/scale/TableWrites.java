package io.glengarry.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.runtime.DeltaTables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a night wrote to each Delta table of the warehouse, read from the commits it added to the tables' logs (no
 * Spark): data files added and removed, bytes and rows added, and for a MERGE the rows it inserted, updated and
 * deleted - for the current tables ({@code silver/_current/<extract>}) that is the night's change set. A table
 * rewritten in full each night shows every one of its files removed and added again; a compaction's files count
 * as written too.
 */
final class TableWrites {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMIT_FILE = "\\d{20}\\.json";

    /** One table's writes of a night; {@code name} is its folder under the warehouse (silver/touches). */
    record Written(String name, long commits, long filesAdded, long filesRemoved, long bytesAdded, long rowsAdded,
                   long rowsInserted, long rowsUpdated, long rowsDeleted) {

        /** A MERGE inserted, updated or deleted rows. */
        boolean merged() {
            return rowsInserted + rowsUpdated + rowsDeleted > 0;
        }
    }

    private TableWrites() {
    }

    /** The latest commit version of every Delta table under the warehouse, by table folder (-1: no commit yet). */
    static Map<String, Long> versions(Path warehouse) {
        Map<String, Long> versions = new TreeMap<>();
        for (Path log : deltaLogs(warehouse)) {
            versions.put(name(warehouse, log), DeltaTables.latestVersion(log.getParent().toString()));
        }
        return versions;
    }

    /** Delta commit files in every table of the warehouse. */
    static long commitCount(Path warehouse) {
        return deltaLogs(warehouse).stream().mapToLong(log -> commits(log).size()).sum();
    }

    /**
     * What the commits after {@code before} (from {@link #versions}) wrote, per table, most bytes first; tables
     * without a new commit are left out.
     */
    static List<Written> since(Path warehouse, Map<String, Long> before) {
        List<Written> written = new ArrayList<>();
        for (Path log : deltaLogs(warehouse)) {
            String table = name(warehouse, log);
            long after = before.getOrDefault(table, -1L);
            List<Path> commits = commits(log).stream().filter(c -> version(c) > after).toList();
            if (!commits.isEmpty()) {
                written.add(read(table, commits));
            }
        }
        written.sort(Comparator.comparingLong(Written::bytesAdded).reversed().thenComparing(Written::name));
        return written;
    }

    private static Written read(String table, List<Path> commits) {
        long[] n = new long[7]; // files added, removed, bytes, rows added, inserted, updated, deleted
        for (Path commit : commits) {
            try (BufferedReader lines = Files.newBufferedReader(commit, StandardCharsets.UTF_8)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode action = JSON.readTree(line);
                    JsonNode add = action.path("add");
                    if (add.isObject()) { // a compaction's files too (dataChange false): written all the same
                        n[0]++;
                        n[2] += add.path("size").asLong();
                        if (add.hasNonNull("stats")) {
                            n[3] += JSON.readTree(add.get("stats").asText()).path("numRecords").asLong();
                        }
                    }
                    JsonNode remove = action.path("remove");
                    if (remove.isObject()) {
                        n[1]++;
                    }
                    JsonNode metrics = action.path("commitInfo").path("operationMetrics");
                    n[4] += metrics.path("numTargetRowsInserted").asLong();
                    n[5] += metrics.path("numTargetRowsUpdated").asLong();
                    n[6] += metrics.path("numTargetRowsDeleted").asLong();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the Delta commit " + commit, e);
            }
        }
        return new Written(table, commits.size(), n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }

    /** The {@code _delta_log} folders of every table (layer/table or silver/_current/table). */
    private static List<Path> deltaLogs(Path warehouse) {
        if (!Files.isDirectory(warehouse)) {
            return List.of();
        }
        try (Stream<Path> logs = Files.find(warehouse, 4, (p, a) -> a.isDirectory()
                && p.getFileName().toString().equals("_delta_log"))) {
            return logs.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the Delta logs under " + warehouse, e);
        }
    }

    private static List<Path> commits(Path deltaLog) {
        try (Stream<Path> files = Files.list(deltaLog)) {
            return files.filter(f -> f.getFileName().toString().matches(COMMIT_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + deltaLog, e);
        }
    }

    private static long version(Path commit) {
        return Long.parseLong(commit.getFileName().toString().substring(0, 20));
    }

    private static String name(Path warehouse, Path deltaLog) {
        return warehouse.relativize(deltaLog.getParent()).toString().replace('\\', '/');
    }
}
