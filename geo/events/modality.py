"""Whether a sentence reports its event as having happened.

Rules, first that applies wins (see :data:`geo.events.match.MODALITIES`):

1. a question (the sentence ends with "?") -> ``hypothetical``;
2. a negator within four words before the trigger in its clause ("did not say",
   "has not attacked", "no one was killed"), or "denied", "failed to", "yet to" in the
   clause -> ``negated``;
3. a conditional or fearful word in the clause before the trigger ("if", "could",
   "may", "might", "would", "warned that", "fears") -> ``hypothetical``;
4. an intention or future word in the clause before the trigger ("plans", "will",
   "threatened to", "called on", "decision to", "attempt") or just after it
   ("… are planned", "tomorrow"), or a bare verb after "to" ("to withdraw"; but not
   "began to pull back", "forced to flee") -> ``planned``;
5. the trigger is followed by "for years", "for decades"…, or is a state rather than
   an event ("are jailed", "remain displaced", "has been held"; but "have been
   detained" is an arrest) -> ``generic``;
6. hedges anywhere in the sentence ("reportedly", "allegedly", "was said to",
   "reports claim") -> ``reported``;
7. else ``asserted``.

A clause runs from the last boundary before the trigger: punctuation (``, ; : ( ) –``)
or a subordinating word ("as", "when", "after", "where", "which", "but"…). A noun
trigger right after a colon or dash is an apposition and keeps the clause before it
("could hand Islamic State the chance: mass escapes…" stays hypothetical).
"""
from __future__ import annotations

import bisect
import functools
import re

__all__ = ["modality", "clause_span", "is_base_verb", "is_past_form"]

_BOUNDARY = re.compile(
    r"[;:()\[\]\u2013\u2014]|\s-\s|,(?!\d)|\b(?:while|whereas|although|though|because|but"
    r"|where|which|who|whom|whose|when|after|before|since|until|once)\b"
    r"|(?<!such )\bas\b(?!\s+(?:many|much|well|part|of|a|an|long|soon|far|to|if)\b)",
    re.IGNORECASE,
)
_NEG_WORD = re.compile(r"(?:not|never|no|without|nor|neither|cannot|stop|stopped|halt|halted"
                       r"|cease|ceased|none|nobody|hardly)$|n['’]t$", re.IGNORECASE)
_NEG_CLAUSE = re.compile(r"\b(?:denied|denies|deny|denying|yet to|failed to|fails to|refused to"
                         r"|ruled out|averted|prevented)\b", re.IGNORECASE)
_HYPO = re.compile(r"\b(?:if|unless|whether|could|might|(?-i:may)|would|should|were able to"
                   r"|in case"
                   r"|fears?|feared|fearing|warn(?:ed|s|ing)?|risks?|threat of|possibl[ey]"
                   r"|potential(?:ly)?|lest|envisage[ds]?|scenarios?|prospect of|what if"
                   r"|imagin(?:e|ed|ing))\b", re.IGNORECASE)
_PLAN = re.compile(
    r"\b(?:will|won['’]t|shall|going to|plans?|planned|planning|plott?(?:ed|ing|s)?|intends?"
    r"|intended|intention|aims?|aimed|aiming|threat(?:en|ens|ened|ening)|vow(?:s|ed)?"
    r"|pledged?|pledges|promis(?:e|es|ed)|prepar(?:e|es|ed|ing)|set to|expected to|about to"
    r"|decid(?:e|es|ed) to|decision|wants?|wanted|seeks?|seeking|sought|call(?:s|ed|ing)? "
    r"(?:for|on)|urg(?:e|es|ed|ing)|demand(?:s|ed|ing)?|ask(?:s|ed)|attempt(?:s|ed|ing)?"
    r"|tr(?:y|ies|ied|ying) to|efforts? to|bid to|order(?:s|ed)|propos(?:e|es|ed|al)"
    r"|consider(?:s|ed|ing)?|ready to|readying|mull(?:s|ed|ing)?|hopes?|hoped|tomorrow"
    r"|next (?:week|month|year)|in the coming|\w+['’]ll)\b",
    re.IGNORECASE,
)
_PLAN_AFTER = re.compile(r"^\W*(?:(?:is|are|was|were|has been|have been|being)\s+)?(?:planned"
                         r"|expected|scheduled|due|feared|possible|likely|threatened|called for"
                         r"|set for)\b|\b(?:tomorrow|next (?:week|month|year)|in the coming)\b",
                         re.IGNORECASE)
_GENERIC_AFTER = re.compile(r"\bfor (?:years|decades|months|generations|a decade|many years)\b"
                            r"|\bsince (?:19|20)\d\d\b|\bfor the past (?:\w+ )?(?:years|decades)\b",
                            re.IGNORECASE)
