package io.glengarry.runtime;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.FileAction;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes one partition of a partitioned Delta table (a gold report's {@code as_of = <run date>}) as the files of an
 * earlier partition that are still right, carried over, plus new files for the rest, in one commit: readers see the
 * old partition or the new one whole, never a mix. A carried file is a hard link of the earlier file under the new
 * partition's folder: its rows are the same bytes (the partition value lives in the Delta log, not in the Parquet
 * file), so carrying costs a directory entry, not a rewrite. Hard links need a local or POSIX shared file system
 * (docs/incremental.md); elsewhere {@link #replacePartition} refuses and the caller writes the partition whole.
 *
 * <p>Re-running a night is safe: a carried file already linked under the new partition is kept as it is, the
 * partition's other files are removed and the new rows written again. A run that dies between linking and its
 * commit leaves links no commit refers to (readers never see them); the next run reuses them.
 *
 * <p>Which files to carry is the caller's decision, by each file's partition values and the tags it was written with
 * ({@link Fresh}): attribution_credit tags its rule-based files with a fingerprint of their inputs
 * (report/CreditSlices). Step 1 of docs/incremental.md: measured on attribution_credit at scale 0.1, carrying its
 * 10.2M rows into a new partition takes 2-3 s warm (15 s in a cold JVM) against 17 s (35 s) for writing them again.
 */
public final class PartitionCarry {
    private PartitionCarry() {
    }

    /** What the commit did; {@code from}: the partition files were carried from (null: none). */
    public record Outcome(long version, String from, int carriedFiles, long carriedRows, int writtenFiles,
                          int removedFiles) {
    }

    /** An earlier file that may be carried: its partition values (as text) and the tags it was written with. */
    public record Slice(Map<String, String> partition, Map<String, String> tags) {
    }

    /**
     * Rows to write, and the tags each file written gets from the file as written (its partition values, its
     * statistics), recorded with the file in the Delta log: e.g. what its rows were computed from, so that a later
     * night can decide to carry it.
     */
    public record Fresh(Dataset<Row> rows, Function<AddFile, Map<String, String>> tags) {
        public static Fresh untagged(Dataset<Row> rows) {
            return new Fresh(rows, file -> Map.of());
        }
    }

    /** One set of fresh rows, untagged: see the method below. */
    public static Outcome replacePartition(Dataset<Row> fresh, String path, String partitionColumn, String value,
                                           String from, Predicate<Slice> carried) {
        return replacePartition(List.of(Fresh.untagged(fresh)), path, partitionColumn, value, from, carried);
    }

    /**
     * @param fresh           the rows of everything not carried, each set written with its tags; the rows land in
     *                        the partition written, whatever their {@code partitionColumn} holds
     * @param path            the table, partitioned by {@code partitionColumn} first (then any slice columns)
     * @param partitionColumn e.g. {@code as_of}
     * @param value           the partition written, e.g. tonight's run date
     * @param from            the earlier partition whose files may be carried; null: the partition itself when it
     *                        has files (a re-run), else the greatest value below it (ISO dates order as text)
     * @param carried         which of that partition's files to carry, by their partition values (all of them as
     *                        text, e.g. {@code closed_quarter_index -> 8096}) and tags
     */
    public static Outcome replacePartition(List<Fresh> fresh, String path, String partitionColumn, String value,
                                           String from, Predicate<Slice> carried) {
        return plan(fresh.get(0).rows().sparkSession(), path, partitionColumn, value, from, carried).commit(fresh);
    }

    /**
     * The first half of {@link #replacePartition}: links the files to carry (parameters as there) and returns the
     * plan, whose {@link Plan#carried} says which slices the fresh rows need not hold; {@link Plan#commit} writes
     * them and commits. Nothing is visible to readers before the commit.
     */
    public static Plan plan(SparkSession spark, String path, String partitionColumn, String value, String from,
                            Predicate<Slice> carried) {
        DeltaLog log = DeltaLog.forTable(spark, path);
        Path table = localFolder(log.dataPath().toUri());
        OptimisticTransaction txn = log.startTransaction();
        txn.readWholeTable(); // a concurrent writer of the table makes this commit fail, not mix
        List<AddFile> files = txn.snapshot().allFiles().collectAsList(); // with their statistics
        Map<String, AddFile> inTarget = new HashMap<>(); // the partition's files now, by path (a re-run)
        java.util.TreeSet<String> partitions = new java.util.TreeSet<>();
        for (AddFile f : files) {
            String partition = CollectionConverters.asJava(f.partitionValues()).get(partitionColumn);
            partitions.add(partition);
            if (value.equals(partition)) {
                inTarget.put(f.path(), f);
            }
        }
        String source = from != null ? from : !inTarget.isEmpty() ? value : partitions.lower(value);
        String fromPrefix = partitionColumn + "=" + source + "/";
        String toPrefix = partitionColumn + "=" + value + "/";
        long now = System.currentTimeMillis();
        Plan plan = new Plan(txn, partitionColumn, value);
        Set<String> kept = new HashSet<>();
        for (AddFile f : source == null ? List.<AddFile>of() : files) {
            Map<String, String> partition = CollectionConverters.asJava(f.partitionValues());
            Slice slice = new Slice(Map.copyOf(partition), f.tags() == null ? Map.of()
                    : Map.copyOf(CollectionConverters.asJava(f.tags())));
            if (!source.equals(partition.get(partitionColumn)) || !carried.test(slice)) {
                continue;
            }
            if (!f.path().startsWith(fromPrefix) || f.deletionVector() != null) {
                throw new IllegalStateException("Cannot carry " + f.path() + " of " + path + ": not a plain file under "
                        + fromPrefix);
            }
            String linkedPath = toPrefix + f.path().substring(fromPrefix.length());
            plan.from = source;
            plan.carriedFiles++;
            plan.carriedRows += f.numPhysicalRecords().isDefined() ? (Long) f.numPhysicalRecords().get() : 0;
            plan.carried.add(slice);
            if (inTarget.containsKey(linkedPath)) { // a re-run: linked by the earlier run of this night, still right
                kept.add(linkedPath);
                continue;
            }
            link(table.resolve(decoded(f.path())), table.resolve(decoded(linkedPath)));
            plan.actions.add(f.copy(linkedPath, f.partitionValues().updated(partitionColumn, value), f.size(),
                    now, true, f.stats(), f.tags(), f.deletionVector(), f.baseRowId(),
                    f.defaultRowCommitVersion(), f.clusteringProvider(), f.backReference(), f.amtPassthrough()));
        }
        for (AddFile f : inTarget.values()) {
            if (!kept.contains(f.path())) {
                plan.actions.add(f.removeWithTimestamp(now, true));
                plan.removedFiles++;
            }
        }
        return plan;
    }

    /** A partition's carried files, linked and not yet committed: {@link #commit} adds the fresh rows. */
    public static final class Plan {
        private final OptimisticTransaction txn;
        private final String partitionColumn;
        private final String value;
        private final List<Action> actions = new ArrayList<>();
        private final List<Slice> carried = new ArrayList<>();
        private String from;
        private int carriedFiles;
        private long carriedRows;
        private int removedFiles;

        private Plan(OptimisticTransaction txn, String partitionColumn, String value) {
            this.txn = txn;
            this.partitionColumn = partitionColumn;
            this.value = value;
        }

        /** Every file carried (its partition values and tags): the slices the fresh rows need not hold. */
        public List<Slice> carried() {
            return List.copyOf(carried);
        }

        /** Writes the fresh rows with their tags and commits the partition, carried files and all, at once. */
        public Outcome commit(List<Fresh> fresh) {
            int writtenFiles = 0;
            for (Fresh part : fresh) {
                Dataset<Row> rows = part.rows().withColumn(partitionColumn, org.apache.spark.sql.functions.lit(value)
                        .cast(part.rows().schema().apply(partitionColumn).dataType()));
                for (FileAction written : CollectionConverters.asJava(txn.writeFiles(rows))) {
                    actions.add(written instanceof AddFile add ? tagged(add, part.tags().apply(add)) : written);
                    writtenFiles++;
                }
            }
            String predicate = partitionColumn + " = '" + value + "'";
            long version = txn.commit(CollectionConverters.asScala(actions).toList(), new DeltaOperations.Write(
                    SaveMode.Overwrite, Option.apply(CollectionConverters.asScala(List.of(partitionColumn)).toList()),
                    Option.apply(predicate), Option.empty(), Option.empty(), Option.empty(), Option.empty(),
                    Option.empty(), Option.empty()));
            return new Outcome(version, from, carriedFiles, carriedRows, writtenFiles, removedFiles);
        }
    }

    /** The file with {@code tags} added to those it has. */
    private static AddFile tagged(AddFile f, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return f;
        }
        Map<String, String> all = new HashMap<>(f.tags() == null ? Map.of() : CollectionConverters.asJava(f.tags()));
        all.putAll(tags);
        scala.collection.immutable.Map<String, String> scalaTags =
                scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(all));
        return f.copy(f.path(), f.partitionValues(), f.size(), f.modificationTime(), f.dataChange(), f.stats(),
                scalaTags, f.deletionVector(), f.baseRowId(), f.defaultRowCommitVersion(), f.clusteringProvider(),
                f.backReference(), f.amtPassthrough());
    }

    private static Path localFolder(URI uri) {
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            throw new UnsupportedOperationException("Carrying files by hard link needs a local or mounted folder, not "
                    + uri);
        }
        return Path.of(uri.getPath());
    }

    /** A Delta add's path is a URI path relative to the table: decoded to the file's name on disk. */
    private static String decoded(String relative) {
        return URI.create(relative).getPath();
    }

    private static void link(Path existing, Path link) {
        try {
            Files.createDirectories(link.getParent());
            try {
                Files.createLink(link, existing);
            } catch (FileAlreadyExistsException e) {
                // left by a run killed before its commit: the same file, or a stale one to replace
                if (!Files.isSameFile(link, existing)) {
                    Files.delete(link);
                    Files.createLink(link, existing);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot link " + existing + " as " + link, e);
        }
    }
}
