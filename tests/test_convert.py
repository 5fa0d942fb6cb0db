"""``goalnlp convert``: gold records ↔ character spans ↔ Label Studio, doccano, CoNLL BIO, spaCy DocBin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalnlp import convert as C
from goalnlp.cli import app
from goalnlp.errors import GoalnlpError
from goalnlp.evaluate import load_records, normalize_text
from goalnlp.normalize import normalize_line, strip_pinyin

ROOT = Path(__file__).resolve().parents[1]
DEV_GOLD = ROOT / "corpora" / "dev" / "gold"
DEV_DOCS = ROOT / "corpora" / "dev" / "docs"
SYNTH = ROOT / "corpora" / "synth"
# Traditional, pinyin, both, full width, separate 符号/值/单位 columns, self-evaluation, weights, glued rows.
SYNTH_DOCS = (
    "pdf_wrapped_04",  # traditional
    "pdf_wrapped_05",  # pinyin
    "pdf_layout_05",  # traditional + pinyin, page breaks
    "columns3_05",  # pinyin, separate comparator/number/unit columns
    "self_eval_04",  # traditional, actual/weight/score
    "weights_05",  # pinyin, full width, pipes
    "glued_00",
    "cell_per_line_01",
)


@pytest.fixture(scope="module")
def dev() -> list[C.LabeledDoc]:
    return C.load_gold(DEV_GOLD, DEV_DOCS)


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gold directory in the synth layout (text beside JSONL) holding the chosen documents."""
    d = tmp_path_factory.mktemp("synth")
    for stem in SYNTH_DOCS:
        for suffix in (".txt", ".jsonl"):
            (d / f"{stem}{suffix}").write_bytes((SYNTH / f"{stem}{suffix}").read_bytes())
    return d


@pytest.fixture(scope="module")
def synth(synth_dir: Path) -> list[C.LabeledDoc]:
    return C.load_gold(synth_dir)


def _joined(d: C.LabeledDoc, rid: int, label: str) -> str:
    """A record's field as its spans print it: fragments in text order, normalized, whitespace removed."""
    parts = sorted((sp for sp in d.spans if sp.rid == rid and sp.label == label), key=lambda sp: sp.start)
    return "".join("".join(normalize_line(sp.text)[1].split()) for sp in parts)


def _indicators(d: C.LabeledDoc) -> list[tuple[int, dict]]:
    return [(i, r) for i, r in enumerate(d.records or []) if r["record"] == "indicator"]


# --------------------------------------------------------------------------- alignment


def test_span_offsets_point_into_the_original_text(dev: list[C.LabeledDoc], synth: list[C.LabeledDoc]) -> None:
    for d in dev + synth:
        assert d.spans, d.name
        for sp in d.spans:
            assert 0 <= sp.start < sp.end <= len(d.text)
            assert d.text[sp.start : sp.end] == sp.text
            assert sp.text == sp.text.strip(), "fragments never start or end with whitespace"
            assert sp.label in C.LABELS
        starts = [sp.start for sp in d.spans]
        assert starts == sorted(starts)
        for a, b in zip(d.spans, d.spans[1:], strict=False):
            assert a.end <= b.start, f"overlapping spans in {d.name}: {a} {b}"


def test_dev_names_and_values_rebuild_from_spans(dev: list[C.LabeledDoc]) -> None:
    """Joined per record, the spans print the gold name (and value) for ≥ 98% of the real corpus."""
    total = 0
    misses: dict[str, list[str]] = {"NAME": [], "VALUE": []}
    for d in dev:
        for rid, rec in _indicators(d):
            total += 1
            for label, field in (("NAME", "name"), ("VALUE", "value_text")):
                if _joined(d, rid, label) != rec[field]:
                    misses[label].append(f"{d.name}#{rid} {rec[field]!r} -> {_joined(d, rid, label)!r}")
    assert total == 526
    for label, missed in misses.items():
        assert len(missed) <= 0.02 * total, f"{label}: {len(missed)} of {total} differ:\n" + "\n".join(missed[:20])


