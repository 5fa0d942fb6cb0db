"""Tests for goalnlp.normalize: script conversion, pinyin removal, width folding.

The module's promise is provenance: every source line gives one ``(text, disp)``
pair of equal length, ``disp`` keeps the glyphs as written (widths included) and
``text`` is what the rules match on.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalnlp.normalize import (
    fold,
    has_traditional,
    normalize_line,
    normalize_lines,
    strip_pinyin,
    to_simplified,
)

# --- Traditional → Simplified ------------------------------------------------------


@pytest.mark.parametrize(
    ("trad", "simp"),
    [
        ("項目支出績效目標表", "项目支出绩效目标表"),
        ("主管部門及代碼", "主管部门及代码"),
        ("產出指標", "产出指标"),
        ("數量指標", "数量指标"),
        ("服務對象滿意度指標", "服务对象满意度指标"),
        ("資金總額（萬元）", "资金总额（万元）"),
        ("學生營養膳食補助發放率", "学生营养膳食补助发放率"),
    ],
)
def test_traditional_to_simplified(trad: str, simp: str) -> None:
    assert has_traditional(trad)
    out = to_simplified(trad)
    assert out == simp
    assert len(out) == len(trad)
    assert not has_traditional(out)


def test_simplified_text_is_left_alone() -> None:
    s = "农村公路养护工程补助 ≥420公里"
    assert not has_traditional(s)
    assert to_simplified(s) == s


def test_traditional_corner_brackets_become_quotes() -> None:
    assert to_simplified("「兩勞」系統") == "“两劳”系统"


# --- pinyin annotations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("績效目標(biāo)", "绩效目标"),
        ("指（zhǐ）标", "指标"),
        ("培训（péi xùn）人次", "培训人次"),
        ("满意(mǎn yì)度指标", "满意度指标"),
        ("台(tai)", "台"),  # toneless, lower case, one syllable: still pinyin
    ],
)
def test_pinyin_annotations_are_removed(raw: str, expected: str) -> None:
    text, disp = normalize_line(raw)
    assert disp == expected
    assert text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "公路(km)",
        "运输重量(kg)",
        "装机功率(kW)",
        "细颗粒物(PM2.5)浓度",
        "货运量(t)",
        "执行标准(GB)",
        "道路长度(m)",
        "Level(biāo)",  # not after a Chinese character: not an annotation
    ],
)
def test_units_and_codes_in_brackets_are_kept(raw: str) -> None:
    assert strip_pinyin(raw) == raw
    assert normalize_line(raw) == (raw, raw)


def test_minute_unit_in_brackets_is_kept() -> None:
    assert normalize_line("平均响应时间(min)")[1] == "平均响应时间(min)"


# --- width folding ------------------------------------------------------------------------


def test_fullwidth_folded_in_text_but_not_in_disp() -> None:
    text, disp = normalize_line("资金总额（万元）：３７．３１　≧９５％　＝１００％")
    assert text == "资金总额(万元):37.31 ≥95% =100%"
    assert disp == "资金总额（万元）：３７．３１　≧９５％　＝１００％"
    assert len(text) == len(disp)


def test_fold_keeps_chinese_comma_and_fullwidth_bar() -> None:
    # "24家，30家" must not read as 24,30; "｜" is cell text, not a separator.
    assert fold("至少24家，药店30家") == "至少24家，药店30家"
    assert fold("A｜B") == "A｜B"


@pytest.mark.parametrize(("glyph", "folded"), [("≧", "≥"), ("≦", "≤"), ("～", "~"), ("－", "-"), ("﹪", "%"), ("\u3000", " ")])
def test_fold_unifies_comparator_glyphs(glyph: str, folded: str) -> None:
    assert fold(f"5{glyph}9") == f"5{folded}9"


def test_invisible_characters_removed_from_both_forms() -> None:
    assert normalize_line("项目\u200b名称\ufeff 乡村\u00ad振兴") == ("项目名称 乡村振兴", "项目名称 乡村振兴")


# --- whole documents ---------------------------------------------------------------------------

_TRAD_DOC = (
    "2022年項目支出績效目標表\r\n"
    "項目名稱 鄉村醫生補助\r\n"
    "\r\n"
    "一級指標 二級指標 三級指標 指標值\r\n"
    "產出指標 數量指標 簽約服務人數 ≧１２０００人\f\r\n"
    "\f滿意度(mǎn yì dù)指標 服務對象滿意度指標 群眾滿意度 ≥９０％\n"
    "公路(km) 50"
)


def test_normalize_lines_keeps_every_line() -> None:
    pairs = normalize_lines(_TRAD_DOC)
    assert len(pairs) == _TRAD_DOC.count("\n") + 1 == 7
    disps = [d for _, d in pairs]
    assert disps[0] == "2022年项目支出绩效目标表"
    assert disps[2] == ""
    assert disps[4] == "产出指标 数量指标 签约服务人数 ≧１２０００人\f"
    assert disps[5] == "\f满意度指标 服务对象满意度指标 群众满意度 ≥９０％"
    assert disps[6] == "公路(km) 50"
    texts = [t for t, _ in pairs]
    assert texts[4] == "产出指标 数量指标 签约服务人数 ≥12000人 "
    assert texts[5] == " 满意度指标 服务对象满意度指标 群众满意度 ≥90%"
    for t, d in pairs:
        assert len(t) == len(d)
        assert "\r" not in t and "\r" not in d


def test_form_feed_does_not_split_lines() -> None:
    raw = "第1页\f一级指标 二级指标\n\f\n产出"
    pairs = normalize_lines(raw)
    assert len(pairs) == 3
    assert pairs[0] == ("第1页 一级指标 二级指标", "第1页\f一级指标 二级指标")
    assert pairs[1] == (" ", "\f")


def test_normalize_lines_agrees_with_normalize_line() -> None:
    for raw, pair in zip(_TRAD_DOC.split("\n"), normalize_lines(_TRAD_DOC), strict=True):
        assert normalize_line(raw.rstrip("\r")) == pair


_ALPHABET = st.sampled_from(
    list("项目績效目標指标產出數量滿意度（）()，。：:|\t ≧≦≥≤～－﹪%％０１２３ＡＢ12.5abiāǎùmk公里元")
    + ["\u3000", "\u200b", "\ufeff", "\f", "\r", "(biāo)", "（zhǐ）", "(km)", "(tai)"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=30).map("".join), min_size=1, max_size=8))
def test_lengths_and_line_count_hold_for_any_text(lines: list[str]) -> None:
    raw = "\n".join(lines)
    pairs = normalize_lines(raw)
    assert len(pairs) == len(lines)
    for line, (text, disp) in zip(lines, pairs, strict=True):
        assert len(text) == len(disp)
        assert "\n" not in text
        assert len(disp) <= len(line)
        assert not has_traditional(disp)


def test_markdown_bold_and_italic_lines_lose_their_markers():
    from goalnlp.normalize import normalize_lines, strip_bold

    assert strip_bold("**项目名称**：乡村道路养护") == "项目名称：乡村道路养护"
    assert strip_bold("| __一级指标__ | 二级指标 |") == "| 一级指标 | 二级指标 |"
    assert strip_bold("*注：目标值以批复为准。*") == "注：目标值以批复为准。"
    # A lone star marks a required field; stars inside figures or rules stay.
    for kept in ("*三级指标", "| *指标值 | 备注 |", "2*3*4", "***", "* a *"):
        assert strip_bold(kept) == kept
    # Lines stay lines, and text and disp stay aligned.
    pairs = normalize_lines("**主管部门**：某县林业局\n*注：以上为预计数。*")
    assert [d for _, d in pairs] == ["主管部门：某县林业局", "注：以上为预计数。"]
    assert all(len(t) == len(d) for t, d in pairs)


def test_radicals_a_pdf_font_put_for_ideographs_read_as_the_ideographs():
    # PDF text (pdfminer of a Chromium or Word PDF) often carries Kangxi radicals or their
    # supplement's forms where the font drew the ideograph: ⾯ U+2FAF for 面, ⻝ U+2EDD for 食.
    from goalnlp import extract
    from goalnlp.normalize import fix_radicals

    assert fix_radicals("学⽣⻝堂建设⾯积 ≥1200平⽅⽶") == "学生食堂建设面积 ≥1200平方米"
    assert fix_radicals("⼈⺠政府⻔户⽹站") == "人民政府门户网站"
    assert fix_radicals("普通文本") == "普通文本"
    text = "2025年项⽬⽀出绩效⽬标表\n| 项⽬名称 | 乡镇⻝品安全抽检 | |\n| ⼀级指标 | ⼆级指标 | 三级指标 | 指标值 |\n| 产出指标 | 数量指标 | ⻝品抽检批次 | ≥450批次 |\n"
    recs = extract(text)
    assert [r["project"] for r in recs if r["record"] == "table"] == ["乡镇食品安全抽检"]
    assert [(r["name"], r["value_text"], r["level2"]) for r in recs if r["record"] == "indicator"] == [
        ("食品抽检批次", "≥450批次", "数量")
    ]


def test_taiwan_words_from_a_phrase_conversion_turn_back():
    # OpenCC s2twp writes Taiwan's words (项目 → 專案, 服务对象 → 服務物件, 信息 → 資訊); a
    # mainland table's own words that Taiwan also uses (档案, 资料, 执行) stay.
    from goalnlp.normalize import to_simplified

    assert to_simplified("專案名稱 服務物件滿意度指標 資訊系統 網路覆蓋") == "项目名称 服务对象满意度指标 信息系统 网络覆盖"
    assert to_simplified("檔案數位化率 宣傳資料 預算執行率") == "档案数字化率 宣传资料 预算执行率"
    assert to_simplified("物件 专案组") == "物件 专案组"  # not Traditional: left alone
