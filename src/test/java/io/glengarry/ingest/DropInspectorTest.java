package io.glengarry.ingest;

import io.glengarry.Drops;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.glengarry.Drops.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DropInspectorTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @TempDir
    Path landing;

    private GlengarryException fatal() {
        try {
            DropInspector.inspect(landing.resolve(DAY.toString()), new ArrayList<>());
        } catch (GlengarryException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CONTRACT_BROKEN);
            return e;
        }
        throw new AssertionError("expected the drop to be refused");
    }

    @Test
    void missingRequiredColumnNamesFileColumnAndExpectation() {
        Drops.write(landing, DAY, "touches.csv", csv("touch_id,lead_id,channel", "T1,L1,Webinar"));
        GlengarryException e = fatal();
        assertThat(e.errorCode()).isEqualTo("GG-305");
        assertThat(e.getMessage()).contains("2026-11-24/touches.csv", "'occurred_at'", "touches", "EXTRACTS.md");
    }

    @Test
    void aFileWithoutItsHeaderIsRefusedWithoutEchoingItsFirstRow() {
        Drops.write(landing, DAY, "touches.csv", csv("T1,ann.smith@example.com,2026-11-02T10:00:00Z,1234.50",
                "T2,bob@example.com,2026-11-02T10:00:00Z,99.00"));
        GlengarryException e = fatal();
        assertThat(e.errorCode()).isEqualTo("GG-305");
        assertThat(e.getMessage()).contains("touches.csv", "'touch_id'", "[t1, <not a column name: not shown>")
                .doesNotContain("ann.smith", "@example.com", "1234.50");
    }

    @Test
    void aLinkToAFileOutsideTheLandingFolderIsRefusedUnread(@TempDir Path elsewhere) throws IOException {
        Path secret = java.nio.file.Files.writeString(elsewhere.resolve("secret.txt"),
                "root:x:0:0:root:/root:/bin/bash\n");
        Drops.write(landing, DAY, "touches.csv", csv("touch_id,lead_id,occurred_at", "T1,L1,2026-11-02T10:00:00Z"));
        java.nio.file.Files.createSymbolicLink(landing.resolve(DAY.toString()).resolve("leads.csv"), secret);
        GlengarryException e = fatal();
        assertThat(e.errorCode()).isEqualTo("GG-311");
        assertThat(e.getMessage()).contains("2026-11-24/leads.csv", "symbolic link", landing.toString())
                .doesNotContain("root:x");
    }

    @Test
    void aLinkWithinTheLandingFolderIsRead() throws IOException {
        Path shared = java.nio.file.Files.writeString(landing.resolve("fx_rates-shared.csv"),
                csv("rate_date,currency,rate_to_reporting", "2026-11-24,EUR,1.08"));
        Drops.write(landing, DAY, "touches.csv", csv("touch_id,lead_id,occurred_at", "T1,L1,2026-11-02T10:00:00Z"));
        java.nio.file.Files.createSymbolicLink(landing.resolve(DAY.toString()).resolve("fx_rates.csv"), shared);
        assertThat(DropInspector.inspect(landing.resolve(DAY.toString()), new ArrayList<>()))
                .containsKeys(Extract.FX_RATES, Extract.TOUCHES);
    }

    @Test
    void semicolonSeparatedFileIsRefused() {
        Drops.write(landing, DAY, "fx_rates.csv", csv("rate_date;currency;rate_to_reporting", "2026-11-24;EUR;1.08"));
        GlengarryException e = fatal();
        assertThat(e.errorCode()).isEqualTo("GG-304");
        assertThat(e.getMessage()).contains("fx_rates.csv", "';'-separated", "expected ','");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheLine() {
        byte[] latin1 = csv("partner_id,name,partner_type,margin_pct", "P1,Acme,var,0.2", "P2,Müller GmbH,si,0.3")
                .getBytes(StandardCharsets.ISO_8859_1);
        Drops.writeBytes(landing, DAY, "partners.csv", latin1);
        GlengarryException e = fatal();
        assertThat(e.errorCode()).isEqualTo("GG-307");
        assertThat(e.getMessage()).contains("partners.csv", "line 3", "not UTF-8", "Expected UTF-8");
    }

    @Test
    void duplicateHeaderColumnIsRefused() {
        Drops.write(landing, DAY, "fx_rates.csv", csv("rate_date,currency,currency,rate_to_reporting"));
        assertThat(fatal().getMessage()).contains("'currency' appears twice");
    }

    @Test
    void emptyFileIsRefused() {
        Drops.write(landing, DAY, "fx_rates.csv", "");
        assertThat(fatal().getMessage()).contains("fx_rates.csv is empty");
    }

    @Test
    void missingDropFolderIsRefused() {
        assertThatThrownBy(() -> DropInspector.inspect(landing.resolve("2020-01-01"), new ArrayList<>()))
                .isInstanceOf(GlengarryException.class).hasMessageContaining("No drop folder");
    }

    @Test
    void findsPartsGzipAndTheBomAndSetsUnknownFilesAside() throws IOException {
        String header = "rate_date,currency,rate_to_reporting";
        Drops.write(landing, DAY, "fx_rates-0001.csv", csv(header, "2026-11-24,EUR,1.08"));
        Drops.writeBytes(landing, DAY, "fx_rates-0002.csv.gz", gzip(csv(header, "2026-11-24,GBP,1.27")));
        Drops.write(landing, DAY, "partners.csv", "\uFEFF" + csv("partner_id,name,partner_type,margin_pct,extra"));
        Drops.write(landing, DAY, "notes.txt", "hello");
        List<String> unknown = new ArrayList<>();
        Map<Extract, ExtractFiles> files = DropInspector.inspect(landing.resolve(DAY.toString()), unknown);
        assertThat(files.keySet()).containsExactly(Extract.PARTNERS, Extract.FX_RATES);
        assertThat(files.get(Extract.FX_RATES).names())
                .containsExactly("2026-11-24/fx_rates-0001.csv", "2026-11-24/fx_rates-0002.csv.gz");
        assertThat(files.get(Extract.PARTNERS).ignoredColumns()).containsExactly("extra");
        assertThat(unknown).containsExactly("notes.txt");
    }

    @Test
    void fileNamesMapToExtracts() {
        assertThat(DropInspector.extractOf("opportunity_history.csv")).isEqualTo(Extract.OPPORTUNITY_HISTORY);
        assertThat(DropInspector.extractOf("opportunities-2.csv.gz")).isEqualTo(Extract.OPPORTUNITIES);
        assertThat(DropInspector.extractOf("leads.csv.bak")).isNull();
        assertThat(DropInspector.extractOf("prospects.csv")).isNull();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
