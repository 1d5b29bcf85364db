package io.glengarry.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The warehouse as one night left it: gold's {@code as_of} partition of that night, and every silver table at the
 * Delta version the night's manifest records (Delta time travel), so an old night is explained from the silver its
 * reports were computed from, not from tonight's.
 */
final class NightSnapshot {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final LocalDate asOf;
    private final Map<String, Long> silverVersions;
    /** Each silver table opened once per explanation: every measure reads the same snapshot. */
    private final Map<String, Dataset<Row>> silverTables = new java.util.HashMap<>();

    private NightSnapshot(SparkSession spark, Warehouse warehouse, LocalDate asOf, Map<String, Long> silverVersions) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.asOf = asOf;
        this.silverVersions = silverVersions;
    }

    /** The night {@code asOf}; a night without reports in gold (never run, or only ingested by a catch-up) fails. */
    static NightSnapshot of(SparkSession spark, Warehouse warehouse, LocalDate asOf) {
        Map<String, Long> versions = new TreeMap<>();
        JsonNode manifest = read(warehouse.manifest(asOf));
        if (manifest == null || manifest.path("reports").isEmpty()) {
            throw Errors.nightNotInGold(asOf.toString(), String.valueOf(warehouse.root()), nightsInGold(warehouse));
        }
        manifest.path("tables").fields().forEachRemaining(table -> {
            if (table.getKey().startsWith("silver.")) {
                versions.put(table.getKey().substring("silver.".length()),
                        table.getValue().path("delta_version").asLong());
            }
        });
        return new NightSnapshot(spark, warehouse, asOf, versions);
    }

    LocalDate asOf() {
        return asOf;
    }

    /** A silver table at the version the night wrote or kept (the latest when its manifest does not say). */
    Dataset<Row> silver(String table) {
        return silverTables.computeIfAbsent(table, t -> {
            Long version = silverVersions.get(t);
            return version == null ? spark.read().format("delta").load(warehouse.silver(t))
                    : spark.read().format("delta").option("versionAsOf", version).load(warehouse.silver(t));
        });
    }

    /** The night's rows of a gold report. */
    Dataset<Row> gold(String report) {
        return spark.read().format("delta").load(warehouse.gold(report))
                .filter(col("as_of").equalTo(lit(java.sql.Date.valueOf(asOf))));
    }

    /** The run dates whose manifest lists reports: the nights explain can read. */
    static List<String> nightsInGold(Warehouse warehouse) {
        Path folder = warehouse.root().resolve("manifests");
        List<String> nights = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return nights;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                JsonNode manifest = read(file);
                if (manifest != null && !manifest.path("reports").isEmpty()) {
                    nights.add(file.getFileName().toString().replace(".json", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nights;
    }

    private static JsonNode read(Path manifest) {
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            return JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest " + manifest, e);
        }
    }
}