def test_dev_every_field_aligned_on_the_records_lines(dev: list[C.LabeledDoc]) -> None:
    cov = C.coverage(dev)
    misses = [(d.name, m) for d in dev for m in d.misses]
    for label in ("NAME", "VALUE", "ACTUAL", "WEIGHT", "SCORE"):
        assert cov[label]["total"] > 0
        assert cov[label]["exact"] >= 0.98 * cov[label]["total"], (label, cov[label], misses[:20])
    for d in dev:
        starts = [0, *(i + 1 for i, ch in enumerate(d.text) if ch == "\n")]
        for sp in d.spans:
            rec = d.records[sp.rid]
            line = sum(1 for s in starts if s <= sp.start)
            assert rec["line_start"] <= line <= rec["line_end"], (d.name, sp)


def test_synth_traditional_and_pinyin_fields_align(synth: list[C.LabeledDoc]) -> None:
    """Traditional script, pinyin annotations and full width in the text; Simplified gold."""
    checked = 0
    for d in synth:
        assert not d.misses, (d.name, d.misses[:3])
        for rid, rec in _indicators(d):
            for label, field in (("NAME", "name"), ("VALUE", "value_text"), ("ACTUAL", "actual_text")):
                if not rec.get(field):
                    continue
                got = strip_pinyin("".join(sp.text for sp in d.spans if sp.rid == rid and sp.label == label))
                assert normalize_text(got) == normalize_text(rec[field]), (d.name, rid, label, got, rec[field])
                checked += 1
            for label, field in (("WEIGHT", "weight"), ("SCORE", "score")):
                if rec.get(field) is not None:
                    (sp,) = [sp for sp in d.spans if sp.rid == rid and sp.label == label]
                    assert float(normalize_text(sp.text)) == rec[field]
    assert checked > 500
    trad = next(d for d in synth if d.name == "pdf_wrapped_04.txt")
    assert any(sp.text != normalize_line(sp.text)[1] for sp in trad.spans if sp.label == "NAME")
    pinyin = next(d for d in synth if d.name == "pdf_wrapped_05.txt")
    (sp,) = [sp for sp in pinyin.spans if sp.label == "NAME" and sp.text == "高血压患者规范管理(lǐ)率"]
    assert pinyin.records[sp.rid]["name"] == "高血压患者规范管理率"


def test_wrapped_name_interleaved_with_other_cells() -> None:
    text = (
        "三級指標 指標值 分值\n"
        "免費孕前優生健康檢查人 1884人 20\n"
        "\n"
        "數\n"
        "高血压患者规范管理(lǐ)率 ≧ ６２% 10\n"
    )
    recs = [
        {"record": "indicator", "name": "免费孕前优生健康检查人数", "value_text": "1884人", "weight": 20.0,
         "line_start": 2, "line_end": 4},
        {"record": "indicator", "name": "高血压患者规范管理率", "value_text": "≧６２%", "weight": 10.0,
         "line_start": 5, "line_end": 5},
    ]  # fmt: skip
    al = C.align_records(text, recs)
    assert not al.misses
    got = [(sp.rid, sp.label, sp.text) for sp in al]
    assert got == [
        (0, "NAME", "免費孕前優生健康檢查人"),
        (0, "VALUE", "1884人"),
        (0, "WEIGHT", "20"),
        (0, "NAME", "數"),
        (1, "NAME", "高血压患者规范管理(lǐ)率"),
        (1, "VALUE", "≧ ６２%"),
        (1, "WEIGHT", "10"),
    ]
    rebuilt = C.spans_to_records(text, list(al), records=recs)
    assert rebuilt == recs
    fresh = C.spans_to_records(text, list(al), doc="x.txt")
    assert [r["name"] for r in fresh[1:]] == ["高血压患者规范管理率"]
    assert fresh[1]["value_text"] == "≧６２%" and fresh[1]["comparator"] == ">=" and fresh[1]["value"] == 62


