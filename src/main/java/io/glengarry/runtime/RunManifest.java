package io.glengarry.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.glengarry.ingest.DropIntake;
import io.glengarry.ingest.ExtractIntake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest of one run ({@code <warehouse>/manifests/<run-date>.json}), filled as the run goes and written
 * last, atomically. Its presence with {@code status} says the night is complete. Its methods are synchronized:
 * the gold reports record their rows and control totals from several threads.
 */
public final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Object> extracts = new TreeMap<>();
    private final Map<String, Object> tables = new TreeMap<>();
    private final Map<String, Object> reports = new TreeMap<>();
    private final Map<String, Object> controlTotals = new TreeMap<>();
    private final Map<String, Object> notices = new TreeMap<>();

    public RunManifest(LocalDate runDate, Instant startedAt, String codeVersion, String configSha256,
                       boolean fullSnapshot) {
        fields.put("status", "running");
        fields.put("run_date", runDate.toString());
        fields.put("started_at", startedAt.toString());
        fields.put("finished_at", null);
        fields.put("code_version", codeVersion);
        fields.put("config_sha256", configSha256);
        fields.put("full_snapshot", fullSnapshot);
    }

    public synchronized void recordDrop(DropIntake drop) {
        for (ExtractIntake e : drop.extracts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("files", e.files().names());
            m.put("bytes", e.files().bytes());
            m.put("sha256", e.files().sha256());
            m.put("rows_read", e.rowsRead());
            m.put("rows_accepted", e.rowsAccepted());
            m.put("rows_quarantined", e.rowsQuarantined());
            m.put("quarantined_by_reason", new TreeMap<>(e.quarantinedByReason()));
            m.put("ignored_columns", e.files().ignoredColumns());
            extracts.put(e.extract().fileName(), m);
        }
        notices.put("missing_extracts", drop.missingExtracts().stream().map(x -> x.fileName()).toList());
        notices.put("unknown_files", drop.unknownFiles());
    }

    public synchronized void recordTable(String table, long deltaVersion, long rows) {
        tables.put(table, Map.of("delta_version", deltaVersion, "rows", rows));
    }

    public synchronized void recordReport(String report, long rows) {
        reports.put(report, Map.of("rows", rows));
    }

    public synchronized void recordControlTotal(String name, Object value) {
        controlTotals.put(name, value);
    }

    public synchronized void recordNotice(String name, Object value) {
        notices.put(name, value);
    }

    /** The control totals recorded so far, by name (read by the run summary page). */
    public synchronized Map<String, Object> controlTotals() {
        return java.util.Collections.unmodifiableMap(controlTotals);
    }

    /** Tonight's drop per extract: files, bytes, rows_read, rows_accepted, rows_quarantined, ... */
    public synchronized Map<String, Object> extracts() {
        return java.util.Collections.unmodifiableMap(extracts);
    }

    public String codeVersion() {
        return String.valueOf(fields.get("code_version"));
    }

    /** Checks rows_read = rows_accepted + rows_quarantined for every extract, then writes the file atomically. */
    public synchronized void write(Path file, String status, Instant finishedAt, Map<String, Double> stageSeconds) {
        for (Map.Entry<String, Object> e : extracts.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            long read = (Long) m.get("rows_read");
            long accepted = (Long) m.get("rows_accepted");
            long quarantined = (Long) m.get("rows_quarantined");
            if (read != accepted + quarantined) {
                throw new IllegalStateException("Manifest invariant broken for " + e.getKey() + ": rows_read " + read
                        + " != rows_accepted " + accepted + " + rows_quarantined " + quarantined);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put("status", status);
        out.put("finished_at", finishedAt.toString());
        out.put("extracts", extracts);
        out.put("tables", tables);
        out.put("reports", reports);
        out.put("control_totals", controlTotals);
        out.put("notices", notices);
        Map<String, Object> stages = new LinkedHashMap<>();
        stageSeconds.forEach((stage, seconds) -> stages.put(stage, Map.of("seconds", Math.round(seconds * 1000) / 1000.0)));
        out.put("stages", stages);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), out);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the manifest " + file, e);
        }
    }

    public static List<String> requiredFields() {
        return List.of("status", "run_date", "started_at", "finished_at", "code_version", "config_sha256",
                "extracts", "tables", "reports", "control_totals", "stages");
    }
}
