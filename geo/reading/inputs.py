"""Reading reports: text files, folders, stdin, JSONL and HTML pages.

:func:`read_inputs` yields :class:`~geo.model.Document` objects, and an
:class:`InputProblem` for every document it could not read, so a bad document in
a batch is reported and skipped while the rest is kept.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from geo.errors import InputError, InputNotFound
from geo.model import Document
from geo.reading.sniff import display_path

__all__ = ["InputProblem", "input_named_by", "read_inputs", "read_text_file", "MAX_BYTES"]

#: Largest document read, in bytes (larger ones are refused with this limit named).
MAX_BYTES = 20_000_000

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".rst", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
#: Outputs of ``geo export`` that a folder may hold and that are not read as reports.
_NOT_READ_IN_FOLDERS = (".geojson", ".parquet", ".gpkg")
_MAGIC = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\x1f\x8b": "gzip-compressed",
          b"PK\x03\x04": "a ZIP archive", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image"}
_HEADER = re.compile(r"^(Title|Published|URL|Date|Source):[ \t]*(.*)$", re.IGNORECASE)
#: Parts of a page that are not its article: what trafilatura's fallbacks may still
#: return as text ("Home News") from a page that has no article at all.
_CHROME = ("head", "nav", "header", "footer", "aside", "menu", "form", "button", "select",
           "a", "script", "style", "noscript", "template")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A document that could not be read, and why (one line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _decode(data: bytes, where: str) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-32 or UTF-16 with a BOM, else
    Windows-1252 with a note saying so."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{where}: is {what}, not text; convert it to text or HTML first")
    for boms, codec in (((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"),
                        ((b"\xff\xfe", b"\xfe\xff"), "utf-16")):
        if data.startswith(boms):
            try:
                return data.decode(codec), None
            except UnicodeDecodeError as exc:  # odd length, unpaired surrogate
                return data.decode(codec, errors="replace"), (
                    f"{where}: not valid {codec.upper()} (byte {exc.start}); "
                    "undecodable bytes replaced by U+FFFD")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise InputError(f"{where}: is binary, not text; give a UTF-8 text, HTML or JSONL file")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return data.decode("cp1252", errors="replace"), (
            f"{where}: not valid UTF-8 (byte {exc.start}); decoded as Windows-1252")


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", value)  # not 99999-01-01
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


def _with_header(text: str) -> tuple[str, dict]:
    """Split "Title: ... / Published: ..." header lines from the body."""
    meta: dict = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines) and (m := _HEADER.match(lines[i].strip("\r"))):
        meta[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if not meta or i >= len(lines) or lines[i].strip():
        return text, {}
    return "\n".join(lines[i + 1:]), meta


def _check(text: str, where: str) -> None:
    if not text.strip():
        raise InputError(f"{where}: is empty; give a file with the report's text")


def _too_big(where: str, size: int) -> InputError:
    return InputError(f"{where}: {size / 1e6:.0f} MB is over the {MAX_BYTES // 1_000_000} MB "
                      "limit per document; split it into smaller files or JSONL lines")


def read_text_file(path: Path, notes: list[str] | None = None, shown: str | None = None
                   ) -> Document:
    """One text or HTML file as a Document (raises InputError); `shown` is the path the
    document carries in exports (see :func:`geo.reading.sniff.display_path`)."""
    where = str(path)
    shown = shown or where
    if not path.exists():
        raise InputNotFound(f"{where}: no such file or folder; check the path")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _too_big(where, size)
    try:
        # Never more than the limit, whatever stat said: a pipe or a device
        # (``<(curl ...)``, /dev/zero) has no size until it is read.
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{where}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{where}: is over the {MAX_BYTES // 1_000_000} MB limit per document; "
                         "split it into smaller files or JSONL lines")
    text, note = _decode(data, where)
    if note and notes is not None:
        notes.append(note)
    if path.suffix.lower() in _HTML_SUFFIXES:
        return _html_document(text, path, shown)
    _check(text, where)
    body, meta = _with_header(text)
    _check(body, where)
    return Document(id=path.name, text=body, title=meta.get("title"), url=_safe_url(meta.get("url")),
                    path=shown, published=_parse_date(meta.get("published") or meta.get("date")))


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else (url or None)


def _html_document(html: str, path: Path, shown: str) -> Document:
    from geo.errors import need

    trafilatura = need("trafilatura", "html", "reading HTML pages")

    where = str(path)
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True)
    if not text or not text.strip() or not _has_body_text(html):
        raise InputError(f"{where}: no article text found in this HTML page; "
                         "give the article's page or its text")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    published = _parse_date(meta.date) if meta and meta.date else None
    url = meta.url if meta and meta.url else None
    return Document(id=path.name, text=text, title=title, url=url, path=shown, published=published)


def _has_body_text(html: str) -> bool:
    """Whether the page has any words outside its navigation, header, footer, links,
    forms and scripts: a page of menus alone has no article to geoparse."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html.encode("utf-8", "replace"),
                                    parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.LxmlError):
        return False
    for el in root.xpath("|".join(f"//{tag}" for tag in _CHROME)):
        if el.getparent() is not None:
            el.drop_tree()
    return re.search(r"\w", root.xpath("string()")) is not None


