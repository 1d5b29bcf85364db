package io.glengarry;

import io.glengarry.cli.Main;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.Warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three sample nights of data-samples/landing, run once per test JVM through the CLI, in order, into a
 * temporary warehouse that every end-to-end test class reads. A test that re-runs a night must leave the
 * warehouse as of the last night again (re-run it last).
 */
public final class SampleWarehouse {
    public static final List<LocalDate> NIGHTS = List.of(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25),
            LocalDate.of(2026, 11, 26));
    public static final LocalDate LAST_NIGHT = NIGHTS.get(NIGHTS.size() - 1);

    private static Path root;
    private static final Map<LocalDate, ExitCode> EXITS = new LinkedHashMap<>();

    private SampleWarehouse() {
    }

    public static synchronized Warehouse get() {
        if (root == null) {
            TestSpark.get();
            try {
                root = Files.createTempDirectory("glengarry-sample-warehouse-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            for (LocalDate night : NIGHTS) {
                EXITS.put(night, run(night));
            }
        }
        return new Warehouse(root);
    }

    /** The exit code of the night's first run. */
    public static synchronized ExitCode exit(LocalDate night) {
        get();
        return EXITS.get(night);
    }

    /** Runs a night again against the shared warehouse. */
    public static ExitCode run(LocalDate night) {
        return Main.execute(new String[] {"run", "--run-date", night.toString(), "--warehouse", root.toString()});
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it up otherwise
        }
    }
}
