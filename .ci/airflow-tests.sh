#!/usr/bin/env bash
# Airflow and spark-submit tests with the real thing: Airflow 3 (SQLite), the Spark provider's
# SparkSubmitOperator, spark-submit from pyspark, and a Spark standalone cluster on 127.0.0.1.
#
#   bash .ci/airflow-tests.sh            # from anywhere; all state is under target/
#   bash .ci/airflow-tests.sh -k cluster # extra arguments go to pytest
#
# Idempotent: the venv target/airflow-venv is made once and reinstalled only when jobs/airflow/requirements.txt,
# constraints.txt or the Python version change; the job jar is built when missing or older than the sources.
# Test output (Airflow home, warehouses, logs) goes to target/airflow-tests/, emptied at the start of a run.
# Exits non-zero when anything fails. Env: AIRFLOW_TESTS_PYTHON (default python3.11, else python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/target/airflow-venv"
REQUIREMENTS="$ROOT/jobs/airflow/requirements.txt"
CONSTRAINTS="$ROOT/jobs/airflow/constraints.txt"

timings=()
started_all=$SECONDS
part_started=0
part() { part_started=$SECONDS; echo; echo "=== $1"; }
done_part() { local s=$((SECONDS - part_started)); timings+=("$(printf '%-34s %4d s' "$1" "$s")"); echo "=== $1: ${s} s"; }
report() {
  echo
  echo "=== time per part"
  for t in "${timings[@]+"${timings[@]}"}"; do echo "  $t"; done
  echo "  $(printf '%-34s %4d s' total $((SECONDS - started_all)))"
}
trap report EXIT

PYTHON="${AIRFLOW_TESTS_PYTHON:-}"
if [ -z "$PYTHON" ]; then
  if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

# ---- 1. the venv: Airflow, the Spark provider, pyspark (= the Spark installation), pytest, deltalake ----------
part "venv and pip install"
stamp_wanted="$("$PYTHON" --version 2>&1) $(cat "$REQUIREMENTS" "$CONSTRAINTS" | sha256sum | cut -c1-16)"
stamp_file="$VENV/.glengarry-installed"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_wanted" ] && [ -x "$VENV/bin/python" ]; then
  echo "reusing $VENV ($stamp_wanted)"
else
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" -c "$CONSTRAINTS"
  echo "$stamp_wanted" > "$stamp_file"
fi
"$VENV/bin/python" -m pip --disable-pip-version-check list 2>/dev/null \
  | grep -iE '^(apache-airflow |apache-airflow-providers-apache-spark|pyspark |deltalake|pytest )' || true
done_part "venv and pip install"

# ---- 2. the job jar ---------------------------------------------------------------------------------------------
part "job jar (mvn package)"
JOB_JAR="$(ls "$ROOT"/target/glengarry-*-job.jar 2>/dev/null | head -n 1 || true)"
jar_commit() { # the commit the jar records (empty: built by a plain `mvn package`)
  "$VENV/bin/python" -c 'import sys, zipfile
text = zipfile.ZipFile(sys.argv[1]).read("io/glengarry/build.properties").decode()
print(dict(l.split("=", 1) for l in text.splitlines() if "=" in l and not l.startswith("#")).get("commit", "").strip())' \
    "$1" 2>/dev/null || true
}
if [ -z "$JOB_JAR" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JOB_JAR" -print -quit)" ] \
    || [ -z "$(jar_commit "$JOB_JAR")" ]; then
  # the commit goes into the jar, so the manifests of spark-submit runs record it in code_version
  mvn -B -q -Dstyle.color=never -DskipTests -Dglengarry.commit="$(git -C "$ROOT" rev-parse --short HEAD)" package
  echo # Maven's last colour reset leaves the line open
  touch "$ROOT/target/launcher-classpath.txt" # jobs/glengarry: the build is current
else
  echo "up to date: $JOB_JAR"
fi
done_part "job jar (mvn package)"

# ---- 3. the tests -----------------------------------------------------------------------------------------------
part "pytest jobs/airflow/tests"
SPARK_HOME="$("$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME
export PATH="$VENV/bin:$PATH"
unset SPARK_MASTER AIRFLOW_HOME
set +e
"$VENV/bin/python" -m pytest "$ROOT/jobs/airflow/tests" -p no:cacheprovider -v --durations=0 "$@"
status=$?
set -e
done_part "pytest jobs/airflow/tests"
exit $status
