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

import static io.glengarry.Drops.csv;
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

    /**
     * Broken values in well-formed files: each row is quarantined with its reason (or accepted, where the contract
     * accepts it), and every row read is counted once.
     */
    @org.junit.jupiter.api.Test
    void brokenValuesAreQuarantinedRowByRowWithTheirReason() {
        String big = "x".repeat(5 * 1024 * 1024);
        Drops.write(landing, DAY, "orders.csv", String.join("\r\n",                     // CRLF line ends
                "order_id,opportunity_id,booked_at,currency,list_amount,net_amount,quantity",
                "O1,OP1,2026-11-02T10:00:00Z,usd,,90.00,1",               // 2 lower-case currency: accepted, USD
                "O2,OP1,2026-11-02T10:00:00Z,USD,,\"1,234.50\",1",       // 3 thousands separator
                "O3,OP1,2026-11-02T10:00:00Z,USD,,NaN,1",                 // 4
                "O4,OP1,2026-11-02T10:00:00Z,USD,,1e400,1",               // 5
                "O5,OP1,2026-11-02T10:00:00Z,USD,,90.00,-3",              // 6
                "O6,OP1,2026-11-02T10:00:00Z,XYZ,,90.00,1",               // 7
                ",OP1,2026-11-02T10:00:00Z,USD,,90.00,1",                 // 8 empty key
                "O8,OP1,2026-02-30T10:00:00Z,USD,,90.00,1",               // 9 30 February
                "O9,OP1,2026-11-02T10:00:00Z,USD,,90.00",                 // 10 short row
                "O10,OP1,2026-11-02T10:00:00Z,USD,,90.00,1,1",            // 11 long row
                "O11,OP1,2026-11-02T10:00:00Z,USD,,\"" + big + "\",1",   // 12 a 5 MB field
                "O12,OP1,2026-11-02T10:00:00Z,USD,,90.00,1.5",            // 13 not a whole quantity
                "O13,OP1,\"2026-11-02\nT10:00:00Z\",USD,,90.00,1",        // 14-15 a quoted line break in a date
                "O1,OP1,2026-11-02T10:00:00Z,USD,,91.00,1",               // 16 the same key again: accepted
                "") );
        Drops.write(landing, DAY, "fx_rates.csv", csv(RATES,
                "2026-11-24,EUR,0", "2026-11-24,GBP,-1.2", "2026-11-24,JPY,Infinity", "2026-11-24,CHF,1.0E-3",
                "2026-11-31,SEK,0.09", "2026-11-24,NOK,0.09"));
        DropIntake drop = BronzeIngest.read(io.glengarry.TestSpark.get(), landing.resolve(DAY.toString()), DAY,
                new io.glengarry.runtime.StageLog());
        assertThat(reasons(drop, Extract.ORDERS)).containsExactly("2:null", "3:bad_decimal", "4:bad_decimal",
                "5:bad_decimal", "6:negative_quantity", "7:unknown_currency", "8:missing_required",
                "9:bad_timestamp", "10:malformed_row", "11:malformed_row", "12:bad_decimal", "13:bad_integer",
                "14:bad_timestamp", "16:null");
        assertThat(reasons(drop, Extract.FX_RATES)).containsExactly("2:invalid_value", "3:invalid_value",
                "4:bad_decimal", "5:bad_decimal", "6:bad_date", "7:null");
        for (ExtractIntake e : drop.extracts()) {
            assertThat(e.rowsRead()).as(e.extract().fileName()).isEqualTo(e.rowsAccepted() + e.rowsQuarantined());
        }
        assertThat(intake(drop, Extract.ORDERS).typedRows().filter("order_id = 'O1'").select("currency")
                .distinct().first().getString(0)).isEqualTo("USD");
    }

    private static ExtractIntake intake(DropIntake drop, Extract extract) {
        return drop.extracts().stream().filter(e -> e.extract() == extract).findFirst().orElseThrow();
    }

    private static List<String> reasons(DropIntake drop, Extract extract) {
        return intake(drop, extract).typedRows().orderBy(Extract.SOURCE_LINE)
                .select(Extract.SOURCE_LINE, ExtractTyping.REASON).collectAsList().stream()
                .map(r -> r.getLong(0) + ":" + r.getString(1)).toList();
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