def test_same_text_in_value_and_actual_and_a_missing_field() -> None:
    text = "选派科技特派员人数 155人以上 155人以上 4 4\n"
    recs = [
        {"record": "table", "doc": "x"},
        {"record": "indicator", "name": "选派科技特派员人数", "value_text": "155人以上", "actual_text": "155人以上",
         "weight": 4.0, "score": 4.0, "line_start": 1, "line_end": 1},
        {"record": "indicator", "name": "不在文中", "value_text": "≥1次", "line_start": 1, "line_end": 1},
    ]  # fmt: skip
    al = C.align_records(text, recs)
    by = {sp.label: (sp.start, sp.rid) for sp in al}
    assert by["VALUE"][0] < by["ACTUAL"][0] < by["WEIGHT"][0] < by["SCORE"][0]
    assert {sp.rid for sp in al} == {1}
    assert {(m.rid, m.label) for m in al.misses} == {(2, "NAME"), (2, "VALUE")}


def test_records_without_lines_are_searched_in_order(dev: list[C.LabeledDoc]) -> None:
    d = dev[0]
    bare = [{k: v for k, v in r.items() if k not in ("line_start", "line_end")} for r in d.records]
    al = C.align_records(d.text, bare)
    names = {sp.rid for sp in al if sp.label == "NAME"}
    n = sum(1 for r in bare if r["record"] == "indicator")
    assert len(names) >= 0.95 * n


# --------------------------------------------------------------------------- round trips


def _gold_round_trip(fmt: str, docs: list[C.LabeledDoc], tmp: Path, suffix: str) -> None:
    path = tmp / f"data.{suffix}"
    C.write(fmt, docs, path)
    back = C.read(fmt, path)
    assert [d.name for d in back] == [d.name for d in docs]
    for a, b in zip(docs, back, strict=True):
        assert b.text == a.text
        assert b.spans == a.spans
        assert b.records == a.records
    out = tmp / f"gold_{fmt}"
    C.write("gold", back, out)
    for d in docs:
        assert load_records(out / f"{Path(d.name).stem}.jsonl") == d.records
        assert (out / d.name).read_text(encoding="utf-8") == d.text


@pytest.mark.parametrize(("fmt", "suffix"), [("labelstudio", "json"), ("doccano", "jsonl"), ("docbin", "spacy")])
def test_round_trip_dev_loses_nothing(fmt: str, suffix: str, dev: list[C.LabeledDoc], tmp_path: Path) -> None:
    if fmt == "docbin":
        pytest.importorskip("spacy")
    _gold_round_trip(fmt, dev, tmp_path, suffix)
    for d in dev:  # and the records are the gold files' own
        assert d.records == load_records(DEV_GOLD / f"{Path(d.name).stem}.jsonl")


@pytest.mark.parametrize(("fmt", "suffix"), [("labelstudio", "json"), ("doccano", "jsonl"), ("docbin", "spacy")])
def test_round_trip_synth_loses_nothing(fmt: str, suffix: str, synth: list[C.LabeledDoc], tmp_path: Path) -> None:
    if fmt == "docbin":
        pytest.importorskip("spacy")
    _gold_round_trip(fmt, synth, tmp_path, suffix)


def test_docbin_holds_spans_ents_and_records(synth: list[C.LabeledDoc]) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    data = C.to_docbin(synth[:2])
    docs = list(DocBin().from_bytes(data).get_docs(spacy.blank("zh").vocab))
    assert [doc.text for doc in docs] == [d.text for d in synth[:2]]
    group = docs[0].spans["goalnlp"]
    assert [(s.start_char, s.end_char, s.label_, int(s.id_)) for s in group] == [
        (sp.start, sp.end, sp.label, sp.rid) for sp in synth[0].spans
    ]
    assert len(docs[0].ents) == len(group)  # no overlaps, so every span is an entity too
    assert docs[0].user_data["goalnlp"]["doc"] == synth[0].name


