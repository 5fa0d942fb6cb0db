"""Rebuild src/goalnlp/fonts/wqy-microhei-gb2312.ttf, the CJK font goalnlp.render embeds in PDFs.

The source is WenQuanYi Micro Hei 0.2.0-beta (Apache-2.0), face 0 of Debian's
``fonts-wqy-microhei`` (``apt-get install fonts-wqy-microhei``); fontTools subsets it to GB2312
(6,763 hanzi and its symbols), ASCII, the CJK punctuation and full-width blocks, a few symbols
(≥≤％…) and every character of the corpora and the simulator's vocabulary, without hinting or
layout features. Needs ``pip install fonttools``; the same inputs give the same file.

    python scripts/make_cjk_font.py [--source /usr/share/fonts/truetype/wqy/wqy-microhei.ttc]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "goalnlp" / "fonts" / "wqy-microhei-gb2312.ttf"
EXTRA = "≥≤≧≦％～×÷±°℃‰·—–‘’“”…、。《》「」【】〔〕（）：；，！？＝＜＞"


def charset() -> set[str]:
    """GB2312, ASCII, CJK punctuation, full-width forms, and every character the corpora use."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0x3000, 0x3040)}
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)} | set(EXTRA)
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    files = [*ROOT.glob("corpora/**/*.jsonl"), *ROOT.glob("corpora/**/*.txt")]
    files += [ROOT / "src" / "goalnlp" / "simulate.py", ROOT / "src" / "goalnlp" / "classify.py"]
    for f in files:
        chars |= set(f.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable()}


def main() -> None:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--source", default="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args()
    cmap = TTCollection(args.source).fonts[0].getBestCmap()
    want = charset()
    missing = sorted(c for c in want if ord(c) not in cmap)
    text = "".join(sorted(c for c in want if ord(c) in cmap))
    opts = subset.Options()
    opts.font_number = 0
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recommended_glyphs = True
    font = subset.load_font(args.source, opts)
    sub = subset.Subsetter(opts)
    sub.populate(text=text)
    sub.subset(font)
    subset.save_font(font, str(args.out), opts)
    print(f"{args.out}: {len(text)} characters, {args.out.stat().st_size:,} bytes; "
          f"not in the source font: {''.join(missing) or 'none'}")


if __name__ == "__main__":
    main()
