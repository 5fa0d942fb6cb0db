"""Error codes, in the manner of spaCy's ``Errors``: every failure a user can meet
has a stable code, so batch logs can be grouped and searched."""

from __future__ import annotations


class Errors:
    E001 = "File is empty: {path}"
    E002 = "File looks binary, not text (NUL bytes or undecodable): {path}"
    E003 = "Could not decode {path} as UTF-8, UTF-8 with BOM or GB18030"
    E004 = "No such file or directory: {path}"
    E005 = "Could not read {path}: {reason}"
    E006 = "Extraction failed on {path}: {reason} (a goalnlp bug; please report it with the file)"
    E010 = "Unknown output format {fmt!r}; choose one of: {choices}"
    E011 = "Unknown engine {engine!r}; choose one of: {choices}"
    E020 = "Gold directory {path} holds no .jsonl files"
    E021 = "Invalid JSON on line {line} of {path}: {reason}"
    E022 = "Record on line {line} of {path} lacks required field {field!r}"
    E030 = "Unknown pipeline component {name!r}; registered: {choices}"
    E040 = "Cannot read {path} as {fmt}: {reason}"
    E041 = "Task {task} in {path} has no text field {key!r} (string fields: {keys}); name it with --text-key"
    E042 = "Document {doc!r} of the gold records is not in {docs}; give the documents' directory with --docs"
    E043 = "{path} exists and is not a directory; gold output is a directory of JSONL files"
    E044 = "spaCy is needed for DocBin files: pip install spacy"
    E045 = "Span {start}-{end} ({label}) in {path} lies outside the text of {doc} ({length} characters)"
    E046 = "Line {line} of {path} is not a character BIO line (char<TAB>B-/I-/O tag): {text!r}"
    E047 = "Unknown conversion format {fmt!r}; choose one of: {choices}"
    E048 = "Cannot write {path}: {reason}"
    E050 = "No labeled documents (NAME.jsonl beside NAME.txt, or gold/ beside docs/) under: {paths}"
    E051 = "Model file {path} is missing or unreadable ({reason}); retrain with: goalnlp train --corpus corpora --out models"
    E052 = "The {engine!r} engine needs trained models; none are loaded ({reason})"
    E053 = "Cross-validation needs at least 2 labeled documents, found {n}"
    E060 = "Cannot open database {url}: {reason}"
    E061 = "Database {url} is at schema version {version}, newer than this goalnlp knows ({head}); upgrade goalnlp"
    E062 = "Database {url} is at schema version {version}, not {head}; run: goalnlp db upgrade --db URL"
    E063 = "Cannot write {path} to the database: {reason}"
    E070 = "Dask is needed for --cluster: pip install 'goalnlp[cluster]'"
    E071 = "Cannot use the Dask cluster {address}: {reason}"
    E080 = "Unsupported document type ({kind}) in {path}; {hint}"
    E081 = "{path} is encrypted (password-protected); remove the password and extract again"
    E082 = "{path} is damaged or not a valid {kind} file: {reason}"
    E083 = "Reading {kind} files needs {package}: pip install {package}"
    E072 = "--workers must be 0 (one per core) or more, got {n}"
    E073 = "--resume needs --db: it skips what the database already holds"


class GoalnlpError(Exception):
    """Base class of goalnlp errors; ``code`` is the stable error code (``E001`` …)."""

    def __init__(self, code: str, **kwargs: object) -> None:
        template = getattr(Errors, code)
        self.code = code
        self.details = kwargs
        super().__init__(f"[{code}] " + template.format(**kwargs))


class InputError(GoalnlpError):
    """A source file could not be read as a document (empty, binary, undecodable)."""
