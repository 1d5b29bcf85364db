package io.glengarry.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glengarry.Drops;
import io.glengarry.SampleWarehouse;
import io.glengarry.TestFiles;
import io.glengarry.cli.Main;
import io.glengarry.runtime.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static io.glengarry.Drops.csv;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drops broken in the ways a file, a drop or an operator can be broken, each made by the test and run through the
 * real {@code run} command against a warehouse that already holds the three sample nights: each ends with its exit
 * code (3 for a drop that breaks the contract, 2 for an operator mistake) and a one-line error naming the code, the
 * file (and line or column where there is one) and what to do - and the warehouse is left exactly as it was (every
 * file, so every Delta table's version). Broken values inside well-formed files are quarantined row by row instead
 * (the tests at the end, BronzeIngestTest, SourceMappingTest). docs/rules.md "Reading drops" has the rules.
 */
class BrokenDropCorpusTest {
    /** The night after the sample nights: the broken drop is tomorrow's. */
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final String RATES = "rate_date,currency,rate_to_reporting";
    private static final String PARTNERS = "partner_id,name,partner_type,margin_pct";
    private static final String TOUCHES = "touch_id,lead_id,campaign_id,channel,touch_type,occurred_at";

    /** A broken drop: what the test writes into the landing folder, how it is run, and what the error must say. */
    record Case(String name, Consumer<Path> drop, Function<Path, List<String>> options, ExitCode exit, String code,
                String... mentions) {
        Case(String name, Consumer<Path> drop, String code, String... mentions) {
            this(name, drop, landing -> List.of("--run-date", DAY.toString(), "--landing", landing.toString()),
                    ExitCode.CONTRACT_BROKEN, code, mentions);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // encodings
        cases.add(new Case("Latin-1 bytes", l -> bytes(l, "partners.csv", (PARTNERS + "\n"
                + "P1,Müller,var,0.2\n").getBytes(StandardCharsets.ISO_8859_1)), "GG-307", "partners.csv", "line 2",
                "UTF-8"));
        cases.add(new Case("UTF-16 with its BOM", l -> bytes(l, "fx_rates.csv",
                ("\uFEFF" + RATES + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_16LE)), "GG-307",
                "fx_rates.csv", "UTF-8"));
        cases.add(new Case("UTF-16 without a BOM", l -> bytes(l, "fx_rates.csv",
                (RATES + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_16LE)), "GG-305",
                "fx_rates.csv", "'rate_date'", "<not a column name: not shown>"));
        cases.add(new Case("a lone continuation byte", l -> bytes(l, "fx_rates.csv", concat((RATES + "\n")
                .getBytes(StandardCharsets.UTF_8), new byte[] {'2', (byte) 0x80, '\n'})), "GG-307", "fx_rates.csv",
                "line 2"));
        cases.add(new Case("an overlong encoding on line 3", l -> bytes(l, "fx_rates.csv", concat((RATES
                + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0xAF,
                    '\n'})), "GG-307", "fx_rates.csv", "line 3"));
        cases.add(new Case("a character cut at the end of the file", l -> bytes(l, "fx_rates.csv", concat((RATES
                + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE2, (byte) 0x82})),
                "GG-307", "fx_rates.csv", "line 3"));
        cases.add(new Case("bytes that are not UTF-8 inside a gzip part", l -> bytes(l, "fx_rates.csv.gz",
                gzip(concat((RATES + "\n").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, '\n'}))),
                "GG-307", "fx_rates.csv.gz", "line 2"));
        // compression and parts
        cases.add(new Case("a truncated gzip part", l -> {
            byte[] gz = gzip(RATES + "\n" + "2026-11-24,EUR,1.08\n".repeat(2000));
            bytes(l, "fx_rates.csv.gz", Arrays.copyOf(gz, gz.length / 2));
        }, "GG-309", "fx_rates.csv.gz", "cannot be read"));
        cases.add(new Case("a .gz that is not gzip", l -> bytes(l, "fx_rates.csv.gz",
                (RATES + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_8)), "GG-309", "fx_rates.csv.gz",
                "gzip"));
        cases.add(new Case("an empty .gz", l -> bytes(l, "fx_rates.csv.gz", new byte[0]), "GG-309",
                "fx_rates.csv.gz", "cannot be read"));
        cases.add(new Case("a part missing from a numbered sequence", l -> {
            text(l, "touches-0001.csv.gz", TOUCHES + "\n");
            text(l, "touches-0002.csv.gz", TOUCHES + "\n");
            text(l, "touches-0004.csv.gz", TOUCHES + "\n");
        }, "GG-314", "2026-11-27/touches-0003.csv", "before 2026-11-27/touches-0004.csv.gz"));
        cases.add(new Case("the first part missing", l -> text(l, "touches-0002.csv", TOUCHES + "\n"), "GG-314",
                "2026-11-27/touches-0001.csv"));
        cases.add(new Case("an extract as a file and as a gzip", l -> {
            text(l, "fx_rates.csv", RATES + "\n");
            text(l, "fx_rates.csv.gz", RATES + "\n");
        }, "GG-313", "fx_rates is delivered twice", "2026-11-27/fx_rates.csv"));
        cases.add(new Case("an extract as a file and as parts", l -> {
            text(l, "touches.csv", TOUCHES + "\n");
            text(l, "touches-0001.csv", TOUCHES + "\n");
        }, "GG-313", "touches is delivered twice", "2026-11-27/touches.csv"));
        cases.add(new Case("one part twice", l -> {
            text(l, "touches-0001.csv", TOUCHES + "\n");
            bytes(l, "touches-0001.csv.gz", gzip(TOUCHES + "\n"));
        }, "GG-313", "touches is delivered twice", "touches-0001.csv.gz"));
        // structure
        cases.add(new Case("semicolons", l -> text(l, "fx_rates.csv", "rate_date;currency;rate_to_reporting\n"),
                "GG-304", "fx_rates.csv", "';'-separated", "expected ','"));
        cases.add(new Case("tabs", l -> text(l, "fx_rates.csv", "rate_date\tcurrency\trate_to_reporting\n"),
                "GG-304", "fx_rates.csv", "'\\t'-separated"));
        cases.add(new Case("pipes", l -> text(l, "fx_rates.csv", "rate_date|currency|rate_to_reporting\n"),
                "GG-304", "fx_rates.csv", "'|'-separated"));
        cases.add(new Case("an empty file", l -> text(l, "fx_rates.csv", ""), "GG-303", "fx_rates.csv",
                "header row"));
        cases.add(new Case("blank lines only", l -> text(l, "fx_rates.csv", "\n\r\n\n"), "GG-303",
                "fx_rates.csv", "header row"));
        cases.add(new Case("a required column missing", l -> text(l, "fx_rates.csv", "rate_date,currency\n"),
                "GG-305", "fx_rates.csv", "'rate_to_reporting'", "EXTRACTS.md"));
        cases.add(new Case("a column twice", l -> text(l, "fx_rates.csv", RATES + ",currency\n"), "GG-306",
                "fx_rates.csv", "'currency' appears twice"));
        cases.add(new Case("a column twice in another case", l -> text(l, "fx_rates.csv", RATES + ",Currency\n"),
                "GG-306", "fx_rates.csv", "'currency' appears twice"));
        cases.add(new Case("no header: the first line is a lead", l -> text(l, "leads.csv",
                "L1,2026-11-24T00:00:00Z,2026-11-24T00:00:00Z,ada@example.com,Acme\n"), "GG-305", "leads.csv",
                "'lead_id'", "<not a column name: not shown>"));
        cases.add(new Case("a quote in the header never closed", l -> text(l, "fx_rates.csv",
                "rate_date,\"currency,rate_to_reporting\n2026-11-24,EUR,1.08\n"), "GG-305", "fx_rates.csv",
                "'currency'"));
        // names
        cases.add(new Case("only files of unknown names", l -> text(l, "rates.csv", RATES + "\n"), "GG-302",
                "holds no extract file", "fx_rates"));
        cases.add(new Case("only hidden files", l -> text(l, ".DS_Store", "x"), "GG-302", "holds no extract file"));
        cases.add(new Case("a folder named like an extract", l -> mkdir(l.resolve(DAY + "/fx_rates.csv")), "GG-302",
                "holds no extract file"));
        cases.add(new Case("a known name in the wrong case", l -> {
            text(l, "FX_Rates.CSV", RATES + "\n");
            text(l, "partners.csv", PARTNERS + "\n");
        }, "GG-312", "2026-11-27/FX_Rates.CSV", "case-sensitive", "Rename it fx_rates.csv"));
        cases.add(new Case("a known name with another extension", l -> text(l, "leads.txt", "lead_id\n"),
                "GG-312", "2026-11-27/leads.txt", "Rename it leads.csv"));
        cases.add(new Case("a backup copy beside the extract", l -> {
            text(l, "fx_rates.csv", RATES + "\n");
            text(l, "fx_rates.csv.bak", RATES + "\n");
        }, "GG-312", "2026-11-27/fx_rates.csv.bak"));
        cases.add(new Case("a part with another extension", l -> text(l, "touches-0002.csv.bz2", "x\n"),
                "GG-312", "touches-0002.csv.bz2", "touches-<part>.csv[.gz]"));
        cases.add(new Case("an empty drop folder", l -> mkdir(l.resolve(DAY.toString())), "GG-302",
                "holds no extract file"));
        cases.add(new Case("no folder for the run date", l -> mkdir(l.resolve("2026-11-28")), "GG-301",
                "No drop folder", "2026-11-27", "--run-date"));
        cases.add(new Case("a file linked from outside the landing folder", l -> {
            Path outside = l.resolveSibling("outside.csv");
            writeFile(outside, (RATES + "\n2026-11-24,EUR,1.08\n").getBytes(StandardCharsets.UTF_8));
            mkdir(l.resolve(DAY.toString()));
            link(l.resolve(DAY + "/fx_rates.csv"), outside);
        }, "GG-311", "2026-11-27/fx_rates.csv", "outside the landing folder"));
        // values: more than the quarantine share of an extract
        cases.add(new Case("half the rows quarantined", l -> text(l, "fx_rates.csv", csv(RATES, "2026-11-24,EUR,1.08",
                "2026-11-24,GBP,1.2.7")), "GG-308", "Extract fx_rates", "1 of 2 rows", "bad_decimal"));
        cases.add(new Case("every row quarantined", l -> text(l, "fx_rates.csv", csv(RATES, "2026-11-24,EUR,-1",
                "yesterday,GBP,1.27", "2026-11-24,,1.27")), "GG-308", "Extract fx_rates", "3 of 3 rows"));
        // operator mistakes
        cases.add(new Case("a run date that is no date", l -> text(l, "fx_rates.csv", RATES + "\n"),
                l -> List.of("--run-date", "2026-02-30", "--landing", l.toString()), ExitCode.BAD_USAGE_OR_CONFIG,
                "GG-201", "--run-date '2026-02-30' is not a date", "YYYY-MM-DD", "--help"));
        cases.add(new Case("--landing naming a file", l -> writeFile(l.resolve("fx_rates.csv"),
                (RATES + "\n").getBytes(StandardCharsets.UTF_8)),
                l -> List.of("--run-date", DAY.toString(), "--landing", l.resolve("fx_rates.csv").toString()),
                ExitCode.BAD_USAGE_OR_CONFIG, "GG-210", "fx_rates.csv is a file, not a folder", "--landing"));
        cases.add(new Case("a landing folder that does not exist", l -> { },
                l -> List.of("--run-date", DAY.toString(), "--landing", l.resolve("nowhere").toString()),
                ExitCode.CONTRACT_BROKEN, "GG-301", "nowhere/2026-11-27", "--landing"));
        cases.add(new Case("a source mapping that does not exist", l -> text(l, "fx_rates.csv", RATES + "\n"),
                l -> List.of("--run-date", DAY.toString(), "--landing", l.toString(), "--source", "hubspot"),
                ExitCode.BAD_USAGE_OR_CONFIG, "GG-206", "'hubspot'"));
        return cases.stream();
    }

    /** The three sample nights, copied once: every case runs against it and must leave it as it was. */
    private static Path warehouse;

    @BeforeAll
    static void copyTheSampleWarehouse(@TempDir Path scratch) throws IOException {
        warehouse = scratch.resolve("warehouse");
        TestFiles.copyTree(SampleWarehouse.get().root(), warehouse);
    }

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBrokenDropFailsTheRunWithAOneLineErrorAndLeavesTheWarehouseAsItWas(Case broken) throws IOException {
        Path landing = scratch.resolve("landing");
        mkdir(landing);
        broken.drop().accept(landing);
        Map<String, String> before = withoutLineage(TestFiles.snapshot(warehouse));
        List<String> lineageBefore = lineageEvents();
        List<String> command = new ArrayList<>(List.of("run"));
        command.addAll(broken.options().apply(landing));
        command.addAll(List.of("--warehouse", warehouse.toString()));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ExitCode exit;
        try {
            exit = Main.execute(command.toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }

        String error = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(exit).as(error).isEqualTo(broken.exit());
        assertThat(error).as("one line").doesNotContain("\n").contains(broken.code()).contains(broken.mentions())
                .doesNotContain("GG-100");
        Map<String, String> after = withoutLineage(TestFiles.snapshot(warehouse));
        assertThat(tableVersions(after)).as("every Delta table's version").isEqualTo(tableVersions(before));
        assertThat(after).as("every folder and file of the warehouse").isEqualTo(before);
        List<String> events = lineageEvents();
        if (broken.exit() == ExitCode.CONTRACT_BROKEN) { // a run that started: START, then FAIL with the code
            assertThat(events).hasSize(lineageBefore.size() + 2);
        }
        if (events.size() > lineageBefore.size()) {
            JsonNode fail = new ObjectMapper().readTree(events.get(events.size() - 1));
            assertThat(fail.path("eventType").asText()).isEqualTo("FAIL");
            assertThat(broken.code()).contains(fail.path("run").path("facets").path("glengarry_run")
                    .path("error_code").asText());
            assertThat(fail.path("run").path("facets").path("glengarry_run").path("exit_code").asInt())
                    .isEqualTo(broken.exit().code);
        }
    }

    /**
     * The lineage events file is the one file a refused run adds to (its START and FAIL events: README
     * "Lineage"); every table, export and manifest stays as it was.
     */
    private static Map<String, String> withoutLineage(Map<String, String> files) {
        files.keySet().removeIf(f -> f.equals("lineage") || f.startsWith("lineage/"));
        return files;
    }

    private List<String> lineageEvents() throws IOException {
        Path events = warehouse.resolve("lineage").resolve("events.jsonl");
        return Files.isRegularFile(events) ? Files.readAllLines(events, StandardCharsets.UTF_8) : List.of();
    }

    /** Each Delta table (a folder holding _delta_log) -> its latest commit version, from a snapshot. */
    private static Map<String, Long> tableVersions(Map<String, String> files) {
        Map<String, Long> versions = new TreeMap<>();
        java.util.regex.Pattern commit = java.util.regex.Pattern.compile("(.*)/_delta_log/(\\d{20})\\.json");
        for (String f : files.keySet()) {
            java.util.regex.Matcher m = commit.matcher(f);
            if (m.matches()) {
                versions.merge(m.group(1), Long.parseLong(m.group(2)), Math::max);
            }
        }
        return versions;
    }

    /**
     * Broken values in well-formed files: each row is quarantined with its reason (or accepted, where the contract
     * accepts it), and every row read is counted once.
     */
    @org.junit.jupiter.api.Test
    void brokenValuesAreQuarantinedRowByRowWithTheirReason() {
        Path landing = scratch.resolve("landing");
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

    /**
     * Files that look odd but keep the contract are read: a UTF-8 BOM before the header, header names quoted, in
     * upper case or padded, a header without rows, an unterminated quote on the last line (that row quarantined,
     * malformed_row), an identifier that looks like a path (data, never a path), an unknown file beside the
     * extracts (set aside, named in the manifest's notices), and an extract missing from the drop (not an error:
     * EXTRACTS.md).
     */
    @org.junit.jupiter.api.Test
    void oddButWellFormedFilesAreReadAndEveryRowIsCountedOnce() {
        Path landing = scratch.resolve("landing");
        Drops.writeBytes(landing, DAY, "fx_rates.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                csv(RATES, "2026-11-24,EUR,1.08").getBytes(StandardCharsets.UTF_8)));
        Drops.write(landing, DAY, "partners.csv", csv("\"PARTNER_ID\", Name ,\"partner_type\",MARGIN_PCT",
                "P1,Acme Resellers,var,0.2", "../../escape,/etc/passwd,var,0.1", "P2,\"Open, quote,var,0.1"));
        Drops.write(landing, DAY, "campaigns.csv", csv("campaign_id,name,channel,start_date,end_date,budget,"
                + "currency"));
        Drops.write(landing, DAY, "notes.txt", "not an extract\n");
        DropIntake drop = BronzeIngest.read(io.glengarry.TestSpark.get(), landing.resolve(DAY.toString()), DAY,
                new io.glengarry.runtime.StageLog());

        assertThat(drop.unknownFiles()).containsExactly("notes.txt");
        assertThat(drop.extracts()).extracting(e -> e.extract()).containsExactly(Extract.CAMPAIGNS,
                Extract.PARTNERS, Extract.FX_RATES);
        assertThat(reasons(drop, Extract.FX_RATES)).containsExactly("2:null");
        assertThat(reasons(drop, Extract.PARTNERS)).containsExactly("2:null", "3:null", "4:malformed_row");
        // an identifier that looks like a path is data: it decides no path on disk (tables are partitioned by run
        // date and as_of only, exports named by report and date)
        assertThat(intake(drop, Extract.PARTNERS).typedRows().filter("partner_id = '../../escape'").count()).isOne();
        assertThat(scratch.getParent().resolve("escape")).doesNotExist();
        assertThat(intake(drop, Extract.CAMPAIGNS).rowsRead()).isZero();
        for (ExtractIntake e : drop.extracts()) {
            assertThat(e.rowsRead()).as(e.extract().fileName()).isEqualTo(e.rowsAccepted() + e.rowsQuarantined());
        }
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

    private static void writeFile(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }
}
