"""Text normalization that keeps provenance.

Every source line becomes two strings of equal length:

* ``disp`` — what records print: Simplified script, radicals a PDF font put for
  ideographs read as the ideographs, pinyin annotations, markdown markup (bold markers,
  rule lines) and invisible characters removed, but widths and glyphs as written (gold labels
  keep ``＝100%`` and ``（含县市）``);
* ``text`` — what the rules and models match on: ``disp`` with full-width ASCII
  folded to half-width and comparator glyphs unified (``≧``→``≥``).

Because the two are aligned character by character, any span found in ``text``
can be printed from ``disp``; because lines are never merged or split, every
span keeps its source line numbers.
"""

from __future__ import annotations

import functools
import re

import regex

__all__ = ["to_simplified", "fix_radicals", "strip_pinyin", "strip_bold", "strip_markdown", "fold", "normalize_line", "normalize_lines", "has_traditional"]


@functools.lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Character-level Traditional→Simplified table built once from OpenCC.

    Character level keeps line lengths stable and is two orders of magnitude
    faster than phrase conversion; the vocabulary of budget tables has no
    phrase-dependent characters that matter for extraction.
    """
    import opencc

    conv = opencc.OpenCC("t2s")
    table: dict[int, str] = {}
    for lo, hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        src = "".join(chr(i) for i in range(lo, hi + 1))
        out = conv.convert(src)
        if len(out) != len(src):  # pragma: no cover - defensive, OpenCC keeps length here
            out = "".join(conv.convert(ch) or ch for ch in src)
        for a, b in zip(src, out, strict=True):
            if a != b and len(b) == 1:
                table[ord(a)] = b
    # Punctuation printed by Traditional-script sites.
    table.update({ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"})
    return table


@functools.lru_cache(maxsize=1)
def _trad_chars() -> frozenset[str]:
    return frozenset(chr(c) for c in _t2s_table())


@functools.lru_cache(maxsize=1)
def _trad_re() -> re.Pattern[str]:
    """A character class of :func:`_trad_chars` (a search scans text ~8x faster than isdisjoint)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(_trad_chars())) + "]")


def has_traditional(s: str) -> bool:
    """True when ``s`` holds a character that only Traditional script uses."""
    return _trad_re().search(s) is not None


_QUOTES = {ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’"}


@functools.lru_cache(maxsize=1)
def _t2s_phrases():  # noqa: ANN202 - an OpenCC converter
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(s: str) -> str:
    """Traditional → Simplified, keeping every line's length.

    OpenCC's phrase conversion is right where characters are ambiguous (批覆 →
    批复, 乾淨 → 干净); where it would change a line's length that line falls
    back to the character table, so positions and line numbers never move.
    """
    if not has_traditional(s):
        return s
    conv = _t2s_phrases()
    out = []
    for line in s.split("\n"):
        if not has_traditional(line):
            out.append(line)
            continue
        p = conv.convert(line)
        if len(p) != len(line):
            p = line.translate(_t2s_table())
        out.append(_TW_PHRASE_RE.sub(_tw_phrase, p.translate(_QUOTES)))
    return "\n".join(out)


# Taiwan's words for things budget tables name often, which OpenCC's s2twp writes in place of
# the mainland's (项目 → 專案, 服务对象 → 服務物件) and t2s does not turn back: only those of
# the same length that a mainland table does not use in their Taiwan sense (not 档案, 执行,
# 资料 or 装置: 档案数字化, 预算执行率 and 宣传资料 are mainland words too).  Applied only to
# lines that were in Traditional script.
_TW_PHRASES = {
    "专案": "项目",
    "物件": "对象",
    "资讯": "信息",
    "网路": "网络",
    "软体": "软件",
    "硬体": "硬件",
    "影片监控": "视频监控",
    "数位化": "数字化",
}
_TW_PHRASE_RE = re.compile("|".join(sorted(_TW_PHRASES, key=len, reverse=True)))


def _tw_phrase(m: re.Match[str]) -> str:
    return _TW_PHRASES[m.group()]


# Pinyin printed in brackets after characters: 績效目標(biāo), 指（zhǐ）标.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrwyzcs]|zh|ch|sh)?"
    r"(?:[aeiouv" + _TONED + r"]{1,3})(?:ng|n|r)?"
)
_PINYIN_RE = regex.compile(
    r"(?<=\p{Han})[ \t]?[(（]\s*(?P<py>(?:" + _SYLLABLE + r")(?:\s+(?:" + _SYLLABLE + r"))*)\s*[)）]",
    regex.IGNORECASE,
)
_TONE_RE = regex.compile("[" + _TONED + "]")
# Units and abbreviations printed in brackets that happen to spell a toneless syllable.
_NOT_PINYIN = {
    "km", "kg", "m", "t", "kw", "mw", "a", "e", "i", "o", "u", "ha", "pa", "mu", "min", "bar", "ton",
}


def _pinyin_sub(m: regex.Match[str]) -> str:
    py = m.group("py")
    low = py.lower()
    if _TONE_RE.search(low):
        return ""
    # Toneless pinyin is only removed when it is clearly pinyin (lower case, not a unit).
    if py == low and low not in _NOT_PINYIN and len(low) >= 2 and regex.fullmatch(_SYLLABLE, low):
        return ""
    return m.group(0)


def strip_pinyin(s: str) -> str:
    """Remove bracketed pinyin annotations that follow Chinese characters."""
    if "(" not in s and "（" not in s:
        return s
    return _PINYIN_RE.sub(_pinyin_sub, s)