def test_conll_round_trip_of_spans(synth: list[C.LabeledDoc], tmp_path: Path) -> None:
    docs = synth[:3] + [C.LabeledDoc("odd.txt", "a\\b \t\u3000c\r\n\n# x\nd 𠮷", [C.Span(0, 3, "NAME", None, "a\\b")])]
    path = tmp_path / "x.conll"
    C.write("conll", docs, path)
    content = path.read_text(encoding="utf-8")
    assert content.startswith(f"# doc = {docs[0].name}\n")
    body = [ln for ln in content.split("\n") if ln and not ln.startswith("# doc")]
    assert all(len(ln.split("\t")) == 2 for ln in body)
    back = C.read_conll(path)
    assert [d.name for d in back] == [d.name for d in docs]
    for a, b in zip(docs, back, strict=True):
        assert b.text == a.text
        assert [(s.start, s.end, s.label) for s in b.spans] == [(s.start, s.end, s.label) for s in a.spans]
        assert b.records is None and all(s.rid is None for s in b.spans)


def test_conll_variants_and_errors() -> None:
    docs = C.from_conll("中\tS-NAME\n国\tO\n人\tB-VALUE\n口\tE-VALUE\n多 O\n\n好\tI-NAME\n")
    assert [(d.name, d.text) for d in docs] == [("doc_1", "中国人口多"), ("doc_2", "好")]
    assert [(s.start, s.end, s.label) for s in docs[0].spans] == [(0, 1, "NAME"), (2, 4, "VALUE")]
    assert [(s.start, s.end, s.label) for s in docs[1].spans] == [(0, 1, "NAME")]
    with pytest.raises(GoalnlpError) as e:
        C.from_conll("中\tX-NAME\n")
    assert e.value.code == "E046"
    with pytest.raises(GoalnlpError) as e:
        C.from_conll("中国\n")
    assert e.value.code == "E046"


def test_records_rebuilt_from_bio_pair_names_with_values(dev: list[C.LabeledDoc]) -> None:
    """Without rid, each NAME goes with the VALUE after it; most dev rows come back whole."""
    back = C.from_conll(C.to_conll(dev))
    got = want = 0
    for a, b in zip(dev, back, strict=True):
        rebuilt = C.spans_to_records(b.text, b.spans, doc=b.name)
        pairs = {(r["name"], r["value_text"]) for r in rebuilt}
        for _rid, rec in _indicators(a):
            want += 1
            got += (rec["name"], rec["value_text"]) in pairs
        assert all(r["record"] == "indicator" and r["doc"] == a.name for r in rebuilt)
    assert got >= 0.8 * want, (got, want)


# --------------------------------------------------------------------------- foreign key names


TEXT = "项目名称 培训\n培训人次 ≥500人次\n"


def _value(start: int, end: int, label: str = "NAME", key: str = "labels") -> dict:
    return {"start": start, "end": end, "text": TEXT[start:end], key: [label]}


