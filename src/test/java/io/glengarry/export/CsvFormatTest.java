package io.glengarry.export;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every CSV the job writes (reports, the attribution reconciliation, the spend control) goes through
 * ReportExport and this cell format: text a spreadsheet would run as a formula is neutralised.
 */
class CsvFormatTest {
    @Test
    void textThatLooksLikeAFormulaIsNeutralisedAndNumbersAreNot() {
        assertThat(CsvFormat.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvFormat.cell("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvFormat.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvFormat.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvFormat.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvFormat.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvFormat.cell("webinar = good")).isEqualTo("webinar = good");
        assertThat(CsvFormat.cell(new BigDecimal("-1234.50"))).isEqualTo("-1234.50");
        assertThat(CsvFormat.cell(-3L)).isEqualTo("-3");
        assertThat(CsvFormat.cell(null)).isEmpty();
    }
}
