package io.glengarry.ingest;

import io.glengarry.runtime.Errors;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Looks at a drop folder before anything is read into Spark: which files belong to which extract, and whether
 * each file is the extract it claims to be (UTF-8, ',' separated, every required column present). Any problem
 * here is fatal (exit 3) and nothing has been written yet.
 */
public final class DropInspector {
    private static final Pattern FILE_NAME = Pattern.compile("^([a-z_]+?)(-[^/]+)?\\.csv(\\.gz)?$");

    private DropInspector() {
    }

    /** The files of every extract present in the drop, in extract order; unknown files are returned aside. */
    public static Map<Extract, ExtractFiles> inspect(Path dropDir, List<String> unknownFilesOut) {
        return inspect(dropDir, SourceMapping.canonical(), unknownFilesOut);
    }

    /**
     * The same for a drop of another source: files are named and their columns checked as the source mapping
     * says. A column the mapping reads that a file lacks is fatal, naming the mapping, the file and the column.
     */
    public static Map<Extract, ExtractFiles> inspect(Path dropDir, SourceMapping mapping,
                                                     List<String> unknownFilesOut) {
        if (!Files.isDirectory(dropDir)) {
            Path landing = dropDir.toAbsolutePath().getParent();
            if (landing != null && Files.exists(landing) && !Files.isDirectory(landing)) {
                throw Errors.landingNotAFolder(landing.toString());
            }
            throw Errors.dropMissing(dropDir.toString());
        }
        Map<Extract, List<Path>> byExtract = new EnumMap<>(Extract.class);
        try (Stream<Path> listing = Files.list(dropDir)) {
            for (Path p : listing.sorted().toList()) {
                String name = p.getFileName().toString();
                Extract extract = mapping.extractOf(name);
                ExtractMapping misnamedAs = extract == null && Files.isRegularFile(p) ? mapping.misnamedAs(name) : null;
                if (misnamedAs != null) {
                    throw Errors.misnamedFile(displayName(dropDir, p), misnamedAs.fileStem());
                }
                if (extract == null || !Files.isRegularFile(p)) {
                    unknownFilesOut.add(name);
                } else {
                    refuseLinkOutsideLanding(p, dropDir);
                    byExtract.computeIfAbsent(extract, e -> new ArrayList<>()).add(p);
                }
            }
        } catch (IOException e) {
            throw Errors.unreadableFile(dropDir.toString(), e);
        }
        if (byExtract.isEmpty()) {
            throw Errors.emptyDrop(dropDir.toString(), mapping.expectedFileNames());
        }
        byExtract.forEach((extract, files) -> checkOneDelivery(mapping.of(extract), files, dropDir));
        // every file read once, side by side (decompression and UTF-8 decoding are the cost); a problem is raised
        // for the first bad file in drop order, whichever thread found it first
        Map<Path, List<String>> headers = checkAll(mapping, byExtract, dropDir);
        Map<Extract, ExtractFiles> result = new EnumMap<>(Extract.class);
        for (Map.Entry<Extract, List<Path>> entry : byExtract.entrySet()) {
            result.put(entry.getKey(), describe(mapping, entry.getKey(), entry.getValue(), dropDir, headers));
        }
        return result;
    }

    /**
     * An extract file that is a symbolic link (or lies in a linked folder) leading outside the landing folder is
     * refused before a byte of it is read: a drop holds its own files.
     */
    private static void refuseLinkOutsideLanding(Path file, Path dropDir) throws IOException {
        Path landing = dropDir.toAbsolutePath().getParent();
        Path landingReal = landing == null ? dropDir.toRealPath() : landing.toRealPath();
        if (!file.toRealPath().startsWith(landingReal)) {
            throw Errors.linkOutsideLanding(displayName(dropDir, file), landing == null ? "" : landing.toString());
        }
    }

