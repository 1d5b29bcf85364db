package io.glengarry.export;

import io.glengarry.runtime.Folders;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes one report of one run date as {@code <report>.csv} and {@code <report>.parquet} in
 * {@code exports/<report>/as_of=<date>/}, in a deterministic row order. Both are written into a hidden temporary
 * folder next to it and moved into place only when complete, so a run killed half-way never leaves a partial
 * export, and re-running a night reproduces its files byte for byte. The CSV streams through the driver one
 * partition at a time ({@code toLocalIterator}); nothing is collected whole.
 */
public final class ReportExport {
    private ReportExport() {
    }

    /** Writes both files and returns the number of rows exported. */
    public static long write(Dataset<Row> report, String name, String[] sortKeys, Path exportDir) {
        Column[] order = java.util.Arrays.stream(sortKeys).map(org.apache.spark.sql.functions::col)
                .toArray(Column[]::new);
        Dataset<Row> sorted = report.orderBy(order);
        return replaceFolder(exportDir, tmp -> {
            Path parquet = writeParquet(sorted, tmp, name);
            // the CSV streams from the one sorted Parquet file just written: one small job, same rows, same order
            return writeCsv(report.sparkSession().read().parquet(parquet.toString()), tmp.resolve(name + ".csv"));
        });
    }

    /** Fills a folder with an export's files; what it returns is handed back by {@link #replaceFolder}. */
    @FunctionalInterface
    public interface FolderContents<T> {
        T writeInto(Path folder) throws IOException;
    }

    /**
     * The atomic part of every export: {@code contents} writes into a hidden temporary folder beside
     * {@code exportDir}, which then replaces {@code exportDir} by renames, so readers see the old files or the new
     * ones, never a half-written set.
     */
    public static <T> T replaceFolder(Path exportDir, FolderContents<T> contents) {
        Path parent = exportDir.getParent();
        Path tmp = parent.resolve("." + exportDir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(parent);
            Folders.deleteTree(tmp);
            Files.createDirectories(tmp);
            T result = contents.writeInto(tmp);
            Path old = parent.resolve("." + exportDir.getFileName() + ".old-" + ProcessHandle.current().pid());
            if (Files.exists(exportDir)) {
                Files.move(exportDir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, exportDir, StandardCopyOption.ATOMIC_MOVE);
            Folders.deleteTree(old);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export " + exportDir, e);
        }
    }

    private static long writeCsv(Dataset<Row> sorted, Path file) throws IOException {
        String[] columns = sorted.columns();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", columns));
            out.write('\n');
            Iterator<Row> rows = sorted.toLocalIterator();
            StringBuilder line = new StringBuilder(256);
            long count = 0;
            while (rows.hasNext()) {
                count++;
                Row row = rows.next();
                line.setLength(0);
                for (int i = 0; i < columns.length; i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(CsvFormat.cell(row.get(i)));
                }
                line.append('\n');
                out.write(line.toString());
            }
            return count;
        }
    }

    private static Path writeParquet(Dataset<Row> sorted, Path tmp, String name) throws IOException {
        Path sparkOut = tmp.resolve("_parquet");
        // one file: the sorted partitions concatenated in order (a report is an aggregate, small by construction)
        sorted.coalesce(1).write().option("compression", "snappy").parquet(sparkOut.toString());
        List<Path> parts;
        try (Stream<Path> files = Files.list(sparkOut)) {
            parts = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
        if (parts.size() != 1) {
            throw new IllegalStateException("Expected one Parquet part for " + name + ", found " + parts);
        }
        Path file = tmp.resolve(name + ".parquet");
        Files.move(parts.get(0), file);
        Folders.deleteTree(sparkOut);
        return file;
    }
}
