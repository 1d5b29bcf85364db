"""
Glengarry nightly: one run per business day, whose date is the run's logical date.

    validate  ->  run  ->  check_manifest

``validate`` and ``run`` hand the job jar to ``spark-submit`` (SparkSubmitOperator, main class
``io.glengarry.cli.Main``) with ``--run-date {{ ds }}``. The job's exit codes (shared/spec/INTERFACE.md) decide
what Airflow does with a failure: 2 (bad usage or config), 3 (the drop breaks the extract contract) and 4 (a
reconciliation failed) come back the same however often they are tried, so they fail the task at once;
anything else (1, a lost executor, a killed JVM) is retried after ``retry_delay``. ``check_manifest`` reads
``<warehouse>/manifests/<ds>.json``, checks it, and publishes the manifest and every gold table it lists as
Airflow assets for downstream DAGs.

Settings are looked up when a task runs, in this order: the Airflow Variable ``glengarry_<name>``, the
environment variable ``GLENGARRY_<NAME>`` of the worker, the default below. Defaults of paths are taken under
``glengarry_home`` (the folder where a release of the repository is installed). docs/airflow.md has the list.
"""

from __future__ import annotations

import glob
import json
import os
import re
from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import DAG, Asset, AssetAlias, CronDataIntervalTimetable, Variable, task
from airflow.sdk.exceptions import AirflowFailException

MAIN_CLASS = "io.glengarry.cli.Main"
# JVM options of driver and executors: the log4j2 file, Spark's generated methods above 8000 bytes
# JIT-compiled too, and the parallel collector (pom.xml jvm.tuning, docs/scale.md)
JAVA_OPTIONS = "-XX:-DontCompileHugeMethods -XX:+UseParallelGC -Dlog4j2.configurationFile={{ glengarry('log4j_conf') }}"

# The Spark connection (master URL, deploy mode) is chosen when the DAG is parsed, so it comes from the
# environment only; docs/airflow.md shows how to create it.
SPARK_CONN_ID = os.environ.get("GLENGARRY_SPARK_CONN_ID", "glengarry_spark")

# Exit codes of io.glengarry.cli.Main that a retry cannot change (shared/spec/INTERFACE.md).
NOT_RETRIED = {
    2: "bad usage or config",
    3: "the drop breaks the extract contract (nothing was written)",
    4: "a reconciliation or quality gate failed (outputs and reconciliation file were written)",
}

# Published by check_manifest once a night is verified. Downstream DAGs schedule on
# Asset.ref(name="glengarry.manifest"), on a gold table's Asset.ref(name="glengarry.gold.<report>"), or on the
# alias, which fires for every gold table a night wrote.
MANIFEST_ASSET = Asset(name="glengarry.manifest", uri="x-glengarry://warehouse/manifests", group="glengarry")
GOLD_TABLES = AssetAlias(name="glengarry.gold", group="glengarry")


def gold_table_asset(report: str) -> Asset:
    return Asset(name=f"glengarry.gold.{report}", uri=f"x-glengarry://warehouse/gold/{report}", group="glengarry")


# ---- settings ------------------------------------------------------------------------------------------------

def _lookup(name: str) -> str | None:
    value = Variable.get(f"glengarry_{name}", default=None)
    if value in (None, ""):
        value = os.environ.get(f"GLENGARRY_{name.upper()}")
    return value or None


def _home() -> Path:
    home = _lookup("home")
    if home is None:
        raise AirflowFailException(
            "Set the Airflow Variable glengarry_home (or GLENGARRY_HOME on the workers) to the folder where "
            "Glengarry is installed, or set glengarry_job_jar, glengarry_conf, glengarry_landing and "
            "glengarry_warehouse one by one (docs/airflow.md)."
        )
    return Path(home)


