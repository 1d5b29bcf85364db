"""Every gold Delta table, read by delta-rs (deltalake) and by DuckDB over delta-rs's Arrow dataset, gives the
same rows as the job's CSV export of the run date, value for value (decimals digit for digit, at their scale)."""
import datetime as dt
from decimal import Decimal

import duckdb
import pyarrow.types as pat
from deltalake import DeltaTable

from csv_export import assert_same_rows, read_csv


def _csv(warehouse, name, as_of):
    return read_csv(warehouse / "exports" / name / f"as_of={as_of}" / f"{name}.csv")


def _gold_rows(warehouse, name, as_of):
    """The CSV export's rows that are the table's: an export with a totals row (spend_reconciliation: flagged
    is_total, docs/rules.md) has it only in the exports, so it and its flag are left out here."""
    header, rows = _csv(warehouse, name, as_of)
    if "is_total" not in header:
        return header, rows
    flag = header.index("is_total")
    assert [r[flag] for r in rows].count("true") == 1, f"{name}: one totals row expected in the export"
    return ([c for i, c in enumerate(header) if i != flag],
            [[c for i, c in enumerate(r) if i != flag] for r in rows if r[flag] == "false"])


def test_deltalake_reads_the_run_dates_partition_as_the_csv(warehouse, as_of, gold_table):
    header, rows = _gold_rows(warehouse, gold_table, as_of)
    table = DeltaTable(str(warehouse / "gold" / gold_table)).to_pyarrow_table(
        filters=[("as_of", "=", dt.date.fromisoformat(as_of))])
    assert table.num_rows > 0, f"gold/{gold_table} has no rows as of {as_of}"
    assert_same_rows(f"deltalake gold/{gold_table}", header, rows, table, ordered=False)


def test_duckdb_queries_the_delta_table_as_the_csv(warehouse, as_of, gold_table):
    header, rows = _gold_rows(warehouse, gold_table, as_of)
    dataset = DeltaTable(str(warehouse / "gold" / gold_table)).to_pyarrow_dataset()
    con = duckdb.connect()
    con.register("gold_table", dataset)
    table = con.sql("SELECT * FROM gold_table WHERE as_of = CAST(? AS DATE)", params=[as_of]).to_arrow_table()
    assert_same_rows(f"duckdb over delta-rs gold/{gold_table}", header, rows, table, ordered=False)


def test_money_and_rates_stay_decimal_for_both_readers(warehouse, as_of, gold_table):
    """A decimal column in the Delta table is a decimal of the same precision and scale in the Parquet export,
    and DuckDB's SUM over it equals the CSV's column added up exactly."""
    delta_schema = DeltaTable(str(warehouse / "gold" / gold_table)).to_pyarrow_dataset().schema
    parquet = warehouse / "exports" / gold_table / f"as_of={as_of}" / f"{gold_table}.parquet"
    con = duckdb.connect()
    export_schema = con.sql("SELECT * FROM read_parquet(?, hive_partitioning = false) LIMIT 0",
                            params=[str(parquet)]).to_arrow_table().schema
    header, rows = _csv(warehouse, gold_table, as_of)
    decimals = [f.name for f in delta_schema if pat.is_decimal(f.type)]
    for column in decimals:
        assert export_schema.field(column).type == delta_schema.field(column).type, column
        (total,) = con.sql(f'SELECT SUM("{column}") FROM read_parquet(?, hive_partitioning = false)',
                             params=[str(parquet)]).fetchall()[0]
        i = header.index(column)
        expected = sum((Decimal(r[i]) for r in rows if r[i] != ""), Decimal(0))
        if total is None:
            assert all(r[i] == "" for r in rows), column
        else:
            assert total == expected, f"{gold_table}.{column}: DuckDB sums {total}, the CSV {expected}"
