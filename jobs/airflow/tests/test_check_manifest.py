"""check_manifest alone (`airflow tasks test`), on a manifest that lists gold tables: one asset event each."""

from __future__ import annotations

import copy
import json

from conftest import DAG_ID, REPO, RUN_DATE


def test_every_gold_table_of_the_manifest_is_published_through_the_alias(airflow, embedded_night, tmp_path):
    from glengarry_nightly import gold_tables

    manifest = copy.deepcopy(embedded_night.manifest)
    if not gold_tables(manifest):
        # a build whose night has no gold stage yet: stand one table in, so the alias path runs all the same
        manifest["tables"]["gold.stand_in_report"] = {"delta_version": 0, "rows": 7}
    gold = gold_tables(manifest)
    warehouse = tmp_path / "warehouse"
    (warehouse / "manifests").mkdir(parents=True)
    (warehouse / "manifests" / f"{RUN_DATE}.json").write_text(json.dumps(manifest), encoding="utf-8")

    result = airflow.cli("tasks", "test", DAG_ID, "check_manifest", RUN_DATE,
                         env=airflow.env(home=REPO, warehouse=warehouse), cwd=tmp_path, timeout=300,
                         log="tasks-test-check-manifest.log")
    assert result.returncode == 0, result.tail()

    for report, table in gold.items():
        events = [e for e in airflow.asset_events(f"glengarry.gold.{report}")
                  if e["path"] == str(warehouse / "gold" / report)]
        assert events == [{"run_date": RUN_DATE, "path": str(warehouse / "gold" / report),
                           "delta_version": table["delta_version"], "rows": table["rows"]}]
    manifest_events = [e for e in airflow.asset_events("glengarry.manifest")
                       if e["path"] == str(warehouse / "manifests" / f"{RUN_DATE}.json")]
    assert [e["run_date"] for e in manifest_events] == [RUN_DATE]
