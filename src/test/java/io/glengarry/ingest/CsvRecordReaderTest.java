package io.glengarry.ingest;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRecordReaderTest {

    private static List<CsvRecord> parse(String text) {
        List<CsvRecord> records = new ArrayList<>();
        new CsvRecordReader(new StringReader(text)).forEachRemaining(records::add);
        return records;
    }

    @Test
    void skipsTheByteOrderMarkAndKeepsLineNumbers() {
        List<CsvRecord> records = parse("\uFEFFa,b\n1,2\n3,4\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(0).fields()).containsExactly("a", "b");
        assertThat(records.get(2).line()).isEqualTo(3);
        assertThat(records.get(2).rawText()).isEqualTo("3,4");
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndNewlines() {
        List<CsvRecord> records = parse("id,name,note\r\n1,\"Smith, Jones & Co\",\"The \"\"Best\"\"\nSoftware\"\r\n2,x,y\r\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(1).fields()).containsExactly("1", "Smith, Jones & Co", "The \"Best\"\nSoftware");
        assertThat(records.get(1).problem()).isNull();
        assertThat(records.get(1).rawText()).isEqualTo("1,\"Smith, Jones & Co\",\"The \"\"Best\"\"\nSoftware\"");
        // the record after a quoted newline starts two lines later
        assertThat(records.get(2).line()).isEqualTo(4);
    }

    @Test
    void emptyCellsAreNullAndATrailingSeparatorAddsAnEmptyField() {
        List<CsvRecord> records = parse("a,b,c\n1,,\"\"\n1,2,3,\n");
        assertThat(records.get(1).fields()).containsExactly("1", null, null);
        assertThat(records.get(2).fields()).containsExactly("1", "2", "3", null);
    }

    @Test
    void blankLinesAreNotRecordsButStillCountAsLines() {
        List<CsvRecord> records = parse("a\n\n1\n\n\n2");
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 3L, 6L);
        assertThat(records.get(2).fields()).containsExactly("2");
    }

    @Test
    void badQuotingIsReportedOnTheRecordNotThrown() {
        List<CsvRecord> records = parse("a,b\n\"x\"y,2\n3,\"never closed\n4,5\n");
        assertThat(records.get(1).problem()).contains("after the closing quote");
        assertThat(records.get(1).fields()).containsExactly("xy", "2");
        assertThat(records.get(2).problem()).contains("never closed");
        assertThat(records.get(2).line()).isEqualTo(3);
        assertThat(records).hasSize(3);
    }

    @Test
    void readsAcrossBufferBoundaries() {
        String longValue = "v".repeat(100_000);
        List<CsvRecord> records = parse("a,b\n\"" + longValue + "\",2\n");
        assertThat(records.get(1).fields()).isEqualTo(Arrays.asList(longValue, "2"));
    }
}