    /**
     * An extract arrives once: as one whole file, or as parts. A whole file beside another file of the extract
     * ({@code leads.csv} and {@code leads.csv.gz}, or {@code leads.csv} and {@code leads-0001.csv}) - or two files
     * of one part number - is the extract delivered twice (GG-313: its rows would count twice). Parts numbered
     * {@code 0001, 0002, 0004} have lost one (GG-314): numbered parts start at 0 or 1 and run without a gap. Parts
     * named otherwise ({@code leads-emea.csv}) are not checked for gaps.
     */
    static void checkOneDelivery(ExtractMapping mapping, List<Path> files, Path dropDir) {
        Map<Path, String> parts = new java.util.LinkedHashMap<>();
        files.forEach(file -> parts.put(file, mapping.partOf(file.getFileName().toString())));
        if (files.size() > 1) {
            for (Path file : files) {
                if (parts.get(file).isEmpty()) {
                    throw Errors.extractDeliveredTwice(mapping.fileStem(), displayName(dropDir, file),
                            files.stream().filter(f -> f != file).map(f -> displayName(dropDir, f)).toList());
                }
            }
        }
        java.util.TreeMap<Long, Path> numbered = new java.util.TreeMap<>();
        for (Path file : files) {
            if (!parts.get(file).matches("[0-9]{1,9}")) {
                return;
            }
            Path same = numbered.put(Long.parseLong(parts.get(file)), file);
            if (same != null) {
                throw Errors.extractDeliveredTwice(mapping.fileStem(), displayName(dropDir, file),
                        List.of(displayName(dropDir, same)));
            }
        }
        if (numbered.isEmpty()) {
            return;
        }
        long expected = Math.min(numbered.firstKey(), 1);
        for (Map.Entry<Long, Path> part : numbered.entrySet()) {
            if (part.getKey() != expected) {
                int width = parts.get(part.getValue()).length();
                String missing = mapping.fileStem() + "-" + String.format(Locale.ROOT, "%0" + width + "d", expected);
                throw Errors.partMissing(mapping.fileStem(), dropDir.getFileName() + "/" + missing,
                        displayName(dropDir, part.getValue()));
            }
            expected++;
        }
    }

