"""Tests for goalnlp.io: decoding, binary/empty detection, HTML and CSV flattening, paths.

The recurring assertion is line fidelity: whatever the medium, ``line_map`` (or the
identity) must lead from a text line back to the file line a reader would cite.
"""

from __future__ import annotations

import importlib
import json
import random
import sys
import types
from pathlib import Path
from types import ModuleType

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
SEEDS = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "docs"
GOLD = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "gold"
SEED = SEEDS / "000_d2c6a195b1630908.txt"


def _load_io() -> ModuleType:
    """Import goalnlp.io even while a sibling module (edited in parallel) is broken.

    io.py needs only goalnlp.errors, so on failure the package ``__init__`` is bypassed.
    """
    if str(SRC) not in sys.path:
        sys.path.insert(0, str(SRC))
    try:
        return importlib.import_module("goalnlp.io")
    except Exception:  # pragma: no cover - only when a sibling module is broken
        for name in [n for n in sys.modules if n == "goalnlp" or n.startswith("goalnlp.")]:
            del sys.modules[name]
        package = types.ModuleType("goalnlp")
        package.__path__ = [str(SRC / "goalnlp")]
        sys.modules["goalnlp"] = package
        return importlib.import_module("goalnlp.io")


gio = _load_io()
InputError = sys.modules["goalnlp.errors"].InputError
Source = gio.Source
read_source = gio.read_source
source_from_text = gio.source_from_text
decode_bytes = gio.decode_bytes
looks_binary = gio.looks_binary
html_to_text = gio.html_to_text
delimited_to_text = gio.delimited_to_text
iter_paths = gio.iter_paths

needs_seeds = pytest.mark.skipif(not SEED.exists(), reason="shared seed corpus not mounted")


def _lines(source: Source) -> list[str]:
    return source.text.split("\n")


def _raises(code: str, func, *args):
    with pytest.raises(InputError) as info:
        func(*args)
    assert info.value.code == code, info.value
    return info.value


# ----------------------------------------------------------------------- encodings


