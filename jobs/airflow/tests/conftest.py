"""
Fixtures for the Airflow and spark-submit tests (.ci/airflow-tests.sh runs them in target/airflow-venv).

Everything runs for real on this machine, on loopback only: Airflow 3 with SQLite in a temporary AIRFLOW_HOME,
spark-submit from the pyspark package (its folder is SPARK_HOME), a Spark standalone cluster started from the
same installation, and the job jar from target/. Delta tables are read back with delta-rs (the deltalake
package), a reader independent of the Spark that wrote them.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DAGS_FOLDER = REPO / "jobs" / "airflow"
LANDING = REPO / "data-samples" / "landing"
RUN_DATE = "2026-11-24"
DAG_ID = "glengarry_nightly"

# Everything the tests write goes under target/airflow-tests/, emptied when a session starts and kept after it,
# so the logs of a failed run can be read. Airflow reads AIRFLOW_HOME when it is first imported, so it is set
# before any test module imports it.
WORK = REPO / "target" / "airflow-tests"
shutil.rmtree(WORK, ignore_errors=True)
_AIRFLOW_HOME = WORK / "airflow-home"
_AIRFLOW_HOME.mkdir(parents=True)
os.environ.update({
    "AIRFLOW_HOME": str(_AIRFLOW_HOME),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
    "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
})
sys.path.insert(0, str(DAGS_FOLDER))


def _spark_home() -> Path:
    if os.environ.get("SPARK_HOME"):
        return Path(os.environ["SPARK_HOME"])
    import pyspark
    return Path(pyspark.__file__).parent


SPARK_HOME = _spark_home()


def job_jar() -> Path:
    jars = sorted(glob.glob(str(REPO / "target" / "glengarry-*-job.jar")))
    assert jars, "no target/glengarry-*-job.jar: build it with 'mvn -B -q -DskipTests package'"
    return Path(jars[-1])


def jar_commit() -> str:
    """The commit the job jar records (io/glengarry/build.properties; empty when built without it)."""
    with zipfile.ZipFile(job_jar()) as jar:
        text = jar.read("io/glengarry/build.properties").decode("utf-8")
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))
    return values.get("commit", "").strip()


def base_env(**extra: str) -> dict[str, str]:
    """The environment every process of these tests gets: this venv first on PATH, Spark on loopback."""
    env = dict(os.environ)
    env.pop("SPARK_MASTER", None)
    env.update({
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "SPARK_HOME": str(SPARK_HOME),
        "SPARK_LOCAL_IP": "127.0.0.1",
        "SPARK_LOCAL_HOSTNAME": "127.0.0.1",
        "SPARK_CONF_DIR": str(_spark_conf_dir()),
    })
    env.update(extra)
    return env


_SPARK_CONF_DIR: Path | None = None


def _spark_conf_dir() -> Path:
    """spark-defaults.conf for every spark-submit here: no web UI (no port to share between tests)."""
    global _SPARK_CONF_DIR
    if _SPARK_CONF_DIR is None:
        _SPARK_CONF_DIR = _AIRFLOW_HOME / "spark-conf"
        _SPARK_CONF_DIR.mkdir(parents=True, exist_ok=True)
        (_SPARK_CONF_DIR / "spark-defaults.conf").write_text(
            "spark.ui.enabled false\nspark.ui.showConsoleProgress false\n", encoding="utf-8")
    return _SPARK_CONF_DIR


@dataclass
class Completed:
    args: list[str]
    returncode: int
    output: str
    seconds: float

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.output.splitlines()[-lines:])


def run(args: list[str], *, env: dict[str, str], cwd: Path, timeout: float, log: Path) -> Completed:
    """Runs a command to its end (bounded), output to a log file kept for reading after a failure."""
    started = time.monotonic()
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(args, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop_group(process)
            raise AssertionError(f"{' '.join(args)} still running after {timeout:.0f} s (log: {log})")
    return Completed(args, process.returncode, log.read_text(encoding="utf-8", errors="replace"),
                     time.monotonic() - started)


def _stop_group(process: subprocess.Popen, grace: float = 30) -> None:
    """Stops a process started with start_new_session=True and everything it started."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=grace)


# ---- what a run leaves ---------------------------------------------------------------------------------------