def test_labelstudio_key_variants() -> None:
    ann = [{"from_name": "label", "to_name": "text", "type": "labels", "value": _value(8, 12)}]
    variants = [
        [{"data": {"text": TEXT}, "annotations": [{"result": ann}]}],
        [{"data": {"text": TEXT}, "completions": [{"result": ann}]}],  # Label Studio < 1.0
        [{"data": {"text": TEXT}, "predictions": [{"result": ann, "score": 0.5}]}],
        [{"text": TEXT, "annotations": [{"result": ann}]}],  # not wrapped in "data"
        {"data": {"text": TEXT}, "annotations": [{"result": ann}]},  # one task
        {"tasks": [{"data": {"text": TEXT}, "annotations": [{"result": ann}]}]},
        [{"data": {"text": TEXT}, "annotations": [{"was_cancelled": True, "result": []}, {"result": ann}]}],
        [{"id": 7, "text": TEXT, "label": [_value(8, 12)]}],  # JSON_MIN export
        [
            {
                "data": {"html": TEXT},
                "annotations": [
                    {
                        "result": [
                            {
                                "type": "hypertextlabels",
                                "value": {
                                    "start": "/div[1]/text()[1]",
                                    "end": "/div[1]/text()[1]",
                                    "startOffset": 8,
                                    "endOffset": 12,
                                    "globalOffsets": {"start": 8, "end": 12},
                                    "text": "培训人次",
                                    "hypertextlabels": ["NAME"],
                                },
                            }
                        ]
                    }
                ],
            }
        ],
    ]
    for i, data in enumerate(variants):
        key = "html" if i == len(variants) - 1 else None
        (doc,) = C.from_labelstudio(data, text_key=key)
        assert doc.text == TEXT
        assert [(s.start, s.end, s.label, s.text) for s in doc.spans] == [(8, 12, "NAME", "培训人次")], i


def test_labelstudio_offsets_repaired_and_text_key_errors() -> None:
    text = "𠮷名称 数量"  # an astral character: older Label Studio counted it twice (UTF-16)
    res = [{"type": "labels", "value": {"start": 5, "end": 7, "text": "数量", "labels": ["NAME"]}}]
    (doc,) = C.from_labelstudio([{"data": {"text": text}, "annotations": [{"result": res}]}])
    assert [(s.start, s.end, s.text) for s in doc.spans] == [(4, 6, "数量")]
    (doc,) = C.from_labelstudio([{"data": {"content": text}, "annotations": []}], text_key="content")
    assert doc.text == text and doc.spans == []
    with pytest.raises(GoalnlpError) as e:
        C.from_labelstudio([{"data": {"content": text}}])
    assert e.value.code == "E041" and "content" in str(e.value)
    with pytest.raises(GoalnlpError) as e:
        C.from_labelstudio([{"data": {"text": "短"}, "annotations": [{"result": [{"value": {"start": 0, "end": 9, "labels": ["NAME"]}}]}]}])
    assert e.value.code == "E045"


def test_labelstudio_ids_and_meta_carry_the_records(dev: list[C.LabeledDoc]) -> None:
    tasks = C.to_labelstudio(dev[:1])
    task = tasks[0]
    assert task["data"]["meta"]["records"] == dev[0].records
    result = task["annotations"][0]["result"]
    assert {r["type"] for r in result} == {"labels"}
    assert all(r["from_name"] == "label" and r["to_name"] == "text" for r in result)
    # Regions re-created in the tool (new ids) still find their record through the span table.
    for r in result:
        r["id"] = "Xy9" + r["id"]
    (doc,) = C.from_labelstudio(tasks)
    assert doc.spans == dev[0].spans
    # Without meta, the region ids alone still group the fragments.
    tasks = C.to_labelstudio(dev[:1])
    del tasks[0]["data"]["meta"]
    (doc,) = C.from_labelstudio(tasks)
    assert [s.rid for s in doc.spans] == [s.rid for s in dev[0].spans] and doc.records is None
    rebuilt = C.spans_to_records(doc.text, doc.spans, doc=doc.name)
    gold = [r for r in dev[0].records if r["record"] == "indicator"]
    assert [r["name"] for r in rebuilt] == [r["name"] for r in sorted(gold, key=lambda r: r["line_start"])]
    assert "<Labels" in C.label_studio_config() and 'value="NAME"' in C.label_studio_config()