@overload
def _clean(value: str) -> str: ...


@overload
def _clean(value: object) -> str | None: ...


def _clean(value: object) -> str | None:
    """A JSONL field as text: None stays None, other types become their JSON text,
    lone surrogates (``"\\ud800"``, which UTF-8 cannot write) become U+FFFD."""
    if value is None:
        return None
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _SURROGATE.sub("\ufffd", text)


#: Lines without a "text" before the first report that make a JSONL file "not reports".
NOT_REPORTS_AFTER = 20


def _jsonl(path: Path, lines: Iterable[str | InputProblem], shown: str | None = None
           ) -> Iterator[Document | InputProblem]:
    """Documents of a JSONL file. A file whose objects are not reports (none of its first
    :data:`NOT_REPORTS_AFTER` objects has a "text") is one problem, not one per line."""
    found, held = False, []
    for item in _jsonl_items(path, lines, shown or str(path)):
        if isinstance(item, int):  # the number of a line without a "text" string
            if found:
                yield _no_text(path, item)
                continue
            held.append(item)
            if len(held) >= NOT_REPORTS_AFTER:
                break
            continue
        if isinstance(item, Document) and not found:
            found = True
            yield from (_no_text(path, n) for n in held)
            held = []
        yield item
    if held:
        yield InputProblem(str(path), 'holds no reports (its objects have no "text" string); '
                                      'reports are {"id": ..., "text": ...} lines')


def _no_text(path: Path, n: int) -> InputProblem:
    return InputProblem(f"{path}:{n}", 'no "text" string; each line needs {"id": ..., "text": ...}')


def _jsonl_items(path: Path, lines: Iterable[str | InputProblem], shown: str
                 ) -> Iterator[Document | InputProblem | int]:
    for n, line in enumerate(lines, start=1):
        if isinstance(line, InputProblem):
            yield line
            continue
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line.lstrip("\ufeff") if n == 1 else line)
        except ValueError as exc:
            yield InputProblem(where, f"not valid JSON ({getattr(exc, 'msg', exc)}); "
                                      "fix or remove the line")
            continue
        except RecursionError:
            yield InputProblem(where, "JSON nested too deeply; give one flat object a line")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield n
            continue
        text: str = obj["text"]
        if not text.strip():
            yield InputProblem(where, "empty text")
            continue
        doc_id = _clean(obj.get("id")) or f"{path.name}:{n}"
        yield Document(id=doc_id, text=_clean(text), title=_clean(obj.get("title")),
                       url=_clean(obj.get("url")), path=shown,
                       published=_parse_date(str(obj.get("published") or obj.get("date") or "")))


def _jsonl_lines(path: Path, f, notes: list[str] | None) -> Iterator[str | InputProblem]:
    """The lines of a binary JSONL file as text, one item per line; a line over
    :data:`MAX_BYTES` is skipped unread (an :class:`InputProblem`), so memory stays
    bounded whatever the file holds."""
    n = 0
    while line := f.readline(MAX_BYTES + 1):
        n += 1
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield InputProblem(f"{path}:{n}", f"line over the {MAX_BYTES // 1_000_000} MB limit "
                                              "per document; split the document")
            continue
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as exc:
            if notes is not None:
                notes.append(f"{path}:{n}: not valid UTF-8 (byte {exc.start}); "
                             "decoded as Windows-1252")
            yield line.decode("cp1252", errors="replace")


