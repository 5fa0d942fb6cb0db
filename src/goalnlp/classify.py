"""Indicator categories: canonical labels, written-label recognition, carry-forward.

Written labels vary (``产出指标``, ``数量``, ``效果指标``, ``社会公众或服务对象满意度
指标``, ``满意度指标(10分)``, OCR typos such as ``服务对像满意度指标``); records carry the
canonical SCHEMA labels.  Recognition is by the label's core word plus a small
edit-distance allowance, never by a list of documents' phrases.
"""

from __future__ import annotations

import functools
import re
from operator import ne

import regex


@functools.cache
def _rx(pattern: str) -> regex.Pattern[str]:
    """A compiled pattern, compiled once (``regex.search(str, …)`` recompiles-checks on every call)."""
    return regex.compile(pattern)


LEVELS: dict[str, tuple[str, ...]] = {
    "投入": ("目标设定", "预算配置"),
    "过程": ("预算执行", "预算管理", "资产管理"),
    "产出": ("数量", "质量", "时效", "成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度": ("服务对象满意度",),
}
LEVEL1_OF: dict[str, str] = {l2: l1 for l1, l2s in LEVELS.items() for l2 in l2s}

# Written forms → canonical label.  Keys are cores without the 指标 suffix.
_LEVEL1_WORDS = {
    "投入": "投入",
    "过程": "过程",
    "产出": "产出",
    "效益": "效益",
    "效果": "效益",
    "满意度": "满意度",
    "项目完成": "产出",
    "项目效益": "效益",
    "履职效能": "产出",
    "管理效率": "过程",
    "成本": None,  # 成本 alone is a level2
}
_LEVEL2_WORDS = {
    "目标设定": "目标设定",
    "预算配置": "预算配置",
    "预算执行": "预算执行",
    "预算管理": "预算管理",
    "资产管理": "资产管理",
    "数量": "数量",
    "质量": "质量",
    "时效": "时效",
    "进度": "时效",
    "成本": "成本",
    "经济效益": "经济效益",
    "经济": "经济效益",
    "社会效益": "社会效益",
    "社会": "社会效益",
    "生态效益": "生态效益",
    "生态": "生态效益",
    "环境效益": "生态效益",
    "可持续影响": "可持续影响",
    "可持续": "可持续影响",
    "可持续发展": "可持续影响",
    "服务对象满意度": "服务对象满意度",
    "社会公众或服务对象满意度": "服务对象满意度",
    "社会公众满意度": "服务对象满意度",
    "服务对象及公众满意度": "服务对象满意度",
    "服务满意度": "服务对象满意度",
    "满意度": "服务对象满意度",
}

# Satisfaction categories that are also common indicator names: labels only with 指标.
_SUFFIXED_ONLY = {
    "群众满意度": "服务对象满意度",
    "公众满意度": "服务对象满意度",
    "受益对象满意度": "服务对象满意度",
    "受益群众满意度": "服务对象满意度",
    "服务满意度": "服务对象满意度",
}

_SUFFIX_RE = regex.compile(r"(?:[(（][^()（）]{0,8}[)）])+$")  # (50分), （10分）
_CLEAN_RE = regex.compile(r"[\s*＊:：、.．\-—_|]+")


# A superset of _CLEAN_RE's characters in the standard re (its \s takes every str.isspace
# character, regex's only White_Space): when it finds none, _CLEAN_RE has nothing to remove.
_CLEAN_ANY_RE = re.compile(r"[\s*＊:：、.．\-—_|]")
_SEP_ANY_RE = re.compile(r"[-—–/|:：>＞]")


def _core(label: str) -> str:
    s = _CLEAN_RE.sub("", label) if _CLEAN_ANY_RE.search(label) else label
    if s.endswith((")", "）")):
        s = _SUFFIX_RE.sub("", s)
    if s.endswith("分"):
        s = _rx(r"\d+(?:\.\d+)?分$").sub("", s)
    elif s[-1:].isdigit() and ("(" in s or "（" in s):
        s = _rx(r"[(（]\d+(?:\.\d+)?$").sub("", s)  # "产出(62" / "分)": a score note cut by the line end
    if s.endswith("指标"):
        s = s[:-2]
    elif s.endswith("类"):
        s = s[:-1]
    return s


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by at most one substitution/insertion/deletion."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        return sum(map(ne, a, b)) == 1  # map(ne): the comparisons run without a generator frame
    if la > lb:
        a, b = b, a
    for i in range(len(b)):
        if a == b[:i] + b[i + 1 :]:
            return True
    return False


@functools.lru_cache(maxsize=8192)
def parse_label(label: str) -> tuple[str | None, str | None]:
    """Canonical ``(level1, level2)`` of a written category cell, or ``(None, None)``.

    ``产出指标`` → (产出, None); ``数量指标`` → (产出, 数量); ``效果指标`` → (效益, None);
    ``满意度指标`` → (满意度, 服务对象满意度) since 满意度 has one second level.
    ``产出指标-数量指标`` (headings style) → (产出, 数量).
    """
    if not label:
        return None, None
    raw = label.strip()
    # Combined "产出指标-数量指标" / "产出指标：数量指标".
    parts = _rx(r"[-—–/|:：>＞]+").split(raw) if _SEP_ANY_RE.search(raw) else [raw]
    if len(parts) == 2 and all(parts):
        a1, a2 = parse_label(parts[0])
        b1, b2 = parse_label(parts[1])
        if a1 and (b2 or b1):
            l2 = b2 or a2
            return (LEVEL1_OF.get(l2, a1) if l2 else a1), l2
    core = _core(raw)
    if not core or len(core) > 14:
        return None, None
    if core.endswith("指") and len(core) >= 3:
        # "满意度指" / "标(10分)": a label whose 指标 wrapped onto the next line.
        return parse_label(core[:-1])
    if core in _LEVEL2_WORDS:
        l2 = _LEVEL2_WORDS[core]
        return LEVEL1_OF[l2], l2
    if core in _SUFFIXED_ONLY and core != raw.strip():
        # "群众满意度指标" is a category; "群众满意度" alone is an indicator's name.
        l2 = _SUFFIXED_ONLY[core]
        return LEVEL1_OF[l2], l2
    if core in _LEVEL1_WORDS and _LEVEL1_WORDS[core]:
        l1 = _LEVEL1_WORDS[core]
        return l1, ("服务对象满意度" if l1 == "满意度" else None)
    # OCR typos and variants: one edit away from a known core of length ≥ 4.
    if len(core) >= 4:
        # OCR typos replace a character (服务对像满意度指标); a name that merely extends
        # a label (预算执行率) is not a label.
        for word, l2 in _level2_by_len().get(len(core), ()):
            if _edit1(core, word):
                return LEVEL1_OF[l2], l2
    return None, None


@functools.lru_cache(maxsize=1)
def _level2_by_len() -> dict[int, tuple[tuple[str, str], ...]]:
    """The written level-2 forms of four or more characters by length, in _LEVEL2_WORDS order."""
    out: dict[int, list[tuple[str, str]]] = {}
    for word, l2 in _LEVEL2_WORDS.items():
        if len(word) >= 4:
            out.setdefault(len(word), []).append((word, l2))
    return {n: tuple(v) for n, v in out.items()}


@functools.lru_cache(maxsize=1)
def _label_heads() -> frozenset[str]:
    """First two characters of every written label: a cheap test before the real one."""
    words = list(_LEVEL2_WORDS) + [w for w, v in _LEVEL1_WORDS.items() if v] + list(_SUFFIXED_ONLY)
    return frozenset(w[:2] for w in words)


def may_start_label(s: str) -> bool:
    return s[:2] in _label_heads()


@functools.lru_cache(maxsize=8192)
def label_prefix_len(s: str) -> int:
    """Length of the longest written category label that ``s`` starts with (0 if none).

    Only exact written forms count (``产出指标``, ``数量``, ``社会效益指标`` …), so a
    glued row ``产出指标数量培训人次≥500人次`` splits without guessing.
    """
    best = 0
    if not may_start_label(s):
        return 0
    for n in range(min(len(s), 18), 1, -1):
        head = s[:n]
        core = _core(head)
        if core and (core in _LEVEL2_WORDS or (core in _LEVEL1_WORDS and _LEVEL1_WORDS[core])):
            # "数量指" is not a label: a label ends with its core or with 指标.
            if head.endswith("指标") or head == core or _rx(r".+[(（]\d+(?:\.\d+)?分[)）]").fullmatch(head):
                best = n
                break
    return best


def is_label(label: str) -> bool:
    return parse_label(label) != (None, None)


@functools.lru_cache(maxsize=1)
def _full_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Characters 1-2 and 3-4 of every ``<label>指标``: a fragment that begins a label, or
    begins one but for a single substituted character, shares one of the two pairs."""
    fulls = [w + "指标" for w in list(_LEVEL2_WORDS) + list(_LEVEL1_WORDS)]
    return frozenset(f[:2] for f in fulls), frozenset(f[2:4] for f in fulls)


def _may_begin_label(core: str) -> bool:
    h12, h34 = _full_heads()
    return core[:2] in h12 or (len(core) >= 4 and core[2:4] in h34)


@functools.lru_cache(maxsize=8192)
def label_completion(frag: str) -> tuple[str | None, str | None]:
    """Category of the label that ``frag`` begins (``服务对象`` → 满意度/服务对象满意度).

    Returns ``(None, None)`` when no label, or labels of different categories, begin so.
    """
    core = _CLEAN_RE.sub("", frag)
    if len(core) < 2 or not _may_begin_label(core):
        return None, None
    found: set[tuple[str | None, str | None]] = set()
    for word, l2 in _LEVEL2_WORDS.items():
        full = word + "指标"
        # An OCR slip is allowed (服务对像满), but not a name such as 预算执行率, one
        # edit from 预算执行指: indicator names end in 率/数/量/额/费….
        typo = len(core) >= 4 and not core.endswith(tuple("率数量额费次人项度")) and _edit1(core, full[: len(core)])
        if len(core) < len(full) and (full.startswith(core) or typo):
            found.add((LEVEL1_OF[l2], l2))
    for word, l1 in _LEVEL1_WORDS.items():
        full = word + "指标"
        if l1 and len(core) < len(full) and full.startswith(core):
            found.add((l1, "服务对象满意度" if l1 == "满意度" else None))
    return found.pop() if len(found) == 1 else (None, None)


@functools.lru_cache(maxsize=8192)
def is_label_prefix(frag: str) -> bool:
    """True when ``frag`` is the first piece of a category label wrapped over lines
    (``经济效益`` / ``指标``, ``服务对象满意度指`` / ``标``, ``可持续影响指`` / ``标``)."""
    core = _CLEAN_RE.sub("", frag)
    if len(core) < 2 or not _may_begin_label(core):
        return False
    for word in list(_LEVEL2_WORDS) + [w for w, v in _LEVEL1_WORDS.items() if v]:
        full = word + "指标"
        if full.startswith(core) and core != full:
            return True
        if len(core) >= 4 and len(core) < len(full) and _edit1(core, full[: len(core)]):
            return True
    return False


_SCORE_PIECE_RE = _rx(r"[(（]?\d{0,3}分?[)）]?")


@functools.lru_cache(maxsize=8192)
def is_label_piece(frag: str) -> bool:
    """True when ``frag`` can be a category label or any piece of one wrapped over lines
    (``经济效益指``, ``标``, ``意度指标``): what a category column may hold."""
    core = _CLEAN_RE.sub("", frag)
    if not core:
        return False
    if _SCORE_PIECE_RE.fullmatch(core):
        return True  # a score note wrapped off its label: "产出指标(50" / "分)"
    if is_label(core) or is_label_prefix(core):
        return True
    if (m := _SCORE_TAIL_RE.search(core)) is not None and m.start() > 0:
        return is_label_piece(core[: m.start()])  # "标(50" / "分)": a label's last piece, its score opened
    return any(core in w + "指标" for w in list(_LEVEL2_WORDS) + [w for w, v in _LEVEL1_WORDS.items() if v])


_SCORE_TAIL_RE = _rx(r"[(（]\d{1,3}(?:\.\d)?分?[)）]?$")


def leading_label_words(words: list[str]) -> int:
    """How many of ``words`` (a cell split at single spaces) are category-label pieces before
    the rest: ``社会效益指 社会影响力`` → 1, ``满意度指标 服务对象满意度 参保对象满意度`` → 2.
    After a whole label only a label that adds to it counts (一级 then 二级, or one ending in
    指标): after ``服务对象满意度指标``, ``服务对象满意度`` is a name."""
    acc = ""
    for n, w in enumerate(words):
        if not is_label_piece(w) or (
            acc
            and is_label(acc)
            and not w.endswith("指标")
            and not (is_level1_label(acc) and is_label(w) and not is_level1_label(w))
        ):
            return n
        acc = w if acc and is_label(acc) else acc + w
    return len(words)


def is_level1_label(label: str) -> bool:
    """``满意度指标``, ``产出(50分)``: a label naming a level-1 category (its level2 only implied)."""
    return bool(_LEVEL1_WORDS.get(_core(label)))


def canonical(level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
    """Make a (level1, level2) pair consistent: level1 follows level2 (SCHEMA)."""
    if level2 and level2 in LEVEL1_OF:
        return LEVEL1_OF[level2], level2
    return level1, level2