_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _radical_table() -> dict[int, str]:
    """Radical code points → the ideographs they are drawn as.

    PDF fonts often map an ideograph's glyph back to a radical's code point (⾯积 for 面积,
    ⻝堂 for 食堂: PDF text from Chromium, Word and many printers); every Kangxi radical has
    a compatibility decomposition to its ideograph, and the supplement's radicals that print
    as whole characters are listed here."""
    import unicodedata

    table = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)}
    whole = "⺟母⺠民⻄西⻃西⻅见⻆角⻇角⻉贝⻋车⻓长⻑長⻔门⻘青⻙韦⻚页⻛风⻜飞⻝食⻞食⻟食⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟⻊足⻗雨⻁虎⻡首⺌小⺗心⺝月⺼月⺜日⺩王⺶羊⺷羊⺽臼⺒巳⺓幺⺁厂⺇几⺊卜⺈刀⺄乙"
    table.update({ord(a): b for a, b in zip(whole[::2], whole[1::2], strict=True)})
    return {k: v for k, v in table.items() if len(v) == 1}


_RADICALS = _radical_table()
_RADICAL_RE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")


def fix_radicals(s: str) -> str:
    """Radicals a PDF's font put for ideographs back to the ideographs (length kept)."""
    return s.translate(_RADICALS) if _RADICAL_RE.search(s) else s
# Markdown bold (``**项目名称**：…``, ``__指标值__``): the markers are no text of the cell.
_BOLD_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_LINE_RE = re.compile(r"^(\s*)\*(?=[^\s*])(.*[^\s*])\*(\s*)$")  # *注：…* (a whole line)


_RULE_LINE_RE = re.compile(r"^[ \t]*([-=*_])(?:[ \t]*\1){2,}[ \t]*$")  # ---, ====, * * *: a drawn rule


def strip_bold(s: str) -> str:
    """Remove markdown bold markers around text, and italic ones around a whole line (a lone
    ``*`` is left: it marks required fields, ``*三级指标``)."""
    if "**" in s or "__" in s:
        s = _BOLD_RE.sub(r"\2", s)
    if "*" in s:
        s = _ITALIC_LINE_RE.sub(r"\1\2\3", s)
    return s


def strip_markdown(s: str) -> str:
    """Markdown markup that is no text: bold and italic markers (:func:`strip_bold`), and a
    line that only draws a rule (``---`` under a section, ``====`` between two pages)."""
    if _RULE_LINE_RE.match(s):
        return ""
    return strip_bold(s)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):
        table[cp] = chr(cp - 0xFEE0)
    # The Chinese comma separates clauses; folding it to "," would read "24家，30" as 24,30.
    del table[0xFF0C]
    # A full-width bar is cell text (io escapes "|" inside cells to it), never a separator.
    del table[0xFF5C]
    table.update(
        {
            0x3000: " ",
            0x00A0: " ",
            0x2002: " ",
            0x2003: " ",
            0x2009: " ",
            0x000B: " ",
            0x000C: " ",
            ord("≧"): "≥",
            ord("≦"): "≤",
            ord("⩾"): "≥",
            ord("⩽"): "≤",
            ord("〜"): "~",
            ord("～"): "~",
            ord("－"): "-",
            ord("–"): "-",
            ord("﹪"): "%",
            ord("﹤"): "<",
            ord("﹥"): ">",
            ord("﹦"): "=",
        }
    )
    return table


_FOLD = _fold_table()
# str.translate looks every character up in the table; most lines have nothing to fold, and
# a character-class search (the standard ``re``: faster than ``regex`` here) finds that out first.
_FOLD_ANY_RE = re.compile("[" + re.escape("".join(map(chr, sorted(_FOLD)))) + "]")


def fold(s: str) -> str:
    """Full-width → half-width and comparator glyphs unified; length preserving."""
    return s.translate(_FOLD) if _FOLD_ANY_RE.search(s) else s


def normalize_line(raw: str) -> tuple[str, str]:
    """Return ``(text, disp)`` for one source line; both have the same length."""
    disp = strip_pinyin(strip_markdown(to_simplified(fix_radicals(_INVISIBLE_RE.sub("", raw)))))
    return fold(disp), disp


def normalize_lines(raw_text: str) -> list[tuple[str, str]]:
    """Normalize a whole document, one ``(text, disp)`` pair per source line.

    Script conversion runs once over the whole text (the fast path skips it for
    documents without Traditional characters); lines are split on ``\\n`` only so
    line numbers equal the source's.
    """
    if _INVISIBLE_RE.search(raw_text):
        raw_text = _INVISIBLE_RE.sub("", raw_text)
    raw_text = fix_radicals(raw_text)
    simp = to_simplified(raw_text)
    lines = simp.split("\n")
    # Each step per line only where the document holds a character it acts on.
    if "\r" in simp:
        lines = [line.rstrip("\r") for line in lines]
    if "*" in simp or "_" in simp or "--" in simp or "==" in simp:
        lines = [strip_markdown(line) for line in lines]
    if "(" in simp or "（" in simp:
        lines = [strip_pinyin(line) for line in lines]
    present = set(_FOLD_ANY_RE.findall(simp))
    if not present:
        return [(line, line) for line in lines]
    # Fold the whole text at once, one str.replace per character it holds: no
    # replacement is itself folded, so this is fold() of every line, at half the cost
    # of a search (and translate) per line.
    text = "\n".join(lines)
    for ch in present:
        text = text.replace(ch, _FOLD[ord(ch)])
    return list(zip(text.split("\n"), lines, strict=True))