def _job_jar() -> str:
    jars = glob.glob(str(_home() / "target" / "glengarry-*-job.jar"))
    if not jars:
        raise AirflowFailException(
            f"No job jar {_home() / 'target' / 'glengarry-*-job.jar'}: build it with "
            "'mvn -B -DskipTests package' in glengarry_home, or set the Variable glengarry_job_jar."
        )
    return max(jars, key=os.path.getmtime)  # the one built last


def _log4j_conf() -> str:
    beside_conf = Path(glengarry_setting("conf")).parent / "log4j2.properties"
    return str(beside_conf) if beside_conf.is_file() else str(_home() / "conf" / "log4j2.properties")


_DEFAULTS = {
    "job_jar": _job_jar,
    "conf": lambda: str(_home() / "conf" / "glengarry.conf"),
    "landing": lambda: str(_home() / "data-samples" / "landing"),
    "warehouse": lambda: str(_home() / "warehouse"),
    "log4j_conf": _log4j_conf,
    "driver_memory": lambda: "4g",
    "executor_memory": lambda: "1g",
}


def glengarry_setting(name: str) -> str:
    """A setting, resolved at run time: Variable glengarry_<name>, env GLENGARRY_<NAME>, then the default.

    Paths are made absolute: the driver does not start in the folder Airflow was started from.
    """
    value = _lookup(name) or _DEFAULTS[name]()
    if name in ("job_jar", "conf", "landing", "warehouse", "log4j_conf") and "://" not in value:
        value = os.path.abspath(value)
    return value


# ---- the job through spark-submit ----------------------------------------------------------------------------

def exit_code_of(error: BaseException, hook) -> int | None:
    """The exit code of the spark-submit process that just failed, or None when it never ran.

    SparkSubmitHook keeps the process (``_submit_sp``) but reports failures only as an AirflowException whose
    message says "Error code is: N."; the process is read first and the message is the fallback.
    """
    process = getattr(hook, "_submit_sp", None) if hook is not None else None
    if process is not None and process.returncode is not None:
        return process.returncode
    match = re.search(r"Error code is: (-?\d+)", str(error))
    return int(match.group(1)) if match else None


class GlengarrySubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator for one jobs/glengarry command; fails at once on the exit codes in NOT_RETRIED."""

    def __init__(self, *, command: str, command_args: list[str], **kwargs) -> None:
        super().__init__(
            application="{{ glengarry('job_jar') }}",
            java_class=MAIN_CLASS,
            conn_id=SPARK_CONN_ID,
            name=f"glengarry-{command}-{{{{ ds }}}}",
            application_args=[command, "--run-date", "{{ ds }}", "--conf", "{{ glengarry('conf') }}",
                              *command_args],
            conf={
                "spark.driver.memory": "{{ glengarry('driver_memory') }}",
                "spark.executor.memory": "{{ glengarry('executor_memory') }}",
                "spark.driver.extraJavaOptions": JAVA_OPTIONS,
                "spark.executor.extraJavaOptions": JAVA_OPTIONS,
            },
            # With Airflow's OpenLineage provider installed, the task run is handed to the job as the parent of
            # its own lineage events (spark.openlineage.parentJobNamespace/parentJobName/parentRunId and the
            # DAG run as root): a lineage server shows the job's tables under this task. Without it, nothing.
            openlineage_inject_parent_job_info=True,
            **kwargs,
        )
        self.command = command

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowFailException:
            raise
        except Exception as error:
            code = exit_code_of(error, self._hook)
            if code in NOT_RETRIED:
                raise AirflowFailException(
                    f"glengarry {self.command} exited with {code}: {NOT_RETRIED[code]}. Not retried: the same "
                    f"input gives the same answer. Fix the cause (the task log has the job's message), then "
                    f"clear the task."
                ) from error
            raise


# ---- the manifest --------------------------------------------------------------------------------------------

def manifest_problems(manifest: dict, run_date: str) -> list[str]:
    """What is wrong with a night's manifest; empty when it says the night succeeded and its counts tie."""
    problems = []
    if manifest.get("status") != "succeeded":
        problems.append(f"status is {manifest.get('status')!r}, expected 'succeeded'")
    if manifest.get("run_date") != run_date:
        problems.append(f"run_date is {manifest.get('run_date')!r}, expected {run_date!r}")
    extracts = manifest.get("extracts") or {}
    if not extracts:
        problems.append("no extracts recorded")
    for name, e in sorted(extracts.items()):
        read, accepted, quarantined = e.get("rows_read"), e.get("rows_accepted"), e.get("rows_quarantined")
        if None in (read, accepted, quarantined) or read != accepted + quarantined:
            problems.append(f"extract {name}: rows_read {read} != rows_accepted {accepted} + "
                            f"rows_quarantined {quarantined}")
        by_reason = sum((e.get("quarantined_by_reason") or {}).values())
        if quarantined is not None and by_reason != quarantined:
            problems.append(f"extract {name}: quarantined_by_reason adds up to {by_reason}, "
                            f"rows_quarantined is {quarantined}")
    return problems