def _jsonl_file(path: Path, notes, shown: str | None = None) -> Iterator[Document | InputProblem]:
    try:
        with open(path, "rb") as f:
            head = f.read(4)
            for magic, what in _MAGIC.items():
                if head.startswith(magic):
                    yield InputProblem(str(path), f"is {what}, not JSONL; give one JSON "
                                                  "object a line")
                    return
            f.seek(0)
            yield from _jsonl(path, _jsonl_lines(path, f, notes), shown)
    except OSError as exc:
        yield InputProblem(str(path), f"cannot be read ({exc.strerror})")


def _folder(path: Path, pattern: str) -> list[Path]:
    if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        raise InputError(f"{path}: --glob {pattern!r} reaches outside the folder; give a pattern "
                         "of names inside it, e.g. '*.txt'")
    files = sorted(p for p in path.rglob(pattern) if p.is_file() and not p.name.startswith("."))
    return files


def _unique(items: Iterable[Document | InputProblem], notes: list[str] | None
            ) -> Iterator[Document | InputProblem]:
    """Documents with ids unique in the run: a repeated id gets a suffix (``id#2``)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            if item.id in seen:
                k = 2
                while f"{item.id}#{k}" in seen:
                    k += 1
                if notes is not None:
                    notes.append(f"{item.path or item.id}: id {item.id!r} is used by an earlier "
                                 f"document; this one is {item.id}#{k}")
                item = dataclasses.replace(item, id=f"{item.id}#{k}")
            seen.add(item.id)
        yield item


def read_inputs(inputs: Iterable[str], *, glob: str = "*", notes: list[str] | None = None
                ) -> Iterator[Document | InputProblem]:
    """Documents from INPUT arguments: files, folders (recursively), ``-`` for
    stdin, JSONL files (one ``{"id", "text", ...}`` per line) and HTML pages.

    A document's id is its file's path inside the folder given (its name for a
    file given itself) or its JSONL ``id``; an id already used in the run gets a
    suffix (``report.txt#2``), so ids are unique and the same in every output."""
    return _unique(_read(inputs, glob, notes), notes)


def _read(inputs: Iterable[str], glob: str, notes: list[str] | None
          ) -> Iterator[Document | InputProblem]:
    for arg in inputs:
        if arg == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
            try:
                if len(data) > MAX_BYTES:
                    raise InputError(f"<stdin>: is over the {MAX_BYTES // 1_000_000} MB limit "
                                     "per document; give the documents as files or JSONL")
                text, note = _decode(data, "<stdin>")
                _check(text, "<stdin>")
            except InputError as exc:
                yield InputProblem("<stdin>", str(exc).split(": ", 1)[1])
                continue
            if note and notes is not None:
                notes.append(note)
            first = text.lstrip()[:1]
            if first == "{":
                yield from _jsonl(Path("<stdin>"), text.splitlines())
            else:
                body, meta = _with_header(text)
                yield Document(id="stdin", text=body, title=meta.get("title"),
                               published=_parse_date(meta.get("published")))
            continue
        path = Path(arg)
        if not path.exists():
            yield InputProblem(arg, "no such file or folder; check the path")
            continue
        try:
            files = _folder(path, glob) if path.is_dir() else [path]
        except InputError as exc:
            yield InputProblem(arg, str(exc).split(": ", 1)[1])
            continue
        if path.is_dir() and not files:
            yield InputProblem(arg, f"folder holds no files matching {glob!r}")
        for f in files:
            shown = display_path(f, arg)
            if f.suffix.lower() in _JSONL_SUFFIXES:
                yield from _jsonl_file(f, notes, shown)
                continue
            if f.suffix.lower() in _NOT_READ_IN_FOLDERS and path.is_dir():
                continue
            try:
                doc = read_text_file(f, notes, shown)
                yield doc if f is path else dataclasses.replace(
                    doc, id=f.relative_to(path).as_posix())
            except InputError as exc:
                yield InputProblem(str(f), str(exc).split(": ", 1)[-1])


def input_named_by(output: str | Path, inputs: Iterable[str], *, glob: str = "*") -> str | None:
    """The input that writing ``output`` would overwrite (a file given, or one that a
    folder given holds and would be read), or None."""
    import os

    if str(output) == "-" or not Path(output).is_file():
        return None
    for arg in inputs:
        path = Path(arg)
        try:
            if arg != "-" and path.is_file() and os.path.samefile(path, output):
                return arg
            if path.is_dir() and Path(output).resolve().is_relative_to(path.resolve()):
                if any(os.path.samefile(f, output) for f in _folder(path, glob)
                       if f.suffix.lower() not in _NOT_READ_IN_FOLDERS):
                    return str(output)
        except (OSError, InputError):
            continue
    return None
