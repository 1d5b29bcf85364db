package io.glengarry.lineage;

import io.glengarry.config.Settings;
import io.glengarry.runtime.Errors;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.Warehouse;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.utils.UUIDUtils;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The lineage of one {@code run}: START when it begins, then COMPLETE, or FAIL with the error code and exit code
 * (a refused drop, a reconciliation that did not tie, anything unexpected). Thin IO around {@link RunEvents}.
 */
public final class RunLineage implements AutoCloseable {
    private final RunEvents events;
    private final LineageEmitter emitter;
    private final Path dropFolder;
    private final String warehouse;
    private boolean finished;

    private RunLineage(RunEvents events, LineageEmitter emitter, Path dropFolder, String warehouse) {
        this.events = events;
        this.emitter = emitter;
        this.dropFolder = dropFolder;
        this.warehouse = warehouse;
    }

    /** Emits START. */
    public static RunLineage start(SparkSession spark, Settings settings, LocalDate runDate, String codeVersion) {
        Map<String, String> sparkProperties = new HashMap<>();
        for (Tuple2<String, String> p : spark.sparkContext().getConf().getAll()) {
            sparkProperties.put(p._1(), p._2());
        }
        RunEvents events = new RunEvents(UUIDUtils.generateNewUUID(), settings.lineageNamespace(), runDate,
                codeVersion, spark.version(), ParentRun.of(settings.lineageParent(), sparkProperties));
        Path dropFolder = Path.of(settings.landing()).resolve(runDate.toString());
        RunLineage lineage = new RunLineage(events, LineageEmitter.of(settings), dropFolder, settings.warehouse());
        lineage.emit("START", () -> events.start(ZonedDateTime.now(), dropFolder));
        return lineage;
    }

    /** Emits COMPLETE, or FAIL when the night's reconciliation did not tie (its outputs are written either way). */
    public void finish(NightLineage night, GlengarryException reconciliation) {
        finished = true;
        emit(reconciliation == null ? "COMPLETE" : "FAIL", () -> reconciliation == null
                ? events.complete(ZonedDateTime.now(), night) : events.fail(ZonedDateTime.now(), night, reconciliation));
    }

    /** Emits FAIL for a run that stopped with {@code failure} (nothing when {@link #finish} already emitted). */
    public void failed(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        GlengarryException known = GlengarryException.findIn(failure);
        if (known == null) {
            known = Errors.storageProblem(failure, warehouse).orElseGet(() -> Errors.unexpected("The run failed",
                    failure));
        }
        GlengarryException error = known;
        emit("FAIL", () -> events.fail(ZonedDateTime.now(), NightLineage.nothing(dropFolder), error));
    }

    /** Builds and sends one event; a failure to build it is recorded like one to deliver it, never thrown. */
    private void emit(String type, Supplier<RunEvent> event) {
        RunEvent built;
        try {
            built = event.get();
        } catch (RuntimeException | LinkageError e) {
            emitter.notBuilt(type, e);
            return;
        }
        emitter.emit(built);
    }

    /** For the manifest's notices.lineage. */
    public Map<String, Object> outcome() {
        return emitter.outcome(events.runId().toString());
    }

    public Path dropFolder() {
        return dropFolder;
    }

    /** Every file exported for the night: exports/<report>/as_of=<night>/*. */
    public static List<Path> exportsOf(Warehouse warehouse, LocalDate night) {
        Path exports = warehouse.root().resolve("exports");
        if (!Files.isDirectory(exports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(exports, 3)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getParent().getFileName().toString().equals("as_of=" + night))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the exports of " + night, e);
        }
    }

    @Override
    public void close() {
        emitter.close();
    }
}