#: "years of fighting"; a trend or a prospect rather than an incident: "the increased
#: frequency of militant attacks", "a rise in kidnappings", "the threat of air strikes".
_GENERIC_BEFORE = re.compile(r"\b(?:(?:days|weeks|months|years|decades) of"
                             r"|(?:frequency|number|rate|rise|increase|decrease|decline|threat"
                             r"|fear|fears|risk|prospect|likelihood) (?:of|in))\s+(?:[\w'’-]+\s+){0,2}$",
                             re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\b(?:are|is|remain|remains|currently|still)\s+(?:\w+ly\s+)?$",
                           re.IGNORECASE)
_STATE_WORD = re.compile(r"(?:jailed|held|detained|imprisoned|locked up|incarcerated|displaced"
                         r"|in custody|in detention)\b", re.IGNORECASE)
_HELD_BEFORE = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?been\s+$", re.IGNORECASE)
_HELD_WORD = re.compile(r"(?:held|jailed|imprisoned|locked up|incarcerated|displaced)\b",
                        re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:reportedly|allegedly|purportedly|reports? (?:claim|claimed|say|said"
                       r"|suggest)|(?:was|were|is|are) (?:also )?said to|unconfirmed|unverified"
                       r"|rumou?red|claimed)\b", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_TO_FACT = re.compile(r"\b(?:begin|began|begun|beginning|start|started|starting|continue[sd]?"
                      r"|continuing|forced|managed|compelled|obliged|had|used)\s+to\s+"
                      r"(?:\w+ly\s+)?$", re.IGNORECASE)
_IRREGULAR_PAST = frozenset("""fought withdrew withdrawn fled took taken overran overrun retook
    retaken shot blew set struck hit stole burnt beat held seized broke broken drove left went
    threw thrown began begun led""".split())


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding ``text[start:end]``: from the last boundary before it to the next.

    Parameters
    ----------
    text : str
        The sentence.
    start, end : int
        The trigger's offsets in ``text``.

    Returns
    -------
    tuple of int
        ``(clause_start, clause_end)`` offsets in ``text``.
    """
    starts, ends = _boundaries(text)
    before = bisect.bisect_right(ends, start)  # boundaries that end by ``start``
    after = bisect.bisect_left(starts, end)    # the first that starts at ``end`` or later
    return (ends[before - 1] if before else 0), (starts[after] if after < len(starts)
                                                 else len(text))


@functools.lru_cache(maxsize=8)
def _boundaries(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause boundaries of a sentence, found once for all its
    triggers (a long sentence with many triggers costs time linear in its length)."""
    found = [m.span() for m in _BOUNDARY.finditer(text)]
    return [a for a, _ in found], [b for _, b in found]


def is_past_form(word: str) -> bool:
    """Whether ``word`` (a trigger's first word) looks like a past tense or participle."""
    w = word.lower()
    return w.endswith("ed") or w in _IRREGULAR_PAST


def is_base_verb(word: str) -> bool:
    """Whether ``word`` may be a bare verb ("withdraw", "escape", "attack")."""
    w = word.lower()
    return not (w.endswith(("ed", "ing", "s")) or w in _IRREGULAR_PAST)


def modality(text: str, start: int, end: int) -> str:
    """The modality of the event triggered by ``text[start:end]`` in sentence ``text``.

    Parameters
    ----------
    text : str
        The sentence.
    start, end : int
        The trigger's offsets in ``text``.

    Returns
    -------
    str
        ``"asserted"``, ``"reported"``, ``"planned"``, ``"hypothetical"``, ``"negated"``
        or ``"generic"``.
    """
    if text.rstrip(" \"'”’)»").endswith("?"):
        return "hypothetical"
    c0, c1 = clause_span(text, start, end)
    if c0 > 0 and text[c0 - 1] in ":\u2013\u2014" and not is_past_form(text[start:end].split()[0]):
        c0 = clause_span(text, c0 - 1, c0 - 1)[0]  # a noun after a colon or dash: apposition
    prefix = text[c0:start]
    words = prefix.split()[-4:]
    negator = any(_NEG_WORD.match(w.strip(".,;:!?\"'“”‘’()")) for w in words)
    if negator or _NEG_CLAUSE.search(prefix):
        return "negated"
    if _HYPO.search(prefix):
        return "hypothetical"
    after = text[end:c1]
    first = text[start:end].split()[0]
    if _PLAN.search(prefix) or _PLAN_AFTER.search(after):
        return "planned"
    if is_base_verb(first) and _TO_BEFORE.search(prefix) and not _TO_FACT.search(prefix):
        return "planned"
    if _GENERIC_AFTER.search(text, end, min(len(text), end + 80)) or _GENERIC_BEFORE.search(prefix):
        return "generic"
    if _STATE_BEFORE.search(prefix) and _STATE_WORD.match(text, start) or \
            _HELD_BEFORE.search(prefix) and _HELD_WORD.match(text, start):
        return "generic"  # a state, not an event: "are jailed", "has been held"
    if _REPORTED.search(text):
        return "reported"
    return "asserted"
