"""Reading reports: text files, folders, stdin, JSONL and HTML pages.

:func:`read_inputs` yields :class:`~geo.model.Document` objects, and an
:class:`InputProblem` for every document it could not read, so a bad document in
a batch is reported and skipped while the rest is kept.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError, InputNotFound
from geo.model import Document

__all__ = ["InputProblem", "read_inputs", "read_text_file", "MAX_BYTES"]

#: Largest document read, in bytes (larger ones are refused with this limit named).
MAX_BYTES = 20_000_000

_TEXT_SUFFIXES = {".txt", ".text", ".md", ".rst", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_MAGIC = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\x1f\x8b": "gzip-compressed",
          b"PK\x03\x04": "a ZIP archive", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image"}
_HEADER = re.compile(r"^(Title|Published|URL|Date|Source):[ \t]*(.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A document that could not be read, and why (one line)."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _decode(data: bytes, where: str) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else
    Windows-1252 with a note saying so."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{where}: is {what}, not text; convert it to text or HTML first")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
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
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
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


def read_text_file(path: Path, notes: list[str] | None = None) -> Document:
    """One text or HTML file as a Document (raises InputError)."""
    where = str(path)
    if not path.exists():
        raise InputNotFound(f"{where}: no such file or folder")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{where}: {size / 1e6:.0f} MB is over the {MAX_BYTES // 1_000_000} MB "
                         "limit per document; split it into smaller files or JSONL lines")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{where}: cannot be read ({exc.strerror})") from None
    text, note = _decode(data, where)
    if note and notes is not None:
        notes.append(note)
    if path.suffix.lower() in _HTML_SUFFIXES:
        return _html_document(text, path)
    _check(text, where)
    body, meta = _with_header(text)
    _check(body, where)
    return Document(id=path.name, text=body, title=meta.get("title"), url=_safe_url(meta.get("url")),
                    path=where, published=_parse_date(meta.get("published") or meta.get("date")))


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else (url or None)


def _html_document(html: str, path: Path) -> Document:
    import trafilatura

    where = str(path)
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_recall=True)
    if not text or not text.strip():
        raise InputError(f"{where}: no article text found in this HTML page")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta else None
    published = _parse_date(meta.date) if meta and meta.date else None
    url = meta.url if meta and meta.url else None
    return Document(id=path.name, text=text, title=title, url=url, path=where, published=published)


def _jsonl(path: Path, lines: Iterable[str]) -> Iterator[Document | InputProblem]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield InputProblem(where, f"not valid JSON ({exc.msg}); fix or remove the line")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield InputProblem(where, 'no "text" string; each line needs {"id": ..., "text": ...}')
            continue
        if not obj["text"].strip():
            yield InputProblem(where, "empty text")
            continue
        yield Document(id=str(obj.get("id", f"{path.name}:{n}")), text=obj["text"],
                       title=obj.get("title"), url=obj.get("url"), path=str(path),
                       published=_parse_date(str(obj.get("published") or obj.get("date") or "")))


def _jsonl_file(path: Path, notes) -> Iterator[Document | InputProblem]:
    try:
        with open(path, "rb") as f:
            head = f.read(4)
        for magic, what in _MAGIC.items():
            if head.startswith(magic):
                yield InputProblem(str(path), f"is {what}, not JSONL")
                return
        with open(path, encoding="utf-8", errors="replace") as f:
            yield from _jsonl(path, f)
    except OSError as exc:
        yield InputProblem(str(path), f"cannot be read ({exc.strerror})")


def _folder(path: Path, pattern: str) -> list[Path]:
    files = sorted(p for p in path.rglob(pattern) if p.is_file() and not p.name.startswith("."))
    return files


def read_inputs(inputs: Iterable[str], *, glob: str = "*", notes: list[str] | None = None
                ) -> Iterator[Document | InputProblem]:
    """Documents from INPUT arguments: files, folders (recursively), ``-`` for
    stdin, JSONL files (one ``{"id", "text", ...}`` per line) and HTML pages."""
    for arg in inputs:
        if arg == "-":
            data = sys.stdin.buffer.read()
            try:
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
            yield InputProblem(arg, "no such file or folder")
            continue
        files = _folder(path, glob) if path.is_dir() else [path]
        if path.is_dir() and not files:
            yield InputProblem(arg, f"folder holds no files matching {glob!r}")
        for f in files:
            if f.suffix.lower() in _JSONL_SUFFIXES:
                yield from _jsonl_file(f, notes)
                continue
            if f.suffix.lower() in (".geojson", ".parquet", ".gpkg") and path.is_dir():
                continue
            try:
                yield read_text_file(f, notes)
            except InputError as exc:
                yield InputProblem(str(f), str(exc).split(": ", 1)[-1])
