package io.glengarry.runtime;

import java.nio.file.Path;
import java.time.LocalDate;

/** Where everything lives inside a warehouse folder (shared/spec/INTERFACE.md). */
public record Warehouse(Path root) {
    public Warehouse {
        root = root.toAbsolutePath().normalize();
    }

    public String bronze(String table) {
        return root.resolve("bronze").resolve(table).toString();
    }

    public String quarantine() {
        return bronze("_quarantine");
    }

    /** One row per (run date, extract): the drop's files and counts; silver reads it to order drops. */
    public String drops() {
        return bronze("_drops");
    }

    /**
     * Scratch of a run: each drop's typed rows, parsed once, between bronze_read and bronze_write. No table or
     * export; removed when bronze is written, and at the start of every run (a killed run's leftovers).
     */
    public Path staging() {
        return root.resolve("_staging");
    }

    public String silver(String table) {
        return root.resolve("silver").resolve(table).toString();
    }

    /** The winning version of every record of an extract, kept by MERGE (silver/_current/<extract>; internal). */
    public String current(String extract) {
        return root.resolve("silver").resolve("_current").resolve(extract).toString();
    }

    public String gold(String table) {
        return root.resolve("gold").resolve(table).toString();
    }

    public Path exportDir(String report, LocalDate asOf) {
        return root.resolve("exports").resolve(report).resolve("as_of=" + asOf);
    }

    /** The embedded metastore (Derby) and its logs: the table catalog that travels with the warehouse. */
    public Path catalogDir() {
        return root.resolve("_catalog");
    }

    public Path manifest(LocalDate runDate) {
        return root.resolve("manifests").resolve(runDate + ".json");
    }
}
