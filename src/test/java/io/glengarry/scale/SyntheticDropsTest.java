package io.glengarry.scale;

import io.glengarry.TestSpark;
import io.glengarry.ingest.BronzeIngest;
import io.glengarry.ingest.DropIntake;
import io.glengarry.ingest.ExtractIntake;
import io.glengarry.runtime.StageLog;
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
import static org.assertj.core.api.Assertions.assertThatCode;

class SyntheticDropsTest {
    private static final double TINY = 0.0001; // 1,000 leads, ~10,000 touches

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOthers(@TempDir Path dir) throws IOException {
        new SyntheticDrops(TINY, 2, 42, dir.resolve("a")).generate();
        new SyntheticDrops(TINY, 2, 42, dir.resolve("b")).generate();
        new SyntheticDrops(TINY, 2, 43, dir.resolve("c")).generate();
        Map<String, byte[]> a = files(dir.resolve("a"));
        assertThat(a.keySet()).contains("2026-11-24/leads-0001.csv.gz", "2026-11-24/touches-0001.csv.gz",
                "2026-11-25/leads-0001.csv.gz", "2026-11-26/opportunities-0001.csv.gz", "generated.properties");
        Map<String, byte[]> b = files(dir.resolve("b"));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
        assertThat(files(dir.resolve("c")).get("2026-11-24/leads-0001.csv.gz"))
                .isNotEqualTo(a.get("2026-11-24/leads-0001.csv.gz"));
    }

    @Test
    void everyDropPassesTheContractWithAFewQuarantinedRows(@TempDir Path dir) {
        Map<String, Map<String, Long>> generated = new SyntheticDrops(TINY, 1, 7, dir).generate();
        long quarantinedInHistory = 0;
        for (LocalDate date : SyntheticDrops.dropDates(1)) {
            DropIntake drop = BronzeIngest.read(TestSpark.get(), dir.resolve(date.toString()), date, new StageLog());
            try {
                assertThatCode(() -> BronzeIngest.enforceQuarantineShare(drop, 0.05)).doesNotThrowAnyException();
                assertThat(drop.unknownFiles()).isEmpty();
                Map<String, Long> read = new TreeMap<>();
                for (ExtractIntake e : drop.extracts()) {
                    read.put(e.extract().fileName(), e.rowsRead());
                    assertThat(e.quarantinedShare()).as(date + " " + e.extract()).isLessThan(0.01);
                    if (date.equals(SyntheticDrops.HISTORY_DROP)) {
                        quarantinedInHistory += e.rowsQuarantined();
                    }
                }
                assertThat(read).isEqualTo(new TreeMap<>(generated.get(date.toString())));
            } finally {
            }
        }
        assertThat(quarantinedInHistory).isPositive();
    }

    @Test
    void aNightOfAFewSpendLinesHoldsNoBadOne(@TempDir Path dir) throws IOException {
        // at this scale a night has two ledger lines: one bad line would be half the extract, above the quarantine's
        // max-share, and the benchmark's night refused (seed 8 made one on 2026-11-28 before)
        int nights = 4;
        new SyntheticDrops(TINY, nights, 8, dir).generate();
        for (LocalDate date : SyntheticDrops.dropDates(nights)) {
            if (!date.equals(SyntheticDrops.HISTORY_DROP)) {
                Path spend = dir.resolve(date + "/spend-0001.csv.gz");
                String lines = Files.exists(spend) ? gunzip(spend) : "";
                assertThat(lines).as(date + " spend").doesNotContain("\nJEX");
            }
        }
    }

    @Test
    void theBenchmarkReusesDropsOnlyOfTheSameGenerator(@TempDir Path dir) throws IOException {
        io.glengarry.cli.CliOptions.ScaleOptions options = new io.glengarry.cli.CliOptions.ScaleOptions(TINY, 1, 5,
                null, null);
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        assertThat(Benchmark.ensureData(options, dir, quiet)).as("generated").isPositive();
        assertThat(Benchmark.ensureData(options, dir, quiet)).as("reused").isZero();
        Path description = dir.resolve("generated.properties");
        // drops an older generator wrote with the same scale, nights and seed
        Files.writeString(description, Files.readString(description).replace(
                "generator=" + SyntheticDrops.GENERATOR_VERSION + "\n", "generator=1\n"));
        assertThat(Files.readString(description)).contains("generator=1\n");
        assertThat(Benchmark.ensureData(options, dir, quiet)).as("generated again").isPositive();
        assertThat(Files.readString(description)).contains("generator=" + SyntheticDrops.GENERATOR_VERSION + "\n");
    }

    @Test
    void theHistoryHasTheShapesReportsNeed(@TempDir Path dir) throws IOException {
        Map<String, Map<String, Long>> rows = new SyntheticDrops(TINY, 1, 7, dir).generate();
        Map<String, Long> history = rows.get("2026-11-24");
        assertThat(history.get("leads")).isBetween(1000L, 1010L);
        assertThat(history.get("touches")).isBetween(8_000L, 12_000L);
        assertThat(history.get("opportunities")).isBetween(150L + 40, 150L + 100);
        assertThat(history.get("orders")).isPositive();
        String opportunities = gunzip(dir.resolve("2026-11-24/opportunities-0001.csv.gz"));
        assertThat(opportunities).contains(",EUR,", ",GBP,", ",JPY,", ",USD,", ",var,P", "Closed Won", "Closed Lost");
        String history2 = gunzip(dir.resolve("2026-11-24/opportunity_history-0001.csv.gz"));
        assertThat(history2).contains(",commit\n", ",best_case\n");
        assertThat(rows.get("2026-11-25").keySet()).contains("leads", "touches", "opportunities", "fx_rates");
    }

    private static String gunzip(Path file) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
