"""The ``goalnlp`` command: a thin layer over the library API."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from .errors import GoalnlpError

if TYPE_CHECKING:
    from .io import Source
    from .pipeline import Pipeline

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Extract indicator records from performance-target documents.")


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"goalnlp {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """goalnlp: Chinese budget performance-target tables → structured indicator data."""


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or directories (recursed); '-' reads stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    engine: Annotated[
        str | None, typer.Option("--engine", help="Extraction engine: rules, crf or hybrid (default: the best measured, see README).")
    ] = None,
    models: Annotated[Path | None, typer.Option("--models", help="Directory of models written by goalnlp train (a model it lacks is the shipped one).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Also load records into this database URL or SQLite file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Extract SCHEMA records (tables and indicators) from documents.

    JSONL is written as each document finishes (stdout by default); CSV and
    Parquet are written at the end.  A file that cannot be read gets one error
    line on stderr and the batch goes on; the exit status is 1 if any failed.
    """
    from .output import write_records
    from .pipeline import get_engine

    try:
        nlp = get_engine(engine, models)
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    if fmt is not Format.jsonl and output is None:
        typer.echo(f"error: --format {fmt.value} needs -o FILE", err=True)
        raise typer.Exit(2)
    if db:
        typer.echo("error: --db is not available in this version yet", err=True)
        raise typer.Exit(2)
    stream = None
    if fmt is Format.jsonl:
        try:
            stream = output.open("w", encoding="utf-8") if output else sys.stdout
        except OSError as e:
            typer.echo(f"error: cannot write {output}: {e.strerror or e}", err=True)
            raise typer.Exit(2) from e
    kept: list[dict[str, Any]] = []
    docs = failures = n_records = 0

    def emit(recs: list[dict[str, Any]]) -> None:
        nonlocal n_records
        n_records += len(recs)
        if stream is not None:
            for r in recs:
                stream.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            kept.extend(recs)

    try:
        for name, recs, err in _extract_inputs(paths, nlp):
            if err is not None or recs is None:
                failures += 1
                typer.echo(f"error: {name}: {err}", err=True)
                continue
            docs += 1
            emit(recs)
    finally:
        if stream is not None and stream is not sys.stdout:
            stream.close()
    if stream is None:
        assert output is not None
        try:
            write_records(kept, output, fmt.value)
        except OSError as e:
            typer.echo(f"error: cannot write {output}: {e.strerror or e}", err=True)
            raise typer.Exit(2) from e
    if not quiet:
        typer.echo(f"goalnlp: {docs} document(s), {n_records} record(s), {failures} failed", err=True)
    if failures:
        raise typer.Exit(1)


def _read_stdin() -> Source:
    """stdin as a :class:`~goalnlp.io.Source`, with the checks a file gets (empty, binary, undecodable)."""
    from .errors import InputError
    from .io import decode_bytes, looks_binary, source_from_text

    data = sys.stdin.buffer.read()
    if not data.strip(b" \t\r\n\f\v").removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n\f\v"):
        raise InputError("E001", path="<stdin>")
    if looks_binary(data):
        raise InputError("E002", path="<stdin>")
    try:
        decoded, enc = decode_bytes(data)
    except InputError as e:
        raise InputError("E003", path="<stdin>") from e
    src = source_from_text(decoded, name="<stdin>")
    src.encoding = enc
    return src


