"""Reading source documents: bytes → decoded, normalised text the pipeline can trust.

Every record points back at its source with 1-based ``line_start``/``line_end`` of the
*file*, so this module's main promise is line fidelity: plain text and markdown are
passed through line for line (``line_map is None``), and media that have to be
converted (HTML, CSV/TSV) carry a ``line_map`` from each output line back to the
file line it came from.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from goalnlp.errors import InputError

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Source",
    "decode_bytes",
    "delimited_to_text",
    "html_to_text",
    "iter_paths",
    "walk_inputs",
    "looks_binary",
    "read_source",
    "sniff_kind",
    "source_from_bytes",
    "source_from_text",
]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".tsv", ".csv", ".html", ".htm", ".text")
#: Files read from pages (goalnlp.pages): PDF, Word, Excel, images.  Directory walks
#: take these too; what a file is, though, is decided by its content (:func:`sniff_kind`).
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xlsm", ".xls", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")

MEDIA = ("text", "markdown", "html", "csv", "tsv")


@dataclass
class Source:
    """One input document, decoded and ready for the pipeline.

    ``text`` uses ``"\\n"`` only, so ``text.split("\\n")`` and ``text.splitlines()``
    agree; ``line_map`` turns a text line back into a file line (see :meth:`file_line`).
    """

    name: str
    text: str
    encoding: str
    media: str
    path: str | None = None
    line_map: list[int] | None = None
    # The file line each text line ends on, where a text line spans several (an HTML row
    # written one cell a line, a CSV record with a quoted newline); None: where it starts.
    line_end_map: list[int] | None = None
    sha256: str = ""
    size: int = 0
    # Documents read from pages (PDF, Word, Excel, scans; see goalnlp.pages): per text
    # line, its page (sheet, for Excel), box, and OCR confidence and doubtful pieces.
    line_pages: list[int | None] | None = None
    line_boxes: list[tuple[float, float, float, float] | None] | None = None
    line_confidence: list[float | None] | None = None
    line_doubtful: list[list[str]] | None = None
    warnings: list[str] = field(default_factory=list)

    def file_line(self, line: int, *, end: bool = False) -> int:
        """1-based source-file line of 1-based text line ``line`` (identity without a map);
        ``end``: the file line it ends on."""
        mapping = (self.line_end_map or self.line_map) if end else self.line_map
        if not mapping:
            return line
        index = min(max(line, 1), len(mapping)) - 1
        return mapping[index]


# --------------------------------------------------------------------------- paths


def iter_paths(paths: Iterable[str | Path], *, recursive: bool = True) -> Iterator[Path]:
    """Yield input files: given files as-is, directories walked in sorted order.

    Files named explicitly are trusted whatever their suffix (the user asked for them;
    binary ones fail later with E002). Inside directories only ``SUPPORTED_SUFFIXES``
    count and hidden entries are skipped, so editor backups and ``.git`` stay out.
    Each file is yielded once even when reachable twice, so no document is extracted
    (and counted) twice. A missing path or unreadable directory raises E004/E005 when
    the iteration reaches it; :func:`walk_inputs` reports them and goes on instead.
    """
    for item in walk_inputs(paths, recursive=recursive):
        if isinstance(item, InputError):
            raise item
        yield item


def walk_inputs(paths: Iterable[str | Path], *, recursive: bool = True) -> Iterator[Path | InputError]:
    """:func:`iter_paths` for batches: a missing path or a directory that cannot be
    listed is yielded as an :class:`InputError` in its place and the walk goes on,
    so one bad entry never hides the files after it.  Streams: nothing but the set
    of files already yielded (for de-duplication) is held."""
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError("E004", path=str(path))
            continue
        walked = _walk(path, recursive=recursive, visited=set()) if path.is_dir() else iter((path,))
        for item in walked:
            if isinstance(item, Path):
                key = os.path.realpath(item)
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _walk(directory: Path, *, recursive: bool, visited: set[str]) -> Iterator[Path | InputError]:
    """Depth-first, name-sorted walk; ``visited`` guards against symlink loops."""
    real = os.path.realpath(directory)
    if real in visited:
        return
    visited.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted(((e.name, _is_dir(e)) for e in it), key=lambda entry: entry[0])
    except OSError as exc:
        yield InputError("E005", path=str(directory), reason=exc.strerror or str(exc))
        return
    for name, is_dir in entries:
        if name.startswith(".") or is_dir is None:
            continue
        path = directory / name
        if is_dir:
            if recursive:
                yield from _walk(path, recursive=recursive, visited=visited)
        elif path.suffix.lower() in SUPPORTED_SUFFIXES or path.suffix.lower() in DOCUMENT_SUFFIXES:
            yield path


def _is_dir(entry: os.DirEntry[str]) -> bool | None:
    """``entry.is_dir()``, or None for an entry that vanished or cannot be stat'ed."""
    try:
        return entry.is_dir()
    except OSError:
        return None


