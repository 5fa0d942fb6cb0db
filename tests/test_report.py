"""goalnlp report: a self-contained page that opens in a real headless Chromium without
console errors, highlights every record of the seed corpus, and shows its parts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from goalnlp.cli import app

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpora" / "dev"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    res = CliRunner().invoke(app, ["report", str(DEV / "docs"), "-o", str(out), "--gold", str(DEV / "gold")])
    assert res.exit_code == 0, res.stderr
    assert "526 indicator(s)" in res.stderr
    return out


def _chromium() -> str:
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if found is None:
        if os.environ.get("GOALNLP_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium not installed (apt-get install chromium)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return found


def test_page_is_self_contained(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # nothing fetched from elsewhere
    for part in ("<svg", 'id="records"', 'id="findings"', 'id="errors"', 'id="data"', "name F1"):
        assert part in html
    assert html.count('<details class="doc"') == 5


def test_page_in_headless_chromium(page: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    profile = tmp_path / "profile"
    url = page.resolve().as_uri()
    dom = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    console = [ln for ln in dom.stderr.splitlines() if ":CONSOLE" in ln]
    assert console == [], console
    body = re.search(r"<body([^>]*)>", dom.stdout)
    assert body, dom.stdout[:500]
    attrs = dict(re.findall(r'data-(\w+)="([^"]*)"', body.group(1)))
    assert attrs.get("ready") == "1"  # the page's script ran to the end
    # Every indicator record of the seed corpus is highlighted in its source and listed.
    assert attrs["highlighted"] == attrs["rows"] == "526"
    shot = tmp_path / "shot.png"
    run = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1400,2400", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    pixels = np.asarray(Image.open(shot).convert("RGB")).reshape(-1, 3).astype(int)
    near = lambda rgb: (np.abs(pixels - np.array(rgb)).sum(axis=1) < 30).sum()  # noqa: E731
    assert near((74, 123, 208)) > 500  # the charts' bars
    assert near((255, 242, 168)) > 500  # highlighted record lines in the open document
    assert (pixels.sum(axis=1) < 200).sum() > 2000  # text
