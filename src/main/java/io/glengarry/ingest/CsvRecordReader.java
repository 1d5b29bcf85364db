package io.glengarry.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Splits RFC 4180 text into records: ',' separator, '"' quoting with '""' as an escaped quote, line breaks
 * (\n, \r\n or \r) allowed inside quotes. Keeps each record's starting line and raw text, so a bad row can be
 * quarantined exactly as it was. A leading byte-order mark is skipped; blank lines between records are not
 * records. Never throws on bad quoting: the record carries a problem instead.
 */
public final class CsvRecordReader implements Iterator<CsvRecord> {
    private static final int EOF = -1;

    private final Reader reader;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private long line = 1;
    private boolean atStart = true;
    private CsvRecord next;

    public CsvRecordReader(Reader reader) {
        this.reader = reader;
    }

    /** The line the reader is on now (for errors raised while reading, such as undecodable bytes). */
    public long currentLine() {
        return line;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readRecord();
        }
        return next != null;
    }

    @Override
    public CsvRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRecord r = next;
        next = null;
        return r;
    }

    private int read() {
        if (position == limit) {
            try {
                limit = reader.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        return buffer[position++];
    }

    private int peek() {
        int c = read();
        if (c != EOF) {
            position--;
        }
        return c;
    }

    /** Consumes a line break whose first character c was just read; returns true if c was one. */
    private boolean consumeLineBreak(int c) {
        if (c == '\n') {
            line++;
            return true;
        }
        if (c == '\r') {
            if (peek() == '\n') {
                read();
            }
            line++;
            return true;
        }
        return false;
    }

    private CsvRecord readRecord() {
        int c = read();
        if (atStart) {
            atStart = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        // blank lines between records are not records
        while (c == '\n' || c == '\r') {
            consumeLineBreak(c);
            c = read();
        }
        if (c == EOF) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder raw = new StringBuilder(256);
        StringBuilder field = new StringBuilder(64);
        String problem = null;
        while (true) {
            // start of a field; c is its first character
            field.setLength(0);
            if (c == '"') {
                raw.append('"');
                while (true) {
                    c = read();
                    if (c == EOF) {
                        problem = "a quoted field opened on line " + startLine + " is never closed";
                        fields.add(field.toString());
                        return new CsvRecord(fields, startLine, raw.toString(), problem);
                    }
                    if (c == '"') {
                        raw.append('"');
                        if (peek() == '"') {
                            read();
                            raw.append('"');
                            field.append('"');
                            continue;
                        }
                        break;
                    }
                    if (c == '\r' || c == '\n') {
                        raw.append((char) c);
                        if (c == '\r' && peek() == '\n') {
                            read();
                            raw.append('\n');
                        }
                        line++;
                        field.append('\n');
                        continue;
                    }
                    raw.append((char) c);
                    field.append((char) c);
                }
                c = read();
                if (c != ',' && c != '\n' && c != '\r' && c != EOF && problem == null) {
                    problem = "text after the closing quote of field " + (fields.size() + 1);
                }
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    raw.append((char) c);
                    field.append((char) c);
                    c = read();
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    raw.append((char) c);
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(emptyToNull(field));
            if (c == ',') {
                raw.append(',');
                c = read();
                if (c == EOF || c == '\n' || c == '\r') {
                    fields.add(null); // a trailing separator ends in an empty last field
                    consumeLineBreak(c);
                    return new CsvRecord(fields, startLine, raw.toString(), problem);
                }
                continue;
            }
            consumeLineBreak(c);
            return new CsvRecord(fields, startLine, raw.toString(), problem);
        }
    }

    private static String emptyToNull(StringBuilder field) {
        return field.length() == 0 ? null : field.toString();
    }
}
