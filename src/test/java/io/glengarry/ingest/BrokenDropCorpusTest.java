package io.glengarry.ingest;

import io.glengarry.Drops;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drops broken in the ways a file can be broken before its rows are read (encodings, compression, structure,
 * names), each made by the test: each is refused by the drop inspection - before anything is written - with exit 3
 * and a one-line error naming the code, the file (and line where there is one) and what was expected. Broken values
 * inside well-formed files are quarantined row by row instead (BronzeIngestTest, SourceMappingTest).
 */
class BrokenDropCorpusTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final String RATES = "rate_date,currency,rate_to_reporting";

    /** A broken drop: what the test writes into the landing folder, and what the error must say. */
    record Case(String name, Consumer<Path> drop, String code, String... mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // encodings
        cases.add(new Case("Latin-1 bytes", l -> bytes(l, "partners.csv", ("partner_id,name,partner_type,margin_pct\n"
                + "P1,Müller,var,0.2\n").getBytes(StandardCharsets.ISO_8859_1)), "GG-307", "partners.csv", "line 2",
                "UTF-8"));
        cases.add(new Case("UTF-16 with its BOM", l -> bytes(l, "fx_rates.csv",
                ("\uFEFF" + RATES + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_16LE)), "GG-307",
                "fx_rates.csv", "UTF-8"));
        cases.add(new Case("a lone continuation byte", l -> bytes(l, "fx_rates.csv", concat((RATES + "\n")
                .getBytes(StandardCharsets.UTF_8), new byte[] {'2', (byte) 0x80, '\n'})), "GG-307", "fx_rates.csv",
                "line 2"));
        // compression
        cases.add(new Case("a truncated gzip part", l -> {
            byte[] gz = gzip(RATES + "\n" + "2026-11-24,EUR,1.08\n".repeat(2000));
            bytes(l, "fx_rates.csv.gz", Arrays.copyOf(gz, gz.length / 2));
        }, "GG-309", "fx_rates.csv.gz", "cannot be read"));
        cases.add(new Case("a .gz that is not gzip", l -> bytes(l, "fx_rates.csv.gz",
                (RATES + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_8)), "GG-309", "fx_rates.csv.gz",
                "gzip"));
        // structure
        cases.add(new Case("semicolons", l -> text(l, "fx_rates.csv", "rate_date;currency;rate_to_reporting\n"),
                "GG-304", "fx_rates.csv", "';'-separated", "expected ','"));
        cases.add(new Case("tabs", l -> text(l, "fx_rates.csv", "rate_date\tcurrency\trate_to_reporting\n"),
                "GG-304", "fx_rates.csv", "'\\t'-separated"));
        cases.add(new Case("an empty file", l -> text(l, "fx_rates.csv", ""), "GG-303", "fx_rates.csv",
                "header row"));
        cases.add(new Case("a required column missing", l -> text(l, "fx_rates.csv", "rate_date,currency\n"),
                "GG-305", "fx_rates.csv", "'rate_to_reporting'", "EXTRACTS.md"));
        cases.add(new Case("a column twice", l -> text(l, "fx_rates.csv", RATES + ",currency\n"), "GG-306",
                "fx_rates.csv", "'currency' appears twice"));
        // names
        cases.add(new Case("only files of unknown names", l -> text(l, "rates.csv", RATES + "\n"), "GG-302",
                "holds no extract file", "fx_rates"));
        cases.add(new Case("a known name in the wrong case", l -> {
            text(l, "FX_Rates.CSV", RATES + "\n");
            text(l, "partners.csv", "partner_id,name,partner_type,margin_pct\n");
        }, "GG-312", "2026-11-24/FX_Rates.CSV", "case-sensitive", "Rename it fx_rates.csv"));
        cases.add(new Case("a known name with another extension", l -> text(l, "leads.txt", "lead_id\n"),
                "GG-312", "2026-11-24/leads.txt", "Rename it leads.csv"));
        cases.add(new Case("a part with another extension", l -> text(l, "touches-0002.csv.bz2", "x\n"),
                "GG-312", "touches-0002.csv.bz2", "touches-<part>.csv[.gz]"));
        cases.add(new Case("an empty drop folder", l -> mkdir(l.resolve(DAY.toString())), "GG-302",
                "holds no extract file"));
        cases.add(new Case("no folder for the run date", l -> mkdir(l.resolve("2026-11-23")), "GG-301",
                "No drop folder", "2026-11-24", "--run-date"));
        return cases.stream();
    }

    @TempDir
    Path landing;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBrokenDropIsRefusedWithExit3AndAOneLineErrorNamingFileAndExpectation(Case broken) {
        broken.drop().accept(landing);
        assertThatThrownBy(() -> DropInspector.inspect(landing.resolve(DAY.toString()), new ArrayList<>()))
                .isInstanceOfSatisfying(GlengarryException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.CONTRACT_BROKEN);
                    assertThat(e.errorCode()).isEqualTo(broken.code());
                    assertThat(e.describe()).as("one line").doesNotContain("\n").contains(broken.code())
                            .contains(broken.mentions());
                });
    }

    private static void text(Path landing, String file, String content) {
        Drops.write(landing, DAY, file, content);
    }

    private static void bytes(Path landing, String file, byte[] content) {
        Drops.writeBytes(landing, DAY, file, content);
    }

    private static void mkdir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
