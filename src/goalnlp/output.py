"""Writing records: JSONL, CSV and Parquet with the SCHEMA columns first.

:class:`RecordWriter` streams: records are written as documents finish, so a batch of
any size runs in flat memory whatever the format (Parquet in row groups).  Table and
indicator records share one CSV/Parquet table (``record`` tells them apart), and a
key outside the known columns goes into an ``extra`` JSON column, so nothing is lost.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .doc import INDICATOR_FIELDS, TABLE_FIELDS
from .errors import GoalnlpError

FORMATS = ("jsonl", "csv", "parquet")
#: Fields the pipeline adds beyond SCHEMA (provenance of categories, table layout, encoding).
EXTRA_FIELDS = (
    "category_source",
    "layout",
    "encoding",
    "page_start",
    "page",
    "page_end",
    "bbox",
    "ocr_confidence",
    "ocr_doubtful",
)
COLUMNS = list(dict.fromkeys(INDICATOR_FIELDS + TABLE_FIELDS + EXTRA_FIELDS))
_INT = {"table", "year", "line_start", "line_end", "page_start", "page", "page_end"}
_FLOAT = {"value", "value_max", "weight", "score", "funds_total", "ocr_confidence"}
_ROW_GROUP = 50_000


class RecordWriter:
    """Write records to ``path`` (``None`` or ``"-"``: stdout, JSONL only) as they come.

    Use as a context manager; :meth:`close` flushes the last Parquet row group.
    """

    def __init__(self, path: str | Path | None, fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise GoalnlpError("E010", fmt=fmt, choices=", ".join(FORMATS))
        to_stdout = path is None or str(path) == "-"
        if to_stdout and fmt != "jsonl":
            raise GoalnlpError("E048", path="stdout", reason=f"--format {fmt} needs an output file (-o FILE)")
        self.fmt = fmt
        self.count = 0
        self._pending: list[dict[str, Any]] = []
        self._parquet: Any = None
        self._csv: Any = None
        self._path = None if to_stdout else Path(str(path))
        self._stream: IO[str] | None = None
        try:
            if fmt == "jsonl":
                self._stream = sys.stdout if self._path is None else self._path.open("w", encoding="utf-8")
            elif fmt == "csv":
                assert self._path is not None
                self._stream = self._path.open("w", encoding="utf-8-sig", newline="")
                self._csv = csv.DictWriter(self._stream, fieldnames=[*COLUMNS, "extra"])
                self._csv.writeheader()
            else:
                import pyarrow.parquet as pq

                self._parquet = pq.ParquetWriter(str(self._path), _arrow_schema())
        except OSError as exc:
            raise GoalnlpError("E048", path=str(path), reason=exc.strerror or str(exc)) from exc

    def write(self, records: Iterable[dict[str, Any]]) -> int:
        n = 0
        for r in records:
            n += 1
            if self.fmt == "jsonl":
                assert self._stream is not None
                self._stream.write(json.dumps(r, ensure_ascii=False) + "\n")
            elif self.fmt == "csv":
                self._csv.writerow(_flat(r))
            else:
                self._pending.append(_flat(r))
                if len(self._pending) >= _ROW_GROUP:
                    self._flush_parquet()
        self.count += n
        return n

    def flush(self) -> None:
        """Push what was written to the OS (JSONL/CSV), so a killed run keeps it."""
        if self._stream is not None:
            self._stream.flush()

    def _flush_parquet(self) -> None:
        import pyarrow as pa

        if self._pending:
            self._parquet.write_table(pa.Table.from_pylist(self._pending, schema=_arrow_schema()))
            self._pending = []

    def close(self) -> None:
        if self._parquet is not None:
            self._flush_parquet()
            self._parquet.close()
            self._parquet = None
        if self._stream is not None and self._stream is not sys.stdout:
            self._stream.close()
        elif self._stream is not None:
            self._stream.flush()
        self._stream = None

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a row of the shared columns; unknown keys go to ``extra`` as JSON."""
    row = {c: _cell(record.get(c)) for c in COLUMNS}
    rest = {k: v for k, v in record.items() if k not in row}
    row["extra"] = json.dumps(rest, ensure_ascii=False) if rest else None
    return row


def _cell(value: Any) -> Any:
    """Lists and dicts (``bbox``, ``ocr_doubtful``) as JSON text in a flat table."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _arrow_schema() -> Any:
    import pyarrow as pa

    def typ(c: str) -> Any:
        return pa.int64() if c in _INT else pa.float64() if c in _FLOAT else pa.string()

    return pa.schema([(c, typ(c)) for c in [*COLUMNS, "extra"]])


def write_records(records: Iterable[dict[str, Any]], path: str | Path, fmt: str = "jsonl") -> int:
    """Write records to a file in one call; returns the count."""
    with RecordWriter(path, fmt) as w:
        w.write(records)
    return w.count
