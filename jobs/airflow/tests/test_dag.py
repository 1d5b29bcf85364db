"""The DAG file as Airflow's DagBag loads it: no import errors, the tasks and their order, retries, assets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import DAG_ID, DAGS_FOLDER


@pytest.fixture(scope="module")
def dagbag():
    try:
        from airflow.dag_processing.dagbag import DagBag
    except ImportError:  # Airflow before 3.1
        from airflow.models.dagbag import DagBag
    return DagBag(dag_folder=str(DAGS_FOLDER))


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.dags[DAG_ID]


def test_the_dag_folder_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert list(dagbag.dags) == [DAG_ID]  # .airflowignore keeps tests/ out


def test_validate_then_run_then_check_manifest(dag):
    assert sorted(dag.task_ids) == ["check_manifest", "run", "validate"]
    assert dag.get_task("validate").upstream_task_ids == set()
    assert dag.get_task("run").upstream_task_ids == {"validate"}
    assert dag.get_task("check_manifest").upstream_task_ids == {"run"}


def test_one_night_at_a_time_and_the_business_date_is_the_logical_date(dag):
    from airflow.sdk import CronDataIntervalTimetable

    assert dag.max_active_runs == 1
    # A data-interval timetable: the run of business day D starts after D ends, with logical date D.
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    for task_id in ("validate", "run"):
        args = dag.get_task(task_id).application_args
        assert args[:3] == [task_id, "--run-date", "{{ ds }}"]


def test_every_task_is_retried_after_a_delay(dag):
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        assert task.retry_delay >= timedelta(minutes=1), task.task_id


def test_the_job_is_handed_to_spark_submit(dag):
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    for task_id in ("validate", "run"):
        task = dag.get_task(task_id)
        assert isinstance(task, SparkSubmitOperator)
        assert task._java_class == "io.glengarry.cli.Main"
        assert task.application == "{{ glengarry('job_jar') }}"
        assert "--conf" in task.application_args and "--landing" in task.application_args
    assert "--warehouse" in dag.get_task("run").application_args


def test_the_manifest_and_gold_tables_are_published_as_assets(dag):
    from airflow.sdk import Asset, AssetAlias

    outlets = dag.get_task("check_manifest").outlets
    assert any(isinstance(o, Asset) and o.name == "glengarry.manifest" for o in outlets)
    assert any(isinstance(o, AssetAlias) and o.name == "glengarry.gold" for o in outlets)
    assert not dag.get_task("run").outlets  # a night is published only once its manifest is checked


# ---- the manifest check on its own ------------------------------------------------------------------------------

def _manifest(**changes):
    manifest = {
        "status": "succeeded",
        "run_date": "2026-11-24",
        "extracts": {
            "leads": {"rows_read": 10, "rows_accepted": 8, "rows_quarantined": 2,
                      "quarantined_by_reason": {"bad_date": 1, "missing_required": 1}},
            "orders": {"rows_read": 5, "rows_accepted": 5, "rows_quarantined": 0, "quarantined_by_reason": {}},
        },
        "tables": {"bronze.leads": {"delta_version": 0, "rows": 8},
                   "gold.pipeline": {"delta_version": 3, "rows": 4}},
    }
    manifest.update(changes)
    return manifest


def test_a_sound_manifest_has_no_problems():
    from glengarry_nightly import gold_tables, manifest_problems

    assert manifest_problems(_manifest(), "2026-11-24") == []
    assert gold_tables(_manifest()) == {"pipeline": {"delta_version": 3, "rows": 4}}


def test_the_manifest_check_names_each_problem():
    from glengarry_nightly import manifest_problems

    broken = _manifest(status="failed", run_date="2026-11-23")
    broken["extracts"]["leads"]["rows_accepted"] = 9  # 10 read != 9 + 2
    broken["extracts"]["orders"]["quarantined_by_reason"] = {"bad_decimal": 1}  # 1 by reason, 0 quarantined
    assert manifest_problems(broken, "2026-11-24") == [
        "status is 'failed', expected 'succeeded'",
        "run_date is '2026-11-23', expected '2026-11-24'",
        "extract leads: rows_read 10 != rows_accepted 9 + rows_quarantined 2",
        "extract orders: quarantined_by_reason adds up to 1, rows_quarantined is 0",
    ]
    assert manifest_problems(_manifest(extracts={}), "2026-11-24") == ["no extracts recorded"]