# ------------------------------------------------------------------------ decoding

_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE2: .doc/.xls/.ppt
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"\x1f\x8b",  # GZIP
)
_UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control bytes that real text files do contain: tab, newlines, form feed (page
# breaks in pdftotext dumps), vertical tab, ESC.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# The bytes looks_binary counts: C0 controls other than the text ones, and DEL.
_CONTROL_BYTES = bytes(b for b in range(256) if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
_SNIFF_BYTES = 8192


def looks_binary(data: bytes) -> bool:
    """True for data that is not text, so PDFs and images fail fast with E002.

    UTF-16/32 with a BOM (Excel's "Unicode text" export) is text despite its NULs.
    """
    if data.startswith(_MAGIC):
        return True
    if _utf16_32_bom(data) or _utf16_without_bom(data):
        return False
    head = data[:_SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.10


def _utf16_32_bom(data: bytes) -> str | None:
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for UTF-16 text saved without a BOM (some export scripts
    write ``encode("utf-16-le")``): NULs in half the ASCII bytes, and the head decodes to
    text that reads as Chinese with no control characters."""
    head = data[: _SNIFF_BYTES & ~1]
    if len(data) % 2 or b"\x00" not in head:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(name)
        except UnicodeDecodeError:
            continue
        if any(ch < " " and ch not in "\t\r\n" for ch in text):
            continue
        if _cjk_share(text) >= 0.5 and _looks_chinese(text):
            return name
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and name the encoding; raise E003 when nothing fits.

    Order matters: a BOM is decisive; strict UTF-8 almost never succeeds on non-UTF-8
    data; GB18030 decodes most byte soups, so it is accepted only when the result reads
    like Chinese (mainland documents are nearly all GB2312 characters); a UTF-8 file
    with a handful of broken bytes (truncated PDF dumps) is kept as UTF-8 with U+FFFD;
    charset-normalizer gets what is left (Big5, ...), but only a guess that reads as
    Chinese is accepted: Latin-1 or random high bytes raise E003 instead of turning
    into mojibake that silently yields no records.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    wide = _utf16_32_bom(data) or _utf16_without_bom(data)
    if wide:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        gb_text: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        gb_text = None
    if gb_text is not None and _looks_chinese(gb_text):
        return gb_text, "gb18030"
    lossy = data.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    intact = len(_non_ascii(lossy)) - lossy.count("\ufffd")
    if broken <= max(3, len(data) // 5000) and intact >= 20 * broken:
        return lossy, "utf-8"
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    if gb_text is not None and _cjk_share(gb_text) >= 0.5:
        return gb_text, "gb18030"
    raise InputError("E003", path="<bytes>")


_NON_ASCII_RE = re.compile("[^\x00-\x7f]")


def _non_ascii(text: str, limit: int = 65536) -> list[str]:
    return _NON_ASCII_RE.findall(text, 0, limit)


def _looks_chinese(text: str) -> bool:
    """GB18030 mis-decodes of UTF-8/Big5/Latin-1 land mostly outside GB2312; real text does not."""
    chars = _non_ascii(text)
    if not chars:
        return True
    # One encode for all: each character GB2312 lacks becomes one "?" (a byte its
    # two-byte codes, 0xA1-0xFE, never hold); a per-character encode costs ~30x more.
    common = len(chars) - "".join(chars).encode("gb2312", errors="replace").count(b"?")
    if common / len(chars) < 0.9:
        return False
    # Han characters, or only CJK punctuation/full-width forms (a line of 　 or ：).
    return any("\u4e00" <= ch <= "\u9fff" for ch in chars) or all(
        "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in chars
    )


def _cjk_share(text: str) -> float:
    chars = _non_ascii(text)
    if not chars:
        return 0.0
    return sum(1 for ch in chars if "\u3400" <= ch <= "\u9fff") / len(chars)


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes  # deferred: costly import, rarely needed

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    # It will name *some* code page for any byte soup; only a Chinese reading is worth
    # passing on, anything else would reach the pipeline as silent mojibake.
    if _cjk_share(text) < 0.5:
        return None
    return text, best.encoding


# --------------------------------------------------------------------- normalising

# Characters str.splitlines() treats as line breaks besides \n and \r. They become
# spaces so that every way of splitting lines gives the file's line numbering.
_LINE_BREAK_LOOKALIKES = str.maketrans(
    {**dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "), "\x00": None, "\ufeff": None}
)


# The same mapping as (character, replacement) pairs: str.replace of the few characters a
# text holds is several times faster than str.translate over the whole text, and gives the
# same string (no replacement is itself one of the characters).
_LINE_BREAK_LOOKALIKE_PAIRS = tuple((chr(k), v or "") for k, v in sorted(_LINE_BREAK_LOOKALIKES.items()))


def _normalise(text: str) -> str:
    """``\\r\\n``/``\\r`` → ``\\n``, BOMs and NULs removed, other line breaks → space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch, repl in _LINE_BREAK_LOOKALIKE_PAIRS:
        if ch in text:
            text = text.replace(ch, repl)
    return text


# --------------------------------------------------------------------------- reading


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; a missing or unreadable file is an :class:`InputError` (E004/E005)."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("E004", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise InputError("E005", path=str(path), reason="is a directory") from exc
    except OSError as exc:
        raise InputError("E005", path=str(path), reason=exc.strerror or str(exc)) from exc


def read_source(path: str | Path) -> Source:
    """Read one file into a :class:`Source`, choosing the reader by content, not name."""
    path = Path(path)
    return source_from_bytes(read_bytes(path), path)


def source_from_bytes(data: bytes, path: str | Path) -> Source:
    """A :class:`Source` from a file's bytes read elsewhere (a batch worker, a cluster).

    ``path`` names the document and its suffix.  The reader is chosen by content
    (:func:`sniff_kind`): PDF, DOCX, XLSX/XLS and images go to their readers, the rest
    is text with the checks of :func:`read_source`: empty (E001), binary (E002),
    undecodable (E003); an unsupported, encrypted or damaged document is E080–E082.
    """
    path = Path(path)
    if not data.strip(b" \t\r\n\f\v").removeprefix(b"\xef\xbb\xbf").strip(b" \t\r\n\f\v"):
        raise InputError("E001", path=str(path))
    kind = sniff_kind(data)
    if kind != "text":
        return _read_document(kind, data, path)
    if looks_binary(data):
        raise InputError("E002", path=str(path))
    try:
        text, encoding = decode_bytes(data)
    except InputError as exc:
        raise InputError("E003", path=str(path)) from exc
    if not text.replace("\ufeff", "").strip():
        raise InputError("E001", path=str(path))
    source = _build(text, name=path.name, media=None, suffix=path.suffix.lower(), encoding=encoding)
    source.path = str(path)
    source.sha256 = hashlib.sha256(data).hexdigest()
    source.size = len(data)
    return source


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def sniff_kind(data: bytes) -> str:
    """What a file is, by its bytes: ``pdf``, ``docx``, ``xlsx``, ``ole2`` (XLS, DOC or an
    encrypted Office file), ``image``, another container (``zip``, ``pptx``, ``odf``,
    ``gzip``) or ``text``.  Extensions lie (a ``.xls`` that is HTML, a ``.txt`` that is
    a PDF); magic numbers do not."""
    head = data[:1024]
    if head.startswith(b"%PDF") or b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        from .office import zip_kind

        return zip_kind(data) or "zip"
    if data.startswith(_OLE2):
        return "ole2"
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    return "text"


def _read_document(kind: str, data: bytes, path: Path) -> Source:
    """Hand a non-text document to its reader (imported only when needed)."""
    name, where = path.name, str(path)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name=name, path=where)
    if kind == "docx":
        from .office import read_docx

        return read_docx(data, name=name, path=where)
    if kind == "xlsx":
        from .office import read_xlsx

        return read_xlsx(data, name=name, path=where)
    if kind == "image":
        from .ocr import read_image

        return read_image(data, name=name, path=where)
    if kind == "ole2":
        if _ENCRYPTED_PACKAGE in data[:65536] or _ENCRYPTED_PACKAGE in data:
            raise InputError("E081", path=where)
        from .office import read_xls

        try:
            return read_xls(data, name=name, path=where)
        except InputError as exc:
            if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data:
                raise InputError("E080", path=where, kind="Word 97-2003 .doc", hint="save it as .docx") from exc
            raise
    hints = {
        "pptx": "PowerPoint is not read; export the tables to .xlsx or .docx",
        "odf": "save OpenDocument files as .docx or .xlsx",
        "zip": "unpack the archive and extract its files",
        "gzip": "decompress it first",
    }
    raise InputError("E080", path=where, kind=kind, hint=hints.get(kind, "convert it to PDF, DOCX, XLSX or text"))


def source_from_text(text: str, name: str = "<stdin>", media: str | None = None) -> Source:
    """Wrap text that is already decoded (stdin, tests, notebooks) like :func:`read_source`.

    ``media=None`` sniffs the content and the suffix of ``name``; ``sha256``/``size``
    describe the UTF-8 encoding of ``text``.
    """
    if media is not None and media not in MEDIA:
        raise ValueError(f"media must be one of {MEDIA}, not {media!r}")
    source = _build(text, name=name, media=media, suffix=Path(name).suffix.lower(), encoding="utf-8")
    raw = text.encode("utf-8", errors="surrogatepass")
    source.sha256 = hashlib.sha256(raw).hexdigest()
    source.size = len(raw)
    return source


_HTML_DOC_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_HTML_TABLE_RE = re.compile(r"<(?:table|tr)[\s>/]", re.IGNORECASE)
_EMBEDDED_TABLE_RE = re.compile(r"<table[\s>/]", re.IGNORECASE)
_EMBEDDED_CELL_RE = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)
_SNIFF_CHARS = 2048


def _sniff_media(text: str, suffix: str) -> str:
    """HTML by markup near the start or by suffix; otherwise the suffix decides."""
    head = text[:_SNIFF_CHARS]
    if suffix in (".html", ".htm") or _HTML_DOC_RE.search(head):
        return "html"
    if _HTML_TABLE_RE.search(head) and suffix not in (".md", ".markdown"):
        return "html"
    if suffix == ".csv":
        return "csv"
    if suffix == ".tsv":
        return "tsv"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if "\t" in head and _QUOTED_BREAK_RE.search(text) and _mostly_tabbed(head):
        # Excel's "Text (tab delimited)" saved as .txt: a cell with a line break is quoted
        # over several lines, which only a TSV reader puts back together.
        return "tsv"
    return "text"


_QUOTED_BREAK_RE = re.compile(r'(?:^|\t)"[^"\t\n]*\n', re.MULTILINE)


def _mostly_tabbed(head: str) -> bool:
    lines = [ln for ln in head.split("\n") if ln.strip()]
    return bool(lines) and sum("\t" in ln for ln in lines) >= 0.6 * len(lines)


def _form_feed_pages(text: str) -> list[int | None] | None:
    """Page of every line of text that marks page breaks with form feeds (pdftotext writes
    one at the end of each page), after ``\r\n`` is folded; None without any."""
    if "\x0c" not in text:
        return None
    pages: list[int | None] = []
    page = 1
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lead = len(line) - len(line.lstrip("\x0c"))  # form feeds opening this page's first line
        page += lead
        pages.append(page)
        page += line.count("\x0c") - lead
    return pages


def _build(text: str, *, name: str, media: str | None, suffix: str, encoding: str) -> Source:
    pages = _form_feed_pages(text)
    text = _normalise(text)
    media = media or _sniff_media(text, suffix)
    line_map: list[int] | None = None
    line_end_map: list[int] | None = None
    if media == "html":
        text, line_map, line_end_map = html_to_text_spans(text)
    elif media in ("csv", "tsv"):
        delimiter = _sniff_delimiter(text, "\t" if media == "tsv" else ",")
        media = "tsv" if delimiter == "\t" else "csv"
        try:
            text, line_map, line_end_map = delimited_to_text_spans(text, delimiter)
        except csv.Error:
            media, line_map = "text", None  # not really delimited: keep it line for line
    elif _EMBEDDED_TABLE_RE.search(text) and _EMBEDDED_CELL_RE.search(text):
        # OCR'd markdown (MinerU and the like) writes spanned tables as inline HTML.
        text, line_map, line_end_map = _convert_embedded_tables(text)
    elif _GRID_BORDER_RE.search(text) or _BOX_BORDER_RE.search(text):
        # Word tables exported by pandoc (and other "grid table" writers) draw cell borders
        # with +---+ lines and wrap a cell's text over several | lines.
        text, line_map, line_end_map = grid_tables_to_text(text)
    if media not in ("html", "csv", "tsv"):
        text = _inline_table_marks(text)
    if line_end_map == line_map:
        line_end_map = None  # every text line is one file line
    source = Source(name=name, text=text, encoding=encoding, media=media, line_map=line_map, line_end_map=line_end_map)
    if pages is not None and line_map is None and media == "text" and len(pages) == text.count("\n") + 1:
        source.line_pages = pages  # PDF text with its page breaks: records get their pages
    return source


_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_FW_BAR_ROW_RE = re.compile(r"^[ \t]*｜(?:[^｜|\n]*｜){2,}[ \t]*$", re.MULTILINE)


def _inline_table_marks(text: str) -> str:
    """Line breaks written as ``<br>`` inside a markdown cell (converters from HTML and Word
    do) join the cell's pieces; rows ruled with full-width bars (``｜产出指标｜数量指标｜``,
    typed or converted that way) get ASCII bars.  Line numbers are kept."""
    if "<" in text and _BR_RE.search(text):
        text = _BR_RE.sub(_br_join, text)
    if "｜" in text and "|" not in text:
        text = _FW_BAR_ROW_RE.sub(lambda m: m.group(0).replace("｜", "|"), text)
    return text


def _br_join(m: re.Match[str]) -> str:
    left, right = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
    return " " if _word_boundary(left or " ", right or " ") else ""


# ------------------------------------------------------------------- grid tables

_GRID_BORDER_RE = re.compile(r"^[ \t]*\+(?:[-=:]+\+){2,}[ \t]*$", re.MULTILINE)
# Box-drawing tables (text exports, ``tabulate``'s fancy grids) read as grid tables.
_BOX = str.maketrans(
    {**dict.fromkeys("│┃║", "|"), **dict.fromkeys("─━", "-"), "═": "=",
     **dict.fromkeys("┌┐└┘├┤┬┴┼╞╡╪╤╧╔╗╚╝╠╣╦╩╬╒╕╘╛╓╖╙╜╟╢╫╥╨┏┓┗┛┣┫┳┻╋", "+")}  # (_BOX_JOINTS)
)
_BOX_JOINTS = "┌┐└┘├┤┬┴┼╞╡╪╤╧╔╗╚╝╠╣╦╩╬╒╕╘╛╓╖╙╜╟╢╫╥╨┏┓┗┛┣┫┳┻╋"
_BOX_BORDER_RE = re.compile(rf"^[ \t]*[{_BOX_JOINTS}](?:[─━═]+[{_BOX_JOINTS}]){{2,}}[ \t]*$", re.MULTILINE)
_GRID_LINE_RE = re.compile(r"^[ \t]*[|+].*[|+][ \t]*$")
_GRID_SEP = frozenset("|+")


def _grid_segments(line: str) -> list[str]:
    """The pieces of a grid-table line between its ``|`` / ``+`` separators."""
    body = line.strip()
    out: list[str] = []
    cur: list[str] = []
    for ch in body[1:]:
        if ch in _GRID_SEP:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    return out


def _is_rule(piece: str) -> bool:
    return bool(piece) and all(ch in "-=:" for ch in piece)


def grid_tables_to_text(text: str) -> tuple[str, list[int], list[int]]:
    """Rewrite grid tables (``+---+`` or box-drawing borders, cells wrapped over ``|`` lines) as one
    ``| a | b |`` line per table row, every other line as it is; with, per output line,
    the file lines it starts and ends on.

    A row ends at a border line; a cell spanning rows (spaces where its border would be)
    keeps its text in the row that prints it.  Wrapped pieces of a cell are joined as a
    wrapped Chinese cell is (no space between Chinese characters).
    """
    raw = text.split("\n")
    lines = text.translate(_BOX).split("\n") if _BOX_BORDER_RE.search(text) else raw

    def table_at(i: int) -> tuple[int, list[tuple[str, int, int]]] | None:
        if not _GRID_BORDER_RE.match(lines[i]):
            return None
        rows: list[tuple[str, int, int]] = []
        cells: list[list[str]] = []
        first = 0

        def flush(last: int) -> None:
            if any(cells):
                rows.append(("| " + " | ".join(_join_wrapped(c) for c in cells) + " |", first, last))

        j = i + 1
        while j < len(lines) and _GRID_LINE_RE.match(lines[j]):
            pieces = _grid_segments(lines[j])
            if any(_is_rule(p) for p in pieces):  # a border: the row ends
                flush(j)
                cells, first = [], 0
                if any(p.strip() and not _is_rule(p) for p in pieces):
                    # a cell spanning rows may print its text across the border
                    cells = [[p.strip()] if p.strip() and not _is_rule(p) else [] for p in pieces]
                    first = j + 1
            else:
                if cells and len(pieces) != len(cells):
                    flush(j)  # a row of other columns (cells spanning columns): a line of its own
                    cells = []
                if not cells:
                    cells, first = [[] for _ in pieces], j + 1
                for k, p in enumerate(pieces):
                    if p.strip():
                        cells[k].append(p.strip())
            j += 1
        flush(j)
        return j, rows

    return _replace_blocks(raw, table_at)  # (lines outside the tables as they were)


def _convert_embedded_tables(text: str) -> tuple[str, list[int], list[int]]:
    """Replace inline ``<table>`` regions of a text/markdown file, keeping other lines as-is
    (the text, and per text line the file lines it starts and ends on)."""
    lines = text.split("\n")

    def table_at(i: int) -> tuple[int, list[tuple[str, int, int]]] | None:
        if not _EMBEDDED_TABLE_RE.search(lines[i]):
            return None
        depth = 0
        j = i
        while j < len(lines):
            lowered = lines[j].lower()
            depth += len(_EMBEDDED_TABLE_RE.findall(lowered)) - lowered.count("</table")
            if depth <= 0:
                break
            j += 1
        j = min(j, len(lines) - 1)
        region_text, region_map, region_ends = html_to_text_spans("\n".join(lines[i : j + 1]))
        rows = region_text.split("\n") if region_map else []
        return j + 1, [(t, i + a, i + b) for t, a, b in zip(rows, region_map, region_ends, strict=True)]

    return _replace_blocks(lines, table_at)


def _replace_blocks(
    lines: list[str], block_at: Callable[[int], tuple[int, list[tuple[str, int, int]]] | None]
) -> tuple[str, list[int], list[int]]:
    """``lines`` passed through one for one, except blocks that ``block_at(i)`` reads from
    line ``i`` (returning where the block ends and its rows: text, first and last file
    line); with, per output line, the file lines it starts and ends on."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(lines):
        block = block_at(i)
        if block is None:
            out.append(lines[i])
            starts.append(i + 1)
            ends.append(i + 1)
            i += 1
            continue
        i, rows = block
        for text, a, b in rows:
            out.append(text)
            starts.append(a)
            ends.append(b)
    return "\n".join(out), starts, ends


# ------------------------------------------------------------------------------ HTML

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd div dl dt fieldset figcaption "
    "figure form h1 h2 h3 h4 h5 h6 head hr html li main ol option p pre section title ul".split()
)
_DROP_TAGS = frozenset("script style noscript nav header footer iframe template".split())
_DROP_CLASS_RE = re.compile(r"nav|menu|footer|breadcrumb|share", re.IGNORECASE)
# Never dropped for their class/id: dropping these would lose the page or a data table.
_NEVER_DROP = frozenset("html body main article table thead tbody tfoot tr td th".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SECTION_TAGS = frozenset(("thead", "tbody", "tfoot"))
_WS_RE = re.compile(r"\s+")


@dataclass
class _Line:
    text: str
    line: int
    end: int = 0  # the last source line (0: the same as ``line``)


@dataclass
class _Flow:
    """Text in reading order, broken into lines at block boundaries and source newlines.

    Outside tables each line is an output line (``white-space: pre-line`` semantics, so
    pages that are flattened text keep their lines); inside a data cell the lines are
    wrap fragments that get joined.
    """

    items: list[_Line | _Table] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int | None = None
    end: int = 0

    def add_text(self, text: str, line: int) -> None:
        for offset, piece in enumerate(text.split("\n")):
            if offset:
                self.brk()
            if not piece:
                continue
            if piece.strip():
                if self.line is None:
                    self.line = line + offset
                self.end = line + offset
            self.parts.append(piece)

    def brk(self) -> None:
        text = _WS_RE.sub(" ", "".join(self.parts)).strip()
        if text and self.line is not None:
            self.items.append(_Line(text, self.line, max(self.end, self.line)))
        self.parts = []
        self.line = None
        self.end = 0

    def add_table(self, table: _Table) -> None:
        self.brk()
        self.items.append(table)


@dataclass
class _Cell:
    line: int
    rowspan: int
    colspan: int
    flow: _Flow = field(default_factory=_Flow)
    nested: bool = False


@dataclass
class _Row:
    line: int
    section: int
    cells: list[_Cell] = field(default_factory=list)


@dataclass
class _Table:
    line: int
    pre: _Flow = field(default_factory=_Flow)  # caption and stray text, shown before the rows
    rows: list[_Row] = field(default_factory=list)
    row: _Row | None = None
    cell: _Cell | None = None
    section: int = 0

    def close_cell(self) -> None:
        if self.cell is not None:
            self.cell.flow.brk()
            self.cell = None

    def close_row(self) -> None:
        self.close_cell()
        self.row = None


def _span(value: str | None, limit: int) -> int:
    match = re.match(r"\s*(\d+)", value or "")  # browsers read leading digits: "2px" → 2
    number = int(match.group(1)) if match else 0
    return min(number, limit) if number > 0 else 1


class _TableTextParser(HTMLParser):
    """Streams HTML events into flows and tables, keeping each piece's source line.

    The stdlib parser is used rather than a tree builder because it reports the
    position of every text run, not only of tags, and never reorders content.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Flow()
        self.tables: list[_Table] = []
        self.drop_tag: str | None = None
        self.drop_depth = 0
        self.drop_tables = 0
        self.drop_in_table = False

    # -- helpers
    def _flow(self) -> _Flow:
        if not self.tables:
            return self.root
        table = self.tables[-1]
        return table.cell.flow if table.cell is not None else table.pre

    def _table(self, line: int) -> _Table:
        if not self.tables:  # a bare <tr>/<td> fragment: imply the table
            self._open_table(line)
        return self.tables[-1]

    def _open_table(self, line: int) -> None:
        table = _Table(line=line)
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.nested = True
        self._flow().add_table(table)
        self.tables.append(table)

    def _close_table(self) -> None:
        table = self.tables.pop()
        table.close_row()
        table.pre.brk()

    def _should_drop(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _VOID_TAGS:
            return False
        if tag in _DROP_TAGS:
            return True
        if tag in _NEVER_DROP:
            return False
        return any(
            name in ("class", "id") and value and _DROP_CLASS_RE.search(value) for name, value in attrs
        )

    # -- events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if self.drop_tag is not None:
            if tag == self.drop_tag:
                self.drop_depth += 1
            elif tag == "table":
                self.drop_tables += 1
            return
        if self._should_drop(tag, attrs):
            self.drop_tag, self.drop_depth, self.drop_tables = tag, 1, 0
            self.drop_in_table = bool(self.tables)
            self._flow().brk()
            return
        if tag == "table":
            self._open_table(line)
        elif tag == "tr":
            table = self._table(line)
            table.close_row()
            table.row = _Row(line=line, section=table.section)
            table.rows.append(table.row)
        elif tag in ("td", "th"):
            table = self._table(line)
            table.close_cell()
            if table.row is None:
                table.row = _Row(line=line, section=table.section)
                table.rows.append(table.row)
            attr = dict(attrs)
            table.cell = _Cell(
                line=line, rowspan=_span(attr.get("rowspan"), 65534), colspan=_span(attr.get("colspan"), 1000)
            )
            table.row.cells.append(table.cell)
        elif tag in _SECTION_TAGS:
            if self.tables:
                self.tables[-1].close_row()
                self.tables[-1].section += 1
        elif tag in _BLOCK_TAGS:
            self._flow().brk()

    def handle_endtag(self, tag: str) -> None:
        if self.drop_tag is not None:
            if tag == self.drop_tag:
                self.drop_depth -= 1
                if self.drop_depth == 0:
                    self.drop_tag = None
                return
            if tag == "table" and self.drop_tables:
                self.drop_tables -= 1
                return
            # An unclosed dropped element must not swallow the rest of its table or page.
            escapes = tag in ("body", "html") or (
                self.drop_in_table and not self.drop_tables and tag in ("td", "th", "tr", "table")
            )
            if not escapes:
                return
            self.drop_tag = None
        if tag == "table":
            if self.tables:
                self._close_table()
        elif tag == "tr":
            if self.tables:
                self.tables[-1].close_row()
        elif tag in ("td", "th"):
            if self.tables:
                self.tables[-1].close_cell()
        elif tag in _SECTION_TAGS:
            if self.tables:
                self.tables[-1].close_row()
                self.tables[-1].section += 1
        elif tag in _BLOCK_TAGS:
            self._flow().brk()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS or tag in _BLOCK_TAGS:
            self.handle_starttag(tag, attrs)
        # <td/>, <div/> and the like: an empty element, nothing to keep open

    def handle_data(self, data: str) -> None:
        if self.drop_tag is None:
            self._flow().add_text(data, self.getpos()[0])

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """Word's ``<![if !supportLists]>`` and other junk must not abort parsing."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i)
            return -1 if end < 0 else end + 1

    def finish(self) -> _Flow:
        self.close()
        while self.tables:
            self._close_table()
        self.root.brk()
        return self.root


def html_to_text(html: str) -> tuple[str, list[int]]:
    """Render HTML as lines: table rows as ``| a | b |`` lines, other blocks as text lines.

    Returns the text and, per output line, the 1-based source line where that row
    (its ``<tr>``) or that text starts.
    """
    text, starts, _ends = html_to_text_spans(html)
    return text, starts


def html_to_text_spans(html: str) -> tuple[str, list[int], list[int]]:
    """:func:`html_to_text` with, per output line, also the source line it ends on (the
    last line holding text of the row's cells): a row written one cell a line spans them all."""
    parser = _TableTextParser()
    parser.feed(_normalise(html))
    root = parser.finish()
    lines: list[_Line] = []
    _render_items(root.items, lines)
    return (
        "\n".join(item.text for item in lines),
        [item.line for item in lines],
        [max(item.end, item.line) for item in lines],
    )


def _render_items(items: list[_Line | _Table], out: list[_Line]) -> None:
    for item in items:
        if isinstance(item, _Line):
            out.append(item)
        else:
            _render_table(item, out)


def _render_table(table: _Table, out: list[_Line]) -> None:
    """Lay out rows on a grid so spanned positions become empty cells and columns align."""
    _render_items(table.pre.items, out)
    grid: list[tuple[_Row, list[_Cell | None]]] = []
    pending: dict[int, int] = {}  # column → rows it is still covered by a rowspan
    section: int | None = None
    for row in table.rows:
        if row.section != section:  # rowspan never crosses thead/tbody/tfoot
            pending.clear()
            section = row.section
        occupied = {col for col, left in pending.items() if left > 0}
        slots: list[_Cell | None] = []
        spans: dict[int, int] = {}
        col = 0
        for cell in row.cells:
            while col in occupied:
                slots.append(None)
                col += 1
            slots.append(cell)
            slots.extend([None] * (cell.colspan - 1))
            if cell.rowspan > 1:
                spans.update({col + k: cell.rowspan - 1 for k in range(cell.colspan)})
            col += cell.colspan
        while occupied and col <= max(occupied):
            slots.append(None)
            col += 1
        for col in occupied:
            pending[col] -= 1
        pending.update(spans)
        grid.append((row, slots))
    width = max((len(slots) for _, slots in grid), default=0)
    layout = width <= 1  # a one-column "table" is page layout, not data
    for row, slots in grid:
        containers = [c for c in slots if c is not None and (c.nested or layout)]
        texts = ["" if c is None or c.nested or layout else _cell_text(c) for c in slots]
        texts.extend([""] * (width - len(texts)))
        if any(texts):
            end = max(
                (it.end for c in slots if c is not None and not (c.nested or layout) for it in c.flow.items if isinstance(it, _Line)),
                default=row.line,
            )
            out.append(_Line("|" + "|".join(f" {t} " if t else " " for t in texts) + "|", row.line, max(end, row.line)))
        for cell in containers:
            _render_items(cell.flow.items, out)


def _cell_text(cell: _Cell) -> str:
    parts = [item.text for item in cell.flow.items if isinstance(item, _Line)]
    return _join_wrapped(parts).replace("|", "｜")


def _join_wrapped(parts: Iterable[str]) -> str:
    """Join fragments of one wrapped cell: Chinese wraps join with nothing, words with a space."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and _word_boundary(out[-1], part[0]):
            out += " "
        out += part
    return out


def _word_boundary(left: str, right: str) -> bool:
    return (
        left.isascii()
        and right.isascii()
        and left.isalnum()
        and right.isalnum()
        and not (left.isdigit() and right.isdigit())
    )


# ------------------------------------------------------------------------- CSV / TSV

_EXCEL_TEXT_RE = re.compile(r'^="(.*)"$', re.DOTALL)
_SNIFF_LINES = 50


def _sniff_delimiter(text: str, default: str) -> str:
    """The delimiter that splits most sample records, because suffixes lie (.csv full of tabs)."""
    sample = "\n".join(text.split("\n", _SNIFF_LINES)[:_SNIFF_LINES])
    best, best_score = default, -1
    for delimiter in dict.fromkeys((default, ",", "\t", ";")):
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        score = sum(1 for row in rows if len(row) > 1)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _clean_cell(cell: str) -> str:
    match = _EXCEL_TEXT_RE.match(cell)
    if match:  # Excel's ="00123" guard against number conversion
        cell = match.group(1).replace('""', '"')
    cell = _join_wrapped(cell.split("\n")) if "\n" in cell else cell.strip()
    return cell.replace("\t", " ")


def delimited_to_text(text: str, delimiter: str) -> tuple[str, list[int]]:
    """One tab-joined line per CSV/TSV record, mapped to the physical line it starts on.

    Quoted cells may hold newlines (a wrapped Chinese cell); they are joined so each
    record stays one line, which is why a ``line_map`` is needed at all.
    """
    out, starts, _ends = delimited_to_text_spans(text, delimiter)
    return out, starts


def delimited_to_text_spans(text: str, delimiter: str) -> tuple[str, list[int], list[int]]:
    """:func:`delimited_to_text` with, per record, also the physical line it ends on."""
    reader = csv.reader(io.StringIO(_normalise(text), newline=""), delimiter=delimiter)
    lines: list[str] = []
    line_map: list[int] = []
    end_map: list[int] = []
    previous_end = 0
    for record in reader:
        lines.append("\t".join(_clean_cell(cell) for cell in record))
        line_map.append(previous_end + 1)
        previous_end = reader.line_num
        end_map.append(previous_end)  # lines read so far: a quoted newline moves it on
    return "\n".join(lines), line_map, end_map
