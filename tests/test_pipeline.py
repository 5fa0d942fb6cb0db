"""Tests for goalnlp.pipeline: the extract API, frames, and the component registry."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import goalnlp
from goalnlp import GoalnlpError, Pipeline, extract, extract_frame, iter_extract, registered
from goalnlp.doc import INDICATOR_FIELDS, TABLE_FIELDS, Doc
from goalnlp.io import read_source, source_from_text

SEED = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "docs" / "000_d2c6a195b1630908.txt"

DOC = """2024年项目支出绩效目标表

项目名称 农村公路危桥改造工程

主管部门及代码 [214]某县交通运输局 实施单位 某县公路管理段

年度资金总额： 650.00

一级指标 二级指标 三级指标 指标值 说明

产出指标 数量指标 改造危桥座数 ≥6座

         质量指标 工程交工验收合格率 100%

         时效指标 完工时间 2024年11月底前

效益指标 社会效益指标 群众通行安全 有效保障

满意度指标 服务对象满意度指标 沿线群众满意度 ≥90%
"""


def _without_doc(recs: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "doc"} for r in recs]


# --- extract --------------------------------------------------------------------------------------


def test_extract_path_and_text_agree(tmp_path: Path) -> None:
    path = tmp_path / "bridges.txt"
    path.write_text(DOC, encoding="utf-8")
    from_str_path = extract(str(path))
    from_path = extract(path)
    from_text = extract(DOC)
    from_source = extract(read_source(path))
    assert from_path == from_str_path == from_source
    assert {r["doc"] for r in from_path} == {"bridges.txt"}
    assert _without_doc(from_path) == _without_doc(from_text)
    assert [r["record"] for r in from_text] == ["table"] + ["indicator"] * 5
    assert [r["name"] for r in from_text[1:]] == ["改造危桥座数", "工程交工验收合格率", "完工时间", "群众通行安全", "沿线群众满意度"]


def test_extract_seed_path_and_text_agree() -> None:
    by_path = extract(SEED)
    by_text = extract(SEED.read_text(encoding="utf-8"))
    assert len(by_path) > 100
    assert _without_doc(by_path) == _without_doc(by_text)
    assert {r["doc"] for r in by_path} == {SEED.name}


def test_records_are_grouped_by_table() -> None:
    recs = extract(SEED)
    current = None
    for r in recs:
        if r["record"] == "table":
            current = r
        else:
            assert current is not None
            assert r["table"] == current["table"]
            assert r["project"] == current["project"]
            assert current["line_start"] <= r["line_start"] <= r["line_end"] <= current["line_end"]
    tables = [r["table"] for r in recs if r["record"] == "table"]
    assert tables == list(range(len(tables)))


def test_text_without_tables_gives_no_records() -> None:
    assert extract("这是一段说明文字，不含任何绩效目标表。\n第二行。\n") == []


def test_unknown_engine() -> None:
    with pytest.raises(GoalnlpError) as err:
        extract(DOC, engine="nope")
    assert err.value.code == "E011"
    assert "rules" in str(err.value)


# --- frames ----------------------------------------------------------------------------------------


def test_extract_frame_indicator_columns() -> None:
    df = extract_frame(DOC)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns[: len(INDICATOR_FIELDS)]) == list(INDICATOR_FIELDS)
    assert len(df) == 5
    assert set(df["record"]) == {"indicator"}
    assert df.loc[0, "name"] == "改造危桥座数"
    assert df.loc[0, "value"] == 6.0
    assert df["level1"].tolist() == ["产出", "产出", "产出", "效益", "满意度"]


def test_extract_frame_tables_and_all() -> None:
    tables = extract_frame(DOC, records="table")
    assert list(tables.columns[: len(TABLE_FIELDS)]) == list(TABLE_FIELDS)
    assert len(tables) == 1
    assert tables.loc[0, "project"] == "农村公路危桥改造工程"
    assert tables.loc[0, "funds_total"] == pytest.approx(650.0)
    everything = extract_frame(DOC, records="all")
    assert len(everything) == 6
    assert everything["record"].tolist().count("table") == 1


def test_extract_frame_of_a_document_without_tables() -> None:
    df = extract_frame("没有表格的文字\n")
    assert df.empty
    assert list(df.columns) == list(INDICATOR_FIELDS)


def test_extract_frame_from_path_matches_text(tmp_path: Path) -> None:
    path = tmp_path / "bridges.txt"
    path.write_text(DOC, encoding="utf-8")
    a = extract_frame(path).drop(columns=["doc"])
    b = extract_frame(DOC).drop(columns=["doc"])
    pd.testing.assert_frame_equal(a, b)


# --- the registry ----------------------------------------------------------------------------------


def test_default_pipeline_components() -> None:
    nlp = Pipeline()
    assert nlp.pipe_names == ["tables", "rows", "values", "categories"]
    assert set(nlp.pipe_names) <= set(registered())


def test_add_pipe_unknown_name() -> None:
    nlp = Pipeline()
    with pytest.raises(GoalnlpError) as err:
        nlp.add_pipe("no_such_component")
    assert err.value.code == "E030"
    assert "no_such_component" in str(err.value)
    assert "rows" in str(err.value)  # lists what is registered
    assert nlp.pipe_names == ["tables", "rows", "values", "categories"]


def test_unknown_name_at_construction() -> None:
    with pytest.raises(GoalnlpError) as err:
        Pipeline(["tables", "nope"])
    assert err.value.code == "E030"


def test_replace_a_component() -> None:
    nlp = Pipeline()
    seen: list[int] = []

    def text_only_values(doc: Doc) -> Doc:
        for t in doc.tables:
            for r in t.rows:
                seen.append(len(r.value_text))
                r.parsed = {"kind": "text", "comparator": None, "value": None, "value_max": None, "unit": None, "date": None}
        return doc

    nlp.replace("values", text_only_values)
    assert nlp.pipe_names == ["tables", "rows", "values", "categories"]
    recs = nlp(DOC).records()
    inds = [r for r in recs if r["record"] == "indicator"]
    assert len(seen) == len(inds) == 5
    assert {r["kind"] for r in inds} == {"text"}
    assert all(r["value"] is None for r in inds)
    # The default pipeline is untouched.
    assert [r["value"] for r in extract(DOC) if r["record"] == "indicator"][0] == 6.0


def test_add_and_remove_components() -> None:
    nlp = Pipeline()
    calls: list[str] = []

    def spy(doc: Doc) -> Doc:
        calls.append(",".join(t.project or "" for t in doc.tables))
        return doc

    nlp.add_pipe("spy", spy, before="values")
    assert nlp.pipe_names == ["tables", "rows", "spy", "values", "categories"]
    nlp(DOC)
    assert calls == ["农村公路危桥改造工程"]
    nlp.remove("spy")
    assert nlp.pipe_names == ["tables", "rows", "values", "categories"]


def test_register_a_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    from goalnlp import pipeline as pl

    monkeypatch.setattr(pl, "_REGISTRY", dict(pl._REGISTRY))

    @goalnlp.register("drop_text_targets")
    def make_drop() -> pl.Component:
        def drop(doc: Doc) -> Doc:
            for t in doc.tables:
                t.rows = [r for r in t.rows if r.parsed.get("kind") != "text"]
            return doc

        return drop

    assert "drop_text_targets" in registered()
    nlp = Pipeline(["tables", "rows", "values", "categories", "drop_text_targets"])
    names = [r["name"] for r in nlp(DOC).records() if r["record"] == "indicator"]
    assert names == ["改造危桥座数", "工程交工验收合格率", "完工时间", "沿线群众满意度"]


def test_pipeline_on_a_source_keeps_its_name() -> None:
    doc = Pipeline()(source_from_text(DOC, name="bridges.md"))
    assert doc.name == "bridges.md"
    assert len(doc.lines) == DOC.count("\n") + 1
    assert [len(t.rows) for t in doc.tables] == [5]
    row = doc.tables[0].rows[0]
    assert sorted(row.lines) == [DOC.split("\n").index("产出指标 数量指标 改造危桥座数 ≥6座") + 1]


# --- batches ---------------------------------------------------------------------------------------


def test_iter_extract_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "d_broken.pdf").write_bytes(b"%PDF-1.7\n\x00\x01\x02")
    out = list(iter_extract([tmp_path / "missing", tmp_path]))
    assert [p.name for p, _, _ in out] == ["missing", "a_empty.txt", "b_good.txt", "c_binary.txt", "d_broken.pdf"]
    codes = [getattr(err, "code", None) for _, _, err in out]
    assert codes == ["E004", "E001", None, "E002", "E082"]
    assert out[2][1] is not None and len(out[2][1]) == 6


OUTLINE = """2024年度社区卫生服务项目绩效目标表
项目名称：基层医疗卫生机构能力提升
一、产出指标
（一）数量指标
1. 开展健康讲座次数：≥24次
2. 培训乡村医生人数：≥300人
二、满意度指标
1. 就诊群众满意度：≥90%
"""


def test_taggers_skip_outline_blocks_the_rules_account_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """The trained taggers re-read an outline block only when a line of it is neither a
    heading nor part of an item the outline reader split (they are its fallback)."""
    from goalnlp import tagging, tokens

    calls: list[str] = []
    line_tag, parse_row = tagging.LineTagger.tag, tokens.TokenTagger.parse_row
    monkeypatch.setattr(tagging.LineTagger, "tag", lambda self, seq: calls.append("line") or line_tag(self, seq))
    monkeypatch.setattr(tokens.TokenTagger, "parse_row", lambda self, t: calls.append("token") or parse_row(self, t))

    recs = [r for r in extract(OUTLINE, engine="hybrid") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"]) for r in recs] == [
        ("开展健康讲座次数", "≥24次"), ("培训乡村医生人数", "≥300人"), ("就诊群众满意度", "≥90%")
    ]
    assert calls == []

    # An item written without a mark or a colon under a complete one is the next item.
    glued = OUTLINE.replace("2. 培训乡村医生人数：≥300人", "培训乡村医生人数≥300人")
    recs = [r for r in extract(glued, engine="hybrid") if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["line_start"]) for r in recs] == [
        ("开展健康讲座次数", "≥24次", 5), ("培训乡村医生人数", "≥300人", 6), ("就诊群众满意度", "≥90%", 8)
    ]
    assert calls == []

    # A target wrapped onto the next line is only appended to its item: the taggers get the block.
    wrapped = OUTLINE.replace("2. 培训乡村医生人数：≥300人", "2. 培训乡村医生完成时间：2024年12月\n底前")
    recs = [r for r in extract(wrapped, engine="hybrid") if r["record"] == "indicator"]
    assert "line" in calls and "token" in calls
    assert ("培训乡村医生完成时间", "2024年12月底前", 6, 7) in [
        (r["name"], r["value_text"], r["line_start"], r["line_end"]) for r in recs
    ]


def test_rows_past_a_page_break_may_leave_the_carried_category():
    # A PDF table read cell by cell: the 效益指标/社会效益指标 cells spanned the page break and
    # printed their labels on neither page's grid, so page 2's rows carried 成本 from page 1.
    # The classifier may move them to a later category (never an earlier one); a row on the
    # label's own page keeps what it carried.
    from goalnlp.io import source_from_text
    from goalnlp.pipeline import get_engine

    text = (
        "2025年项目支出绩效目标表\n"
        "| 项目名称 | 农村饮水安全巩固提升 | | |\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 新建集中供水工程 | ≥8处 |\n"
        "| | 成本指标 | 单处工程平均造价 | ≤120万元 |\n"
        "| | | 水质检测费用 | ≤15万元 |\n"
        "| | | 农村自来水普及率 | ≥96% |\n"
        "| | | 农村供水保障人口 | 不少于3.2万人 |\n"
        "| 满意度指标 | 服务对象满意度指标 | 受益群众满意度 | ≥90% |\n"
    )
    src = source_from_text(text, name="paged.txt")
    src.line_pages = [1, 1, 1, 1, 1, 1, 2, 2, 2]
    recs = [r for r in get_engine("rules")(src).records() if r["record"] == "indicator"]
    got = {r["name"]: (r["level2"], r.get("page")) for r in recs}
    assert got["水质检测费用"][0] == "成本"  # same page as its 成本指标 cell
    assert got["农村自来水普及率"][0] == "社会效益"
    assert got["农村供水保障人口"][0] == "社会效益"
    assert got["受益群众满意度"][0] == "服务对象满意度"
    # Without pages (plain text) the carry-forward stands.
    plain = {r["name"]: r["level2"] for r in get_engine("rules")(source_from_text(text, name="t.txt")).records() if r["record"] == "indicator"}
    assert plain["农村自来水普及率"] == "成本"