def read_manifest(warehouse: Path, run_date: str = RUN_DATE) -> dict:
    path = warehouse / "manifests" / f"{run_date}.json"
    assert path.is_file(), f"no manifest {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def table_rows(manifest: dict) -> dict[str, int]:
    return {name: t["rows"] for name, t in manifest["tables"].items()}


def delta_contents(warehouse: Path) -> dict[str, tuple[int, str]]:
    """Every Delta table under the warehouse (found by its _delta_log), as (rows, digest of its sorted rows).

    Whatever layers and reports later stages add are picked up the same way; the digest is over all columns
    (partition columns included), in name order, so two runs compare equal exactly when their rows do.
    """
    from deltalake import DeltaTable

    contents = {}
    for log_dir in sorted(warehouse.glob("**/_delta_log")):
        table_dir = log_dir.parent
        table = DeltaTable(str(table_dir)).to_pyarrow_table()
        columns = sorted(table.column_names)
        rows = sorted(repr(tuple(row[c] for c in columns)) for row in table.select(columns).to_pylist())
        digest = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
        contents[str(table_dir.relative_to(warehouse))] = (len(rows), digest)
    return contents


def assert_manifest_sound(manifest: dict, run_date: str = RUN_DATE) -> None:
    """The DAG's own check (test_dag.py tests it on hand-made manifests): status, run date, counts that tie."""
    from glengarry_nightly import manifest_problems

    assert manifest_problems(manifest, run_date) == []


def assert_tables_match_manifest(manifest: dict, contents: dict[str, tuple[int, str]]) -> None:
    """The manifest's tables section names tables as <layer>.<table>; delta-rs must count the same rows."""
    assert manifest["tables"], "no tables in the manifest"
    for name, t in manifest["tables"].items():
        path = name.replace(".", "/", 1)
        assert path in contents, f"manifest lists {name}, but there is no Delta table {path}"
        assert contents[path][0] == t["rows"], f"{name}: manifest says {t['rows']} rows, Delta has {contents[path][0]}"


# ---- the embedded run every other way of running is compared with -------------------------------------------

@dataclass
class Night:
    warehouse: Path
    manifest: dict
    contents: dict[str, tuple[int, str]]
    result: Completed


@pytest.fixture(scope="session")
def work_dir() -> Path:
    return WORK


@pytest.fixture(scope="session")
def embedded_night(work_dir: Path) -> Night:
    """jobs/glengarry run on the sample drop, Spark embedded (no master, no spark-submit)."""
    warehouse = work_dir / "embedded" / "warehouse"
    env = base_env()
    env.pop("SPARK_HOME")  # embedded whatever the machine has installed
    result = run([str(REPO / "jobs" / "glengarry"), "run", "--run-date", RUN_DATE, "--warehouse", str(warehouse)],
                 env=env, cwd=REPO, timeout=900, log=work_dir / "embedded" / "run.log")
    assert result.returncode == 0, f"embedded run failed ({result.returncode}):\n{result.tail()}"
    manifest = read_manifest(warehouse)
    return Night(warehouse, manifest, delta_contents(warehouse), result)


# ---- Airflow ---------------------------------------------------------------------------------------------------

