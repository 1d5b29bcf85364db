package io.glengarry.ingest;

import io.glengarry.Drops;
import io.glengarry.TestSpark;
import io.glengarry.runtime.GlengarryException;
import io.glengarry.runtime.StageLog;
import io.glengarry.runtime.Warehouse;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.glengarry.Drops.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

class BronzeIngestTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private final SparkSession spark = TestSpark.get();

    @TempDir
    Path landing;
    @TempDir
    Path warehouseDir;

    private DropIntake read() {
        return BronzeIngest.read(spark, landing.resolve(DAY.toString()), DAY, new StageLog());
    }

    /** (file:line -> reason) of every row of the extract, null for accepted. */
    private static List<String> reasons(DropIntake drop, Extract extract) {
        ExtractIntake intake = drop.extracts().stream().filter(e -> e.extract() == extract).findFirst().orElseThrow();
        return intake.typedRows().orderBy(Extract.SOURCE_LINE)
                .select(Extract.SOURCE_LINE, ExtractTyping.REASON).collectAsList().stream()
                .map(r -> r.getLong(0) + ":" + r.getString(1)).toList();
    }

    @Test
    void everyQuarantineReasonIsDetectedAndEveryRowIsCounted() {
        Drops.write(landing, DAY, "orders.csv", csv(
                "order_id,opportunity_id,booked_at,currency,list_amount,net_amount,quantity",
                "O1,OP1,2026-11-02T10:00:00Z,USD,100.00,90.00,2",          // 2 accepted
                "O2,OP1,2026-11-02T10:00:00Z,USD,100.00,\"12,5O0.00\",1",   // 3 bad_decimal
                "O3,OP1,2026-11-02T10:00:00Z,USD,100.00,10.123,1",        // 4 bad_decimal (3 decimals)
                "O4,OP1,2026-11-02T10:00:00Z,USD,100.00,90.00,two",       // 5 bad_integer
                "O5,OP1,2026-11-02T10:00:00Z,USD,100.00,90.00,-3",        // 6 negative_quantity
                "O6,,2026-11-02T10:00:00Z,USD,100.00,90.00,1",            // 7 missing_required
                "O7,OP1,2025-13-45T10:00:00Z,USD,100.00,90.00,1",         // 8 bad_timestamp
                "O8,OP1,2026-11-02T10:00:00Z,XYZ,100.00,90.00,1",         // 9 unknown_currency
                "O9,OP1,2026-11-02T10:00:00Z,USD,100.00,90.00,1,extra"));  // 10 malformed_row
        Drops.write(landing, DAY, "opportunities.csv", csv(
                "opportunity_id,created_at,last_modified_at,close_date,stage,amount,currency,is_closed,is_won,"
                        + "forecast_category,sales_channel",
                "OP1,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-03-31,Closed Won,10.00,EUR,true,1,closed,direct",
                "OP2,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,31/12/2025,Proposal,10.00,EUR,false,0,commit,var",
                "OP3,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-03-31,Proposal,10.00,EUR,false,yes,commit,var",
                "OP4,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-03-31,Proposal,10.00,EUR,false,0,maybe,var",
                "OP5,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,2026-03-31,Proposal,10.00,EUR,FALSE,0,Commit,SI"));
        Drops.write(landing, DAY, "partners.csv", csv("partner_id,name,partner_type,margin_pct",
                "P1,Acme,var,0.25", "P2,Bad,var,1.5"));

        DropIntake drop = read();

        assertThat(reasons(drop, Extract.ORDERS)).containsExactly("2:null", "3:bad_decimal", "4:bad_decimal",
                "5:bad_integer", "6:negative_quantity", "7:missing_required", "8:bad_timestamp",
                "9:unknown_currency", "10:malformed_row");
        assertThat(reasons(drop, Extract.OPPORTUNITIES)).containsExactly("2:null", "3:bad_date", "4:bad_boolean",
                "5:invalid_value", "6:null");
        assertThat(reasons(drop, Extract.PARTNERS)).containsExactly("2:null", "3:invalid_value");
        for (ExtractIntake e : drop.extracts()) {
            assertThat(e.rowsRead()).isEqualTo(e.rowsAccepted() + e.rowsQuarantined());
        }
        ExtractIntake orders = drop.extracts().stream().filter(e -> e.extract() == Extract.ORDERS).findFirst()
                .orElseThrow();
        assertThat(orders.rowsRead()).isEqualTo(9);
        assertThat(orders.quarantinedByReason()).containsEntry("bad_decimal", 2L).containsEntry("malformed_row", 1L);
        // the detail names column, expectation and value
        String detail = orders.typedRows().filter(col(Extract.SOURCE_LINE).equalTo(5))
                .select(ExtractTyping.DETAIL).first().getString(0);
        assertThat(detail).isEqualTo("column quantity: expected a whole number >= 0, got 'two'");
        // choices are stored lower case
        Row op5 = drop.extracts().get(0).typedRows().filter(col("opportunity_id").equalTo("OP5"))
                .select("forecast_category", "sales_channel", "is_closed").first();
        assertThat(op5.getString(0)).isEqualTo("commit");
        assertThat(op5.getString(1)).isEqualTo("si");
        assertThat(op5.getBoolean(2)).isFalse();
    }

    @Test
    void timestampsInTheThreeIsoFormsAndMoneyAsDecimals() {
        Drops.write(landing, DAY, "touches.csv", csv("touch_id,lead_id,occurred_at",
                "T1,L1,2026-03-04T17:20:00Z", "T2,L1,2026-03-04T17:20:00+01:00", "T3,L1,2026-03-04 17:20:00",
                "T4,L1,2026-03-04", "T5,L1,2026-02-30T10:00:00Z"));
        Drops.write(landing, DAY, "spend.csv", csv("entry_id,posted_date,amount,currency",
                "S1,2026-03-04,-1234.5,eur", "S2,2026-03-04,0.10,USD"));
        DropIntake drop = read();
        List<Row> touches = drop.extracts().get(0).typedRows().orderBy("touch_id")
                .select("occurred_at", ExtractTyping.REASON).collectAsList();
        assertThat(touches.get(0).getTimestamp(0)).isEqualTo(Timestamp.from(Instant.parse("2026-03-04T17:20:00Z")));
        assertThat(touches.get(1).getTimestamp(0)).isEqualTo(Timestamp.from(Instant.parse("2026-03-04T16:20:00Z")));
        assertThat(touches.get(2).getTimestamp(0)).isEqualTo(Timestamp.from(Instant.parse("2026-03-04T17:20:00Z")));
        assertThat(touches.get(3).getString(1)).isEqualTo("bad_timestamp"); // a date is not a timestamp
        assertThat(touches.get(4).getString(1)).isEqualTo("bad_timestamp"); // 30 February
        List<Row> spend = drop.extracts().get(1).typedRows().orderBy("entry_id").select("amount", "currency")
                .collectAsList();
        assertThat(spend.get(0).getDecimal(0)).isEqualByComparingTo(new BigDecimal("-1234.50"));
        assertThat(spend.get(0).getString(1)).isEqualTo("EUR");
        assertThat(spend.get(1).getDecimal(0)).isEqualByComparingTo(new BigDecimal("0.10"));
    }

    @Test
    void amountsAndRatesAreBoundedSoThatTheirProductIsExact() {
        Drops.write(landing, DAY, "fx_rates.csv", csv("rate_date,currency,rate_to_reporting",
                "2026-11-24,JPY,0.006666666667",          // 2 twelve decimals
                "2026-11-24,IRR,99999999.999999999999",    // 3 the largest rate
                "2026-11-24,VND,100000000",                // 4 bad_decimal: 9 digits before the point
                "2026-11-24,EUR,0.0000000000001"));        // 5 bad_decimal: 13 decimals
        Drops.write(landing, DAY, "spend.csv", csv("entry_id,posted_date,amount,currency",
                "S1,2026-03-04,999999999999999.99,USD",    // the largest amount
                "S2,2026-03-04,-999999999999999.99,USD",
                "S3,2026-03-04,1000000000000000,USD"));    // bad_decimal: 16 digits before the point
        DropIntake drop = read();
        assertThat(reasons(drop, Extract.FX_RATES)).containsExactly("2:null", "3:null", "4:bad_decimal",
                "5:bad_decimal");
        assertThat(reasons(drop, Extract.SPEND)).containsExactly("2:null", "3:null", "4:bad_decimal");
        String detail = drop.extracts().stream().filter(e -> e.extract() == Extract.SPEND).findFirst().orElseThrow()
                .typedRows().filter(col(Extract.SOURCE_LINE).equalTo(4)).select(ExtractTyping.DETAIL).first()
                .getString(0);
        assertThat(detail).isEqualTo("column amount: expected an amount with at most 2 decimals and 15 digits such "
                + "as 1234.50, got '1000000000000000'");
    }

    @Test
    void quarantineShareAboveTheThresholdFailsTheRun() {
        Drops.write(landing, DAY, "fx_rates.csv", csv("rate_date,currency,rate_to_reporting",
                "2026-11-24,EUR,1.08", "2026-11-24,GBP,abc"));
        DropIntake drop = read();
        assertThatThrownBy(() -> BronzeIngest.enforceQuarantineShare(drop, 0.05))
                .isInstanceOf(GlengarryException.class)
                .hasMessageContaining("fx_rates: 1 of 2 rows (50.0%)").hasMessageContaining("bad_decimal=1");
        BronzeIngest.enforceQuarantineShare(drop, 0.5); // exactly at the threshold passes
    }

    @Test
    void rerunningADateReplacesItsRowsAndNeverDuplicates() {
        Warehouse warehouse = new Warehouse(warehouseDir);
        Drops.write(landing, DAY, "fx_rates.csv", csv("rate_date,currency,rate_to_reporting",
                "2026-11-24,EUR,1.08", "2026-11-24,GBP,-1"));
        LocalDate nextDay = DAY.plusDays(1);
        Drops.write(landing, nextDay, "fx_rates.csv", csv("rate_date,currency,rate_to_reporting",
                "2026-11-25,EUR,1.09"));
        for (int i = 0; i < 2; i++) {
            DropIntake drop = read();
            BronzeIngest.write(spark, warehouse, List.of(drop), null, new StageLog());
        }
        DropIntake next = BronzeIngest.read(spark, landing.resolve(nextDay.toString()), nextDay, new StageLog());
        BronzeIngest.write(spark, warehouse, List.of(next), null, new StageLog());
        DropIntake again = read();
        BronzeIngest.write(spark, warehouse, List.of(again), null, new StageLog());

        List<Row> rates = spark.read().format("delta").load(warehouse.bronze("fx_rates"))
                .orderBy("run_date", "currency").select("run_date", "currency", "source_file", "source_line")
                .collectAsList();
        assertThat(rates).extracting(Row::toString).containsExactly(
                "[2026-11-24,EUR,2026-11-24/fx_rates.csv,2]", "[2026-11-25,EUR,2026-11-25/fx_rates.csv,2]");
        List<Row> quarantine = spark.read().format("delta").load(warehouse.quarantine())
                .select("run_date", "extract", "source_line", "raw_line", "reason").collectAsList();
        assertThat(quarantine).extracting(Row::toString)
                .containsExactly("[2026-11-24,fx_rates,3,2026-11-24,GBP,-1,invalid_value]");
        assertThat(spark.read().format("delta").load(warehouse.drops()).count()).isEqualTo(2);
    }
}
