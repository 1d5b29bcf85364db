"""The job's CSV export as the reference, and the comparison of a reader's Arrow table with it, value by value.

The CSV is written by io.glengarry.export.CsvFormat: decimals plain at their column's scale, doubles as Java's
BigDecimal.valueOf(d).toPlainString(), dates ISO, timestamps as ISO instants (Z), booleans true/false, null as an
empty cell, text starting with = + - @ tab or CR prefixed with an apostrophe. Each reader value is compared in
its own type: a decimal must print exactly as the CSV cell (same digits, same scale), a double must equal the
cell parsed as a double, a date or timestamp must equal the cell parsed."""
import csv
import datetime as dt
import math
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.types as pat

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_matches(cell: str, value, arrow_type: pa.DataType) -> bool:
    if value is None:
        return cell == ""
    if pat.is_decimal(arrow_type):
        return isinstance(value, Decimal) and cell == format(value, "f")
    if pat.is_floating(arrow_type):
        if cell == "":
            return False
        parsed = float(cell)
        return (math.isnan(parsed) and math.isnan(value)) or parsed == value
    if pat.is_boolean(arrow_type):
        return cell == ("true" if value else "false")
    if pat.is_integer(arrow_type):
        return cell == str(value)
    if pat.is_timestamp(arrow_type):
        parsed = dt.datetime.fromisoformat(cell.replace("Z", "+00:00"))
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return parsed == value
    if pat.is_date(arrow_type):
        return cell == value.isoformat()
    if pat.is_string(arrow_type) or pat.is_large_string(arrow_type) or pat.is_string_view(arrow_type):
        return cell == neutralise(value)
    raise AssertionError(f"no CSV rule for the Arrow type {arrow_type}")


def canonical(cell: str, arrow_type: pa.DataType):
    """A sortable, comparable form of a CSV cell (for unordered comparisons): doubles as repr(float)."""
    if cell != "" and pat.is_floating(arrow_type):
        return repr(float(cell))
    if cell != "" and pat.is_timestamp(arrow_type):
        return _print(dt.datetime.fromisoformat(cell.replace("Z", "+00:00")), arrow_type)
    return cell


def assert_same_rows(where: str, header: list[str], csv_rows: list[list[str]], table: pa.Table,
                     ordered: bool) -> None:
    """Every column of the CSV is in the table; the table has exactly the CSV's rows (in order, when ordered)."""
    missing = [c for c in header if c not in table.column_names]
    assert not missing, f"{where}: columns of the CSV missing from the reader's table: {missing}"
    table = table.select(header)
    types = [table.schema.field(c).type for c in header]
    values = table.to_pylist()
    assert len(values) == len(csv_rows), f"{where}: {len(values)} rows read, the CSV has {len(csv_rows)}"
    if ordered:
        pairs = zip(csv_rows, values)
    else:
        # match every CSV row with the reader's row that prints the same (both sides sorted by that print)
        def printed(row: dict) -> tuple:
            return tuple(canonical(_print(row[c], t), t) for c, t in zip(header, types))
        csv_sorted = sorted(csv_rows, key=lambda r: tuple(canonical(x, t) for x, t in zip(r, types)))
        pairs = zip(csv_sorted, sorted(values, key=printed))
    for i, (cells, row) in enumerate(pairs):
        for cell, column, arrow_type in zip(cells, header, types):
            assert cell_matches(cell, row[column], arrow_type), (
                f"{where}: row {i + 1}, column {column} ({arrow_type}): reader gives {row[column]!r}, "
                f"the CSV has {cell!r}")


def _print(value, arrow_type: pa.DataType) -> str:
    """How the job's CSV prints a value, for sorting only (doubles are compared as doubles by cell_matches)."""
    if value is None:
        return ""
    if pat.is_decimal(arrow_type):
        return format(value, "f")
    if pat.is_floating(arrow_type):
        return repr(value)
    if pat.is_boolean(arrow_type):
        return "true" if value else "false"
    if pat.is_timestamp(arrow_type):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if pat.is_date(arrow_type):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return str(value)
