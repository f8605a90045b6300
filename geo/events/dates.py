"""Date expressions in news reports, resolved against the publication date.

Reports tell the past: "on Monday" is the most recent Monday on or before the
publication date (that very day when published on a Monday); "last week" is the
Monday of the previous week (precision ``"week"``); "at the weekend" the most recent
Saturday on or before publication (precision ``"weekend"``); a month and day without
a year is the latest such day not after publication; "in January 2020" is that month;
"overnight" (no day named) the night before publication; "in the past week" the
publication date (precision ``"week"``). Without a publication date only
absolute dates (with a year) resolve.

Examples
--------
>>> import datetime as dt
>>> pub = dt.date(2019, 10, 14)  # a Monday
>>> [(d.date.isoformat(), d.precision) for d in find_dates(
...     "escaped at the weekend, fought last week and on Monday", pub)]
[('2019-10-12', 'weekend'), ('2019-10-07', 'week'), ('2019-10-14', 'day')]
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMatch", "find_dates", "resolve_date", "dateline", "PRECISIONS"]

#: Date precisions, fine to coarse.
PRECISIONS = ("day", "weekend", "week", "month", "year")

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_WEEKDAYS = {d: i for i, d in enumerate(
    "monday tuesday wednesday thursday friday saturday sunday".split())}

# Month names are matched case-sensitively (capitalised) so "may"/"march" stay verbs.
_MON = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November"
        r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_DATE_RE = re.compile(
    rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)"
    rf"|(?P<dmy>\b{_DAY}\s+(?:of\s+)?{_MON}\.?(?:,?\s+{_YEAR})?\b)"
    rf"|(?P<mdy>\b{_MON}\.?\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?)"
    rf"|(?P<my>\b{_MON}\s+{_YEAR}\b)"
    rf"|(?P<mon>\b(?:in|during|since|until|by|early|late|mid-|mid|earlier in|last)\s+{_MON}\b"
    rf"(?!,?\s+{_YEAR}))"
    rf"|(?P<year>\b(?:in|during|since|by|of|throughout)\s+{_YEAR}\b)"
    rf"|(?P<wd>\b(?:(?:last|this|on|early|late|later on|earlier on)\s+)?{_WD}{_PART}\b)"
    r"|(?P<past>\b(?:in|over|during|within) the (?:last|past) (?:week|seven days|few days"
    r"|several days|days|24 hours|48 hours)\b)"
    rf"|(?P<night>\bovernight\b(?!\s+(?:into\s+|on\s+)?{_WD}))"
    r"|(?P<rel>\b(?:the day before yesterday|yesterday|earlier today|today|tonight"
    r"|this (?:morning|afternoon|evening)|last night|earlier this week|this week|last week"
    r"|last weekend|(?:at|over|during|on) the weekend|this weekend|earlier this month|this month"
    r"|last month|earlier this year|this year|last year)\b)",
    re.IGNORECASE,
)

#: What every branch of ``_DATE_RE`` holds (a digit, a day/week/... word, a month's
#: first letters): a text without any holds no date and skips the long alternation.
_MAYBE_DATE = re.compile(r"\d|day|week|night|morning|afternoon|evening|month|year"
                         r"|(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression and what it resolves to.

    Parameters
    ----------
    date : datetime.date
        The day, or the first day of the week/weekend/month/year.
    text : str
        As written.
    start, end : int
        Offsets in the text searched.
    precision : str
        One of :data:`PRECISIONS`.
    """

    date: dt.date
    text: str
    start: int
    end: int
    precision: str


def find_dates(text: str, published: dt.date | None = None) -> list[DateMatch]:
    """Date expressions in ``text`` that resolve, in order.

    Parameters
    ----------
    text : str
        A sentence or any text.
    published : datetime.date or None
        The report's date; relative expressions need it.

    Returns
    -------
    list of DateMatch
    """
    out: list[DateMatch] = []
    if not _MAYBE_DATE.search(text):
        return out
    for m in _DATE_RE.finditer(text):
        got = _resolve(m, published)
        if got is not None:
            out.append(DateMatch(got[0], m.group(), m.start(), m.end(), got[1]))
    return out


