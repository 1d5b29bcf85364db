package io.glengarry.report;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * attribution_credit's partition by slice (scope and quarter) on real Delta tables: a slice whose inputs are those of
 * the previous night is carried (the same files, not computed again), the others and the markov rows written, in one
 * commit; a re-run gives the same partition; a table of the earlier layout is laid out again with every night kept.
 */
class CreditSlicesTest {
    private static final StructType CREDITS = new StructType().add("as_of", "date").add("opportunity_id", "string")
            .add("model", "string").add("credit", "decimal(20,2)").add("closed_quarter_index", "int");
    private static final StructType INPUTS = new StructType().add("scope", "string").add("closed_quarter_index", "int")
            .add("deal_bucket", "int")
            .add("input_rows", "long").add("input_hash_a", "decimal(38,0)").add("input_hash_b", "decimal(38,0)");

    private final SparkSession spark = TestSpark.get();

    /** rows "quarter:opportunity:model:credit" as of the date. */
    private Dataset<Row> credits(String asOf, String... rows) {
        List<Row> list = Stream.of(rows).map(r -> r.split(":")).map(p -> RowFactory.create(
                java.sql.Date.valueOf(asOf), p[1], p[2], new BigDecimal(p[3]), Integer.parseInt(p[0]))).toList();
        return spark.createDataFrame(list, CREDITS);
    }