def gold_tables(manifest: dict) -> dict[str, dict]:
    """The gold tables a manifest lists, by report name ('gold.<report>' in its tables section)."""
    return {name.split(".", 1)[1]: t for name, t in sorted((manifest.get("tables") or {}).items())
            if name.startswith("gold.")}


with DAG(
    dag_id="glengarry_nightly",
    description="Glengarry lead-to-revenue ledger: validate, run and check one night's drop",
    # Logical date = start of the data interval = the business date; the run starts at 02:00 UTC the day
    # after, when the drop is complete.
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2026, 11, 24, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "glengarry",
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
    },
    user_defined_macros={"glengarry": glengarry_setting},
    tags=["glengarry"],
    doc_md=__doc__,
) as dag:
    validate = GlengarrySubmitOperator(
        task_id="validate",
        command="validate",
        command_args=["--landing", "{{ glengarry('landing') }}"],
        execution_timeout=timedelta(minutes=30),
        doc_md="Checks the drop <landing>/<ds>/ against the extract contract; writes nothing.",
    )

    run = GlengarrySubmitOperator(
        task_id="run",
        command="run",
        command_args=["--landing", "{{ glengarry('landing') }}", "--warehouse", "{{ glengarry('warehouse') }}"],
        execution_timeout=timedelta(hours=4),
        doc_md="Runs the night: bronze, conform, reports, exports, manifest (written last).",
    )

    @task(outlets=[MANIFEST_ASSET, GOLD_TABLES])
    def check_manifest(*, ds: str, outlet_events) -> dict:
        """Checks <warehouse>/manifests/<ds>.json, then publishes the manifest and its gold tables as assets."""
        warehouse = glengarry_setting("warehouse")
        path = Path(warehouse) / "manifests" / f"{ds}.json"
        if not path.is_file():
            raise FileNotFoundError(f"No manifest {path}: the run task finished but left none.")
        manifest = json.loads(path.read_text(encoding="utf-8"))
        problems = manifest_problems(manifest, ds)
        if problems:
            raise AirflowFailException(f"Manifest {path} does not hold up: " + "; ".join(problems))

        outlet_events[MANIFEST_ASSET].extra = {
            "run_date": ds,
            "path": str(path),
            "code_version": manifest.get("code_version"),
            "config_sha256": manifest.get("config_sha256"),
        }
        for report, table in gold_tables(manifest).items():
            outlet_events[GOLD_TABLES].add(gold_table_asset(report), extra={
                "run_date": ds,
                "path": str(Path(warehouse) / "gold" / report),
                "delta_version": table.get("delta_version"),
                "rows": table.get("rows"),
            })
        return {
            "run_date": ds,
            "manifest": str(path),
            "extracts": {name: e["rows_read"] for name, e in sorted(manifest["extracts"].items())},
            "gold_tables": sorted(gold_tables(manifest)),
        }

    validate >> run >> check_manifest()