def resolve_date(expression: str, published: dt.date | None = None) -> DateMatch | None:
    """The first date expression in ``expression``, resolved; None if there is none."""
    found = find_dates(expression, published)
    return found[0] if found else None


def dateline(text: str, *, within: int = 400) -> dt.date | None:
    """A publication date given on a line of its own near the top ("14th October 2019").

    Parameters
    ----------
    text : str
        The document text.
    within : int
        How many leading characters to look at.

    Returns
    -------
    datetime.date or None
    """
    for line in text[:within].splitlines():
        line = line.strip()
        if not line or len(line) > 40:
            continue
        for d in find_dates(line):
            rest = (line[:d.start] + line[d.end:]).strip(" ,.-–—|:")
            if d.precision == "day" and len(rest) <= 12:
                return d.date
    return None


def _resolve(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date, str] | None:
    kind, s = m.lastgroup, m.group().lower()
    try:
        if kind == "iso":
            return dt.date.fromisoformat(m.group()), "day"
        if kind in ("dmy", "mdy"):
            day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", s)
            if day_m is None:
                return None
            day = int(day_m.group(1))
            month = _month_in(s)
            year_m = re.search(_YEAR, s)
            if year_m:
                return dt.date(int(year_m.group()), month, day), "day"
            if pub is None:
                return None
            d = dt.date(pub.year, month, day)
            return (d if d <= pub + dt.timedelta(days=1) else d.replace(year=pub.year - 1)), "day"
        if kind in ("my", "year"):
            year_m = re.search(_YEAR, s)
            if year_m is None:
                return None
            if kind == "my":
                return dt.date(int(year_m.group()), _month_in(s), 1), "month"
            return dt.date(int(year_m.group()), 1, 1), "year"
    except ValueError:
        return None
    if pub is None:
        return None
    if kind == "mon":
        month = _month_in(s.split(None, 1)[-1])
        year = pub.year if month <= pub.month else pub.year - 1
        return dt.date(year, month, 1), "month"
    if kind == "past":
        return pub, ("day" if "hours" in s else "week")
    if kind == "night":
        return pub - dt.timedelta(days=1), "day"
    if kind == "wd":
        wd = next(i for name, i in _WEEKDAYS.items() if name in s)
        back = (pub.weekday() - wd) % 7
        if s.startswith("last") and back == 0:
            back = 7
        return pub - dt.timedelta(days=back), "day"
    return _relative(s, pub)


def _relative(s: str, pub: dt.date) -> tuple[dt.date, str] | None:
    if "day before yesterday" in s:
        return pub - dt.timedelta(days=2), "day"
    if s in ("yesterday", "last night"):
        return pub - dt.timedelta(days=1), "day"
    if s in ("today", "earlier today", "tonight") or s.startswith("this ") and s.endswith(
            ("morning", "afternoon", "evening")):
        return pub, "day"
    monday = pub - dt.timedelta(days=pub.weekday())
    if s == "last week":
        return monday - dt.timedelta(days=7), "week"
    if s.endswith("this week"):
        return monday, "week"
    if s.endswith("weekend"):
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if s == "last weekend" and saturday == pub:
            saturday -= dt.timedelta(days=7)
        return saturday, "weekend"
    if s.endswith("this month"):
        return pub.replace(day=1), "month"
    if s == "last month":
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), "month"
    if s.endswith("this year"):
        return dt.date(pub.year, 1, 1), "year"
    if s == "last year":
        return dt.date(pub.year - 1, 1, 1), "year"
    return None


def _month_in(s: str) -> int:
    for tok in re.findall(r"[a-z]+", s.lower()):
        if tok in _MONTHS:
            return _MONTHS[tok]
    raise ValueError(s)
