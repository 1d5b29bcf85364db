"""Every Parquet export of the run date (each report and the attribution reconciliation), read by DuckDB, has the
CSV export's rows in the CSV's order, value for value."""
import duckdb

from csv_export import assert_same_rows, read_csv


def test_duckdb_reads_the_parquet_export_as_the_csv(warehouse, as_of, export_name):
    folder = warehouse / "exports" / export_name / f"as_of={as_of}"
    header, rows = read_csv(folder / f"{export_name}.csv")
    con = duckdb.connect()
    # hive_partitioning off: DuckDB would otherwise add an as_of column taken from the folder name
    table = con.sql("SELECT * FROM read_parquet(?, hive_partitioning = false)",
                    params=[str(folder / f"{export_name}.parquet")]).to_arrow_table()
    assert table.column_names == header, f"{export_name}: Parquet columns {table.column_names} vs CSV {header}"
    assert_same_rows(f"duckdb {export_name}.parquet", header, rows, table, ordered=True)


def test_every_report_in_the_manifest_has_both_exports(warehouse, as_of, manifest):
    assert manifest["status"] == "succeeded"
    assert manifest["reports"], "the manifest lists no report"
    for report, facts in manifest["reports"].items():
        folder = warehouse / "exports" / report / f"as_of={as_of}"
        assert (folder / f"{report}.parquet").is_file(), report
        with (folder / f"{report}.csv").open(encoding="utf-8") as f:
            assert sum(1 for _ in f) - 1 == facts["rows"], f"{report}: CSV rows vs manifest"
        assert (warehouse / "gold" / report / "_delta_log").is_dir(), f"{report} has no gold Delta table"