@needs_seeds
@pytest.mark.parametrize(
    ("codec", "label"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030")],
)
def test_seed_decodes_identically_in_every_encoding(tmp_path: Path, codec: str, label: str) -> None:
    original = SEED.read_text(encoding="utf-8")
    data = original.encode(codec)
    path = tmp_path / SEED.name
    path.write_bytes(data)
    source = read_source(path)
    assert source.text == original
    assert source.encoding == label  # GBK is a subset of GB18030, which names it
    assert source.media == "text"
    assert source.line_map is None
    assert source.name == SEED.name
    assert source.path == str(path)
    assert source.size == len(data)
    assert len(source.sha256) == 64


@needs_seeds
def test_gold_line_numbers_point_at_the_text() -> None:
    source = read_source(SEED)
    lines = _lines(source)
    gold = [json.loads(line) for line in (GOLD / (SEED.stem + ".jsonl")).open(encoding="utf-8")]
    checked = 0
    for record in gold:
        if record["record"] == "indicator" and record.get("line_start"):
            span = "".join(lines[record["line_start"] - 1 : record["line_end"]]).replace(" ", "")
            assert record["name"][:2] in span, record
            checked += 1
    assert checked > 20


@needs_seeds
def test_all_seeds_read_as_identity_text() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        source = read_source(seed)
        raw = seed.read_text(encoding="utf-8")
        assert source.text == raw
        assert (source.media, source.encoding, source.line_map) == ("text", "utf-8", None)


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    # Excel's "Unicode text" export: UTF-16LE with BOM, full of NUL bytes.
    text = "一级指标\t二级指标\t三级指标\t指标值\r\n产出指标\t数量指标\t召开会议次数\t≥2次\r\n"
    path = tmp_path / "export.txt"
    path.write_bytes(text.encode("utf-16"))
    source = read_source(path)
    assert source.encoding == "utf-16"
    assert source.text == text.replace("\r\n", "\n")


def test_utf16_without_bom_is_read_and_binary_with_nuls_is_not(tmp_path: Path) -> None:
    # Some export scripts write encode("utf-16-le") with no BOM: text all the same.
    text = "项目名称\t乡镇污水站运维\r\n一级指标\t二级指标\t三级指标\t指标值\r\n产出指标\t数量指标\t运维站点数量\t≥14个\r\n"
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.csv"
        path.write_bytes(text.encode(codec))
        source = read_source(path)
        assert (source.encoding, source.text) == (codec, text.replace("\r\n", "\n").rstrip("\n"))
    rng = random.Random(5)
    blob = bytes(rng.randrange(256) for _ in range(4000)) + b"\x00\x00" * 100
    path = tmp_path / "blob.txt"
    path.write_bytes(blob)
    with pytest.raises(InputError) as err:
        read_source(path)
    assert err.value.code == "E002"


def test_newlines_are_normalised_without_changing_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("项目名称 甲\r\n\r\n产出\r数量\n召开会议次数\x0c ≥2次\u2028x\n".encode())
    source = read_source(path)
    assert source.text == "项目名称 甲\n\n产出\n数量\n召开会议次数  ≥2次 x\n"
    assert source.text.splitlines() == source.text.split("\n")[:-1]


def test_blank_lines_are_kept_so_line_numbers_equal_file_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("\n\n# 标题\n\n\n| 产出 | 数量 |\n", encoding="utf-8")
    source = read_source(path)
    assert source.media == "markdown"
    assert source.line_map is None
    assert _lines(source)[5] == "| 产出 | 数量 |"


def test_gb18030_is_preferred_for_short_chinese(tmp_path: Path) -> None:
    assert decode_bytes("产出指标 ≥95%".encode("gbk")) == ("产出指标 ≥95%", "gb18030")


def test_big5_goes_to_charset_normalizer() -> None:
    text = "項目支出績效目標表，產出指標數量指標，滿意度指標服務對象滿意度"
    decoded, encoding = decode_bytes(text.encode("big5"))
    assert decoded == text
    assert encoding == "big5"


def test_utf8_with_a_broken_byte_stays_utf8() -> None:
    # A PDF dump cut in the middle of a character: keep the document, lose one char.
    data = ("项目支出绩效目标表\n" * 40).encode("utf-8") + "产".encode()[:2] + b"\n"
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 1
    assert text.startswith("项目支出绩效目标表\n")


def test_latin1_is_undecodable(tmp_path: Path) -> None:
    # Decision: goalnlp reads Chinese documents. A file whose only readings are
    # Western code pages (or random high bytes) fails loudly with E003 rather
    # than reaching the pipeline as mojibake that silently yields no records.
    latin1 = "Le café résumé: naïve façade, déjà vu à l'école.\n".encode("latin-1") * 5
    path = tmp_path / "latin.txt"
    path.write_bytes(latin1)
    error = _raises("E003", read_source, path)
    assert str(path) in str(error)
    rng = random.Random(7)
    _raises("E003", decode_bytes, bytes(rng.randrange(0x80, 0x100) for _ in range(400)))


# ------------------------------------------------------------- empty and binary


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\n", "\u3000\u3000\n".encode("gb18030")],
    ids=["empty", "whitespace", "bom", "bom-whitespace", "ideographic-space"],
)
def test_empty_files_are_e001(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    _raises("E001", read_source, path)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (random.Random(0).randbytes(4096), "E002"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "E082"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32, "E082"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" * 4, "E080"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "E082"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "E082"),
        (b"\x1f\x8b\x08\x00" + b"abc" * 10, "E080"),
        (b"text\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14", "E002"),
    ],
    ids=["random", "pdf", "png", "zip", "ole", "jpeg", "gzip", "controls"],
)
def test_binary_files_fail_with_a_clear_code(tmp_path: Path, data: bytes, code: str) -> None:
    """Not text: E002; a document of a known kind that is damaged: E082 (its reader
    tried); a container goalnlp does not read: E080, with what to do instead."""
    assert looks_binary(data)
    path = tmp_path / "thing.txt"
    path.write_bytes(data)
    err = _raises(code, read_source, path)
    assert str(path) in str(err)


def test_form_feeds_and_tabs_are_text() -> None:
    page = "第一页\t一级指标\n\f第二页 二级指标\n".encode() * 50
    assert not looks_binary(page)
    assert not looks_binary("纯文本".encode("gb18030"))


def test_missing_file_is_e004_and_directory_is_e005(tmp_path: Path) -> None:
    _raises("E004", read_source, tmp_path / "nope.txt")
    error = _raises("E005", read_source, tmp_path)
    assert "directory" in str(error)


# ----------------------------------------------------------------------------- HTML

