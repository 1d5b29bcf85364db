"""
A real Spark standalone cluster on 127.0.0.1 (a master and two workers of 1 core and 1g): `jobs/glengarry run
--master spark://...` with SPARK_HOME set hands the job to spark-submit, the executors on the workers do the
work, and the warehouse comes out as the embedded run's.
"""

from __future__ import annotations

import pytest
from conftest import (REPO, RUN_DATE, assert_manifest_sound, assert_tables_match_manifest, base_env,
                      delta_contents, read_manifest, run)


@pytest.fixture(scope="module")
def cluster_night(spark_cluster, work_dir):
    warehouse = work_dir / "cluster" / "warehouse"
    result = run([str(REPO / "jobs" / "glengarry"), "run", "--run-date", RUN_DATE, "--warehouse", str(warehouse),
                  "--master", spark_cluster.master_url],
                 env=base_env(GLENGARRY_DRIVER_MEMORY="2g"), cwd=REPO, timeout=900,
                 log=work_dir / "cluster" / "run.log")
    assert result.returncode == 0, f"run on {spark_cluster.master_url} failed ({result.returncode}):\n{result.tail()}"
    return warehouse, read_manifest(warehouse), delta_contents(warehouse)


def test_the_executors_ran_on_both_workers(spark_cluster, cluster_night):
    master_log = spark_cluster.master_log.read_text(errors="replace")
    assert f"Registered app glengarry run {RUN_DATE}" in master_log
    for log, folder in zip(spark_cluster.worker_logs, spark_cluster.worker_dirs):
        assert "Asked to launch executor" in log.read_text(errors="replace"), log
        # spark-submit shipped the job jar to the executor's folder on the worker
        assert list(folder.glob("app-*/*/glengarry-*-job.jar")), f"no job jar fetched under {folder}"


def test_the_cluster_night_equals_the_embedded_night(cluster_night, embedded_night):
    warehouse, manifest, contents = cluster_night
    assert_manifest_sound(manifest)
    assert_tables_match_manifest(manifest, contents)
    assert manifest["extracts"] == embedded_night.manifest["extracts"]
    assert manifest["tables"] == embedded_night.manifest["tables"]
    assert contents == embedded_night.contents
