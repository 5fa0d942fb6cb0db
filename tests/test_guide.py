"""docs/guide.md stays in step with the code: its examples run as written.

``console`` blocks: each ``$ command`` runs (from a scratch copy of ``examples/`` and
``corpora/dev/``) and must exit 0, or 1 for ``goalnlp lint``, which exits 1 when it finds
errors; the lines below a command must appear in its stdout or stderr.  ``python``
blocks run in order in one namespace, in the same directory.  Every error code the
library defines is listed in the guide's Errors table.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goalnlp.errors import Errors

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide.md"
BLOCK_RE = re.compile(r"^```(console|python)\n(.*?)^```", re.M | re.S)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK_RE.finditer(GUIDE.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("guide")
    shutil.copytree(ROOT / "examples", d / "examples")
    shutil.copytree(ROOT / "corpora" / "dev", d / "corpora" / "dev")
    return d


def test_guide_examples_run(workdir: Path) -> None:
    namespace: dict[str, object] = {}
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        for kind, body in _blocks():
            if kind == "python":
                exec(compile(body, str(GUIDE), "exec"), namespace)  # noqa: S102 - the guide's own examples
                continue
            command: list[str] | None = None
            expect: list[str] = []
            for line in [*body.splitlines(), "$ "]:
                if line.startswith("$ "):
                    if command:
                        _run(command, expect, workdir)
                    command, expect = (shlex.split(line[2:]) or None), []
                elif line.strip():
                    expect.append(line.strip())
    finally:
        os.chdir(cwd)


def _run(command: list[str], expect: list[str], cwd: Path) -> None:
    assert command[0] == "goalnlp", command
    proc = subprocess.run([sys.executable, "-m", "goalnlp", *command[1:]], cwd=cwd, capture_output=True, text=True)
    allowed = {0, 1} if command[1] == "lint" else {0}
    assert proc.returncode in allowed, f"{' '.join(command)} exited {proc.returncode}:\n{proc.stderr[-2000:]}"
    out = proc.stdout + proc.stderr
    for piece in expect:
        assert piece in out, f"{' '.join(command)}: {piece!r} not in its output:\n{out[-2000:]}"


def test_guide_lists_every_error_code() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (E\d{3}) \|", text, re.M))
    defined = {k for k in vars(Errors) if re.fullmatch(r"E\d{3}", k)}
    assert listed == defined
