"""
The job's exit codes decide whether Airflow retries: 2, 3 and 4 fail the task at once, anything else is
retried. Each case runs the real job through the real SparkSubmitHook (spark-submit, master local[2]).
"""

from __future__ import annotations

import copy
import json

import pytest
from conftest import REPO, RUN_DATE, base_env, run_id_of


@pytest.fixture
def worker_env(monkeypatch):
    """This process as an Airflow worker: its environment is what the hook hands to spark-submit."""
    def apply(**variables):
        env = base_env(AIRFLOW_CONN_GLENGARRY_SPARK=json.dumps({"conn_type": "spark", "host": "local[2]"}),
                       AIRFLOW_VAR_GLENGARRY_HOME=str(REPO))
        env.update({f"AIRFLOW_VAR_GLENGARRY_{k.upper()}": str(v) for k, v in variables.items()})
        for key, value in env.items():
            monkeypatch.setenv(key, value)
    return apply


def _submit(task_id: str):
    """The DAG's task, its templates rendered for RUN_DATE, executed in this process; returns what it raised."""
    import glengarry_nightly

    task = copy.deepcopy(glengarry_nightly.dag.get_task(task_id))
    task.render_template_fields({"ds": RUN_DATE}, jinja_env=glengarry_nightly.dag.get_template_env())
    # no task run here (an empty context): nothing to hand to the job as its lineage parent
    task._openlineage_inject_parent_job_info = False
    with pytest.raises(Exception) as raised:
        task.execute({})
    assert task._hook._connection["master"] == "local[2]"  # the connection was found, not the yarn fallback
    return task, raised.value


def test_bad_config_exit_2_fails_without_retry(worker_env, tmp_path):
    from airflow.sdk.exceptions import AirflowFailException

    worker_env(conf=tmp_path / "missing.conf")
    task, error = _submit("validate")
    assert task._hook._submit_sp.returncode == 2
    assert isinstance(error, AirflowFailException)
    assert "exited with 2" in str(error)


def test_unexpected_failure_exit_1_is_left_to_retries(worker_env, tmp_path):
    """Another run holds the warehouse (GG-101, exit 1): trying again later is the right answer."""
    from airflow.sdk.exceptions import AirflowFailException

    warehouse = tmp_path / "warehouse"
    warehouse.mkdir()
    # a live holder: on another host, with a fresh heartbeat (the file's time), so it is not taken over
    (warehouse / "_glengarry.lock").write_text(
        "host=another-airflow-worker\npid=1\nrun=run-date 2026-11-23\nstarted_at=2026-11-24T02:00:00Z\n")
    worker_env(warehouse=warehouse)
    task, error = _submit("run")
    assert task._hook._submit_sp.returncode == 1
    assert not isinstance(error, AirflowFailException)
    assert task.retries >= 1


def test_broken_drop_exit_3_fails_the_night_at_once(airflow, tmp_path):
    """airflow dags test on a day without a drop: validate fails once, nothing after it runs."""
    empty_landing = tmp_path / "landing"
    empty_landing.mkdir()
    env = airflow.env(home=REPO, landing=empty_landing, warehouse=tmp_path / "warehouse")
    result = airflow.dags_test(RUN_DATE, env=env, cwd=tmp_path, log="dags-test-no-drop.log")
    assert result.returncode != 0, "the dag run should have failed"
    assert "[GG-301] No drop folder" in result.output
    assert "glengarry validate exited with 3" in result.output
    states = airflow.task_states(run_id_of(result))
    assert states["validate"] == {"state": "failed", "try_number": 1}  # failed, not up_for_retry
    assert states["run"]["state"] == "upstream_failed"
    assert states["check_manifest"]["state"] == "upstream_failed"
    assert not (tmp_path / "warehouse").exists()  # validate writes nothing, and run never started
