"""Tests of the layout simulator: its gold must be exact, or every score computed on it lies."""

from __future__ import annotations

import importlib
import importlib.util
import json
import random
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from goalnlp.evaluate import FIELDS

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "gold"


def _load() -> ModuleType:
    """Import goalnlp.simulate; fall back to the file, which has no package imports, so these
    tests do not depend on the rest of the package importing cleanly."""
    if importlib.util.find_spec("goalnlp") is None:
        sys.path.insert(0, str(ROOT / "src"))
    try:
        return importlib.import_module("goalnlp.simulate")
    except ImportError:
        spec = importlib.util.spec_from_file_location("goalnlp_simulate", ROOT / "src/goalnlp/simulate.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules["goalnlp_simulate"] = mod
        spec.loader.exec_module(mod)
        return mod


sim = _load()


# --------------------------------------------------------------------------- helpers


@cache
def _cc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


@cache
def _same(gold_ch: str, doc_ch: str) -> bool:
    """A gold (Simplified) character matches a document character, allowing for s2t."""
    if gold_ch == doc_ch:
        return True
    return _cc("s2t").convert(gold_ch) == doc_ch or _cc("t2s").convert(doc_ch) == gold_ch


def _plain_subseq(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _subseq(needle: str, hay: str, traditional: bool) -> bool:
    """``needle``'s characters appear in order in ``hay``; for traditional documents, up to s2t
    (by character, or by phrase: OpenCC writes 批复 as 批覆 but 复 alone as 復)."""
    if _plain_subseq(needle, hay):
        return True
    if not traditional:
        return False
    if _plain_subseq(_cc("s2t").convert(needle), hay) or _plain_subseq(needle, _cc("t2s").convert(hay)):
        return True
    it = iter(hay)
    for ch in needle:
        for d in it:
            if _same(ch, d):
                break
        else:
            return False
    return True


def _span_text(lines: list[str], rec: dict[str, Any], pinyin: bool) -> str:
    text = "".join(lines[rec["line_start"] - 1 : rec["line_end"]])
    if pinyin:
        text = sim.PINYIN_RE.sub("", text)
    return re.sub(r"\s+", "", text)


def _read(out: Path, name: str) -> tuple[list[str], list[dict[str, Any]]]:
    text = (out / name).read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = text[:-1].split("\n")  # \f may start a line: never splitlines()
    recs = [
        json.loads(x) for x in (out / name.replace(".txt", ".jsonl")).read_text(encoding="utf-8").splitlines()
    ]
    return lines, recs


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("synth")
    gold = GOLD_DIR if GOLD_DIR.is_dir() else None
    manifest = sim.write_corpus(out, docs_per_layout=6, seed=0, include_gold=gold)
    return out, manifest


def _docs(corpus: tuple[Path, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(corpus[1]["docs"].items())


# --------------------------------------------------------------------------- determinism


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    sim.write_corpus(a, docs_per_layout=2, seed=7)
    sim.write_corpus(b, docs_per_layout=2, seed=7)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), n


def test_other_seed_other_docs(tmp_path: Path) -> None:
    sim.write_corpus(tmp_path / "a", docs_per_layout=1, seed=1, layouts=["pipe"])
    sim.write_corpus(tmp_path / "b", docs_per_layout=1, seed=2, layouts=["pipe"])
    assert (tmp_path / "a/pipe_00.txt").read_bytes() != (tmp_path / "b/pipe_00.txt").read_bytes()


def test_layout_subset_reproduces_documents(tmp_path: Path) -> None:
    sim.write_corpus(tmp_path / "all", docs_per_layout=1, seed=3)
    sim.write_corpus(tmp_path / "one", docs_per_layout=1, seed=3, layouts=["headings"])
    assert (tmp_path / "all/headings_00.txt").read_bytes() == (tmp_path / "one/headings_00.txt").read_bytes()


def test_render_uses_no_global_rng() -> None:
    tables = sim.generate_tables(random.Random(5), 2, "water")
    random.seed(1)
    a = sim.render("pdf_layout", tables, random.Random(9))
    random.seed(2)
    b = sim.render("pdf_layout", tables, random.Random(9))
    assert a == b


# --------------------------------------------------------------------------- every document


def test_corpus_covers_layouts_and_variants(corpus: tuple[Path, dict[str, Any]]) -> None:
    docs = corpus[1]["docs"]
    assert Counter(d["layout"] for d in docs.values() if d["source"] == "generated") == {
        k: 6 for k in sim.LAYOUTS
    }
    assert any(d["options"].get("traditional") for d in docs.values())
    assert any(d["options"].get("pinyin") for d in docs.values())
    assert any(d["options"].get("fullwidth") for d in docs.values())
    assert {d["sector"] for d in docs.values() if d["source"] == "generated"} == set(sim.SECTORS)


def test_spans_hold_names_and_values(corpus: tuple[Path, dict[str, Any]]) -> None:
    out, _ = corpus
    for name, meta in _docs(corpus):
        lines, recs = _read(out, name)
        trad, pin = bool(meta["options"].get("traditional")), bool(meta["options"].get("pinyin"))
        for r in recs:
            if r["record"] != "indicator":
                continue
            where = f"{name}:{r['line_start']}-{r['line_end']} {r['name']}"
            assert 1 <= r["line_start"] <= r["line_end"] <= len(lines), where
            span = _span_text(lines, r, pin)
            assert _subseq(r["name"], span, trad), where
            assert _subseq(r["value_text"], span, trad), where + " value " + r["value_text"]
            if r["actual_text"]:
                assert _subseq(r["actual_text"], span, trad), where + " actual"
            for f in ("weight", "score"):
                if r[f] is not None:
                    assert _subseq(sim._fmt_g(r[f]), span, trad), where + " " + f
            # the span is tight: its first and last lines hold part of this row's fields
            fields = (
                r["name"]
                + r["value_text"]
                + (r["actual_text"] or "")
                + "".join(sim._fmt_g(r[f]) for f in ("weight", "score") if r[f] is not None)
            )
            if trad:  # by phrase and by character: a wrapped 分钟 converts as 分 + 鍾
                fields += _cc("s2t").convert(fields) + "".join(_cc("s2t").convert(c) for c in fields)
            for edge in (r["line_start"], r["line_end"]):
                line = lines[edge - 1]
                if pin:
                    line = sim.PINYIN_RE.sub("", line)
                assert set(line) & set(fields), where + f" edge line {edge} holds none of the row: {line!r}"


def test_spans_do_not_overlap(corpus: tuple[Path, dict[str, Any]]) -> None:
    out, _ = corpus
    for name, meta in _docs(corpus):
        if meta["layout"] == "glued":
            continue
        _, recs = _read(out, name)
        by_table: dict[int, list[tuple[int, int]]] = {}
        for r in recs:
            if r["record"] == "indicator":
                by_table.setdefault(r["table"], []).append((r["line_start"], r["line_end"]))
        for spans in by_table.values():
            for (_, b), (c, _) in zip(spans, spans[1:], strict=False):
                assert b < c, f"{name}: {spans}"


def test_table_records_match_tables_rendered(corpus: tuple[Path, dict[str, Any]]) -> None:
    out, _ = corpus
    for name, meta in _docs(corpus):
        _, recs = _read(out, name)
        tables = [r for r in recs if r["record"] == "table"]
        assert len(tables) == meta["tables"] >= 1
        assert [t["table"] for t in tables] == list(range(len(tables)))
        assert all(r["doc"] == name for r in recs)
        for r in recs:
            if r["record"] == "indicator":
                assert r["project"] == tables[r["table"]]["project"]
        if meta["source"] != "generated":
            gold = [
                json.loads(x) for x in (GOLD_DIR / meta["source"]).read_text(encoding="utf-8").splitlines()
            ]
            assert len(tables) == sum(g["record"] == "table" for g in gold)


def test_fields_obey_schema(corpus: tuple[Path, dict[str, Any]]) -> None:
    out, _ = corpus
    for name, _meta in _docs(corpus):
        _, recs = _read(out, name)
        for r in recs:
            if r["record"] == "table":
                assert r["table_type"] in ("project", "department", "self_evaluation")
                assert r["year"] is None or 2000 < r["year"] < 2100
                assert r["funds_total"] is None or r["funds_total"] > 0
                continue
            where = f"{name} {r['name']}"
            assert r["level2"] in sim.LEVELS[r["level1"]], where
            assert r["kind"] in sim.KINDS, where
            assert r["comparator"] is None or r["comparator"] in sim.COMPARATORS, where
            assert not re.search(r"\s", r["name"] + r["value_text"]), where
            assert r["name"], where
            if r["kind"] == "date":
                assert r["value"] is None and r["unit"] is None and r["comparator"] is None, where
                assert r["date"] is None or re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", r["date"]), where
            if r["kind"] == "text":
                assert r["comparator"] is None and r["value"] is None and r["unit"] is None, where
            if r["value_max"] is not None:
                assert r["comparator"] == "between" and r["value"] < r["value_max"], where
            if r["comparator"] == "between":
                assert r["value_max"] is not None, where


def test_generated_values_read_as_written(corpus: tuple[Path, dict[str, Any]]) -> None:
    """The number recorded is written in value_text (fullwidth digits folded, separators dropped)."""
    out, _ = corpus
    fold = str.maketrans("０１２３４５６７８９", "0123456789")
    cn = {
        "一": 1,
        "两": 2,
        "二": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "八": 8,
        "十": 10,
        "十二": 12,
        "二十": 20,
        "五十": 50,
        "一百": 100,
        "两百": 200,
        "二百": 200,
        "三百": 300,
        "五百": 500,
        "一千": 1000,
    }
    for name, meta in _docs(corpus):
        if meta["source"] != "generated":
            continue
        _, recs = _read(out, name)
        for r in recs:
            if r["record"] != "indicator" or r["value"] is None:
                continue
            vt = r["value_text"].translate(fold).replace(",", "")
            nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", vt)]
            words = [v for k, v in cn.items() if k in vt]
            assert r["value"] in nums or r["value"] in words, f"{name} {r['value_text']} {r['value']}"
            if r["unit"]:
                assert r["unit"] in r["value_text"], f"{name} {r['value_text']} {r['unit']}"


# --------------------------------------------------------------------------- options


def test_traditional_pinyin_fullwidth(corpus: tuple[Path, dict[str, Any]]) -> None:
    out, _ = corpus
    seen = Counter()
    for name, meta in _docs(corpus):
        text = (out / name).read_text(encoding="utf-8")
        if meta["options"].get("traditional"):
            assert "績效" in text or "指標" in text, name
            seen["trad"] += 1
        else:
            assert "指標" not in text, name
        if meta["options"].get("pinyin"):
            assert sim.PINYIN_RE.search(text), name
            seen["pinyin"] += 1
        _, recs = _read(out, name)
        if meta["options"].get("fullwidth") and any(
            re.search("[０-９]", r.get("value_text") or "") for r in recs
        ):
            seen["fullwidth"] += 1
        for r in recs:  # gold stays Simplified whatever the document's script
            if r["record"] == "indicator":
                assert r["level1"] in sim.LEVELS
    assert seen["trad"] and seen["pinyin"] and seen["fullwidth"]


def test_form_feed_page_breaks_keep_line_numbers() -> None:
    tables = sim.generate_tables(random.Random(11), 4, "transport")
    for s in range(40):
        lines, recs = sim.render_pdf_layout(tables, random.Random(s))
        if any(line.startswith("\f") for line in lines):
            text = "\n".join(lines)
            assert len(text.split("\n")) == len(lines)
            assert len(text.splitlines()) > len(lines)  # why the module says: never splitlines()
            return
    pytest.fail("no form feed in 40 renderings")


def test_unknown_option_is_an_error() -> None:
    with pytest.raises(TypeError):
        sim.render_pipe([], random.Random(0), colour=True)


# --------------------------------------------------------------------------- generation


def test_generation_covers_value_forms() -> None:
    rng = random.Random(0)
    seen: Counter[str] = Counter()
    units: set[str] = set()
    texts: list[str] = []
    for sector in sim.SECTORS:
        for t in sim.generate_tables(rng, 6, sector, department_first=True):
            for ind in t.indicators:
                v = ind.target
                seen[v.kind] += 1
                seen[str(v.comparator)] += 1
                units.add(v.unit or "")
                texts.append(v.text)
                assert 1 <= len(ind.name) <= 40
                assert ind.level2 in sim.LEVELS[ind.level1]
    assert all(seen[c] for c in sim.COMPARATORS) and seen["None"]
    assert all(seen[k] for k in sim.KINDS)
    assert {"元/人.年", "万元/公里", "人次/年", "%", "人次"} <= units
    joined = "".join(texts)
    for marker in ("不少于", "以上", "左右", "约", "不超过", "以内", "控制在", "≥", "≤", ",", "年", "月底前"):
        assert marker in joined, marker
    assert any(re.search(r"\d+\.\d+", x) for x in texts)
    assert any(re.search("[两三五十百]", x) and not re.search(r"\d", x) for x in texts)
    assert any(re.fullmatch(r"\d{4}\.\d{1,2}\.\d{1,2}", x) for x in texts)
    assert any(
        15 <= len(x) for x in (i.name for t in sim.generate_tables(rng, 8, "health") for i in t.indicators)
    )


def test_department_tables_have_input_and_process_rows() -> None:
    t = sim.generate_tables(random.Random(3), 1, "culture", table_type="department")[0]
    assert {"投入", "过程", "产出", "效益", "满意度"} <= {i.level1 for i in t.indicators}
    assert t.department is None and t.implementer is None


def test_self_evaluation_rows_carry_results() -> None:
    t = sim.generate_tables(random.Random(4), 1, "sports", table_type="self_evaluation")[0]
    assert all(i.actual_text and i.weight is not None for i in t.indicators)


# --------------------------------------------------------------------------- gold round trip


@pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="seed gold not available")
def test_gold_round_trip_keeps_fields() -> None:
    keys = ("name", *(f for f in FIELDS if f != "project"))
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        gold = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
        tables = sim.from_gold(path)
        assert len(tables) == sum(g["record"] == "table" for g in gold)
        for layout in ("pdf_wrapped", "pdf_layout", "cell_per_line", "glued", "headings", "columns3"):
            _, recs = sim.render(layout, tables, random.Random(0), damage=False)
            got = [tuple(r[k] for k in keys) for r in recs if r["record"] == "indicator"]
            want = [
                tuple(
                    None
                    if g.get(k) is None
                    else (
                        float(g[k])
                        if k in ("value", "value_max", "weight", "score")
                        else re.sub(r"\s", "", g[k])
                        if isinstance(g[k], str)
                        else g[k]
                    )
                    for k in keys
                )
                for g in gold
                if g["record"] == "indicator"
            ]
            assert got == want, (path.name, layout)
            tabs = [
                {
                    k: r[k]
                    for k in ("project", "table_type", "year", "department", "implementer", "funds_total")
                }
                for r in recs
                if r["record"] == "table"
            ]
            assert tabs == [{k: g[k] for k in tabs[0]} for g in gold if g["record"] == "table"]


def test_committed_corpus_is_reproducible(tmp_path: Path) -> None:
    committed = ROOT / "corpora/synth"
    if not (committed / "MANIFEST.json").is_file():
        pytest.skip("corpora/synth not generated")
    m = json.loads((committed / "MANIFEST.json").read_text(encoding="utf-8"))
    sim.write_corpus(
        tmp_path,
        docs_per_layout=m["docs_per_layout"],
        seed=m["seed"],
        layouts=m["layouts"],
        include_gold=GOLD_DIR if m["include_gold"] else None,
    )
    for name in sorted(m["docs"]):
        for n in (name, name.replace(".txt", ".jsonl")):
            assert (tmp_path / n).read_bytes() == (committed / n).read_bytes(), n


def test_line_by_line_pdf_text_centres_labels_on_their_groups() -> None:
    # Text written line by line from a page: a merged category cell's label at the middle of
    # its group, on a line of one of its middle rows; every gold field found in its span.
    from goalnlp.convert import align_records

    tables = sim.generate_tables(random.Random(5), 3, "culture")
    seen = 0
    for s in range(30):
        lines, recs = sim.render_pdf_wrapped(tables, random.Random(s), line_by_line=True)
        assert not align_records("\n".join(lines), recs).misses
        inds = [r for r in recs if r["record"] == "indicator"]
        for t in {r["table"] for r in inds}:
            rows = [r for r in inds if r["table"] == t]
            assert all(line.strip() for line in lines[rows[0]["line_start"] - 1 : rows[-1]["line_end"]])  # no blanks
            k = 0
            while k < len(rows):  # runs of consecutive rows with one level2
                j = k
                while j < len(rows) and rows[j]["level2"] == rows[k]["level2"]:
                    j += 1
                group, k = rows[k:j], j
                if len(group) < 3:
                    continue
                word = group[0]["level2"] if group[0]["level2"] != "服务对象满意度" else "服务对象"
                middle = range(group[1]["line_start"], group[-2]["line_end"] + 1)
                if any(word in lines[i - 1].split(" ")[0] for i in middle):
                    seen += 1
    assert seen >= 10


def test_centre_labels_moves_each_label_to_its_groups_middle_line() -> None:
    rows = [
        [("l1", "产出指标", False), ("l2", "数量指标", False), ("name", "新建站点", True), ("val", "≥3个", True)],
        [("l1", "", False), ("l2", "", False), ("name", "培训人次", True), ("val", "≥200人次", True)],
        [("l1", "", False), ("l2", "", False), ("name", "巡查次数", True), ("val", "≥12次", True)],
        [("l1", "", False), ("l2", "质量指标", False), ("name", "验收合格率", True), ("val", "100%", True)],
    ]
    width = {"l1": 9, "l2": 9, "name": 12, "val": 12}
    bare, at = sim._centre_labels(rows, width)
    assert all(x == "" for row in bare for r, x, _ in row if r in ("l1", "l2"))
    # 产出 spans the four one-line rows (its middle: the second), 数量 the first three.
    assert at == {(1, 0): ["产出指标", "数量指标"], (3, 0): ["质量指标"]}
