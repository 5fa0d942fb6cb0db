"""Tests for goalnlp.classify: written category labels → canonical SCHEMA labels."""

from __future__ import annotations

import pytest

from goalnlp.classify import (
    LEVEL1_OF,
    LEVELS,
    canonical,
    is_label,
    is_label_prefix,
    label_completion,
    parse_label,
)

LEVEL1 = {"投入", "过程", "产出", "效益", "满意度"}


def test_vocabulary_is_the_schema_one() -> None:
    assert set(LEVELS) == LEVEL1
    assert set(LEVEL1_OF) == {
        "目标设定", "预算配置",
        "预算执行", "预算管理", "资产管理",
        "数量", "质量", "时效", "成本",
        "经济效益", "社会效益", "生态效益", "可持续影响",
        "服务对象满意度",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # level-1 labels, with and without 指标
        ("产出指标", ("产出", None)),
        ("产出", ("产出", None)),
        ("效益指标", ("效益", None)),
        ("投入", ("投入", None)),
        ("过程指标", ("过程", None)),
        ("效果指标", ("效益", None)),  # the older name of 效益
        ("产出指标(50分)", ("产出", None)),
        ("效益指标（30分）", ("效益", None)),
        # level-2 labels carry their level 1
        ("数量", ("产出", "数量")),
        ("数量指标", ("产出", "数量")),
        ("*数量指标", ("产出", "数量")),
        ("质量 指标", ("产出", "质量")),
        ("时效指标：", ("产出", "时效")),
        ("成本指标", ("产出", "成本")),
        ("经济效益", ("效益", "经济效益")),
        ("社会效益指标", ("效益", "社会效益")),
        ("社会效益指标(30分)", ("效益", "社会效益")),
        ("生态效益指标", ("效益", "生态效益")),
        ("可持续影响指标", ("效益", "可持续影响")),
        ("预算执行", ("过程", "预算执行")),
        ("资产管理", ("过程", "资产管理")),
        ("目标设定", ("投入", "目标设定")),
        # satisfaction: one second level, whatever the wording
        ("满意度", ("满意度", "服务对象满意度")),
        ("满意度指标", ("满意度", "服务对象满意度")),
        ("满意度指标(10分)", ("满意度", "服务对象满意度")),
        ("满意度指标（10分）", ("满意度", "服务对象满意度")),
        ("服务对象满意度指标", ("满意度", "服务对象满意度")),
        ("社会公众或服务对象满意度指标", ("满意度", "服务对象满意度")),
        # OCR typo (像 for 象) and wrapped label heads
        ("服务对像满意度", ("满意度", "服务对象满意度")),
        ("服务对像满意度指标", ("满意度", "服务对象满意度")),
        ("满意度指", ("满意度", "服务对象满意度")),
        ("社会效益指", ("效益", "社会效益")),
        ("可持续影响指", ("效益", "可持续影响")),
        # headings-style combined labels
        ("产出指标-数量指标", ("产出", "数量")),
        ("产出指标：质量指标", ("产出", "质量")),
        ("产出—质量", ("产出", "质量")),
        ("效益指标/可持续影响指标", ("效益", "可持续影响")),
        ("满意度指标：服务对象满意度指标", ("满意度", "服务对象满意度")),
    ],
)
def test_parse_label_written_variants(written: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_label(written) == expected
    assert is_label(written)


@pytest.mark.parametrize(
    "not_a_label",
    [
        "",
        "指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "培训人次",
        "养护农村公路里程",
        "预算执行率",  # an indicator name that extends a label is not a label
        "资产管理规范性",
        "≥90%",
    ],
)
def test_parse_label_rejects_non_labels(not_a_label: str) -> None:
    assert parse_label(not_a_label) == (None, None)
    assert not is_label(not_a_label)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # level 1 follows level 2, whatever was written beside it (SCHEMA)
        ("效果指标-服务对象满意度指标", ("满意度", "服务对象满意度")),
        ("效益指标-满意度指标", ("满意度", "服务对象满意度")),
        ("投入指标-预算执行指标", ("过程", "预算执行")),
    ],
)
def test_combined_label_level1_follows_level2(written: str, expected: tuple[str, str]) -> None:
    assert parse_label(written) == expected


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("效益", "服务对象满意度"), ("满意度", "服务对象满意度")),
        (("产出", "社会效益"), ("效益", "社会效益")),
        (("投入", "预算执行"), ("过程", "预算执行")),
        ((None, "时效"), ("产出", "时效")),
        (("产出", "数量"), ("产出", "数量")),
        (("产出", None), ("产出", None)),
        ((None, None), (None, None)),
    ],
)
def test_canonical_level1_follows_level2(pair: tuple[str | None, str | None], expected: tuple) -> None:
    assert canonical(*pair) == expected


def test_every_parsed_label_is_canonical() -> None:
    for written in ("数量指标", "效果指标", "服务对像满意度", "产出指标-时效指标", "满意度指标(10分)", "生态效益"):
        l1, l2 = parse_label(written)
        assert l1 in LEVEL1
        assert l2 is None or LEVEL1_OF[l2] == l1
        assert canonical(l1, l2) == (l1, l2)


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("服务对象", ("满意度", "服务对象满意度")),
        ("服务对象满意度指", ("满意度", "服务对象满意度")),
        ("社会公众或服务对", ("满意度", "服务对象满意度")),
        ("经济效益", ("效益", "经济效益")),
        ("经济效益指", ("效益", "经济效益")),
        ("可持续影响指", ("效益", "可持续影响")),
        ("服务对像满", ("满意度", "服务对象满意度")),  # typo inside the head
    ],
)
def test_label_completion_of_wrapped_heads(fragment: str, expected: tuple[str, str]) -> None:
    assert label_completion(fragment) == expected
    assert is_label_prefix(fragment)


def test_label_completion_is_none_when_ambiguous_or_unknown() -> None:
    # 社会… begins both 社会效益指标 and 社会公众满意度: no single category.
    assert label_completion("社会") == (None, None)
    assert is_label_prefix("社会")
    assert label_completion("培训") == (None, None)
    assert label_completion("服") == (None, None)  # too short to tell


@pytest.mark.parametrize("whole", ["产出指标", "数量指标", "社会效益指标", "满意度指标"])
def test_complete_labels_are_not_prefixes(whole: str) -> None:
    assert not is_label_prefix(whole)


@pytest.mark.parametrize("name", ["培训", "养护农村公路里程", "≥90%", "群众对医保"])
def test_names_are_not_label_prefixes(name: str) -> None:
    assert not is_label_prefix(name)


def test_label_piece_with_its_score_opened() -> None:
    from goalnlp.classify import is_label_piece

    # "产出指" / "标（50" / "分）": a level-1 label wrapped with its score in a narrow column.
    assert is_label_piece("标（50") and is_label_piece("标(30") and is_label_piece("指标(20分)")
    assert not is_label_piece("合格率(50") and not is_label_piece("人次(3")