def _extract_inputs(
    paths: list[str], nlp: Pipeline
) -> Iterator[tuple[str | Path, list[dict[str, Any]] | None, Exception | None]]:
    """Yield ``(name, records, error)`` for stdin and every input file.

    A path that does not exist (or a directory that cannot be listed) is one
    error like an unreadable file: the batch goes on with the next argument.
    A file reachable through two arguments is extracted once.
    """
    import os

    from .io import iter_paths
    from .pipeline import extract_paths

    if "-" in paths:
        try:
            yield "<stdin>", nlp(_read_stdin()).records(), None
        except GoalnlpError as e:
            yield "<stdin>", None, e
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            continue
        try:
            for path in iter_paths([raw]):
                key = os.path.realpath(path)
                if key in seen:
                    continue
                seen.add(key)
                yield from extract_paths([path], nlp)
        except GoalnlpError as e:
            yield raw, None, e


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold JSONL records (a directory or file); with --cv, a labeled corpus folder.")],
    pred: Annotated[Path | None, typer.Option("--pred", help="Predicted JSONL records (not with --cv).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the full report as JSON.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="How many errors to list.")] = 30,
    cv: Annotated[bool, typer.Option("--cv", help="Leave-one-document-out cross-validation of the engines on the corpus --gold.")] = False,
    engines: Annotated[str, typer.Option("--engines", help="--cv: comma-separated engines to compare.")] = "rules,crf,hybrid",
    synth: Annotated[int, typer.Option("--synth-docs-per-layout", help="--cv: generated training documents per layout added to every fold.")] = 10,
    train_extra: Annotated[list[Path] | None, typer.Option("--train-extra", help="--cv: labeled folders added to every fold's training set, never tested.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="--cv: seed of the generated training documents.")] = 0,
    token_docs: Annotated[int, typer.Option("--token-docs-per-layout", help="--cv: generated documents per layout the token tagger is fitted on, once (0: engines without it).")] = 6,
) -> None:
    """Score predicted records against gold labels, or cross-validate the engines (--cv)."""
    from rich.console import Console

    console = Console()
    if cv:
        from .crossval import cross_validate

        if pred is not None:
            typer.echo("error: --cv extracts the corpus itself; leave out --pred", err=True)
            raise typer.Exit(2)
        names = tuple(e.strip() for e in engines.split(",") if e.strip())
        err = Console(stderr=True)
        try:
            with err.status("cross-validating …") as status:
                rep = cross_validate(
                    [gold],
                    engines=names,
                    synth_docs_per_layout=synth,
                    seed=seed,
                    extra_train_dirs=train_extra or (),
                    token_docs_per_layout=token_docs,
                    progress=lambda i, n, name: status.update(f"fold {i}/{n}: {name}"),
                )
        except GoalnlpError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from e
        rep.render(console)
        if json_out:
            json_out.write_text(json.dumps(rep.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        return
    if pred is None:
        typer.echo("error: give --pred FILE (or --cv to cross-validate on the corpus)", err=True)
        raise typer.Exit(2)
    from .evaluate import evaluate_paths

    try:
        report = evaluate_paths(gold, pred)
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    report.render(console, max_errors=errors)
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")


@app.command()
def train(
    corpus: Annotated[list[Path], typer.Option("--corpus", help="Labeled corpus folder(s): NAME.jsonl beside NAME.txt, or gold/ beside docs/.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the models (the shipped ones live in models/).")],
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated training documents and the models.")] = 0,
    synth: Annotated[int, typer.Option("--synth-docs-per-layout", help="Generated training documents per layout (0: none).")] = 30,
    only: Annotated[str, typer.Option("--models", help="Comma-separated subset of: category, line, token.")] = "category,line,token",
) -> None:
    """Retrain every model reproducibly (fixed seeds) and write them with a training.json report."""
    from .train import train as train_models

    models = [m.strip() for m in only.split(",") if m.strip()]
    try:
        rep = train_models(corpus, out, seed=seed, synth_docs_per_layout=synth, models=models)
    except (GoalnlpError, ValueError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    for name, m in rep["models"].items():
        typer.echo(f"{name}: {out / m['file']} ({m['bytes'] / 1e6:.2f} MB, {m['seconds']} s)", err=True)
    typer.echo(f"goalnlp: trained {len(rep['models'])} model(s) on {rep['labeled_docs']} labeled + {rep['synth_docs']} generated document(s) in {rep['seconds']} s; report: {out / 'training.json'}", err=True)


@app.command("check-categories")
def check_categories(
    pred: Annotated[Path, typer.Argument(help="Extracted records (JSONL file or directory), e.g. the output of goalnlp extract.")],
    threshold: Annotated[float, typer.Option("--threshold", help="Report rows whose name the classifier puts elsewhere with at least this probability.")] = 0.9,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the findings as JSONL.")] = None,
) -> None:
    """List indicators whose written category disagrees strongly with their name (the trained category classifier)."""
    from rich.console import Console
    from rich.table import Table

    from .category import load_default
    from .evaluate import load_records

    try:
        recs = [r for r in load_records(pred) if r.get("record") == "indicator"]
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    # Only categories the table printed: carried or classifier-filled ones are the model's own guess.
    written = [r for r in recs if r.get("category_source", "written") == "written"]
    found = list(load_default().disagreements(written, threshold=threshold))
    t = Table(title=f"{len(found)} of {len(written)} indicators: written level2 disagrees with the name (p ≥ {threshold})")
    for col in ("doc", "line", "name", "written", "predicted", "p"):
        t.add_column(col)
    out = []
    for d in found:
        r = d.record
        t.add_row(str(r.get("doc")), str(r.get("line_start")), str(r.get("name")), d.written, d.predicted, f"{d.probability:.2f}")
        out.append({**{k: r.get(k) for k in ("doc", "table", "name", "value_text", "level1", "level2", "line_start", "line_end")},
                    "predicted_level1": d.predicted_level1, "predicted_level2": d.predicted, "probability": round(d.probability, 4)})
    Console().print(t)
    if json_out:
        json_out.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8")


class ConvertFormat(str, Enum):
    gold = "gold"
    labelstudio = "labelstudio"
    doccano = "doccano"
    conll = "conll"
    docbin = "docbin"


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Input: gold JSONL directory (or file), or a Label Studio / doccano / CoNLL / DocBin file.")],
    target: Annotated[str, typer.Argument(help="Output: a directory for --to gold, else a file ('-' for stdout, text formats).")],
    from_fmt: Annotated[ConvertFormat, typer.Option("--from", help="Input format.")],
    to_fmt: Annotated[ConvertFormat, typer.Option("--to", help="Output format.")],
    docs: Annotated[Path | None, typer.Option("--docs", help="--from gold: directory of the source documents (default: the gold directory).")] = None,
    text_key: Annotated[str | None, typer.Option("--text-key", help="Label Studio / doccano: the field holding the text (default: text).")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild-records", help="Refresh the carried records from the spans (after editing in a tool).")] = False,
    predictions: Annotated[bool, typer.Option("--predictions", help="--to labelstudio: write spans as predictions to review, not annotations.")] = False,
    ls_config: Annotated[Path | None, typer.Option("--ls-config", help="--to labelstudio: also write the matching labeling config (XML) here.")] = None,
    texts: Annotated[bool, typer.Option("--texts/--no-texts", help="--to gold: also write each document's text beside its JSONL.")] = True,
    categories: Annotated[bool, typer.Option("--categories/--no-categories", help="--from gold: also label category cells (LEVEL1/LEVEL2).")] = True,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when a gold field could not be aligned to the text.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every field that could not be aligned.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Convert labeled data between gold JSONL and annotation formats.

    Gold records are aligned to character spans of their documents (NAME,
    VALUE, ACTUAL, WEIGHT, SCORE; LEVEL1/LEVEL2 category cells); every format
    but CoNLL carries the records along, so gold -> format -> gold is lossless.
    CoNLL holds spans only: converting it to gold rebuilds the records.
    """
    from . import convert as conv

    if target == "-" and to_fmt in (ConvertFormat.gold, ConvertFormat.docbin):
        typer.echo(f"error: --to {to_fmt.value} cannot write to stdout; give a path", err=True)
        raise typer.Exit(2)
    try:
        labeled = conv.read(from_fmt.value, source, docs=docs, text_key=text_key, categories=categories)
        if target == "-":
            out = conv.dumps(to_fmt.value, labeled, rebuild=rebuild, predictions=predictions)
            assert isinstance(out, str)
            sys.stdout.write(out)
        else:
            conv.write(to_fmt.value, labeled, target, texts=texts, rebuild=rebuild, predictions=predictions)
        if ls_config is not None:
            try:
                ls_config.write_text(conv.label_studio_config(), encoding="utf-8")
            except OSError as e:
                raise GoalnlpError("E048", path=str(ls_config), reason=e.strerror or str(e)) from e
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    misses = [(d.name, m) for d in labeled for m in d.misses]
    if verbose:
        for name, m in misses:
            typer.echo(f"unaligned: {name} record {m.rid} {m.label} {m.target!r}: {m.reason}", err=True)
        for d in labeled:
            for w in d.warnings:
                typer.echo(f"warning: {d.name}: {w}", err=True)
    if not quiet:
        n_spans = sum(len(d.spans) for d in labeled)
        n_recs = sum(1 for d in labeled for r in d.records or () if r.get("record") == "indicator")
        line = f"goalnlp: {len(labeled)} document(s), {n_spans} span(s)"
        if n_recs:
            line += f", {n_recs} indicator record(s)"
        if from_fmt is ConvertFormat.gold:
            line += f", {len(misses)} field(s) not aligned" + (" (-v lists them)" if misses and not verbose else "")
        typer.echo(line, err=True)
    if strict and misses:
        raise typer.Exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