def test_labelstudio_edits_rebuild_records(dev: list[C.LabeledDoc]) -> None:
    d = dev[0]
    rid, rec = _indicators(d)[0]
    (value,) = [sp for sp in d.spans if sp.rid == rid and sp.label == "VALUE"]
    trimmed = C.Span(value.start + 1, value.end, "VALUE", rid, d.text[value.start + 1 : value.end])  # drop "≥"
    spans = [trimmed if sp == value else sp for sp in d.spans]
    edited = C.LabeledDoc(d.name, d.text, spans, d.records)
    rebuilt = C.spans_to_records(edited.text, edited.spans, records=edited.records)
    assert rebuilt[rid]["value_text"] == rec["value_text"][1:]
    assert rebuilt[rid]["comparator"] is None and rebuilt[rid]["value"] == rec["value"]
    assert rebuilt[:rid] + rebuilt[rid + 1 :] == d.records[:rid] + d.records[rid + 1 :]


def test_doccano_key_variants() -> None:
    rows = [
        {"text": TEXT, "label": [[8, 12, "NAME"], [13, 19, "VALUE"]]},
        {"text": TEXT, "labels": [[8, 12, "NAME"], [13, 19, "VALUE"]]},
        {"text": TEXT, "entities": [{"id": 1, "start_offset": 8, "end_offset": 12, "label": "NAME"},
                                    {"id": 2, "start_offset": 13, "end_offset": 19, "label": "VALUE"}]},
        {"id": 3, "data": TEXT, "label": [[8, 12, "NAME"], [13, 19, "VALUE"]]},  # doccano 1.x
    ]  # fmt: skip
    for doc in C.from_doccano(rows):
        assert doc.text == TEXT
        assert [(s.label, s.text) for s in doc.spans] == [("NAME", "培训人次"), ("VALUE", "≥500人次")]
    (doc,) = C.from_doccano([{"text": TEXT, "label": ["positive"]}])  # a classification project: no spans
    assert doc.spans == []
    row = C.to_doccano([C.LabeledDoc("a.txt", TEXT, [C.Span(8, 12, "NAME", 0, "培训人次")], [{"record": "indicator"}])])[0]
    assert row["label"] == [[8, 12, "NAME"]]
    (doc,) = C.from_doccano([{"text": TEXT, "label": row["label"], "meta": {"goalnlp": row["goalnlp"]}}])
    assert doc.name == "a.txt" and doc.spans[0].rid == 0 and doc.records == [{"record": "indicator"}]


# --------------------------------------------------------------------------- command line


def test_cli_gold_to_labelstudio_and_back(tmp_path: Path) -> None:
    runner = CliRunner()
    ls = tmp_path / "tasks.json"
    res = runner.invoke(app, ["convert", "--from", "gold", "--to", "labelstudio", "--docs", str(DEV_DOCS), str(DEV_GOLD), str(ls)])
    assert res.exit_code == 0, res.output
    assert "5 document(s)" in res.output and "526 indicator record(s)" in res.output
    tasks = json.loads(ls.read_text(encoding="utf-8"))
    assert len(tasks) == 5 and tasks[0]["data"]["doc"] == "000_d2c6a195b1630908.txt"
    out = tmp_path / "gold"
    res = runner.invoke(app, ["convert", "--from", "labelstudio", "--to", "gold", str(ls), str(out)])
    assert res.exit_code == 0, res.output
    for f in sorted(DEV_GOLD.glob("*.jsonl")):
        assert load_records(out / f.name) == load_records(f)
        assert (out / f.with_suffix(".txt").name).read_bytes() == (DEV_DOCS / f.with_suffix(".txt").name).read_bytes()


def test_cli_conll_to_stdout_and_back_to_gold(synth_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["convert", "--from", "gold", "--to", "conll", "-q", str(synth_dir / "glued_00.jsonl"), "-"])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("# doc = glued_00.txt\n") and "\tB-NAME" in res.stdout
    conll = tmp_path / "x.conll"
    conll.write_text(res.stdout, encoding="utf-8")
    res = runner.invoke(app, ["convert", "--from", "conll", "--to", "gold", "--no-texts", str(conll), str(tmp_path / "g")])
    assert res.exit_code == 0, res.output
    recs = load_records(tmp_path / "g" / "glued_00.jsonl")
    assert recs and all(r["record"] == "indicator" for r in recs)
    assert not (tmp_path / "g" / "glued_00.txt").exists()