    /** quarter -> hash: one summary row per quarter, of its one deal O<quarter> (lead scope). */
    private Dataset<Row> inputs(int... quarterAndHash) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < quarterAndHash.length; i += 2) {
            list.add(RowFactory.create("lead", quarterAndHash[i], bucket("O" + quarterAndHash[i]), 1L,
                    BigDecimal.valueOf(quarterAndHash[i + 1]), BigDecimal.ONE));
        }
        return spark.createDataFrame(list, INPUTS);
    }

    private static int bucket(String opportunity) {
        return io.glengarry.report.attribution.AttributionCredit.dealBucket(opportunity);
    }

    /** "scope:quarter:bucket" of the quarter's deal O<quarter>. */
    private static String slice(String scope, int quarter) {
        return scope + ":" + quarter + ":" + bucket("O" + quarter);
    }

    /** The rule-based rows (one scope: lead) of the quarters a filter selects, recording the filters asked for. */
    private static java.util.Map<String, Function<Column, Dataset<Row>>> ruleBased(Dataset<Row> all,
                                                                               List<String> asked) {
        return java.util.Map.of("lead", quarters -> {
            asked.add(all.filter(quarters).select("closed_quarter_index").distinct().orderBy("closed_quarter_index")
                    .collectAsList().toString());
            return all.filter(quarters);
        });
    }

    private List<String> partition(String path, String asOf) {
        return spark.read().format("delta").load(path).filter(col("as_of").equalTo(java.sql.Date.valueOf(asOf)))
                .orderBy("closed_quarter_index", "opportunity_id", "model").collectAsList().stream()
                .map(r -> r.getAs("closed_quarter_index") + ":" + r.getAs("opportunity_id") + ":" + r.getAs("model")
                        + ":" + r.getAs("credit")).toList();
    }

    private static List<Path> parquet(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void aQuarterWithTheSameInputsIsCarriedAndTheRestComputed(@TempDir Path dir) throws Exception {
        String path = dir.resolve("attribution_credit").toString();
        List<String> asked = new ArrayList<>();
        CreditSlices.Written first = CreditSlices.write(spark, path, LocalDate.of(2026, 11, 25), "r",
                inputs(1, 10, 2, 20), ruleBased(credits("2026-11-25", "1:O1:linear:10.00", "2:O2:linear:20.00"),
                        asked), credits("2026-11-25", "1:O1:markov:10.00", "2:O2:markov:20.00"));
        assertThat(first.mode()).isEqualTo("rebuilt");
        assertThat(first.recomputed()).containsExactly(slice("lead", 1), slice("lead", 2));

        // night 2: quarter 1's inputs as before, quarter 2's changed, quarter 3 new; the function would give other
        // rows for quarter 1, so the partition shows whether it was carried or computed
        asked.clear();
        Dataset<Row> night2 = credits("2026-11-26", "1:O1:linear:99.99", "2:O2:linear:21.00", "3:O3:linear:30.00");
        Dataset<Row> markov2 = credits("2026-11-26", "1:O1:markov:10.00", "2:O2:markov:21.00", "3:O3:markov:30.00");
        CreditSlices.Written second = CreditSlices.write(spark, path, LocalDate.of(2026, 11, 26), "r",
                inputs(1, 10, 2, 21, 3, 30), ruleBased(night2, asked), markov2);
        assertThat(second.mode()).isEqualTo("incremental");
        assertThat(second.from()).isEqualTo("2026-11-25");
        assertThat(second.carried()).containsExactly(slice("lead", 1));
        assertThat(second.recomputed()).containsExactly(slice("lead", 2), slice("lead", 3));
        assertThat(asked).as("rule-based rows computed for the changed quarters only").contains("[[2], [3]]");
        List<String> expected = List.of("1:O1:linear:10.00", "1:O1:markov:10.00", "2:O2:linear:21.00",
                "2:O2:markov:21.00", "3:O3:linear:30.00", "3:O3:markov:30.00");
        assertThat(partition(path, "2026-11-26")).isEqualTo(expected);
        assertThat(partition(path, "2026-11-25")).containsExactly("1:O1:linear:10.00", "1:O1:markov:10.00",
                "2:O2:linear:20.00", "2:O2:markov:20.00");
        // the carried rule-based file is the previous night's (a hard link), the markov one new
        List<Path> before = parquet(dir.resolve("attribution_credit/as_of=2026-11-25/closed_quarter_index=1"));
        List<Path> after = parquet(dir.resolve("attribution_credit/as_of=2026-11-26/closed_quarter_index=1"));
        assertThat(after.stream().filter(a -> before.stream().anyMatch(b -> same(a, b)))).hasSize(1);
        assertThat(after).hasSize(2);

        // the night again: every quarter's rule-based files kept where they are (the partition itself is the
        // source), the markov rows written again, the same partition
        CreditSlices.Written again = CreditSlices.write(spark, path, LocalDate.of(2026, 11, 26), "r",
                inputs(1, 10, 2, 21, 3, 30), ruleBased(night2, asked), markov2);
        assertThat(again.from()).isEqualTo("2026-11-26");
        assertThat(again.carried()).containsExactly(slice("lead", 1), slice("lead", 2), slice("lead", 3));
        assertThat(again.recomputed()).isEmpty();
        assertThat(partition(path, "2026-11-26")).isEqualTo(expected);

        // other settings ("results"): nothing carried
        CreditSlices.Written otherSettings = CreditSlices.write(spark, path, LocalDate.of(2026, 11, 26), "s",
                inputs(1, 10, 2, 21, 3, 30), ruleBased(night2, asked), markov2);
        assertThat(otherSettings.carried()).isEmpty();
        assertThat(partition(path, "2026-11-26")).contains("1:O1:linear:99.99");
    }

    /** Slices "scope:quarter:opportunity:hash". */
    private Dataset<Row> scopedInputs(String... slices) {
        List<Row> list = Stream.of(slices).map(x -> x.split(":")).map(p -> RowFactory.create(p[0],
                Integer.parseInt(p[1]), bucket(p[2]), 1L, new BigDecimal(p[3]), BigDecimal.ONE)).toList();
        return spark.createDataFrame(list, INPUTS);
    }

    @Test
    void theScopesOfAQuarterAreSlicesOfTheirOwn(@TempDir Path dir) {
        String path = dir.resolve("attribution_credit").toString();
        java.util.Map<String, Function<Column, Dataset<Row>>> night1 = java.util.Map.of(
                "lead", q -> credits("2026-11-25", "1:O1:lead_linear:10.00").filter(q),
                "account", q -> credits("2026-11-25", "1:O1:account_linear:10.00").filter(q));
        CreditSlices.write(spark, path, LocalDate.of(2026, 11, 25), "r", scopedInputs("lead:1:O1:10",
                "account:1:O1:10"), night1, credits("2026-11-25"));
        // the account scope of quarter 1 changed (a lead of the account deleted, say), the lead scope did not
        java.util.Map<String, Function<Column, Dataset<Row>>> night2 = java.util.Map.of(
                "lead", q -> credits("2026-11-26", "1:O1:lead_linear:99.99").filter(q),
                "account", q -> credits("2026-11-26", "1:O1:account_linear:11.00").filter(q));
        CreditSlices.Written written = CreditSlices.write(spark, path, LocalDate.of(2026, 11, 26), "r",
                scopedInputs("lead:1:O1:10", "account:1:O1:11"), night2, credits("2026-11-26"));
        assertThat(written.carried()).containsExactly(slice("lead", 1));
        assertThat(written.recomputed()).containsExactly(slice("account", 1));
        assertThat(partition(path, "2026-11-26")).containsExactly("1:O1:account_linear:11.00",
                "1:O1:lead_linear:10.00");
    }

    @Test
    void theDealsOfAQuarterAreSlicedByBucketAndEachFileHoldsOneBucket(@TempDir Path dir) throws Exception {
        String path = dir.resolve("attribution_credit").toString();
        String other = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "P" + i)
                .filter(id -> bucket(id) != bucket("O1")).findFirst().orElseThrow();
        CreditSlices.write(spark, path, LocalDate.of(2026, 11, 25), "r", scopedInputs("lead:1:O1:10",
                "lead:1:" + other + ":20"), ruleBased(credits("2026-11-25", "1:O1:linear:10.00",
                "1:" + other + ":linear:20.00"), new ArrayList<>()), credits("2026-11-25"));
        // each bucket in a file of its own
        assertThat(parquet(dir.resolve("attribution_credit/as_of=2026-11-25/closed_quarter_index=1"))).hasSize(2);
        // the other deal changed: its bucket is recomputed, O1's carried
        CreditSlices.Written written = CreditSlices.write(spark, path, LocalDate.of(2026, 11, 26), "r",
                scopedInputs("lead:1:O1:10", "lead:1:" + other + ":21"), ruleBased(credits("2026-11-26",
                        "1:O1:linear:99.99", "1:" + other + ":linear:21.00"), new ArrayList<>()), credits("2026-11-26"));
        assertThat(written.carried()).containsExactly(slice("lead", 1));
        assertThat(written.recomputed()).containsExactly("lead:1:" + bucket(other));
        assertThat(partition(path, "2026-11-26")).containsExactly("1:O1:linear:10.00",
                "1:" + other + ":linear:21.00");
    }

    @Test
    void aTableOfTheEarlierLayoutIsLaidOutAgainKeepingEveryNight(@TempDir Path dir) {
        String path = dir.resolve("attribution_credit").toString();
        credits("2026-11-25", "1:O1:linear:10.00", "2:O2:markov:20.00").write().format("delta")
                .partitionBy("as_of").save(path);
        CreditSlices.Written written = CreditSlices.write(spark, path, LocalDate.of(2026, 11, 26), "r",
                inputs(1, 10), ruleBased(credits("2026-11-26", "1:O1:linear:11.00"), new ArrayList<>()),
                credits("2026-11-26", "1:O1:markov:11.00"));
        assertThat(written.mode()).isEqualTo("rebuilt");
        assertThat(written.reason()).contains("laid out again", "partitioned by [as_of]");
        assertThat(io.delta.tables.DeltaTable.forPath(spark, path).detail().select("partitionColumns").head()
                .getList(0)).containsExactly("as_of", "closed_quarter_index");
        assertThat(partition(path, "2026-11-25")).containsExactly("1:O1:linear:10.00", "2:O2:markov:20.00");
        assertThat(partition(path, "2026-11-26")).containsExactly("1:O1:linear:11.00", "1:O1:markov:11.00");
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
