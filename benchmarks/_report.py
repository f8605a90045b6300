"""Sections of Markdown tables, printed and written the same."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class Section:
    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ""  # free text (e.g. another script's output) instead of or after a table

    def add(self, *cells):
        self.rows.append([cell(c) for c in cells])


def cell(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        if math.isnan(v):
            return "–"
        return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
    return str(v)


def num(v, digits: int = 1, unit: str = "") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{v:,.{digits}f}{unit}"


def mb(kb) -> str:
    return "–" if kb is None else f"{kb / 1024:,.0f} MB"


def _table(headers, rows) -> list[str]:
    widths = [
        max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h))
        for i, h in enumerate(headers)
    ]
    numeric = [all(_numeric(r[i]) for r in rows) and rows for i in range(len(headers))]

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            out.append(c.rjust(widths[i]) if numeric[i] else c.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    sep = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if numeric[i] else ("-" * (w + 2)) for i, w in enumerate(widths)
        )
        + "|"
    )
    return [line([str(h) for h in headers]), sep, *(line(r) for r in rows)]


def _numeric(s: str) -> bool:
    s = s.replace(",", "").replace("×", "").replace("%", "").replace("–", "").strip()
    for unit in (" MB", " s", " ms", " µs"):
        s = s.removesuffix(unit)
    if not s:
        return True
    try:
        float(s)
        return True
    except ValueError:
        return False


def markdown(title: str, intro: list[str], sections: list[Section]) -> str:
    lines = [f"# {title}", ""]
    lines += intro
    for s in sections:
        lines += ["", f"## {s.title}", ""]
        if s.headers:
            lines += _table(s.headers, s.rows)
        if s.text:
            if s.headers:
                lines.append("")
            lines.append(s.text.rstrip())
        if s.notes:
            if s.headers or s.text:
                lines.append("")
            lines += [f"- {n}" for n in s.notes]
    return "\n".join(lines) + "\n"
