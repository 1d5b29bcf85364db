"""The README's "read without Spark" snippet works as written: its pip line installs what it imports, and the
Python block runs against a warehouse the nightly job wrote (as `warehouse/` in the current folder, as in the
README) and prints the channel contribution it selects."""
import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[3] / "README.md"
# the module a package installs, where the two differ
IMPORTS_NEEDED = {"deltalake": "deltalake", "duckdb": "duckdb", "pyarrow": "pyarrow"}


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("read without Spark")
    return text[start:text.index("```\n", text.index("```python", start) + 9)]


def test_the_pip_line_installs_every_package_the_snippet_needs():
    pip = re.search(r"`pip install ([^`]+)`", _section())
    assert pip, "the README names no pip line for the snippet"
    packages = set(pip.group(1).split())
    # deltalake's to_pyarrow_table needs pyarrow, which `pip install deltalake` does not bring
    assert set(IMPORTS_NEEDED) <= packages, f"pip line {sorted(packages)} lacks {set(IMPORTS_NEEDED) - packages}"


def test_the_python_snippet_runs_on_a_warehouse_as_written(warehouse, as_of, tmp_path):
    snippet = _section().split("```python\n", 1)[1]
    assert f"dt.date({int(as_of[:4])}, {int(as_of[5:7])}, {int(as_of[8:])})" in snippet, \
        "the snippet reads another night than the warehouse holds"
    (tmp_path / "warehouse").symlink_to(warehouse, target_is_directory=True)
    (tmp_path / "snippet.py").write_text(snippet + "\nprint('rows', cohort.num_rows)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "snippet.py"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, env={**os.environ, "PYTHONPATH": ""})
    assert result.returncode == 0, result.stderr
    assert "credited_revenue" in result.stdout and "webinar" in result.stdout, result.stdout
    rows = int(result.stdout.strip().splitlines()[-1].split()[1])
    assert rows > 0
