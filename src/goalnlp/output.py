"""Writing records: JSONL, CSV and Parquet with the SCHEMA columns first."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .doc import INDICATOR_FIELDS, TABLE_FIELDS
from .errors import GoalnlpError

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = list(dict.fromkeys(INDICATOR_FIELDS + TABLE_FIELDS))


def write_records(records: Iterable[dict[str, Any]], path: str | Path, fmt: str = "jsonl") -> int:
    """Write records; table and indicator records share one CSV/Parquet table
    (``record`` tells them apart), so nothing is dropped.  Returns the count."""
    recs = list(records)
    path = Path(path)
    if fmt == "jsonl":
        with path.open("w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return len(recs)
    if fmt not in FORMATS:
        raise GoalnlpError("E010", fmt=fmt, choices=", ".join(FORMATS))
    import pandas as pd

    df = pd.DataFrame.from_records(recs)
    cols = [c for c in COLUMNS if c in df.columns] + [c for c in df.columns if c not in COLUMNS]
    df = df.reindex(columns=cols or COLUMNS)
    if fmt == "csv":
        df.to_csv(path, index=False, encoding="utf-8-sig")
    else:
        df.to_parquet(path, index=False)
    return len(recs)
