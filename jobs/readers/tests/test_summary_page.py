"""The run summary page (exports/summary/as_of=<date>/index.html) opened in headless Chromium: the DOM has the
title, the five sections and five embedded PNG charts that decode; a full-height screenshot is a real picture
(not blank) in which the charts' own colours appear, so the images were decoded and drawn by the browser."""
import base64
import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

SECTIONS = ["cohort-heatmap", "funnel", "attribution-by-model", "lead-vs-account", "control-totals"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1"]
WIDTH, HEIGHT = 1280, 4600
# colours that only the charts draw: the heat-map's darkest blue, the funnel's bars, the control totals' bars
HEATMAP_DARK = (0x08, 0x30, 0x6B)
FUNNEL_BLUE = (0x00, 0x72, 0xB2)
TOTALS_GREEN = (0x00, 0x9E, 0x73)


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium")
    assert found, "chromium is not installed: .ci/readers-tests.sh installs it (apt-get install chromium)"
    return found


def _run_chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="glengarry-chromium-") as profile:
        return subprocess.run([_chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def page(warehouse, as_of) -> Path:
    path = warehouse / "exports" / "summary" / f"as_of={as_of}" / "index.html"
    assert path.is_file(), f"no summary page at {path}"
    return path


@pytest.fixture(scope="module")
def screenshot(page, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("summary") / "summary.png"
    done = _run_chromium(f"--screenshot={out}", f"--window-size={WIDTH},{HEIGHT}", page.as_uri())
    assert out.is_file(), f"chromium wrote no screenshot (exit {done.returncode}): {done.stderr[-2000:]}"
    keep = os.environ.get("GLENGARRY_READERS_SCREENSHOT")
    if keep:
        shutil.copyfile(out, keep)
    return out


def test_the_dom_has_the_title_the_sections_and_five_charts(page, as_of):
    done = _run_chromium("--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert re.search(r"<h1>Glengarry run summary . as of " + as_of + "</h1>", dom), dom[:500]
    for section in SECTIONS:
        assert f'<h2 id="{section}">' in dom, section
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', dom)
    assert len(images) == 5, [alt for alt, _ in images]
    for alt, data in images:
        chart = Image.open(io.BytesIO(base64.b64decode(data)))
        chart.load()
        assert chart.format == "PNG" and chart.width >= 800 and chart.height >= 200, (alt, chart.size)
    assert "<script" not in dom.lower() and "http://" not in dom and "https://" not in dom


def test_the_screenshot_shows_the_page_with_its_charts(screenshot):
    shot = Image.open(screenshot).convert("RGB")
    assert shot.size == (WIDTH, HEIGHT)
    assert screenshot.stat().st_size > 100_000, f"a {screenshot.stat().st_size}-byte screenshot is too plain"
    colours = shot.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 500, "too few colours for a page of charts"
    counts = {rgb: n for n, rgb in colours}
    white = counts.get((255, 255, 255), 0)
    assert white < 0.9 * WIDTH * HEIGHT, "the screenshot is almost all white"
    for name, rgb in [("heat-map dark blue", HEATMAP_DARK), ("funnel bars", FUNNEL_BLUE),
                      ("control-total bars", TOTALS_GREEN)]:
        assert counts.get(rgb, 0) > 500, f"no {name} {rgb} in the screenshot: the chart was not drawn"
