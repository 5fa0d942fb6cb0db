"""The spaCy component: ``nlp.add_pipe("goalnlp_indicators")`` on a jieba Chinese pipeline.

Real behaviour on real text: the development documents and a hand-written table
with a wrapped name; spans are checked against the records goalnlp extracts itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
pytest.importorskip("jieba")

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, DocBin, Span  # noqa: E402

from goalnlp import GoalnlpError, extract  # noqa: E402
from goalnlp.normalize import normalize_line  # noqa: E402

DOCS = sorted((Path(__file__).resolve().parents[1] / "corpora" / "dev" / "docs").glob("*.txt"))
JIEBA = {"nlp": {"tokenizer": {"segmenter": "jieba"}}}

WRAPPED = """2024年项目支出绩效目标表

项目名称 社区居家养老服务补助

主管部门 某县民政局 实施单位 某县养老服务中心

年度资金总额： 320.00

一级指标 二级指标 三级指标 指标值

产出指标 数量指标 为失能老年人提供上门 ≥1200人次
                  照护服务人次
         质量指标 服务对象回访合格率 ≥95%

效益指标 社会效益指标 老年人生活质量 明显提升

满意度指标 服务对象满意度指标 受助老人满意度 ≥90%
"""
# Traditional script, full-width digits and a pinyin annotation: spans cover what is printed.
PRINTED = """一級指標 二級指標 三級指標 指標值
產出指標 數量指標 培訓人(rén)次 ≥５００人次
"""


def _compact(s: str) -> str:
    return "".join(s.split())


def _parts(doc: Doc, span: Span, label: str) -> list[Span]:
    return [p for p in doc.spans["indicator_parts"] if p.id_ == span.id_ and p.label_ == label]


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("zh", config=JIEBA)
    nlp.add_pipe("goalnlp_indicators")
    return nlp


@pytest.fixture(scope="module")
def dev(nlp: Language) -> list[tuple[Path, Doc]]:
    out = []
    for path in DOCS:
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        doc.user_data["goalnlp_name"] = path.name
        out.append((path, nlp.get_pipe("goalnlp_indicators")(doc)))
    return out


@pytest.fixture(scope="module")
def wrapped(nlp: Language) -> Doc:
    return nlp(WRAPPED)


def test_jieba_segmenter_is_used(nlp: Language, wrapped: Doc) -> None:
    assert nlp.tokenizer.segmenter == "jieba"
    assert nlp.pipe_names == ["goalnlp_indicators"]
    # jieba makes words, not one token per character
    assert len(wrapped) < len(WRAPPED.replace(" ", "").replace("\n", "")) / 1.5


def test_dev_documents_one_span_per_indicator_record(dev: list[tuple[Path, Doc]]) -> None:
    assert len(dev) == 5
    for path, doc in dev:
        records = extract(path)
        assert doc._.goalnlp_records == records
        indicators = [r for r in records if r["record"] == "indicator"]
        tables = [r for r in records if r["record"] == "table"]
        assert indicators and len(doc.spans["indicators"]) == len(indicators)
        assert [s._.goalnlp for s in doc.spans["indicators"]] == indicators
        assert [s._.goalnlp for s in doc.spans["goalnlp_tables"]] == tables == doc._.goalnlp_tables
        assert [s.label_ for s in doc.spans["indicators"]] == [r["level1"] or "指标" for r in indicators]
        assert [s.label_ for s in doc.spans["goalnlp_tables"]] == [r["table_type"] for r in tables]


def test_dev_documents_fragments_are_the_printed_fields(dev: list[tuple[Path, Doc]]) -> None:
    wrapped_names = actuals = 0
    for _path, doc in dev:
        text = doc.text
        for span in doc.spans["indicators"]:
            rec = span._.goalnlp
            names = _parts(doc, span, "NAME")
            assert "".join(_compact(p.text) for p in names) == rec["name"]
            assert "".join(_compact(p.text) for p in _parts(doc, span, "VALUE")) == rec["value_text"]
            acts = _parts(doc, span, "ACTUAL")
            assert "".join(_compact(p.text) for p in acts) == (rec["actual_text"] or "")
            wrapped_names += len(names) > 1
            actuals += bool(acts)
            # the row span runs from the first fragment to the last, on the record's lines
            frags = names + _parts(doc, span, "VALUE") + acts
            assert span.start_char == min(p.start_char for p in frags)
            assert span.end_char == max(p.end_char for p in frags)
            assert text.count("\n", 0, span.start_char) + 1 >= rec["line_start"]
            assert text.count("\n", 0, span.end_char - 1) + 1 <= rec["line_end"]
            assert all(p._.goalnlp is rec for p in frags)
    assert wrapped_names > 20 and actuals > 100  # the seeds do exercise wrapping and 自评表


def test_wrapped_name_gives_several_name_spans(wrapped: Doc) -> None:
    spans = list(wrapped.spans["indicators"])
    assert [s._.goalnlp["name"] for s in spans] == [
        "为失能老年人提供上门照护服务人次",
        "服务对象回访合格率",
        "老年人生活质量",
        "受助老人满意度",
    ]
    first = spans[0]
    names = _parts(wrapped, first, "NAME")
    assert [p.text for p in names] == ["为失能老年人提供上门", "照护服务人次"]
    assert "".join(_compact(p.text) for p in names) == first._.goalnlp["name"]
    assert [p.text for p in _parts(wrapped, first, "VALUE")] == ["≥1200人次"]
    assert first.text.startswith("为失能老年人提供上门") and first.text.endswith("照护服务人次")
    assert first.label_ == "产出"
    rec = first._.goalnlp
    assert (rec["level2"], rec["comparator"], rec["value"], rec["unit"]) == ("数量", ">=", 1200.0, "人次")
    assert (rec["line_start"], rec["line_end"]) == (11, 12)
    # a name never matches inside the category cell printed on its line
    quality = spans[1]
    assert _parts(wrapped, quality, "NAME")[0].text == "服务对象回访合格率"
    (table,) = wrapped.spans["goalnlp_tables"]
    assert table._.goalnlp["project"] == "社区居家养老服务补助" and table._.goalnlp["funds_total"] == 320.0
    assert table.text.startswith("2024年项目支出绩效目标表") and table.text.endswith("≥90%")


def test_spans_cover_the_printed_text(nlp: Language) -> None:
    doc = nlp(PRINTED)
    (span,) = doc.spans["indicators"]
    assert span._.goalnlp["name"] == "培训人次" and span._.goalnlp["value"] == 500
    name, value = doc.spans["indicator_parts"]
    assert (name.label_, name.text) == ("NAME", "培訓人(rén)次")
    assert normalize_line(name.text)[1] == "培训人次"
    assert (value.label_, value.text) == ("VALUE", "≥５００人次")


@pytest.mark.parametrize("text", ["", "  \n\n", "本年度没有绩效目标表。\n第二行文字。"])
def test_text_without_tables(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert doc._.goalnlp_records == [] and doc._.goalnlp_tables == []
    for key in ("indicators", "indicator_parts", "goalnlp_tables"):
        assert list(doc.spans[key]) == []


def test_config_keys_and_unknown_engine() -> None:
    nlp = spacy.blank("zh", config=JIEBA)
    nlp.add_pipe("goalnlp_indicators", config={"spans_key": "rows", "parts_key": None, "tables_key": None})
    doc = nlp(WRAPPED)
    assert list(doc.spans) == ["rows"] and len(doc.spans["rows"]) == 4
    with pytest.raises(GoalnlpError, match="E011"):
        nlp.add_pipe("goalnlp_indicators", name="other", config={"engine": "no-such-engine"})


def test_to_disk_load_and_doc_serialization(nlp: Language, wrapped: Doc, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == ["goalnlp_indicators"] and loaded.tokenizer.segmenter == "jieba"
    assert loaded.get_pipe_config("goalnlp_indicators")["spans_key"] == "indicators"
    doc = loaded(WRAPPED)
    assert [s.text for s in doc.spans["indicators"]] == [s.text for s in wrapped.spans["indicators"]]
    # records and the span → record link survive Doc and DocBin serialization
    back = Doc(loaded.vocab).from_bytes(wrapped.to_bytes())
    assert [s._.goalnlp for s in back.spans["indicators"]] == [
        s._.goalnlp for s in wrapped.spans["indicators"]
    ]
    bin_ = DocBin(store_user_data=True, docs=[wrapped])
    (again,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(loaded.vocab)
    assert [p._.goalnlp["name"] for p in again.spans["indicator_parts"]] == [
        p._.goalnlp["name"] for p in wrapped.spans["indicator_parts"]
    ]


def test_factory_found_without_importing_goalnlp() -> None:
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('zh', config={'nlp': {'tokenizer': {'segmenter': 'jieba'}}})\n"
        "nlp.add_pipe('goalnlp_indicators')\n"
        "doc = nlp('一级指标 二级指标 三级指标 指标值\\n产出指标 数量指标 培训人次 ≥500人次\\n')\n"
        "print([(s.label_, s.text, s._.goalnlp['value']) for s in doc.spans['indicators']])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[('产出', '培训人次 ≥500人次', 500.0)]"
