"""Write the two compact copies of jieba's dictionary that goalnlp reads instead of jieba.

    python scripts/export_jieba.py          # rewrites models/jieba_dict.json and models/jieba_cross.json

jieba keeps its 349k-word dictionary as a Python dict of ~580k keys (words and their
prefixes): ~70 MiB and ~1 s to load.  goalnlp only asks two questions of it:

* ``models/jieba_dict.json`` — every word with frequency > 0 and the total, grouped by
  first character (one ``"\\nword freq\\n…"`` string per character, words sorted):
  enough to run jieba's exact-mode, no-HMM segmentation (:func:`goalnlp.category.jieba_tokenize`)
  with identical tokens;
* ``models/jieba_cross.json`` — the words of 2-4 Han characters with frequency ≥ 50,
  grouped the same way: what :func:`goalnlp.rows.crosses_word` checks.

Both are derived from ``jieba.dt.FREQ`` (the default dictionary), so they change only when
jieba's dictionary does; ``tests/test_category.py`` and ``tests/test_rows.py`` compare them
with jieba itself.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
CROSS_MIN_FREQ = 50


def _blocks(words: list[str], line: dict[str, str]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for w in sorted(words):
        out.setdefault(w[0], []).append(line[w])
    return {c: "\n" + "\n".join(v) + "\n" for c, v in sorted(out.items())}


def build() -> tuple[dict, dict]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    freq: dict[str, int] = jieba.dt.FREQ
    words = [w for w, f in freq.items() if f > 0]
    src = f"jieba {jieba.__version__} default dictionary"
    full = {
        "source": src,
        "total": jieba.dt.total,
        "blocks": _blocks(words, {w: f"{w} {freq[w]}" for w in words}),
    }
    han = regex.compile(r"\p{Han}+")
    cross = [w for w in words if 2 <= len(w) <= 4 and freq[w] >= CROSS_MIN_FREQ and han.fullmatch(w)]
    crossing = {"source": src, "min_freq": CROSS_MIN_FREQ, "blocks": _blocks(cross, {w: w for w in cross})}
    return full, crossing


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    args = ap.parse_args(argv)
    full, crossing = build()
    for name, data in (("jieba_dict.json", full), ("jieba_cross.json", crossing)):
        path = args.out / name
        path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
