package io.glengarry.catalog;

import io.glengarry.TestSpark;
import io.glengarry.runtime.ExitCode;
import io.glengarry.runtime.GlengarryException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read-only-ness is decided on the parsed plan (Delta's parser extension included), not on keywords. */
class ReadOnlySqlTest {

    @Test
    void queriesAndDescribingStatementsPass() {
        List<String> reads = List.of(
                "SELECT * FROM glengarry_gold.cohort_conversion WHERE as_of = DATE'2026-11-26'",
                "select channel, sum(revenue_cum) from glengarry_gold.cohort_conversion group by channel;",
                "WITH w AS (SELECT 1 AS n) SELECT n FROM w UNION ALL SELECT 2 ORDER BY n LIMIT 5",
                "VALUES (1, 'a'), (2, 'b')",
                "TABLE glengarry_gold.funnel_conversion",
                "SELECT * FROM delta.`/tmp/warehouse/gold/cohort_conversion`",
                "SELECT 'DROP TABLE x; DELETE FROM y' AS looks_like_a_write",
                "SELECT * FROM glengarry_gold.cohort_conversion WHERE channel IN (SELECT channel FROM "
                        + "glengarry_gold.funnel_conversion)",
                "DESCRIBE TABLE glengarry_gold.cohort_conversion",
                "DESCRIBE glengarry_gold.cohort_conversion channel",
                "SHOW TABLES IN glengarry_gold",
                "SHOW COLUMNS IN glengarry_gold.cohort_conversion",
                "SHOW TBLPROPERTIES glengarry_gold.cohort_conversion");
        for (String sql : reads) {
            assertThat(ReadOnlySql.check(TestSpark.get(), sql)).as(sql).doesNotEndWith(";");
        }
    }

    @Test
    void everyKindOfWriteIsRefusedWithExitTwo() {
        List<String> writes = List.of(
                "INSERT INTO glengarry_gold.cohort_conversion SELECT * FROM glengarry_gold.cohort_conversion",
                "INSERT OVERWRITE TABLE glengarry_gold.cohort_conversion SELECT * FROM glengarry_gold.cohort_conversion",
                "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
                "INSERT OVERWRITE DIRECTORY '/tmp/out' USING parquet SELECT 1",
                "UPDATE glengarry_gold.cohort_conversion SET won_cum = 0",
                "DELETE FROM glengarry_gold.cohort_conversion WHERE as_of = DATE'2026-11-26'",
                "MERGE INTO glengarry_gold.cohort_conversion t USING glengarry_gold.cohort_conversion s "
                        + "ON t.channel = s.channel WHEN MATCHED THEN DELETE",
                "CREATE TABLE t AS SELECT 1 AS n",
                "CREATE TABLE t (n INT) USING delta",
                "CREATE OR REPLACE VIEW v AS SELECT 1",
                "CREATE TEMPORARY VIEW v AS SELECT 1",
                "DROP TABLE glengarry_gold.cohort_conversion",
                "DROP DATABASE glengarry_gold CASCADE",
                "ALTER TABLE glengarry_gold.cohort_conversion SET LOCATION '/tmp/elsewhere'",
                "ALTER TABLE glengarry_gold.cohort_conversion ADD COLUMNS (x INT)",
                "TRUNCATE TABLE glengarry_gold.cohort_conversion",
                "CACHE TABLE glengarry_gold.cohort_conversion",
                "REFRESH TABLE glengarry_gold.cohort_conversion",
                "ANALYZE TABLE glengarry_gold.cohort_conversion COMPUTE STATISTICS",
                "SET spark.sql.ansi.enabled = false",
                "USE glengarry_gold",
                "OPTIMIZE glengarry_gold.cohort_conversion",
                "VACUUM glengarry_gold.cohort_conversion RETAIN 0 HOURS",
                "RESTORE TABLE glengarry_gold.cohort_conversion TO VERSION AS OF 0",
                "CONVERT TO DELTA parquet.`/tmp/x`",
                "REORG TABLE glengarry_gold.cohort_conversion APPLY (PURGE)",
                "GENERATE symlink_format_manifest FOR TABLE glengarry_gold.cohort_conversion");
        for (String sql : writes) {
            assertThatThrownBy(() -> ReadOnlySql.check(TestSpark.get(), sql)).as(sql)
                    .isInstanceOfSatisfying(GlengarryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("GG-207");
                        assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
                        assertThat(e.getMessage()).contains("read-only SQL", "refused");
                    });
        }
    }

    @Test
    void anUnparseableOrEmptyStatementOrTwoStatementsAreBadUsage() {
        for (String sql : List.of("SELEC * FROM x", "  ;  ", "SELECT 1; DROP TABLE glengarry_gold.cohort_conversion")) {
            assertThatThrownBy(() -> ReadOnlySql.check(TestSpark.get(), sql)).as(sql)
                    .isInstanceOfSatisfying(GlengarryException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo("GG-208");
                        assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_USAGE_OR_CONFIG);
                    });
        }
    }
}
