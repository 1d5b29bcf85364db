package io.glengarry.scale;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Streams one extract of a generated drop into gzip'd part files {@code <extract>-0001.csv.gz}, ... (each with
 * the header), starting a new part every {@code rowsPerPart} rows. Java's gzip header carries no time stamp,
 * so the same rows give the same bytes. A drop with no row of an extract gets no file for it.
 */
final class CsvPartWriter implements AutoCloseable {
    private final Path dir;
    private final String extract;
    private final String header;
    private final long rowsPerPart;
    private final StringBuilder line = new StringBuilder(256);
    private Writer out;
    private int part;
    private long rowsInPart;
    private long rows;
    private boolean firstField = true;

    CsvPartWriter(Path dir, String extract, String header, long rowsPerPart) {
        this.dir = dir;
        this.extract = extract;
        this.header = header;
        this.rowsPerPart = rowsPerPart;
    }

    CsvPartWriter field(String value) {
        if (!firstField) {
            line.append(',');
        }
        firstField = false;
        if (value == null) {
            return this;
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (quote) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
        return this;
    }

    CsvPartWriter timestamp(long epochSecond, int form) {
        if (!firstField) {
            line.append(',');
        }
        firstField = false;
        Stamps.appendTimestamp(line, epochSecond, form);
        return this;
    }

    CsvPartWriter money(long cents) {
        if (!firstField) {
            line.append(',');
        }
        firstField = false;
        Stamps.appendCents(line, cents);
        return this;
    }

    /** Writes the line built so far (a bad row may carry fewer fields than the header: that is its defect). */
    void endRow() {
        try {
            if (out == null || rowsInPart == rowsPerPart) {
                openNextPart();
            }
            line.append('\n');
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write part " + part + " of " + extract + " in " + dir, e);
        }
        line.setLength(0);
        firstField = true;
        rowsInPart++;
        rows++;
    }

    long rows() {
        return rows;
    }

    private void openNextPart() throws IOException {
        closePart();
        part++;
        Files.createDirectories(dir);
        OutputStream file = Files.newOutputStream(dir.resolve(String.format("%s-%04d.csv.gz", extract, part)));
        GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
        out.write(header);
        out.write('\n');
        rowsInPart = 0;
    }

    private void closePart() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    public void close() {
        try {
            closePart();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish " + extract + " in " + dir, e);
        }
    }
}
