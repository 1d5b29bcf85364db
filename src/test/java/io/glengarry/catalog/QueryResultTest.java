package io.glengarry.catalog;

import io.glengarry.TestSpark;
import io.glengarry.config.ChannelMap;
import io.glengarry.config.Settings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How query prints: an aligned table, JSON lines with nulls, the --limit note; no warehouse needed. */
class QueryResultTest {
    private record Printed(String out, String err) {
    }

    private static Printed query(String sql, QueryResult.Format format, int limit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        new QueryCommand(TestSpark.get(), Settings.of(Map.of(), new ChannelMap(Map.of())))
                .run(new QueryCommand.Request(sql, null, false, format, limit),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theTableFormatAlignsColumnsRightAlignsNumbersAndShowsNull() {
        Printed printed = query("SELECT * FROM VALUES (1, 'paid_search', CAST(1250.5 AS DECIMAL(20,2))), "
                + "(12, NULL, CAST(-3 AS DECIMAL(20,2))) AS t(n, channel, revenue) ORDER BY n", QueryResult.Format.TABLE,
                1000);
        assertThat(printed.out()).isEqualTo(String.join("\n",
                " n | channel     | revenue",
                "---+-------------+--------",
                " 1 | paid_search | 1250.50",
                "12 | NULL        |   -3.00",
                "(2 rows)", ""));
        assertThat(printed.err()).isEmpty();
    }

    @Test
    void csvIsWrittenAsTheExportsWriteIt() {
        Printed printed = query("SELECT * FROM VALUES ('=SUM(A1)', CAST(0.5 AS DECIMAL(20,2)), 'a,b') "
                + "AS t(text, amount, list)", QueryResult.Format.CSV, 0);
        assertThat(printed.out()).isEqualTo("text,amount,list\n'=SUM(A1),0.50,\"a,b\"\n");
    }

    @Test
    void jsonKeepsNullsAndDecimalsAndTheLimitSaysWhatItLeftOut() {
        Printed printed = query("SELECT * FROM VALUES (1, CAST(NULL AS STRING), CAST(0.10 AS DECIMAL(20,2)), "
                + "DATE'2026-11-26'), (2, 'email', CAST(7 AS DECIMAL(20,2)), NULL) AS t(n, channel, revenue, as_of) "
                + "ORDER BY n", QueryResult.Format.JSON, 1);
        assertThat(printed.out()).isEqualTo(
                "{\"n\":1,\"channel\":null,\"revenue\":0.10,\"as_of\":\"2026-11-26\"}\n");
        assertThat(printed.err()).contains("showing the first 1 rows", "--limit 0 for all");
    }
}
