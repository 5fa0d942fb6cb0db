"""Write a benchmark corpus of N performance-target documents (deterministic).

    python bench/make_corpus.py --out /tmp/goalnlp-bench --docs 10000 --seed 0

Each document ``i`` is drawn from its own ``random.Random("goalnlp.bench:SEED:i")``, so the
first 1,000 documents of a 10,000-document corpus are exactly the 1,000-document corpus: the
benchmark times prefixes of one corpus.  Documents go to shard directories of 1,000
(``part-000/``, ``part-001/`` ...) named ``NNNNNN_<source>_<layout>.txt``; ``MANIFEST.json``
(ignored by ``goalnlp extract`` and by the baseline, which read text suffixes only) lists
every document's source, layout, table count, size and encoding.

Sources, cycled by weighted draw:

* ``seed``   (5 %)  a real development document (``corpora/dev/docs``) copied as is;
* ``synth``  (10 %) a committed simulator document (``corpora/synth``) copied as is;
* ``gold``   (15 %) the real tables of a seed's gold re-rendered by ``goalnlp.simulate`` in a
  random layout (real indicator names and values, new text layout);
* ``fresh``  (70 %) new tables from ``goalnlp.simulate.generate_tables`` for a random sector,
  rendered in a random layout with the simulator's script/width options (traditional script,
  pinyin, full-width digits, prose and 决算 blocks around the tables).

Fresh documents hold 1-4 tables (25 %), 5-14 (55 %) or 15-45 (20 %), so sizes run from ~1 KB
to ~100 KB (seed 0, 10,000 docs: median 12 KB, p90 36 KB) like the real documents (11-65 KB)
plus the short ones researchers also get.  Bytes
on disk are UTF-8 except 5 % GB18030 and 3 % UTF-8 with BOM; 5 % use CRLF line ends.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from goalnlp import simulate as S

REPO = Path(__file__).resolve().parents[1]
SEED_DOCS = REPO / "corpora" / "dev" / "docs"
SEED_GOLD = REPO / "corpora" / "dev" / "gold"
SYNTH = REPO / "corpora" / "synth"
SHARD = 1000
SOURCES = (("seed", 0.05), ("synth", 0.10), ("gold", 0.15), ("fresh", 0.70))


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    u, acc = rng.random(), 0.0
    for name, w in weighted:
        acc += w
        if u < acc:
            return name
    return weighted[-1][0]


def _n_tables(rng: random.Random, layout: str) -> int:
    u = rng.random()
    n = rng.randint(1, 4) if u < 0.25 else rng.randint(5, 14) if u < 0.80 else rng.randint(15, 45)
    if layout == "self_eval":  # self-evaluation tables print about twice as many bytes per table
        n = max(1, n // 2)
    return n


def _options(rng: random.Random) -> dict[str, Any]:
    """Script/width/noise options in about the proportions ``simulate.write_corpus`` uses."""
    trad = rng.random() < 0.10
    return {
        "traditional": trad,
        "pinyin": trad and rng.random() < 0.5,
        "fullwidth": rng.random() < 0.25,
        "prose": rng.random() < 0.3,
        "final_account": rng.random() < 0.25,
    }


class _Sources:
    """Lazily loaded inputs shared by all documents (read-only)."""

    def __init__(self) -> None:
        self.seeds = sorted(SEED_DOCS.glob("*.txt"))
        self.synth = sorted(SYNTH.glob("*.txt"))
        self._gold: dict[Path, list[S.TableSpec]] = {}
        self.golds = sorted(SEED_GOLD.glob("*.jsonl"))
        if not (self.seeds and self.synth and self.golds):
            sys.exit(f"error: need {SEED_DOCS}, {SEED_GOLD} and {SYNTH}")

    def gold(self, path: Path) -> list[S.TableSpec]:
        if path not in self._gold:
            self._gold[path] = S.from_gold(path)
        return self._gold[path]


def make_doc(i: int, seed: int, src: _Sources) -> tuple[str, str, str, int]:
    """Text of document ``i``: (text, source, layout, tables)."""
    rng = random.Random(f"goalnlp.bench:{seed}:{i}")
    source = _pick(rng, SOURCES)
    if source == "seed":
        p = src.seeds[i % len(src.seeds)]
        return p.read_text(encoding="utf-8"), source, "real", -1
    if source == "synth":
        p = src.synth[rng.randrange(len(src.synth))]
        return p.read_text(encoding="utf-8"), source, p.stem.rsplit("_", 1)[0], -1
    layout = rng.choice(S.LAYOUTS)
    opts = _options(rng)
    if layout in S._BASES:  # noqa: SLF001 - the base layouts a columns3/self_eval/weights doc prints in
        opts["base"] = rng.choice(S._BASES[layout])  # noqa: SLF001
    if source == "gold":
        tables = src.gold(src.golds[rng.randrange(len(src.golds))])
        opts["pinyin"] = False
    else:
        ttype = "self_evaluation" if layout == "self_eval" else None
        tables = S.generate_tables(
            rng,
            _n_tables(rng, layout),
            rng.choice(sorted(S.SECTORS)),
            table_type=ttype,
            weights=layout != "self_eval" and rng.random() < 0.15,
            department_first=ttype is None and rng.random() < 0.3,
            glyphs=layout in ("columns3", "tab") and rng.random() < 0.8,
        )
    lines, _records = S.render(layout, tables, rng, doc=f"{i:06d}.txt", **opts)
    return "\n".join(lines) + "\n", source, layout, len(tables)


def _encode(text: str, rng: random.Random) -> tuple[bytes, str]:
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    u = rng.random()
    if u < 0.05:
        try:
            return text.encode("gb18030"), "gb18030"
        except UnicodeEncodeError:  # pragma: no cover - GB18030 covers Unicode
            pass
    if u < 0.08:
        return b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"
    return text.encode("utf-8"), "utf-8"


def write_corpus(out: Path, docs: int, seed: int, *, quiet: bool = False) -> dict[str, Any]:
    src = _Sources()
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    total = 0
    t0 = time.perf_counter()
    for i in range(docs):
        text, source, layout, n_tables = make_doc(i, seed, src)
        data, enc = _encode(text, random.Random(f"goalnlp.bench.enc:{seed}:{i}"))
        shard = out / f"part-{i // SHARD:03d}"
        shard.mkdir(exist_ok=True)
        name = f"{i:06d}_{source}_{layout}.txt"
        (shard / name).write_bytes(data)
        total += len(data)
        entries.append(
            {
                "file": f"{shard.name}/{name}",
                "source": source,
                "layout": layout,
                "tables": n_tables,
                "bytes": len(data),
                "encoding": enc,
            }
        )
        if not quiet and (i + 1) % 1000 == 0:
            print(f"  {i + 1} docs, {total / 1e6:.1f} MB, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sizes = sorted(e["bytes"] for e in entries)
    manifest = {
        "generator": "bench/make_corpus.py",
        "seed": seed,
        "docs": docs,
        "shard_size": SHARD,
        "bytes": total,
        "size_quantiles": {
            q: sizes[min(len(sizes) - 1, int(q * len(sizes)))] for q in (0.0, 0.1, 0.5, 0.9, 1.0)
        }
        if sizes
        else {},
        "documents": entries,
    }
    (out / "MANIFEST.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=0) + "\n", encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--docs", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quiet", action="store_true")
    a = p.parse_args(argv)
    if a.docs < 1:
        p.error("--docs must be positive")
    if a.out.exists() and any(a.out.glob("part-*/*.txt")):
        p.error(f"{a.out} already holds a corpus; choose an empty directory")
    t0 = time.perf_counter()
    m = write_corpus(a.out, a.docs, a.seed, quiet=a.quiet)
    from collections import Counter

    by_source = Counter(e["source"] for e in m["documents"])
    q = m["size_quantiles"]
    print(
        f"wrote {a.docs} documents, {m['bytes'] / 1e6:.1f} MB to {a.out} in {time.perf_counter() - t0:.0f} s; "
        f"sources {dict(by_source)}; size min/p10/median/p90/max "
        f"{q[0.0] / 1e3:.1f}/{q[0.1] / 1e3:.1f}/{q[0.5] / 1e3:.1f}/{q[0.9] / 1e3:.1f}/{q[1.0] / 1e3:.1f} KB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
