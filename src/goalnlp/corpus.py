"""Labeled corpora on disk: source documents paired with their gold JSONL.

Two arrangements are read, the ones ``corpora/`` uses:

* ``NAME.jsonl`` beside ``NAME.txt`` (or ``.md``/``.html``/``.tsv``/``.csv``) in one folder
  (the generated corpus);
* a ``docs/`` folder beside a ``gold/`` folder, ``gold/NAME.jsonl`` labelling
  ``docs/NAME.*`` (the development corpus).

Folders are searched recursively, so ``corpora/`` as a whole is a corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import GoalnlpError
from .evaluate import load_records

DOC_SUFFIXES = (".txt", ".md", ".html", ".htm", ".tsv", ".csv")


@dataclass(frozen=True)
class LabeledDoc:
    """One source document and its gold records."""

    path: Path
    gold_path: Path
    group: str  # the folder it came from, for per-corpus and per-layout reports

    @property
    def name(self) -> str:
        return self.path.name

    def records(self) -> list[dict[str, Any]]:
        return load_records(self.gold_path)


def _source_for(gold: Path, folder: Path) -> Path | None:
    for suf in DOC_SUFFIXES:
        p = folder / (gold.stem + suf)
        if p.is_file():
            return p
    return None


def iter_labeled(dirs: Iterable[str | Path]) -> Iterator[LabeledDoc]:
    """Every (document, gold) pair under ``dirs``, in sorted path order."""
    seen: set[Path] = set()
    for d in dirs:
        root = Path(d)
        if not root.exists():
            raise GoalnlpError("E004", path=str(root))
        golds = [root] if root.is_file() else sorted(root.rglob("*.jsonl"))
        for g in golds:
            if g.name.startswith(".") or g in seen:
                continue
            src = _source_for(g, g.parent)
            if src is None and g.parent.name == "gold":
                src = _source_for(g, g.parent.parent / "docs")
            if src is None:
                continue  # predictions or other JSONL that labels no document here
            seen.add(g)
            group = g.parent.parent.name if g.parent.name == "gold" else g.parent.name
            yield LabeledDoc(path=src, gold_path=g, group=group)


def load_labeled(dirs: Iterable[str | Path]) -> list[LabeledDoc]:
    """:func:`iter_labeled` as a list; an empty corpus is an error, not a silent no-op."""
    docs = list(iter_labeled(dirs))
    if not docs:
        raise GoalnlpError("E050", paths=", ".join(str(d) for d in dirs))
    return docs
