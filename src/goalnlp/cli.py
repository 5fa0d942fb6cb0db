"""The ``goalnlp`` command: a thin layer over the library API."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .errors import GoalnlpError

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
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout, unless --db is given).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    engine: Annotated[
        str | None, typer.Option("--engine", help="Extraction engine: rules, crf or hybrid (default: the best measured, see README).")
    ] = None,
    models: Annotated[Path | None, typer.Option("--models", help="Directory of models written by goalnlp train (a model it lacks is the shipped one).")] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Load records into this database: an SQLite file (e.g. goalnlp.sqlite) or a URL (postgresql://user@host/db)."),
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="With --db: skip documents already loaded with the same sha256.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes (0: one per core).")] = 1,
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Run on a Dask cluster: tcp://HOST:PORT of its scheduler, or local[:N] for a LocalCluster.")
    ] = None,
    error_log: Annotated[Path | None, typer.Option("--error-log", help="Also write one JSON line per failed file here.")] = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal).")
    ] = None,
    summary_json: Annotated[
        Path | None, typer.Option("--summary", help="Also write the batch summary (counts, failures by code, documents/s, peak memory) as JSON.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
) -> None:
    """Extract SCHEMA records (tables and indicators) from documents.

    Records stream out as each document finishes: JSONL to stdout by default (not
    when --db is given without -o), CSV or Parquet to -o FILE, and with --db into
    the database, one transaction per document.  A file that cannot be read gets
    one error line on stderr (and in --error-log) and the batch goes on; the exit
    status is 1 if any failed.
    """
    from .batch import BatchSummary, count_inputs, run_batch
    from .output import RecordWriter
    from .pipeline import get_engine

    def fail(e: GoalnlpError | str) -> typer.Exit:
        typer.echo(f"error: {e}", err=True)
        return typer.Exit(2)

    if resume and not db:
        raise fail(GoalnlpError("E073"))
    if cluster is not None and workers != 1:
        raise fail("give --workers or --cluster, not both (a cluster has its own workers)")
    try:
        get_engine(engine, models)  # unknown engine / missing models: fail before any work
        writer = RecordWriter(output, fmt.value) if (output is not None or not db) else None
    except GoalnlpError as e:
        raise fail(e) from e
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    show = progress if progress is not None else (not quiet and sys.stderr.isatty())
    summary = BatchSummary()
    log = None
    try:
        log = error_log.open("w", encoding="utf-8") if error_log else None
    except OSError as e:
        raise fail(f"cannot write {error_log}: {e.strerror or e}") from e
    status = 0
    with _progress(show, count_inputs(paths) if show else None) as (console, advance):
        try:
            for res in run_batch(
                paths,
                engine=engine,
                models_dir=models,
                workers=workers,
                cluster=cluster,
                db=db,
                resume=resume,
                keep_records=writer is not None,
                stdin=stdin,
            ):
                summary.add(res)
                if res.status == "failed":
                    console.print(f"error: {res.path}: {res.error}", markup=False, highlight=False, soft_wrap=True)
                    if log is not None:
                        log.write(json.dumps({"path": res.path, "code": res.error_code, "error": res.error}, ensure_ascii=False) + "\n")
                        log.flush()
                elif res.status == "ok" and writer is not None:
                    writer.write(res.records)
                    writer.flush()
                advance()
        except GoalnlpError as e:
            console.print(f"error: {e}", markup=False, highlight=False, soft_wrap=True)
            status = 2
        except KeyboardInterrupt:
            console.print("goalnlp: interrupted; everything reported above is saved", markup=False, highlight=False)
            status = 130
        finally:
            if writer is not None:
                writer.close()
            if log is not None:
                log.close()
    summary.finish()
    if not quiet:
        typer.echo(f"goalnlp: {summary.line()}", err=True)
    if summary_json is not None:
        info = {**summary.to_dict(), "interrupted": status == 130, "peak_rss_mib": _peak_rss_mib()}
        try:
            summary_json.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as e:
            typer.echo(f"error: cannot write {summary_json}: {e.strerror or e}", err=True)
            status = status or 2
    if status:
        raise typer.Exit(status)
    if summary.failed:
        raise typer.Exit(1)


def _peak_rss_mib() -> float | None:
    """Peak resident memory of this (the main) process; workers are not counted."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@contextmanager
def _progress(show: bool, total: int | None) -> Iterator[tuple[Any, Callable[[], None]]]:
    """A rich progress bar (documents, documents/s, ETA) on stderr, and its console
    for error lines, so they print above the bar instead of through it."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    console = Console(stderr=True)
    if not show:
        yield console, lambda: None
        return

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "- docs/s")

    columns = (TextColumn("extract"), BarColumn(), MofNCompleteColumn(), Rate(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as prog:
        task = prog.add_task("extract", total=total)
        yield prog.console, lambda: prog.advance(task)


db_app = typer.Typer(no_args_is_help=True, help="The database goalnlp extract --db loads: schema version, migrations, contents.")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(
    db: Annotated[str, typer.Option("--db", help="SQLite file or database URL.")],
) -> None:
    """Create the goalnlp schema, or migrate it to this version's (extract --db does this too)."""
    from .db import create_db_engine, schema_version, upgrade

    try:
        engine = create_db_engine(db)
        before = schema_version(engine)
        after = upgrade(engine)
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    typer.echo(f"schema version {before or 'none'} -> {after}" if before != after else f"schema version {after}: up to date")


