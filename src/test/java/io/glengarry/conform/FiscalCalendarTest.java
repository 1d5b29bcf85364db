package io.glengarry.conform;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

class FiscalCalendarTest {
    private static final StructType DATES = new StructType().add("d", DataTypes.DateType);

    /** The quarter labels of some dates under a calendar, computed by Spark. */
    private static List<String> labels(FiscalCalendar calendar, String... dates) {
        List<Row> rows = java.util.Arrays.stream(dates).map(d -> RowFactory.create(Date.valueOf(d))).toList();
        return TestSpark.get().createDataFrame(rows, DATES).orderBy("d")
                .select(FiscalCalendar.label(calendar.quarterIndex(col("d")))).collectAsList().stream()
                .map(r -> r.getString(0)).toList();
    }

    @Test
    void calendarYear() {
        FiscalCalendar calendar = FiscalCalendar.of(1, "end");
        assertThat(labels(calendar, "2026-01-01", "2026-03-31", "2026-04-01", "2026-12-31"))
                .containsExactly("FY2026-Q1", "FY2026-Q1", "FY2026-Q2", "FY2026-Q4");
        assertThat(calendar.quarterIndexOf(LocalDate.of(2026, 7, 15))).isEqualTo(4 * 2026 + 2);
    }

    @Test
    void aprilStartNamedByTheYearItEnds() {
        // FY2027 runs 2026-04-01 .. 2027-03-31
        FiscalCalendar calendar = FiscalCalendar.of(4, "end");
        assertThat(labels(calendar, "2026-03-31", "2026-04-01", "2026-07-01", "2026-12-31", "2027-01-01"))
                .containsExactly("FY2026-Q4", "FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4");
        assertThat(calendar.quarterIndexOf(LocalDate.of(2026, 4, 1))).isEqualTo(4 * 2027);
    }

    @Test
    void februaryStartNamedByTheYearItStarts() {
        // FY2026 runs 2026-02-01 .. 2027-01-31
        FiscalCalendar calendar = FiscalCalendar.of(2, "start");
        assertThat(labels(calendar, "2026-01-31", "2026-02-01", "2026-05-01", "2027-01-31"))
                .containsExactly("FY2025-Q4", "FY2026-Q1", "FY2026-Q2", "FY2026-Q4");
        assertThat(calendar.quarterIndexOf(LocalDate.of(2027, 1, 31))).isEqualTo(4 * 2026 + 3);
    }

    @Test
    void quartersSinceCrossesFiscalYears() {
        FiscalCalendar calendar = FiscalCalendar.of(10, "end"); // FY2027 starts 2026-10-01
        int q = calendar.quarterIndexOf(LocalDate.of(2026, 9, 30)); // FY2026-Q4
        assertThat(calendar.quarterIndexOf(LocalDate.of(2026, 10, 1)) - q).isEqualTo(1);
        assertThat(calendar.quarterIndexOf(LocalDate.of(2027, 9, 30)) - q).isEqualTo(4);
    }
}
