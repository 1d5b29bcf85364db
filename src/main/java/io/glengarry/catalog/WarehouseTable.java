package io.glengarry.catalog;

import io.glengarry.runtime.Warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Delta table the job wrote: {@code <warehouse>/<layer>/<name>} holding a {@code _delta_log}. The catalog and the
 * data dictionary take the list of tables from the warehouse itself, so a table a new report adds is registered
 * (and must be documented) without a list to update.
 */
public record WarehouseTable(Layer layer, String name, Path path) {

    /** Every Delta table of the warehouse, by layer then name. */
    public static List<WarehouseTable> in(Warehouse warehouse) {
        List<WarehouseTable> tables = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            Path dir = warehouse.root().resolve(layer.folder());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .forEach(p -> tables.add(new WarehouseTable(layer, p.getFileName().toString(), p)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the tables of " + dir, e);
            }
        }
        return tables;
    }

    /** {@code bronze._quarantine}, {@code gold.cohort_conversion}: the key the docs and the manifest use. */
    public String key() {
        return layer.folder() + "." + name;
    }
}