class Airflow:
    """The airflow CLI of this venv against the temporary AIRFLOW_HOME (SQLite)."""

    def __init__(self, home: Path, logs: Path) -> None:
        self.home = home
        self.logs = logs
        self.binary = str(Path(sys.executable).parent / "airflow")

    def env(self, **variables: str) -> dict[str, str]:
        """Environment of a worker: Spark connection local[2]; Variables glengarry_<name> from the arguments."""
        env = base_env(AIRFLOW_CONN_GLENGARRY_SPARK=json.dumps({"conn_type": "spark", "host": "local[2]"}))
        for name, value in variables.items():
            env[f"AIRFLOW_VAR_GLENGARRY_{name.upper()}"] = str(value)
        return env

    def cli(self, *args: str, env: dict[str, str], cwd: Path, timeout: float = 900, log: str) -> Completed:
        return run([self.binary, *args], env=env, cwd=cwd, timeout=timeout, log=self.logs / log)

    def dags_test(self, run_date: str, *, env: dict[str, str], cwd: Path, log: str) -> Completed:
        return self.cli("dags", "test", DAG_ID, run_date, env=env, cwd=cwd, log=log)

    def task_states(self, run_id: str) -> dict[str, dict]:
        """task_id -> {state, try_number} of one dag run, from the metadata database."""
        with sqlite3.connect(self.home / "airflow.db") as db:
            rows = db.execute("SELECT task_id, state, try_number FROM task_instance WHERE dag_id = ? AND run_id = ?",
                              (DAG_ID, run_id)).fetchall()
        return {task: {"state": state, "try_number": tries} for task, state, tries in rows}

    def asset_events(self, asset_name: str) -> list[dict]:
        """The extra of every event of an asset, oldest first, from the metadata database."""
        with sqlite3.connect(self.home / "airflow.db") as db:
            rows = db.execute("SELECT e.extra FROM asset_event e JOIN asset a ON a.id = e.asset_id "
                              "WHERE a.name = ? ORDER BY e.id", (asset_name,)).fetchall()
        return [json.loads(extra) if isinstance(extra, str) else extra for (extra,) in rows]


def run_id_of(result: Completed) -> str:
    """The dag run an `airflow dags test` created, from its log."""
    match = re.search(r"run_id=(manual__[^,\s]+)", result.output)
    assert match, f"no run_id in the output of airflow dags test:\n{result.tail()}"
    return match.group(1)


@pytest.fixture(scope="session")
def airflow(work_dir: Path) -> Airflow:
    af = Airflow(_AIRFLOW_HOME, work_dir / "airflow-logs")
    result = af.cli("db", "migrate", env=base_env(), cwd=work_dir, timeout=300, log="db-migrate.log")
    assert result.returncode == 0, f"airflow db migrate failed:\n{result.tail()}"
    return af


# ---- a Spark standalone cluster on loopback --------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    master_url: str
    master_log: Path
    worker_logs: list[Path]
    worker_dirs: list[Path]


def _wait_for(what: str, check, timeout: float, logs: list[Path]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    tails = "\n".join(f"--- {p}\n" + "\n".join(p.read_text(errors="replace").splitlines()[-20:]) for p in logs
                      if p.exists())
    raise AssertionError(f"{what}: not within {timeout:.0f} s\n{tails}")


@pytest.fixture(scope="module")
def spark_cluster(work_dir: Path) -> Cluster:
    """A Spark standalone master and two workers (1 core, 1g each) on 127.0.0.1; always stopped afterwards."""
    root = work_dir / "cluster"
    root.mkdir(parents=True, exist_ok=True)
    spark_class = str(SPARK_HOME / "bin" / "spark-class")
    port = free_port()
    # The master's REST submission server is off: nothing here uses it, and it would take port 6066.
    env = base_env(SPARK_MASTER_OPTS="-Dspark.master.rest.enabled=false")
    processes: list[subprocess.Popen] = []
    handles = []

    def start(args: list[str], log: Path) -> None:
        handle = open(log, "w", encoding="utf-8")
        handles.append(handle)
        processes.append(subprocess.Popen(args, env=env, cwd=root, stdout=handle, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, start_new_session=True))

    master_log = root / "master.log"
    worker_logs = [root / f"worker{i}.log" for i in (1, 2)]
    worker_dirs = [root / f"worker{i}" for i in (1, 2)]
    try:
        start([spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
               "--webui-port", str(free_port())], master_log)
        _wait_for("the Spark master to start", lambda: "I have been elected leader" in master_log.read_text(
            errors="replace"), 120, [master_log])
        for log, folder in zip(worker_logs, worker_dirs):
            folder.mkdir()
            start([spark_class, "org.apache.spark.deploy.worker.Worker", f"spark://127.0.0.1:{port}",
                   "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", str(free_port()),
                   "--work-dir", str(folder)], log)
        _wait_for("two workers to register", lambda: master_log.read_text(errors="replace").count(
            "Registering worker") >= 2, 120, [master_log, *worker_logs])
        yield Cluster(f"spark://127.0.0.1:{port}", master_log, worker_logs, worker_dirs)
    finally:
        for process in reversed(processes):
            _stop_group(process)
        for handle in handles:
            handle.close()