TARGET_TABLE_HTML = """\
<html>
<head><meta charset="utf-8"><title>项目支出绩效目标表</title></head>
<body>
<table border="1" cellspacing="0">
<tr><td colspan="5">项目支出绩效目标表</td></tr>
<tr><td>项目名称</td><td colspan="4">医疗保障综合事务相关工作经费</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>说明</td></tr>
<tr>
  <td rowspan="5">产出指标</td>
  <td rowspan="2">数量指标</td>
  <td>召开会议次数</td><td>&ge;2次</td><td>&nbsp;</td>
</tr>
<tr><td>开展各项医保工作督查</td><td>≥3次</td><td></td></tr>
<tr><td>质量指标</td><td>医疗保障系统干部队伍能<br>力素质</td><td>明显提升</td><td></td></tr>
<tr><td>时效指标</td><td>完成时间</td><td>2022年12月底
    完成</td><td></td></tr>
<tr><td>成本指标</td><td>项目支出</td><td>&le;37.31万元</td><td>含|税</td></tr>
<tr><td rowspan="2">效益指标</td><td rowspan="2">社会效益指标</td>
    <td><p>各县市能够认真履行职</p><p>责，充分发挥医疗保障服</p>务能力</td><td>良好</td><td></td></tr>
<tr><td>服务作风</td><td>显著改善</td><td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>群众对医保办事人员服务满意度</td><td>&ge;90%</td><td></td></tr>
</table>
</body>
</html>
"""

TARGET_TABLE_LINES = [
    ("项目支出绩效目标表", 2),
    ("| 项目支出绩效目标表 | | | | |", 5),
    ("| 项目名称 | 医疗保障综合事务相关工作经费 | | | |", 6),
    ("| 一级指标 | 二级指标 | 三级指标 | 指标值 | 说明 |", 7),
    ("| 产出指标 | 数量指标 | 召开会议次数 | ≥2次 | |", 8),
    ("| | | 开展各项医保工作督查 | ≥3次 | |", 13),
    ("| | 质量指标 | 医疗保障系统干部队伍能力素质 | 明显提升 | |", 14),
    ("| | 时效指标 | 完成时间 | 2022年12月底完成 | |", 15),
    ("| | 成本指标 | 项目支出 | ≤37.31万元 | 含｜税 |", 17),
    ("| 效益指标 | 社会效益指标 | 各县市能够认真履行职责，充分发挥医疗保障服务能力 | 良好 | |", 18),
    ("| | | 服务作风 | 显著改善 | |", 20),
    ("| 满意度指标 | 服务对象满意度指标 | 群众对医保办事人员服务满意度 | ≥90% | |", 21),
]


def test_html_table_with_rowspan_and_colspan() -> None:
    text, line_map = html_to_text(TARGET_TABLE_HTML)
    assert list(zip(text.split("\n"), line_map, strict=True)) == TARGET_TABLE_LINES


