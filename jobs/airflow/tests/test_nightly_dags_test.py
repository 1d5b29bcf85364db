"""
`airflow dags test glengarry_nightly 2026-11-24`, twice, into one temporary warehouse: Airflow renders the
settings, spark-submit runs the job jar on master local[2], check_manifest publishes the assets. The second
night must leave the same tables as the first, and both the same as the job run embedded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from conftest import (LANDING, REPO, RUN_DATE, Completed, assert_manifest_sound, assert_tables_match_manifest,
                      delta_contents, jar_commit, read_manifest, run_id_of, table_rows)


AIRFLOW_LINEAGE = "airflow-lineage.jsonl"


@dataclass
class AirflowNight:
    result: Completed
    manifest: dict
    contents: dict[str, tuple[int, str]]
    task_states: dict[str, dict]


@pytest.fixture(scope="module")
def two_nights(airflow, work_dir):
    folder = work_dir / "dags-test"
    folder.mkdir()
    warehouse = folder / "warehouse"
    # The worker starts in a folder of its own: every path must come to the job absolute.
    env = airflow.env(home=REPO, landing=LANDING, warehouse=warehouse)
    # Airflow's OpenLineage provider writes the task events to a file; the job writes its own to its warehouse
    env["AIRFLOW__OPENLINEAGE__TRANSPORT"] = json.dumps(
        {"type": "file", "log_file_path": str(folder / AIRFLOW_LINEAGE), "append": True})
    nights = []
    for attempt in (1, 2):
        result = airflow.dags_test(RUN_DATE, env=env, cwd=folder, log=f"dags-test-{attempt}.log")
        assert result.returncode == 0, f"airflow dags test #{attempt} failed:\n{result.tail(80)}"
        # read now: the next `dags test` of the same logical date replaces this dag run in the database
        states = airflow.task_states(run_id_of(result))
        nights.append(AirflowNight(result, read_manifest(warehouse), delta_contents(warehouse), states))
    return warehouse, nights


def test_each_night_runs_validate_run_and_check_once_through_spark_submit(two_nights):
    _, nights = two_nights
    for night in nights:
        output = night.result.output
        assert "Spark-Submit cmd: spark-submit --master local[2]" in output
        assert "--class io.glengarry.cli.Main" in output
        assert f"validate --run-date {RUN_DATE}" in output
        assert f"run --run-date {RUN_DATE}" in output
        assert night.task_states == {task: {"state": "success", "try_number": 1}
                                     for task in ("validate", "run", "check_manifest")}
        assert_manifest_sound(night.manifest)
        assert_tables_match_manifest(night.manifest, night.contents)
        # spark-submit runs record the commit the job jar was built from (io/glengarry/build.properties)
        built_from = jar_commit()
        assert built_from, "the job jar was built without -Dglengarry.commit; remove target/*.jar and run again"
        assert night.manifest["code_version"].endswith("+" + built_from), night.manifest["code_version"]


def test_the_second_night_leaves_identical_tables(two_nights):
    _, (first, second) = two_nights
    assert second.manifest["extracts"] == first.manifest["extracts"]
    assert table_rows(second.manifest) == table_rows(first.manifest)
    assert second.contents == first.contents


def test_spark_submit_gives_what_the_embedded_run_gives(two_nights, embedded_night):
    _, (first, _) = two_nights
    assert first.manifest["extracts"] == embedded_night.manifest["extracts"]
    # a fresh warehouse each, so the Delta versions agree too
    assert first.manifest["tables"] == embedded_night.manifest["tables"]
    assert first.contents == embedded_night.contents


def test_check_manifest_published_the_manifest_and_gold_assets(airflow, two_nights):
    warehouse, nights = two_nights
    manifest_path = str(warehouse / "manifests" / f"{RUN_DATE}.json")
    events = [e for e in airflow.asset_events("glengarry.manifest") if e["path"] == manifest_path]
    assert [e["run_date"] for e in events] == [RUN_DATE, RUN_DATE]  # one per night
    # one event per gold table of the night, through the alias glengarry.gold
    from glengarry_nightly import gold_tables

    for report, table in gold_tables(nights[-1].manifest).items():
        events = [e for e in airflow.asset_events(f"glengarry.gold.{report}")
                  if e["path"] == str(warehouse / "gold" / report)]
        assert [(e["run_date"], e["rows"]) for e in events][-1:] == [(RUN_DATE, table["rows"])]
        assert len(events) == 2


def _events(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_jobs_lineage_names_the_airflow_task_run_as_its_parent(two_nights):
    warehouse, nights = two_nights
    airflow_events = _events(warehouse.parent / AIRFLOW_LINEAGE)
    task_events = [e for e in airflow_events if e["job"]["name"] == "glengarry_nightly.run"]
    dag_runs = {e["run"]["runId"] for e in airflow_events if e["job"]["name"] == "glengarry_nightly"}
    task_runs = {e["run"]["runId"] for e in task_events}
    assert [e["eventType"] for e in task_events] == ["START", "COMPLETE"] * 2
    # the provider derives a task run's id from the DAG, task, logical date and try: the same both nights here
    assert len(task_runs) == 1, task_runs
    namespace = task_events[0]["job"]["namespace"]

    job_events = _events(warehouse / "lineage" / "events.jsonl")
    assert [e["eventType"] for e in job_events] == ["START", "COMPLETE"] * 2
    for event in job_events:
        parent = event["run"]["facets"]["parent"]
        assert parent["job"] == {"namespace": namespace, "name": "glengarry_nightly.run"}
        assert parent["run"]["runId"] in task_runs
        assert parent["root"]["job"] == {"namespace": namespace, "name": "glengarry_nightly"}
        assert parent["root"]["run"]["runId"] in dag_runs
    assert {e["run"]["facets"]["parent"]["run"]["runId"] for e in job_events} == task_runs
    # the job's run ids are its own; each night's manifest names the run its events carry
    assert {e["run"]["runId"] for e in job_events}.isdisjoint(task_runs)
    assert nights[-1].manifest["notices"]["lineage"]["run_id"] == job_events[-1]["run"]["runId"]
