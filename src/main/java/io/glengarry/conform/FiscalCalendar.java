package io.glengarry.conform;

import org.apache.spark.sql.Column;

import java.io.Serializable;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The fiscal calendar of METRICS.md: the fiscal year starts in {@code firstMonth}; it is named by the calendar
 * year it ends in ({@code end}) or starts in ({@code start}). Quarter index = 4 x fiscal year + (quarter - 1),
 * so "quarters since" is a difference of indexes. Labels read {@code FY2027-Q1}. Column expressions only.
 */
public record FiscalCalendar(int firstMonth, boolean namedByEnd) implements Serializable {

    public static FiscalCalendar of(int firstMonth, String yearNamedBy) {
        return new FiscalCalendar(firstMonth, "end".equals(yearNamedBy));
    }

    /** Calendar year in which the fiscal year holding this date starts. */
    private Column startYear(Column date) {
        return when(month(date).geq(firstMonth), year(date)).otherwise(year(date).minus(1));
    }

    /** The fiscal year's name for a date. A January start: both conventions give the calendar year. */
    public Column fiscalYear(Column date) {
        int shift = namedByEnd && firstMonth != 1 ? 1 : 0;
        return startYear(date).plus(shift);
    }

    /** 1-4. */
    public Column fiscalQuarter(Column date) {
        return floor(pmod(month(date).minus(firstMonth), lit(12)).divide(3)).plus(1).cast("int");
    }

    public Column quarterIndex(Column date) {
        return fiscalYear(date).multiply(4).plus(fiscalQuarter(date)).minus(1).cast("int");
    }

    /** FY2027-Q1 from a quarter index. */
    public static Column label(Column quarterIndex) {
        return concat(lit("FY"), floor(quarterIndex.divide(4)).cast("string"), lit("-Q"),
                pmod(quarterIndex, lit(4)).plus(1).cast("string"));
    }

    /** The quarter index of a date given as a java.time.LocalDate (for the run date). */
    public int quarterIndexOf(java.time.LocalDate date) {
        int m = date.getMonthValue();
        int startYear = m >= firstMonth ? date.getYear() : date.getYear() - 1;
        int fy = startYear + (namedByEnd && firstMonth != 1 ? 1 : 0);
        int quarter = Math.floorMod(m - firstMonth, 12) / 3 + 1;
        return fy * 4 + quarter - 1;
    }
}
