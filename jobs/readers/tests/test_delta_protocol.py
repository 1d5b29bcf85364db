"""Every Delta table of the warehouse (bronze, silver, gold) stays readable by readers that are not Spark:
reader protocol 1 and no reader table feature (deletion vectors, column mapping, v2 checkpoints, timestampNtz,
...), so delta-rs, DuckDB's delta extension, Trino and older Spark/Delta all read it (docs/readers.md)."""
from deltalake import DeltaTable

# table properties that would add a reader feature (or raise the reader version) to a table
READER_BREAKING_PROPERTIES = {
    "delta.enableDeletionVectors": "true",
    "delta.columnMapping.mode": ("name", "id"),
    "delta.checkpointPolicy": "v2",
    "delta.enableTypeWidening": "true",
    "delta.enableVariantShredding": "true",
}


def test_the_table_needs_no_reader_feature(warehouse, delta_table):
    table = DeltaTable(str(warehouse / delta_table))
    protocol = table.protocol()
    assert protocol.min_reader_version == 1, (
        f"{delta_table}: minReaderVersion {protocol.min_reader_version}, reader features "
        f"{protocol.reader_features}")
    assert not protocol.reader_features, f"{delta_table}: reader features {protocol.reader_features}"
    config = table.metadata().configuration
    for key, breaking in READER_BREAKING_PROPERTIES.items():
        value = (config.get(key) or "").lower()
        assert value not in (breaking if isinstance(breaking, tuple) else (breaking,)), (
            f"{delta_table}: table property {key} = {value} would need a reader feature")


def test_delta_rs_reads_every_row_of_the_table(warehouse, manifest, delta_table):
    """delta-rs counts the same rows as the manifest, which Spark counted when the run ended."""
    layer, name = delta_table.split("/")
    recorded = manifest["tables"].get(f"{layer}.{name}")
    assert recorded is not None, f"{delta_table} is not in the manifest's tables"
    table = DeltaTable(str(warehouse / delta_table))
    assert table.version() == recorded["delta_version"], delta_table
    assert table.to_pyarrow_table().num_rows == recorded["rows"], delta_table
