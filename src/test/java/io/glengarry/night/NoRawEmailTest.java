package io.glengarry.night;

import io.glengarry.SampleWarehouse;
import io.glengarry.TestSpark;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No e-mail address of the sample drops (every leads.csv, every column) is in a silver table (current-state tables
 * under silver/_current included, where kept), a gold table, an export or a manifest of the sample nights: past
 * bronze, which keeps the delivered rows (lineage), e-mails are a keyed pseudonym (README "silver"). The log of a
 * whole night is scanned by ConcurrentRunsTest; silver/_current/leads, which the samples are too small to keep, by
 * IncrementalEqualsRebuildTest.
 */
class NoRawEmailTest {
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private final SparkSession spark = TestSpark.get();

    /** Every e-mail address written anywhere in the sample drops' leads files. */
    static Set<String> addressesInTheDrops() throws IOException {
        Set<String> addresses = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("data-samples/landing"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("leads")).toList()) {
                java.util.regex.Matcher m = EMAIL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    addresses.add(m.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        return addresses;
    }

    @Test
    void noAddressOfTheDropsIsInSilverGoldExportsOrManifests() throws IOException {
        Set<String> addresses = addressesInTheDrops();
        assertThat(addresses).as("the samples hold addresses to look for").hasSizeGreaterThan(100);
        Warehouse warehouse = SampleWarehouse.get();

        List<String> found = new ArrayList<>();
        for (String layer : List.of("silver", "silver/_current", "gold")) {
            for (Path table : deltaTables(warehouse.root().resolve(layer))) {
                Dataset<Row> rows = spark.read().format("delta").load(table.toString());
                for (StructField f : rows.schema().fields()) {
                    if (!f.dataType().equals(DataTypes.StringType)) {
                        continue;
                    }
                    Column address = lower(regexp_extract(col(f.name()), EMAIL.pattern(), 0));
                    rows.select(address.as("a")).filter(col("a").notEqual("")).distinct().collectAsList()
                            .forEach(r -> {
                                if (addresses.contains(r.getString(0))) {
                                    found.add(layer + "/" + table.getFileName() + "." + f.name() + ": "
                                            + r.getString(0));
                                }
                            });
                }
            }
        }
        for (String folder : List.of("exports", "manifests", "lineage")) {
            try (Stream<Path> files = Files.walk(warehouse.root().resolve(folder))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    addressesIn(text, addresses).forEach(a -> found.add(warehouse.root().relativize(f) + ": " + a));
                }
            }
        }
        assertThat(found).as("raw e-mail addresses outside bronze").isEmpty();
    }

    /** The addresses of {@code addresses} that a text holds (any case). */
    static List<String> addressesIn(String text, Set<String> addresses) {
        List<String> found = new ArrayList<>();
        java.util.regex.Matcher m = EMAIL.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (addresses.contains(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }

    /** The Delta tables of a layer folder (none when it does not exist). */
    private static List<Path> deltaTables(Path layer) throws IOException {
        if (!Files.isDirectory(layer)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(layer, 1)) {
            return walk.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).sorted().toList();
        }
    }
}
