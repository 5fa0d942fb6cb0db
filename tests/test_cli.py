"""The command-line contract of ``goalnlp extract`` and ``goalnlp evaluate`` (README, Command line)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import goalnlp
from goalnlp.cli import app
from goalnlp.doc import INDICATOR_FIELDS, TABLE_FIELDS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "dev" / "docs" / "000_d2c6a195b1630908.txt"
GOLD = ROOT / "corpora" / "dev" / "gold"

EDU = """2024年项目支出绩效目标表

项目名称 义务教育阶段学生资助资金

主管部门 某市教育局 实施单位 某市学生资助管理中心

年度资金总额： 860.00

一级指标 二级指标 三级指标 指标值 说明

产出指标 数量指标 资助家庭经济困难学生人数 ≥3200人

         质量指标 资助对象认定准确率 100%

         时效指标 资助资金发放时间 2024年11月底前

满意度指标 服务对象满意度指标 受助学生家长满意度 ≥95%
"""

TRANSPORT = """| 2023年项目支出绩效目标表 | | | | |
| 项目名称 | 农村客运补贴资金 | | | |
| 主管部门 | 某县交通运输局 | 实施单位 | 某县道路运输服务中心 | |
| 一级指标 | 二级指标 | 三级指标 | 指标值 | 说明 |
| 产出指标 | 数量指标 | 补贴农村客运车辆 | ≥120辆 | |
| | 时效指标 | 补贴发放时间 | 2023年12月底前 | |
| 效益指标 | 社会效益指标 | 农村群众出行 | 更加便捷 | |
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error:")]


@pytest.fixture
def edu(tmp_path: Path) -> Path:
    p = tmp_path / "edu.txt"
    p.write_text(EDU, encoding="utf-8")
    return p


# --- extract: outputs ------------------------------------------------------------------------------


def test_extract_file_to_stdout(runner: CliRunner, edu: Path) -> None:
    res = runner.invoke(app, ["extract", str(edu)])
    assert res.exit_code == 0, res.stderr
    recs = _jsonl(res.stdout)
    assert recs == goalnlp.extract(edu)
    assert [r["record"] for r in recs] == ["table"] + ["indicator"] * 4
    assert recs[1]["name"] == "资助家庭经济困难学生人数"
    assert recs[0]["encoding"] == "utf-8"
    assert "1 document(s), 1 table(s), 4 indicator(s), 0 failed" in res.stderr
    assert _error_lines(res.stderr) == []


def test_extract_quiet_has_no_summary(runner: CliRunner, edu: Path) -> None:
    res = runner.invoke(app, ["extract", "-q", str(edu)])
    assert res.exit_code == 0
    assert res.stderr == ""
    assert len(_jsonl(res.stdout)) == 5


