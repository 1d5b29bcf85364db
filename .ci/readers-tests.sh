#!/usr/bin/env bash
# Non-Spark readers and the run summary page (issue 9): runs the nightly job on data-samples into a warehouse
# under target/, then reads its gold Delta tables with delta-rs (deltalake) and DuckDB, its Parquet exports with
# DuckDB, compares both with the CSV exports value for value, and opens the summary page in headless Chromium.
#
#   bash .ci/readers-tests.sh                 # from anywhere; all state is under target/
#   bash .ci/readers-tests.sh -k summary      # extra arguments go to pytest
#
# Env: READERS_WAREHOUSE=<dir> reuses a warehouse a run already wrote (the job is not run then);
#      READERS_TESTS_PYTHON (default python3.11, else python3).
# Idempotent: the venv target/readers-venv is made once and reinstalled only when jobs/readers/requirements.txt,
# constraints.txt or the Python version change. Chromium is installed from Debian (apt-get) when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/target/readers-venv"
REQUIREMENTS="$ROOT/jobs/readers/requirements.txt"
CONSTRAINTS="$ROOT/jobs/readers/constraints.txt"
RUN_DATE=2026-11-26

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

PYTHON="${READERS_TESTS_PYTHON:-}"
if [ -z "$PYTHON" ]; then
  if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

# ---- 1. the venv: deltalake, duckdb, pyarrow, pillow, pytest ------------------------------------------------------
part "venv and pip install"
stamp_wanted="$("$PYTHON" --version 2>&1) $(cat "$REQUIREMENTS" "$CONSTRAINTS" | sha256sum | cut -c1-16)"
stamp_file="$VENV/.glengarry-installed"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_wanted" ] && [ -x "$VENV/bin/python" ]; then
  echo "reusing $VENV ($stamp_wanted)"
else
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" -c "$CONSTRAINTS"
  echo "$stamp_wanted" > "$stamp_file"
fi
"$VENV/bin/python" -m pip --disable-pip-version-check list 2>/dev/null \
  | grep -iE '^(deltalake|duckdb|pyarrow|pillow|pytest) ' || true
done_part "venv and pip install"

# ---- 2. Chromium (Debian's package) -------------------------------------------------------------------------------
part "chromium"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is missing and this is not root: install it (apt-get install chromium) and run again" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
chromium --version
done_part "chromium"

# ---- 3. a warehouse the nightly job wrote -------------------------------------------------------------------------
part "nightly job on data-samples"
if [ -n "${READERS_WAREHOUSE:-}" ]; then
  WAREHOUSE="$READERS_WAREHOUSE"
  echo "reusing the warehouse $WAREHOUSE"
else
  WAREHOUSE="$ROOT/target/readers-tests/warehouse"
  rm -rf "$ROOT/target/readers-tests"
  mkdir -p "$ROOT/target/readers-tests"
  GLENGARRY_WAREHOUSE="$WAREHOUSE" jobs/glengarry run --run-date "$RUN_DATE" \
    > "$ROOT/target/readers-tests/run.log" 2>&1 || { tail -n 40 "$ROOT/target/readers-tests/run.log"; exit 1; }
  tail -n 3 "$ROOT/target/readers-tests/run.log"
fi
done_part "nightly job on data-samples"

# ---- 4. the tests -------------------------------------------------------------------------------------------------
part "pytest jobs/readers/tests"
export GLENGARRY_READERS_WAREHOUSE="$WAREHOUSE" GLENGARRY_READERS_AS_OF="$RUN_DATE"
export GLENGARRY_READERS_SCREENSHOT="${GLENGARRY_READERS_SCREENSHOT:-$ROOT/target/readers-tests/summary-screenshot.png}"
mkdir -p "$(dirname "$GLENGARRY_READERS_SCREENSHOT")"
set +e
(cd "$ROOT/jobs/readers/tests" && "$VENV/bin/python" -m pytest . -p no:cacheprovider -q --durations=5 "$@")
status=$?
set -e
done_part "pytest jobs/readers/tests"
exit $status