def test_cli_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["convert", "--from", "gold", "--to", "doccano", str(DEV_GOLD), str(tmp_path / "x.jsonl")])
    assert res.exit_code == 2 and "E042" in res.output  # documents live elsewhere: --docs needed
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    res = runner.invoke(app, ["convert", "--from", "labelstudio", "--to", "conll", str(bad), str(tmp_path / "y")])
    assert res.exit_code == 2 and "E040" in res.output
    res = runner.invoke(app, ["convert", "--from", "gold", "--to", "docbin", str(DEV_GOLD), "-", "--docs", str(DEV_DOCS)])
    assert res.exit_code == 2 and "stdout" in res.output
    # --strict: exit 1 when a gold field is not in the text, and -v names it.
    gold = tmp_path / "g"
    gold.mkdir()
    (gold / "a.txt").write_text(TEXT, encoding="utf-8")
    rec = {"record": "indicator", "doc": "a.txt", "name": "不在文中", "value_text": "≥500人次", "line_start": 2, "line_end": 2}
    (gold / "a.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["convert", "--from", "gold", "--to", "doccano", "--strict", "-v", str(gold), str(tmp_path / "z.jsonl")])
    assert res.exit_code == 1
    assert "unaligned: a.txt record 0 NAME '不在文中'" in res.output and "1 field(s) not aligned" in res.output


def test_cli_predictions_config_and_rebuild(tmp_path: Path) -> None:
    """Pre-annotations for review in Label Studio, then the reviewed spans back into records."""
    gold = tmp_path / "g"
    gold.mkdir()
    (gold / "a.txt").write_bytes(TEXT.replace("\n", "\r\n").encode("gb18030"))  # GBK, CRLF: offsets count "\n" once
    rec = {"record": "indicator", "doc": "a.txt", "name": "培训人次", "value_text": "≥500人次", "kind": "quantity",
           "comparator": ">=", "value": 500.0, "value_max": None, "unit": "人次", "date": None,
           "line_start": 2, "line_end": 2}  # fmt: skip
    (gold / "a.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    runner = CliRunner()
    ls, cfg = tmp_path / "t.json", tmp_path / "config.xml"
    args = ["convert", "--from", "gold", "--to", "labelstudio", "--predictions", "--ls-config", str(cfg)]
    res = runner.invoke(app, [*args, str(gold), str(ls)])
    assert res.exit_code == 0, res.output
    assert '<Labels name="label" toName="text">' in cfg.read_text(encoding="utf-8")
    (task,) = json.loads(ls.read_text(encoding="utf-8"))
    assert "annotations" not in task and task["data"]["text"] == TEXT
    result = task["predictions"][0]["result"]
    assert [(r["value"]["text"], r["value"]["labels"]) for r in result] == [("培训人次", ["NAME"]), ("≥500人次", ["VALUE"])]
    # The reviewer shortens the value to "500人次" and accepts the prediction as an annotation.
    value = result[1]["value"]
    value["start"] += 1
    value["text"] = value["text"][1:]
    task["annotations"] = [{"result": result}]
    ls.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(app, ["convert", "--from", "labelstudio", "--to", "gold", "--rebuild-records", str(ls), str(out)])
    assert res.exit_code == 0, res.output
    (back,) = load_records(out / "a.jsonl")
    assert back == {**rec, "value_text": "500人次", "comparator": None}
    res = runner.invoke(app, ["convert", "--from", "labelstudio", "--to", "gold", str(ls), str(tmp_path / "kept")])
    assert load_records(tmp_path / "kept" / "a.jsonl") == [rec]  # without --rebuild-records the records travel as they were