def test_html_file_is_read_and_mapped(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(TARGET_TABLE_HTML.replace("\n", "\r\n").encode("gb18030"))
    source = read_source(path)
    assert (source.media, source.encoding) == ("html", "gb18030")
    assert source.line_map == [line for _, line in TARGET_TABLE_LINES]
    assert _lines(source)[4] == "| 产出指标 | 数量指标 | 召开会议次数 | ≥2次 | |"
    assert source.file_line(5) == 8


def test_html_is_sniffed_by_content_whatever_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("\n<table><tr><td>产出</td><td>数量</td></tr></table>\n", encoding="utf-8")
    source = read_source(path)
    assert source.media == "html"
    assert (source.text, source.line_map) == ("| 产出 | 数量 |", [2])


def test_html_page_furniture_nav_and_scripts() -> None:
    page = """\
<!DOCTYPE html>
<html><head>
<script>var row = "<tr><td>不是数据</td></tr>";</script>
<style>td { color: red }</style>
</head><body>
<header><h1>某某市人民政府</h1></header>
<div class="top-nav"><a href="/">首页</a><a>政务公开</a></div>
<ul id="mainMenu"><li>机构</li><li>政策</li></ul>
<div class="breadcrumb">当前位置：首页 &gt; 通知公告</div>
<div class="content">
  <h2>2022年项目支出绩效目标表</h2>
  <p>来源：黔南州医疗保障局&nbsp;&nbsp;发布时间：2022-03-01 浏览次数：<span>123</span></p>
  <div class="bdsharebuttonbox"><a>分享到微信</a><div>嵌套</div></div>
  <table><tr><td>产出指标</td><td>≥2次</td></tr></table>
  <noscript>请启用脚本</noscript>
</div>
<nav>上一篇 下一篇</nav>
<div id="footer">版权所有 &copy; 2022 <div>备案号</div></div>
<iframe src="x"><p>框架</p></iframe>
<p>打印本页</p>
</body></html>
"""
    text, line_map = html_to_text(page)
    assert text.split("\n") == [
        "2022年项目支出绩效目标表",
        "来源：黔南州医疗保障局 发布时间：2022-03-01 浏览次数：123",
        "| 产出指标 | ≥2次 |",
        "打印本页",
    ]
    assert line_map == [11, 12, 14, 20]


def test_unclosed_dropped_element_does_not_swallow_the_table() -> None:
    html = "<table>\n<tr><td>产出<div class='share'>分享</td><td>≥2次</td></tr>\n<tr><td>效益</td><td>良好</td></tr>\n</table>"
    assert html_to_text(html) == ("| 产出 | ≥2次 |\n| 效益 | 良好 |", [2, 3])


def test_html_already_flattened_to_text(tmp_path: Path) -> None:
    body = "项目支出绩效目标表\n\n一级指标 二级指标 三级指标 指标值\n产出 数量 召开会议次数 &ge;2次\n"
    path = tmp_path / "flat.html"
    path.write_text(body, encoding="utf-8")
    source = read_source(path)
    assert source.media == "html"
    assert _lines(source) == [
        "项目支出绩效目标表",
        "一级指标 二级指标 三级指标 指标值",
        "产出 数量 召开会议次数 ≥2次",
    ]
    assert source.line_map == [1, 3, 4]
    # Tags only around the text: lines survive too.
    text, line_map = html_to_text("<html><body><pre>\n产出\n  数量 召开会议次数\n</pre></body></html>")
    assert (text, line_map) == ("产出\n数量 召开会议次数", [2, 3])


def test_nested_tables_are_flattened_in_reading_order() -> None:
    html = """<table>
<tr><td>附表1</td></tr>
<tr><td>
  <p>项目支出绩效目标表</p>
  <table>
    <tr><th>一级指标</th><th>指标值</th></tr>
    <tr><td>产出指标</td><td>≥2次</td></tr>
  </table>
</td></tr>
<tr><td>说明</td><td>无</td></tr>
</table>"""
    text, line_map = html_to_text(html)
    assert text.split("\n") == [
        "| 附表1 | |",
        "项目支出绩效目标表",
        "| 一级指标 | 指标值 |",
        "| 产出指标 | ≥2次 |",
        "| 说明 | 无 |",
    ]
    assert line_map == [2, 4, 6, 7, 10]


def test_single_column_layout_table_keeps_paragraphs_as_lines() -> None:
    html = "<table><tr><td>\n<p>一、部门职责</p>\n<p>（一）贯彻执行</p>\n</td></tr></table>"
    assert html_to_text(html) == ("一、部门职责\n（一）贯彻执行", [2, 3])


def test_word_html_export_quirks() -> None:
    html = (
        "<table class=MsoTableGrid>\n"
        "<tr><td rowspan=2 class=xl65><p class=MsoNormal><![if !supportLists]>1.<![endif]>产出<o:p></o:p></p>"
        "<p>指标</p></td><td>数量</td></tr>\n"
        "<tr><td>质量</td></tr>\n"
        "</table>"
    )
    assert html_to_text(html) == ("| 1.产出指标 | 数量 |\n| | 质量 |", [2, 3])


def test_markdown_with_inline_html_table(tmp_path: Path) -> None:
    # OCR'd markdown keeps spanned tables as inline HTML; the rest stays line for line.
    md = (
        "# 2023年项目支出绩效目标表\n"
        "\n"
        "| 项目名称 | 城乡居民基本医疗保险<br>补助 |\n"
        "<table><tr><td rowspan=2>产出指标</td><td>参保人数</td></tr>\n"
        "<tr><td>参保率</td></tr></table>\n"
        "说明：无\n"
    )
    path = tmp_path / "ocr.md"
    path.write_text(md, encoding="utf-8")
    source = read_source(path)
    assert source.media == "markdown"
    assert _lines(source) == [
        "# 2023年项目支出绩效目标表",
        "",
        "| 项目名称 | 城乡居民基本医疗保险补助 |",  # (a <br> inside a cell joins its pieces)
        "| 产出指标 | 参保人数 |",
        "| | 参保率 |",
        "说明：无",
        "",
    ]
    assert source.line_map == [1, 2, 3, 4, 5, 6, 7]


def test_html_parser_survives_garbage() -> None:
    for junk in [
        "<![unknown stuff> 产出",
        "<!--unclosed 产出",
        "<td rowspan=x colspan=0>产出</td",
        "</table></tr></td>文本",
    ]:
        text, line_map = html_to_text(junk)
        assert len(line_map) == (text.count("\n") + 1 if text else 0)


# ------------------------------------------------------------------------- CSV/TSV


def test_csv_with_quoted_multiline_cell(tmp_path: Path) -> None:
    data = (
        "一级指标,二级指标,三级指标,指标值\r\n"
        '产出指标,数量指标,"医疗保障系统干部队伍能\r\n力素质",明显提升\r\n'
        ',,"开展督查, 每季度",="003"\r\n'
        "\r\n"
        '效益指标,社会效益指标,"Service\nquality",≥90%\r\n'
    )
    path = tmp_path / "export.csv"
    path.write_bytes(data.encode("gb18030"))
    source = read_source(path)
    assert (source.media, source.encoding) == ("csv", "gb18030")
    assert _lines(source) == [
        "一级指标\t二级指标\t三级指标\t指标值",
        "产出指标\t数量指标\t医疗保障系统干部队伍能力素质\t明显提升",
        "\t\t开展督查, 每季度\t003",
        "",
        "效益指标\t社会效益指标\tService quality\t≥90%",
    ]
    assert source.line_map == [1, 2, 4, 5, 6]


def test_tsv_and_tab_separated_csv(tmp_path: Path) -> None:
    rows = "一级指标\t二级指标\t指标值\n产出指标\t数量指标\t≥2次\n\t质量指标\t100%\n"
    tsv = tmp_path / "a.tsv"
    tsv.write_text(rows, encoding="utf-8")
    liar = tmp_path / "b.csv"
    liar.write_text(rows, encoding="utf-8")
    for path in (tsv, liar):
        source = read_source(path)
        assert source.media == "tsv"
        assert _lines(source) == rows.rstrip("\n").split("\n")
        assert source.line_map == [1, 2, 3]


def test_delimited_to_text_cleans_cells() -> None:
    text, line_map = delimited_to_text('a\t"x\ty"\t="=""q"""\n"多\n行"\tb\n', "\t")
    assert text == 'a\tx y\t="q"\n多行\tb'
    assert line_map == [1, 2]


def test_source_lines_spanned_by_html_rows_and_quoted_csv_cells(tmp_path: Path) -> None:
    """A record's ``line_end`` is the file line its row ends on: a row written one
    ``<td>`` a line spans several, as does a CSV record with a wrapped (quoted) cell."""
    from goalnlp import extract

    page = (
        "<table>\n"  # 1
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>\n"  # 2
        "<tr>\n"  # 3
        "  <td>产出指标</td>\n"  # 4
        "  <td>数量指标</td>\n"  # 5
        "  <td>修缮古树围栏\n"  # 6
        "  长度</td>\n"  # 7
        "  <td>≥800米</td>\n"  # 8
        "</tr>\n"  # 9
        "<tr><td></td><td>质量指标</td><td>围栏验收合格率</td><td>100%</td></tr>\n"  # 10
        "</table>\n"
    )
    html = tmp_path / "t.html"
    html.write_text(page, encoding="utf-8")
    spans = {r["name"]: (r["line_start"], r["line_end"]) for r in extract(html) if r["record"] == "indicator"}
    assert spans == {"修缮古树围栏长度": (3, 8), "围栏验收合格率": (10, 10)}
    table = next(r for r in extract(html) if r["record"] == "table")
    assert table["line_end"] == 10

    text, starts, ends = gio.html_to_text_spans(page)
    assert len(starts) == len(ends) == len(text.split("\n"))
    assert html_to_text(page) == (text, starts)

    rows = (
        "一级指标,二级指标,三级指标,指标值\n"  # 1
        '产出指标,数量指标,"修缮古树围栏\n长度",≥800米\n'  # 2-3
        ",质量指标,围栏验收合格率,100%\n"  # 4
    )
    csv = tmp_path / "t.csv"
    csv.write_text(rows, encoding="utf-8")
    spans = {r["name"]: (r["line_start"], r["line_end"]) for r in extract(csv) if r["record"] == "indicator"}
    assert spans == {"修缮古树围栏长度": (2, 3), "围栏验收合格率": (4, 4)}
    source = read_source(csv)
    assert (source.file_line(2), source.file_line(2, end=True), source.file_line(3, end=True)) == (2, 3, 4)


GRID_TABLE = """\
+----------+------------+------------------+----------+
| 项目名称 | 农村饮水安全巩固提升工程                     |
+----------+------------+------------------+----------+
| 主管部门 | 某县水务局 | 实施单位         | 某县农村 |
|          |            |                  | 供水站   |
+----------+------------+------------------+----------+
| 一级指标 | 二级指标   | 三级指标         | 指标值   |
+==========+============+==================+==========+
| 产出指标 | 数量指标   | 新建集中供水工程 | ≥8处     |
|          +------------+------------------+----------+
|          | 时效指标   | 供水工程完工时间 | 2025年10 |
|          |            |                  | 月底前   |
+----------+------------+------------------+----------+
| 满意度指 | 服务对象满 | 受益群众满意度   | ≥90%     |
| 标       | 意度指标   |                  |          |
+----------+------------+------------------+----------+
"""


@pytest.mark.parametrize("box", [False, True])
def test_grid_tables_one_line_per_row(tmp_path: Path, box: bool) -> None:
    """pandoc writes Word tables as grid tables (+---+ borders, a cell's text wrapped over
    several | lines, a row-spanning cell blank under its first row, a column-spanning cell
    with fewer bars); text exports draw the same with box-drawing characters."""
    from goalnlp import extract

    text = GRID_TABLE
    if box:
        text = text.translate(str.maketrans({"+": "┼", "-": "─", "=": "═", "|": "│"}))
    path = tmp_path / ("t.txt" if box else "t.md")
    path.write_text(text, encoding="utf-8")
    source = read_source(path)
    assert _lines(source)[:7] == [
        "| 项目名称 | 农村饮水安全巩固提升工程 |",
        "| 主管部门 | 某县水务局 | 实施单位 | 某县农村供水站 |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| 产出指标 | 数量指标 | 新建集中供水工程 | ≥8处 |",
        "|  | 时效指标 | 供水工程完工时间 | 2025年10月底前 |",
        "| 满意度指标 | 服务对象满意度指标 | 受益群众满意度 | ≥90% |",
        "",
    ]
    assert source.line_map[:6] == [2, 4, 7, 9, 11, 14]
    assert [source.file_line(n, end=True) for n in range(1, 7)] == [2, 5, 7, 9, 12, 15]
    recs = extract(path)
    table = next(r for r in recs if r["record"] == "table")
    assert (table["project"], table["department"], table["implementer"]) == ("农村饮水安全巩固提升工程", "某县水务局", "某县农村供水站")
    got = [(r["level2"], r["name"], r["value_text"], r["line_start"], r["line_end"]) for r in recs if r["record"] == "indicator"]
    assert got == [
        ("数量", "新建集中供水工程", "≥8处", 9, 9),
        ("时效", "供水工程完工时间", "2025年10月底前", 11, 12),
        ("服务对象满意度", "受益群众满意度", "≥90%", 14, 15),
    ]


def test_excel_tab_delimited_text_with_quoted_line_breaks(tmp_path: Path) -> None:
    """Excel's "Text (tab delimited)" export saved as .txt quotes a cell holding a line
    break over two lines; read as TSV, the cell is one again and its record spans both."""
    from goalnlp import extract

    text = (
        "项目名称\t乡村学校取暖改造\n"  # 1
        "一级指标\t二级指标\t三级指标\t指标值\n"  # 2
        '产出指标\t数量指标\t"改造取暖设施\n学校数量"\t≥15所\n'  # 3-4
        "\t质量指标\t取暖设施验收合格率\t100%\n"  # 5
    )
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    source = read_source(path)
    assert source.media == "tsv"
    recs = [r for r in extract(path) if r["record"] == "indicator"]
    assert [(r["name"], r["value_text"], r["line_start"], r["line_end"]) for r in recs] == [
        ("改造取暖设施学校数量", "≥15所", 3, 4),
        ("取暖设施验收合格率", "100%", 5, 5),
    ]
    plain = tmp_path / "plain.txt"  # tabs but no quoted break: still plain text
    plain.write_text(text.replace('"改造取暖设施\n学校数量"', "改造取暖设施学校数量"), encoding="utf-8")
    assert read_source(plain).media == "text"


# --------------------------------------------------------------------------- paths


def _touch(path: Path, text: str = "产出") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_iter_paths_recursion_order_and_filter(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for rel in [
        "b.txt",
        "a.md",
        "z/2.csv",
        "z/1.tsv",
        "c/x.html",
        "c/deep/y.htm",
        "c/deep/y.pdf",
        "notes.docx",
        "backup.bak",
        "c/deep/y.py",
        ".hidden.txt",
        ".git/config.txt",
        "A.TXT",
        "m.markdown",
        "t.text",
    ]:
        _touch(root / rel)
    found = [p.relative_to(root).as_posix() for p in iter_paths([root])]
    assert found == [
        "A.TXT",
        "a.md",
        "b.txt",
        "c/deep/y.htm",
        "c/deep/y.pdf",
        "c/x.html",
        "m.markdown",
        "notes.docx",
        "t.text",
        "z/1.tsv",
        "z/2.csv",
    ]
    flat = [p.relative_to(root).as_posix() for p in iter_paths([root], recursive=False)]
    assert flat == ["A.TXT", "a.md", "b.txt", "m.markdown", "notes.docx", "t.text"]


def test_iter_paths_explicit_files_missing_paths_and_duplicates(tmp_path: Path) -> None:
    pdf = _touch(tmp_path / "scan.pdf")
    doc = _touch(tmp_path / "d" / "a.txt")
    iterator = iter_paths([str(pdf), tmp_path / "d", doc, tmp_path / "missing.txt"])
    assert next(iterator) == pdf  # any suffix when named explicitly
    assert next(iterator) == doc
    with pytest.raises(InputError) as info:
        next(iterator)  # doc again is skipped; the missing path fails only now
    assert info.value.code == "E004"


# ----------------------------------------------------------------------- from text


def test_source_from_text() -> None:
    source = source_from_text("\ufeff项目名称 甲\r\n产出 数量\r\n")
    assert (source.name, source.media, source.encoding, source.path) == ("<stdin>", "text", "utf-8", None)
    assert source.text == "项目名称 甲\n产出 数量\n"
    assert source.line_map is None and source.file_line(2) == 2
    assert source.size == len("\ufeff项目名称 甲\r\n产出 数量\r\n".encode())

    html = source_from_text(
        "<p>标题</p>\n<table><tr><td>产出</td></tr><tr><td>效益</td><td>良好</td></tr></table>"
    )
    assert html.media == "html"
    assert (html.text, html.line_map) == ("标题\n| 产出 | |\n| 效益 | 良好 |", [1, 2, 2])

    csv_source = source_from_text("a,b\n1,2\n", name="x.csv")
    assert (csv_source.media, csv_source.text) == ("csv", "a\tb\n1\t2")

    forced = source_from_text("a;b\n", media="markdown")
    assert (forced.media, forced.text) == ("markdown", "a;b\n")
    with pytest.raises(ValueError):
        source_from_text("x", media="pdf")


def test_form_feeds_give_pdftotext_lines_their_pages():
    # pdftotext ends each page with a form feed: records of such text carry their page.
    from goalnlp import extract
    from goalnlp.io import source_from_text

    text = (
        "2025年项目支出绩效目标表\n项目名称：社区养老服务站运营\n一级指标  二级指标  三级指标  指标值\n"
        "产出指标  数量指标  服务老年人人次  ≥5000人次\n\x0c产出指标  质量指标  服务满意度回访率  ≥95%\n"
    )
    src = source_from_text(text, name="paged.txt")
    assert src.line_pages == [1, 1, 1, 1, 2, 2]
    recs = [r for r in extract(text) if r["record"] == "indicator"]
    assert [(r["name"], r["page"]) for r in recs] == [("服务老年人人次", 1), ("服务满意度回访率", 2)]
    assert source_from_text("无分页\n文本", name="t.txt").line_pages is None