@db_app.command("info")
def db_info(
    db: Annotated[str, typer.Option("--db", help="SQLite file or database URL.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Schema version, row counts, and failed documents by error code."""
    from .db import Store

    try:
        with Store(db, migrate=False) as store:
            info = store.info()
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    if as_json:
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{info['url']} (schema {info['schema_version']})", show_header=False)
    for key in ("documents", "documents_ok", "documents_failed", "tables", "indicators", "last_extracted_at"):
        t.add_row(key, str(info.get(key, 0)))
    for code, n in info["failures"].items():
        t.add_row(f"failed {code}", str(n))
    Console().print(t)


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
    only: Annotated[str, typer.Option("--models", help="Comma-separated subset of: category, line, token, pairing.")] = "category,line,token,pairing",
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
        if "skipped" in m:
            typer.echo(f"{name}: not trained ({m['skipped']}); the shipped model stays in use", err=True)
            continue
        typer.echo(f"{name}: {out / m['file']} ({m['bytes'] / 1e6:.2f} MB, {m['seconds']} s)", err=True)
    typer.echo(f"goalnlp: trained {len(rep['models'])} model(s) on {rep['labeled_docs']} labeled + {rep['synth_docs']} generated document(s) in {rep['seconds']} s; report: {out / 'training.json'}", err=True)


class LintFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def lint(
    records: Annotated[Path | None, typer.Argument(help="Extracted records: a JSONL file or a directory of them.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Lint the records loaded in this database instead.")] = None,
    fmt: Annotated[LintFormat, typer.Option("--format", "-f", help="text (a table and a summary), jsonl or csv.")] = LintFormat.text,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the findings here (default: stdout).")] = None,
    severity: Annotated[str, typer.Option("--severity", help="Lowest severity shown: error, warning or info.")] = "info",
) -> None:
    """Check targets against the rules of performance management (财预〔2021〕101号): codes L001-L013.

    Exit status 1 when an error-severity finding is shown.
    """
    import csv as csv_mod
    import io

    from .lint import SEVERITIES, summary
    from .lint import lint as run_lint

    if (records is None) == (db is None):
        typer.echo("error: give RECORDS or --db URL (one of them)", err=True)
        raise typer.Exit(2)
    if severity not in SEVERITIES:
        typer.echo(f"error: --severity must be one of {', '.join(SEVERITIES)}", err=True)
        raise typer.Exit(2)
    try:
        if db is not None:
            from .db import Store

            with Store(db, migrate=False) as store:
                findings = run_lint(store.iter_records())
        else:
            from .evaluate import load_records

            assert records is not None
            findings = run_lint(load_records(records))
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    keep = set(SEVERITIES[: SEVERITIES.index(severity) + 1])
    findings = [f for f in findings if f.severity in keep]
    if fmt is LintFormat.text:
        from rich.console import Console
        from rich.table import Table

        console = Console(file=output.open("w", encoding="utf-8") if output else None)
        t = Table(title=f"{len(findings)} finding(s)")
        for col in ("code", "severity", "doc", "table", "line", "name", "target", "message"):
            t.add_column(col, overflow="fold")
        for f in findings:
            t.add_row(f.code, f.severity, str(f.doc), str(f.table), str(f.line_start or ""), f.name or "", f.value_text or "", f.message)
        console.print(t)
        s = Table(title="by code")
        for col in ("code", "severity", "count", "rule"):
            s.add_column(col)
        for code, sev, n, rule in summary(findings):
            s.add_row(code, sev, str(n), rule)
        console.print(s)
    else:
        buf = io.StringIO()
        if fmt is LintFormat.jsonl:
            for f in findings:
                buf.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
        else:
            fields = list(findings[0].to_dict()) if findings else ["code", "severity", "message", "doc", "table", "name", "value_text", "line_start"]
            w = csv_mod.DictWriter(buf, fieldnames=fields)
            w.writeheader()
            for f in findings:
                w.writerow(f.to_dict())
        if output:
            output.write_text(buf.getvalue(), encoding="utf-8")
        else:
            sys.stdout.write(buf.getvalue())
        counts = ", ".join(f"{code} {n}" for code, _, n, _ in summary(findings)) or "none"
        typer.echo(f"goalnlp lint: {len(findings)} finding(s): {counts}", err=True)
    if any(f.severity == "error" for f in findings):
        raise typer.Exit(1)


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Documents (files or directories) to extract and show.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("goalnlp-report.html"),
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold JSONL records: adds scores, evaluation errors and F1 by document.")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help="Extraction engine (default: hybrid).")] = None,
) -> None:
    """Write one self-contained HTML page to review a batch: source text with every record
    highlighted, a sortable and filterable records table, lint findings, charts, and the
    evaluation's errors when --gold is given."""
    from .report import collect, write

    try:
        docs = collect(paths, engine=engine)
        write(docs, output, gold=gold)
    except GoalnlpError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    n = sum(r.get("record") == "indicator" for d in docs for r in d.records)
    typer.echo(f"goalnlp report: {len(docs)} document(s), {n} indicator(s) -> {output}", err=True)


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