    /** Checks every file of the drop on all cores; returns each file's header; throws the first file's problem. */
    private static Map<Path, List<String>> checkAll(SourceMapping mapping, Map<Extract, List<Path>> byExtract,
                                                    Path dropDir) {
        List<Path> files = new ArrayList<>();
        List<Callable<List<String>>> checks = new ArrayList<>();
        byExtract.forEach((extract, paths) -> {
            for (Path file : paths) {
                files.add(file);
                checks.add(() -> checkFile(mapping.label(), mapping.of(extract), file, displayName(dropDir, file)));
            }
        });
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "drop-inspector");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<String>>> results = pool.invokeAll(checks);
            Map<Path, List<String>> headers = new java.util.HashMap<>();
            for (int i = 0; i < files.size(); i++) {
                try {
                    headers.put(files.get(i), results.get(i).get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r
                            : Errors.unreadableFile(displayName(dropDir, files.get(i)), e.getCause());
                }
            }
            return headers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.unexpected("inspecting the drop " + dropDir, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The extract a file name belongs to: leads.csv, leads.csv.gz, leads-0001.csv[.gz]; null otherwise. */
    static Extract extractOf(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return Extract.byFileName(m.group(1));
    }

    private static ExtractFiles describe(SourceMapping mapping, Extract extract, List<Path> files, Path dropDir,
                                         Map<Path, List<String>> headers) {
        ExtractMapping extractMapping = mapping.of(extract);
        long bytes = 0;
        MessageDigest digest = sha256();
        List<String> ignored = new ArrayList<>();
        for (Path file : files) {
            String displayName = displayName(dropDir, file);
            for (String column : headers.get(file)) {
                if (!extractMapping.sourceColumns().contains(column) && !ignored.contains(column)) {
                    ignored.add(column);
                }
            }
            bytes += digestOf(file, displayName, digest);
        }
        return new ExtractFiles(extract, files.stream().map(p -> p.toAbsolutePath().toString()).toList(),
                files.stream().map(p -> displayName(dropDir, p)).toList(), bytes,
                HexFormat.of().formatHex(digest.digest()), ignored, extractMapping);
    }

    /** Feeds the digest with the file's bytes as stored (the extract's sha256 is that of its files in order). */
    private static long digestOf(Path file, String displayName, MessageDigest digest) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            long size = 0;
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                digest.update(chunk, 0, n);
                size += n;
            }
            return size;
        } catch (IOException e) {
            throw Errors.unreadableFile(displayName, e);
        }
    }

    /** How a file is named in bronze, quarantine and messages: <run-date folder>/<file name>. */
    static String displayName(Path dropDir, Path file) {
        return dropDir.getFileName() + "/" + file.getFileName();
    }

    /**
     * Reads the whole file once: checks the header and that every byte is UTF-8. Returns the header's column names.
     */
    private static List<String> checkFile(String mappingName, ExtractMapping mapping, Path file,
                                          String displayName) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             Reader reader = utf8Reader(decompressed(raw, file.getFileName().toString()))) {
            CsvRecordReader records = new CsvRecordReader(reader);
            List<String> header;
            try {
                if (!records.hasNext()) {
                    throw Errors.emptyFile(displayName);
                }
                header = normaliseHeader(records.next().fields());
                if (mapping.identity()) {
                    checkHeader(mapping.extract(), header, displayName);
                } else {
                    checkLayout(header, displayName);
                    checkMappedColumns(mappingName, mapping, header, displayName);
                    checkColumnsOnce(header, displayName);
                }
                drainCheckingUtf8(reader);
            } catch (CharacterCodingException e) {
                throw notUtf8(file, displayName);
            } catch (java.io.UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    throw notUtf8(file, displayName);
                }
                throw Errors.unreadableFile(displayName, e.getCause());
            }
            return header;
        } catch (IOException e) {
            throw Errors.unreadableFile(displayName, e);
        }
    }

    /**
     * Decodes the rest of the file through the strict UTF-8 reader without splitting it into records (Spark's
     * parse does that, in parallel): every byte is checked and digested, at the speed of decompression.
     */
    private static void drainCheckingUtf8(Reader reader) throws IOException {
        char[] chunk = new char[1 << 16];
        while (reader.read(chunk) >= 0) {
            // decoding is the check
        }
    }

    /** The error for a file that is not UTF-8, naming the line and offset of its first bad byte. */
    static RuntimeException notUtf8(Path file, String displayName) {
        try {
            long[] where = locateInvalidUtf8(file);
            return Errors.notUtf8(displayName, where[0], "first bad byte at offset " + where[1]);
        } catch (IOException e) {
            return Errors.unreadableFile(displayName, e);
        }
    }

    /** Line (1-based) and byte offset of the first byte sequence that is not UTF-8. */
    static long[] locateInvalidUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = decompressed(new BufferedInputStream(Files.newInputStream(file)),
                file.getFileName().toString())) {
            ByteBuffer bytes = ByteBuffer.allocate(1 << 14);
            CharBuffer chars = CharBuffer.allocate(1 << 14);
            long line = 1;
            long offset = 0;
            boolean end = false;
            while (true) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, end);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                    }
                }
                chars.clear();
                if (result.isError()) {
                    return new long[] {line, offset + bytes.position()};
                }
                offset += bytes.position();
                bytes.compact();
                if (end) {
                    return new long[] {line, offset};
                }
            }
        }
    }

    static InputStream decompressed(InputStream raw, String fileName) throws IOException {
        return fileName.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** A strict UTF-8 reader: undecodable bytes raise an error instead of turning into replacement characters. */
    static Reader utf8Reader(InputStream in) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }

    static List<String> normaliseHeader(List<String> fields) {
        List<String> header = new ArrayList<>();
        for (String f : fields) {
            header.add(f == null ? "" : f.trim().toLowerCase(Locale.ROOT));
        }
        return header;
    }

    /** The separator: a header of one column holding ';', a tab or '|' is a file of another separator. */
    static void checkLayout(List<String> header, String displayName) {
        if (header.size() == 1) {
            String only = header.get(0);
            for (char separator : new char[] {';', '\t', '|'}) {
                if (only.indexOf(separator) >= 0) {
                    throw Errors.wrongDelimiter(displayName, separator);
                }
            }
        }
    }

    /**
     * Each column once - checked after the required columns, so that a data row read as the header (values, not
     * names) is reported as the missing header it is.
     */
    static void checkColumnsOnce(List<String> header, String displayName) {
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!column.isEmpty() && !seen.add(column)) {
                throw Errors.duplicateColumn(displayName, column);
            }
        }
    }

    static void checkHeader(Extract extract, List<String> header, String displayName) {
        checkLayout(header, displayName);
        for (ExtractColumn column : extract.columns()) {
            if (column.required() && !header.contains(column.name())) {
                throw Errors.missingColumn(displayName, column.name(), extract.fileName(), header);
            }
        }
        checkColumnsOnce(header, displayName);
    }

    /** Every source column a mapping reads must be in the file's header (names compared case-insensitively). */
    static void checkMappedColumns(String mappingName, ExtractMapping mapping, List<String> header,
                                   String displayName) {
        for (ColumnSource column : mapping.columns()) {
            for (String source : column.sourceColumns()) {
                if (!header.contains(source)) {
                    throw Errors.mappedColumnMissing(mappingName, displayName,
                            column.from() != null ? column.from() : source, column.column(), header);
                }
            }
        }
        for (String source : mapping.whereColumns()) {
            if (!header.contains(source)) {
                throw Errors.mappedColumnMissing(mappingName, displayName, source, "where " + mapping.where(),
                        header);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
