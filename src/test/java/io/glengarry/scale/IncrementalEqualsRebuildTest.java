package io.glengarry.scale;

import io.glengarry.TestSpark;
import io.glengarry.cli.Main;
import io.glengarry.runtime.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a tiny generated scale (1,000 leads, a history load and one night with updates, deletes, merges, late
 * touches, deals moving on): running the nights one after the other gives, byte for byte, the same exports as a
 * warehouse built from all the drops at once (a fresh warehouse catching up on every drop in one run). Guards any
 * incremental maintenance of silver and gold.
 */
class IncrementalEqualsRebuildTest {
    @Test
    void nightByNightEqualsOneRebuild(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path landing = dir.resolve("landing");
        new SyntheticDrops(0.0001, 1, 11, landing).generate();
        LocalDate last = SyntheticDrops.dropDates(1).get(1);
        for (LocalDate night : SyntheticDrops.dropDates(1)) {
            assertThat(run(night, landing, dir.resolve("nightly"))).isEqualTo(ExitCode.SUCCESS);
        }
        assertThat(run(last, landing, dir.resolve("rebuilt"))).isEqualTo(ExitCode.SUCCESS);

        Map<String, byte[]> nightly = csvExports(dir.resolve("nightly/exports"), last);
        Map<String, byte[]> rebuilt = csvExports(dir.resolve("rebuilt/exports"), last);
        assertThat(nightly).hasSizeGreaterThanOrEqualTo(12).containsKey("cohort_conversion/as_of=" + last
                + "/cohort_conversion.csv");
        assertThat(rebuilt.keySet()).isEqualTo(nightly.keySet());
        nightly.forEach((file, bytes) -> assertThat(rebuilt.get(file)).as(file).isEqualTo(bytes));
    }

    private static ExitCode run(LocalDate night, Path landing, Path warehouse) {
        return Main.execute(new String[] {"run", "--run-date", night.toString(), "--landing", landing.toString(),
            "--warehouse", warehouse.toString()});
    }

    /** Every CSV export as of the date, by its path under exports/. */
    private static Map<String, byte[]> csvExports(Path exports, LocalDate asOf) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(exports)) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".csv")
                    && p.getParent().getFileName().toString().equals("as_of=" + asOf)).toList()) {
                files.put(exports.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
