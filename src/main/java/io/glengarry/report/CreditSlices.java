package io.glengarry.report;

import io.glengarry.report.attribution.AttributionCredit;
import io.glengarry.runtime.BuiltFrom;
import io.glengarry.runtime.PartitionCarry;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

/**
 * Writes attribution_credit's partition of the run date (docs/incremental.md) so that the night costs what changed:
 * the table is partitioned by {@code as_of} and {@code closed_quarter_index}, and the rule-based rows of each slice
 * (scope, quarter, deal bucket: {@link AttributionCredit#dealBucket()}) are written one slice a file, tagged in the
 * Delta log with a fingerprint of everything they were computed from (the slice's deals and touchpoints, the
 * settings, the build). A slice whose fingerprint tonight equals the one its file carries in the previous partition
 * is carried over (hard links,
 * {@link PartitionCarry}); the other slices' rule-based rows and every quarter's markov rows (their removal effects
 * move with the run date) are computed. One commit: readers see the previous partition or tonight's, whole.
 *
 * <p>Rebuilt whole instead (and said so in the manifest): the first night, a table of the earlier layout
 * (partitioned by {@code as_of} alone: laid out again once, every night kept), a schema that changed, a warehouse
 * that is not a local or mounted folder.
 */
final class CreditSlices {
    static final String QUARTER = "closed_quarter_index";
    static final List<String> LAYOUT = List.of("as_of", QUARTER);
    /** Delta add tags: which rows a file holds, and (rule-based) the fingerprint of their inputs. */
    static final String ROWS_TAG = "glengarry.rows";
    static final String INPUTS_TAG = "glengarry.inputs";
    static final String SCOPE_TAG = "glengarry.scope";
    static final String BUCKET_TAG = "glengarry.bucket";
    static final String BUCKET = "deal_bucket";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    static final String SCOPE = "scope";
    static final String RULE_BASED = "rule_based";
    static final String MARKOV = "markov";

    private CreditSlices() {
    }