def test_extract_to_jsonl_file(runner: CliRunner, edu: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", str(edu), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    assert _jsonl(out.read_text(encoding="utf-8")) == goalnlp.extract(edu)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_extract_to_csv_and_parquet(runner: CliRunner, edu: Path, tmp_path: Path, fmt: str) -> None:
    (tmp_path / "t.md").write_text(TRANSPORT, encoding="utf-8")
    jsonl = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["extract", str(edu), str(tmp_path / "t.md"), "-o", str(jsonl)]).exit_code == 0
    expected = _jsonl(jsonl.read_text(encoding="utf-8"))

    out = tmp_path / f"out.{fmt}"
    res = runner.invoke(app, ["extract", str(edu), str(tmp_path / "t.md"), "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    df = pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert len(df) == len(expected) == 9
    # SCHEMA columns first; table and indicator records share the table.
    assert list(df.columns[: len(INDICATOR_FIELDS)]) == list(INDICATOR_FIELDS)
    assert set(TABLE_FIELDS) <= set(df.columns)
    assert df["record"].tolist() == [r["record"] for r in expected]
    assert df["doc"].tolist() == [r["doc"] for r in expected]
    inds = df[df["record"] == "indicator"]
    assert inds["name"].tolist() == [r["name"] for r in expected if r["record"] == "indicator"]
    assert inds["line_start"].tolist() == [r["line_start"] for r in expected if r["record"] == "indicator"]
    tables = df[df["record"] == "table"]
    assert tables["project"].tolist() == ["义务教育阶段学生资助资金", "农村客运补贴资金"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_csv_and_parquet_need_an_output_file(runner: CliRunner, edu: Path, fmt: str) -> None:
    res = runner.invoke(app, ["extract", str(edu), "--format", fmt])
    assert res.exit_code == 2
    assert res.stdout == ""
    assert "-o" in res.stderr


def test_unwritable_output_is_a_clear_error(runner: CliRunner, edu: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["extract", str(edu), "-o", str(tmp_path / "no" / "such" / "dir" / "out.jsonl")])
    assert res.exit_code == 2
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert _error_lines(res.stderr) and "out.jsonl" in res.stderr


# --- extract: inputs -------------------------------------------------------------------------------


def test_directory_is_recursed(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a" / "edu.txt").write_text(EDU, encoding="utf-8")
    (tmp_path / "a" / "b" / "transport.md").write_text(TRANSPORT, encoding="utf-8")
    (tmp_path / ".hidden" / "copy.txt").write_text(EDU, encoding="utf-8")
    (tmp_path / "a" / "notes.json").write_text("{}", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(tmp_path)])
    assert res.exit_code == 0, res.stderr
    recs = _jsonl(res.stdout)
    assert [r["doc"] for r in recs if r["record"] == "table"] == ["transport.md", "edu.txt"]
    assert sum(r["record"] == "indicator" for r in recs) == 4 + 3
    assert "2 document(s)" in res.stderr


def test_stdin(runner: CliRunner) -> None:
    res = runner.invoke(app, ["extract", "-"], input=EDU.encode("utf-8"))
    assert res.exit_code == 0, res.stderr
    recs = _jsonl(res.stdout)
    assert {r["doc"] for r in recs} == {"<stdin>"}
    assert [{k: v for k, v in r.items() if k != "doc"} for r in recs] == [
        {k: v for k, v in r.items() if k != "doc"} for r in goalnlp.extract(EDU)
    ]


def test_stdin_in_gb18030(runner: CliRunner) -> None:
    res = runner.invoke(app, ["extract", "-"], input=EDU.encode("gb18030"))
    assert res.exit_code == 0, res.stderr
    recs = _jsonl(res.stdout)
    assert recs[0]["encoding"] == "gb18030"
    assert [r["name"] for r in recs[1:]] == [r["name"] for r in goalnlp.extract(EDU)[1:]]


@pytest.mark.parametrize(("data", "code"), [(b"", "E001"), (b"  \n\n", "E001"), (b"%PDF-1.7\n\x00\x01\x02\x03", "E082"), (b"\x00\x01\x02abc", "E002")])
def test_bad_stdin_is_an_error(runner: CliRunner, data: bytes, code: str) -> None:
    res = runner.invoke(app, ["extract", "-"], input=data)
    assert res.exit_code == 1
    assert res.stdout == ""
    (line,) = _error_lines(res.stderr)
    assert "<stdin>" in line and code in line


def test_missing_path_is_reported_and_the_batch_goes_on(runner: CliRunner, edu: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    res = runner.invoke(app, ["extract", str(missing), str(edu)])
    assert res.exit_code == 1
    assert res.exception is None or isinstance(res.exception, SystemExit)
    (line,) = _error_lines(res.stderr)
    assert "missing.txt" in line and "E004" in line
    assert len(_jsonl(res.stdout)) == 5


def test_a_file_named_twice_is_extracted_once(runner: CliRunner, edu: Path) -> None:
    res = runner.invoke(app, ["extract", str(edu), str(edu.parent)])
    assert res.exit_code == 0
    assert len(_jsonl(res.stdout)) == 5


def test_unknown_engine(runner: CliRunner, edu: Path) -> None:
    res = runner.invoke(app, ["extract", "--engine", "nope", str(edu)])
    assert res.exit_code == 2
    assert res.stdout == ""
    (line,) = _error_lines(res.stderr)
    assert "nope" in line and "rules" in line and "E011" in line


# --- a batch through the installed command ---------------------------------------------------------


def _goalnlp_cmd() -> list[str]:
    exe = shutil.which("goalnlp")
    return [exe] if exe else [sys.executable, "-m", "goalnlp.cli"]


def test_batch_with_bad_files_and_a_gb18030_copy(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    (batch / "gbk").mkdir(parents=True)
    shutil.copy(SEED, batch / SEED.name)
    gb_copy = batch / "gbk" / "seed_gb18030.txt"
    gb_copy.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    (batch / "empty.txt").write_bytes(b"")
    (batch / "scan.txt").write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8)
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [*_goalnlp_cmd(), "extract", str(batch), "-o", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert proc.returncode != 0
    errors = _error_lines(proc.stderr)
    assert len(errors) == 2, proc.stderr
    assert sum("empty.txt" in e for e in errors) == 1
    assert sum("scan.txt" in e for e in errors) == 1
    assert "E001" in next(e for e in errors if "empty.txt" in e)
    assert "E082" in next(e for e in errors if "scan.txt" in e)  # a damaged PDF, by its bytes
    assert "Traceback" not in proc.stderr

    recs = _jsonl(out.read_text(encoding="utf-8"))
    utf8 = [r for r in recs if r["doc"] == SEED.name]
    gb = [r for r in recs if r["doc"] == gb_copy.name]
    assert len(utf8) > 100
    assert {r["encoding"] for r in utf8 if r["record"] == "table"} == {"utf-8"}
    assert {r["encoding"] for r in gb if r["record"] == "table"} == {"gb18030"}

    def strip(rs: list[dict]) -> list[dict]:
        return [{k: v for k, v in r.items() if k not in ("doc", "encoding")} for r in rs]

    assert strip(gb) == strip(utf8)
    assert len(recs) == len(utf8) + len(gb)


# --- evaluate --------------------------------------------------------------------------------------


def _gold_records() -> list[dict]:
    recs: list[dict] = []
    for p in sorted(GOLD.glob("*.jsonl")):
        recs.extend(_jsonl(p.read_text(encoding="utf-8")))
    return recs


def test_evaluate_prints_a_table_and_writes_json(runner: CliRunner, tmp_path: Path) -> None:
    gold = _gold_records()
    n_gold = sum(r["record"] == "indicator" for r in gold)
    inds = [i for i, r in enumerate(gold) if r["record"] == "indicator"]
    # Predictions: the gold itself, three indicators dropped and one target number changed.
    dropped = set(inds[5:8])
    changed = next(i for i in inds[20:] if isinstance(gold[i].get("value"), float))
    pred = []
    for i, r in enumerate(gold):
        if i in dropped:
            continue
        r = dict(r)
        if i == changed:
            r["value"] = r["value"] + 1000.0
        pred.append(r)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pred), encoding="utf-8")
    report = tmp_path / "report.json"

    res = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--pred", str(pred_file), "--json", str(report)])
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "name" in res.stdout and "triple" in res.stdout and "F1" in res.stdout

    data = json.loads(report.read_text(encoding="utf-8"))
    name, triple = data["name"], data["triple"]
    assert name["gold"] == n_gold
    assert name["pred"] == n_gold - 3
    assert name["tp"] == n_gold - 3
    assert name["precision"] == pytest.approx(1.0)
    assert name["recall"] == pytest.approx((n_gold - 3) / n_gold)
    assert triple["tp"] == n_gold - 4
    assert triple["f1"] < name["f1"] < 1.0


def test_evaluate_with_an_empty_gold_directory(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    pred = tmp_path / "pred.jsonl"
    pred.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "gold"), "--pred", str(pred)])
    assert res.exit_code == 2
    assert "E020" in res.stderr


def test_version(runner: CliRunner) -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0
    assert res.stdout.strip() == f"goalnlp {goalnlp.__version__}"