    /** What the write did: the slices ("scope:quarter:bucket") carried and recomputed, or why the partition was whole. */
    record Written(String mode, String reason, String from, List<String> carried, List<String> recomputed) {
        Map<String, Object> notice() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("mode", mode);
            if (reason != null) {
                out.put("reason", reason);
            }
            if (from != null) {
                out.put("carried_from", from);
            }
            out.put("carried_slices", carried);
            out.put("recomputed_slices", recomputed);
            return out;
        }
    }

    /**
     * @param results       fingerprint of the settings and build the credits depend on
     * @param sliceInputs   {@link AttributionCredit#sliceInputs}
     * @param ruleBased     per scope, the rule-based credits of the deals a filter (on closed_quarter_index and
     *                      opportunity_id) selects, computed from inputs filtered the same way
     * @param markov        every quarter's markov credits
     */
    static Written write(SparkSession spark, String path, LocalDate asOf, String results, Dataset<Row> sliceInputs,
                         Map<String, Function<Column, Dataset<Row>>> ruleBased, Dataset<Row> markov) {
        Map<String, String> fingerprints = new TreeMap<>(); // by "scope:quarter:bucket"
        for (Row r : sliceInputs.collectAsList()) {
            fingerprints.put(slice(r.getAs(SCOPE), r.getAs(QUARTER), r.getAs(BUCKET)), BuiltFrom.digest(
                    results, String.valueOf((Object) r.getAs("input_rows")),
                    String.valueOf((Object) r.getAs("input_hash_a")), String.valueOf((Object) r.getAs("input_hash_b"))));
        }
        List<String> slices = new ArrayList<>(fingerprints.keySet());
        Map<String, Dataset<Row>> everyRuleBased = new TreeMap<>();
        ruleBased.forEach((scope, rows) -> everyRuleBased.put(scope, rows.apply(
                org.apache.spark.sql.functions.lit(true))));
        Dataset<Row> anyRuleBased = everyRuleBased.values().iterator().next();
        String wholeBecause = wholeBecause(spark, path, anyRuleBased);
        String laidOut = null;
        if (wholeBecause != null) {
            if (wholeBecause.startsWith("layout")) {
                layOutByQuarter(spark, path);
                laidOut = "every night laid out again by as_of and closed_quarter_index (the table was " + wholeBecause
                        .substring("layout: ".length()) + ")";
            } else {
                Dataset<Row> all = markov;
                for (Dataset<Row> rows : everyRuleBased.values()) {
                    all = rows.unionByName(all);
                }
                io.glengarry.runtime.DeltaTables.replacePartitions(all, path, "as_of", "as_of = DATE'" + asOf + "'");
                return new Written("rebuilt", wholeBecause, null, List.of(), slices);
            }
        }
        if (!io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
            // an empty table of the layout, so that even the first night's files carry their tags
            spark.createDataFrame(List.of(), anyRuleBased.schema()).write().format("delta")
                    .partitionBy(LAYOUT.toArray(String[]::new)).save(path);
        }
        PartitionCarry.Plan plan = PartitionCarry.plan(spark, path, "as_of", asOf.toString(), null,
                file -> RULE_BASED.equals(file.tags().get(ROWS_TAG)) && file.tags().get(INPUTS_TAG) != null
                        && file.tags().get(INPUTS_TAG).equals(fingerprints.get(sliceOf(file))));
        TreeSet<String> carried = new TreeSet<>();
        plan.carried().forEach(f -> carried.add(sliceOf(f)));
        List<String> recomputed = slices.stream().filter(q -> !carried.contains(q)).toList();
        List<PartitionCarry.Fresh> fresh = new ArrayList<>();
        ruleBased.forEach((scope, rows) -> {
            String prefix = scope + ":";
            List<String> kept = carried.stream().filter(c -> c.startsWith(prefix))
                    .map(c -> c.substring(prefix.length())).toList();
            List<String> computed = recomputed.stream().filter(c -> c.startsWith(prefix))
                    .map(c -> c.substring(prefix.length())).toList();
            if (computed.isEmpty()) {
                return;
            }
            Dataset<Row> computedRows = kept.isEmpty() ? everyRuleBased.get(scope)
                    : rows.apply(not(quarterAndBucket().isin(kept.toArray())));
            fresh.add(new PartitionCarry.Fresh(oneSliceATask(computedRows, computed), file -> {
                Map<String, String> tags = new java.util.HashMap<>(Map.of(ROWS_TAG, RULE_BASED, SCOPE_TAG, scope));
                bucketOf(file).ifPresent(bucket -> {
                    tags.put(BUCKET_TAG, bucket);
                    String key = slice(scope, file.partitionValues().get(QUARTER).getOrElse(() -> null), bucket);
                    if (fingerprints.containsKey(key)) {
                        tags.put(INPUTS_TAG, fingerprints.get(key));
                    }
                });
                return tags;
            }));
        });
        fresh.add(new PartitionCarry.Fresh(markov, file -> Map.of(ROWS_TAG, MARKOV)));
        PartitionCarry.Outcome outcome = plan.commit(fresh);
        String reason = laidOut != null ? laidOut
                : carried.isEmpty() ? "no slice's inputs equal to those of an earlier partition" : null;
        return new Written(carried.isEmpty() ? "rebuilt" : "incremental", reason, outcome.from(),
                List.copyOf(carried), recomputed);
    }

    /** "quarter:bucket" of a row (a null quarter reads "null"), as the keys of the fingerprints. */
    private static Column quarterAndBucket() {
        return org.apache.spark.sql.functions.concat_ws(":", org.apache.spark.sql.functions.coalesce(
                col(QUARTER).cast("string"), org.apache.spark.sql.functions.lit("null")),
                AttributionCredit.dealBucket().cast("string"));
    }

    /** "scope:quarter:bucket" of an earlier file, from its tags and partition values. */
    private static String sliceOf(PartitionCarry.Slice file) {
        return slice(file.tags().get(SCOPE_TAG), file.partition().get(QUARTER), file.tags().get(BUCKET_TAG));
    }

    /** "scope:quarter:bucket", the key of a slice everywhere (a null quarter reads "null"). */
    private static String slice(Object scope, Object quarter, Object bucket) {
        return scope + ":" + quarter + ":" + bucket;
    }

    /**
     * The rows, one slice ("quarter:bucket" of {@code slices}) to a task, exactly: each file written then holds one
     * slice, whose tag can say what it was computed from. Spark places a row by pmod(murmur3(key, 42), tasks), so
     * each slice gets an integer key chosen to land on a task of its own.
     */
    static Dataset<Row> oneSliceATask(Dataset<Row> rows, List<String> slices) {
        int tasks = slices.size();
        int[] keyOfTask = new int[tasks];
        boolean[] taken = new boolean[tasks];
        int found = 0;
        for (int key = 0; found < tasks; key++) {
            int task = Math.floorMod(org.apache.spark.unsafe.hash.Murmur3_x86_32.hashInt(key, 42), tasks);
            if (!taken[task]) {
                taken[task] = true;
                keyOfTask[task] = key;
                found++;
            }
        }
        List<Column> keys = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            keys.add(org.apache.spark.sql.functions.lit(slices.get(i)));
            keys.add(org.apache.spark.sql.functions.lit(keyOfTask[i]));
        }
        return rows.withColumn("_slice_key", org.apache.spark.sql.functions.element_at(
                        org.apache.spark.sql.functions.map(keys.toArray(Column[]::new)), quarterAndBucket()))
                .repartition(tasks, col("_slice_key")).drop("_slice_key");
    }

    /**
     * The deal bucket of a file written one slice a task, from its statistics: the bucket of its least and greatest
     * opportunity_id, when both are there, whole (Delta keeps 32 characters of a text) and of one bucket. Empty:
     * the file is not tagged with inputs, and never carried.
     */
    static java.util.Optional<String> bucketOf(AddFile file) {
        if (file.stats() == null) {
            return java.util.Optional.empty();
        }
        try {
            com.fasterxml.jackson.databind.JsonNode stats = JSON.readTree(file.stats());
            String least = stats.path("minValues").path("opportunity_id").asText(null);
            String greatest = stats.path("maxValues").path("opportunity_id").asText(null);
            if (least == null || greatest == null || least.length() >= 32 || greatest.length() >= 32
                    || AttributionCredit.dealBucket(least) != AttributionCredit.dealBucket(greatest)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Integer.toString(AttributionCredit.dealBucket(least)));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Why tonight's partition cannot be written by slices (null: it can); "layout..." is mended by a relayout. */
    private static String wholeBecause(SparkSession spark, String path, Dataset<Row> rows) {
        java.net.URI uri = new org.apache.hadoop.fs.Path(path).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            return "not a local or mounted folder: files cannot be carried by hard link";
        }
        if (!io.delta.tables.DeltaTable.isDeltaTable(spark, path)) {
            return null;
        }
        Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty());
        if (!sameColumns(snapshot.metadata().schema().fields(), rows.schema().fields())) {
            return "the report's columns changed";
        }
        if (!CollectionConverters.asJava(snapshot.metadata().partitionColumns()).equals(LAYOUT)) {
            return "layout: partitioned by " + CollectionConverters.asJava(snapshot.metadata().partitionColumns());
        }
        return null;
    }

    private static boolean sameColumns(StructField[] table, StructField[] rows) {
        if (table.length != rows.length) {
            return false;
        }
        for (int i = 0; i < table.length; i++) {
            if (!table[i].name().equals(rows[i].name()) || !table[i].dataType().sameType(rows[i].dataType())) {
                return false;
            }
        }
        return true;
    }

    /** A table of the earlier layout (partitioned by as_of alone) rewritten once by as_of and quarter. */
    private static void layOutByQuarter(SparkSession spark, String path) {
        spark.read().format("delta").load(path).write().format("delta").mode(SaveMode.Overwrite)
                .option("overwriteSchema", "true").partitionBy(LAYOUT.toArray(String[]::new)).save(path);
    }
}
