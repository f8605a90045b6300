"""The rules of :func:`geo.spatial.parse.find_expressions`: one regex and handler each.

A rule's regex is a template whose ``{P}`` slots stand for the alternation of the
sentence's mention texts; its handler checks that slots fall on mentions of the
right kind and returns an :class:`~geo.spatial.expression.Expression` or None.
:func:`matches` finds what the templates compiled with that alternation would find,
but compiles each rule once (with a slot that the engine checks against the mention
texts), and skips a rule in a sentence that lacks the words it ``needs``.

======================================  ==========  =================================
written                                 relation    anchors
======================================  ==========  =================================
40 km north of Kherson                  offset      the place
east of Aleppo / 10 km from Gao         offset      the place (no distance / bearing)
30 km (20 miles) into Syrian territory  into        border: SY inside, other inferred
deep inside Ukrainian territory         into        border, modifier "deep"
northeast(ern) Syria, Syria's north     part        the country or region
the north of Syria, northern Kherson    part        (a town: part of its disc)
fighting for the north-west             part        place before it, or the country
central Tel Abyad, the heart of Gaza    central     the place
along the Turkish border                along       border: TR named, other inferred
the Turkey-Syria border                 border      border: both named
between Gao and Ansongo                 between     two places
east of the Euphrates, east bank of     side        the river
near Bakhmut, outskirts of Aleppo       near        the place (modifier "outskirts")
within 10 km of Mosul                   near        the place, with a distance
======================================  ==========  =================================
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from .anchors import kind_of, place_anchor, prefer
from .compass import CENTRAL, compass_point
from .expression import Anchor, Expression
from ._needs import distance_or_deep, test
from ._window import RuleMatch, Shifted
from ._window import windows as _windows
from .lexicon import DIR, DIST
from .making import direction, make
from .rules_usage import (
    banks,
    bare_part,
    between,
    between_unknown,
    border,
    border_section,
    border_side,
    countryside,
    hand_bank,
    outskirts_side,
)

if TYPE_CHECKING:
    from .parse import Context

__all__ = ["RULES", "Rule", "compiled", "matches"]

Handler = Callable[[RuleMatch, "Context"], "Expression | None"]

_B = r"(?<![\w-])"
#: Readings of a name that "northern X" / "central X" prefer over a town: "northern
#: Gaza" is the Gaza Strip, "northern Kherson" the oblast; "central Kherson" the city.
_AREAS = {"part": ("region", "admin1"), "central": ("region",)}
_THE = r"(?:the\s+)?"
_OF = (r"(?:(?:the\s+)?(?:(?-i:[A-Z][\w-]+)\s+)?(?:town|city|village|settlement|region|province"
       # "the <state> town of X": a capitalised word (the container) before the noun
       r"|district|governorate|state|area|camp|port|oblast)s?\s+of\s+"
       # an appositive capital: "the Afghan capital of Kabul", "the state capital, El-Obeid"
       r"|(?:the\s+|its\s+)?(?:(?-i:[A-Z][\w-]+)(?:'s|’s)?\s+){0,2}(?:state\s+|provincial\s+|regional\s+)?"
       r"capital(?:\s+city)?(?:\s+of|\s*,)?\s+)?")
_DEM = r"(?-i:[A-Z][a-z]+)"
_RURAL = (r"(?:countryside|rural\s+areas?|hinterland|outlying\s+areas|surrounding\s+areas"
          r"|surroundings)")
_CTRY = r"{P}|" + _DEM
_BORDER = r"(?:border|frontier|boundary)"
#: "X department", "Kherson region": an admin unit named after its town.
_UNIT_AFTER = (r"(?:\s+(?P<unit>department|district|county|province|governorate|prefecture"
               r"|oblast|raion|municipality|commune)(?![\w-]))?")
_UNIT_KINDS = ("region", "admin1", "admin2")
_UNIT_WORD = r"(?:\s+(?:oblast|region|province|governorate|state|district))?"
#: "the Syrian border town": a noun after "X border" puts the zone on X's side.
_SIDE_NOUNS = (r"towns?|villages?|city|cities|settlements?|crossings?|posts?|checkpoints?|camps?"
               r"|districts?|provinces?|regions?|areas?|zones?|strip|communities|guards?")


def _dir_of(m: RuleMatch, ctx: Context) -> Expression | None:
    """``[DIST] DIR of P``, ``the [far] DIR [part] of P``, ``the east bank of P``."""
    res = ctx.at(m, "p1")
    code = direction(m, ctx)
    if res is None or code is None or code == CENTRAL:
        return None
    word = (m.group("part") or "").lower()
    if word.startswith(("bank", "shore")) or m.group("thep"):
        res = prefer(res, ("river",))           # "the east bank of the Dnipro"
    kind, dist = kind_of(res), m.group("dist")
    anchor = place_anchor(res)
    far = "far" if m.group("far") else ""
    if kind == "river":
        mod = "bank" if word.startswith(("bank", "shore")) else ""
        return make(m, ctx, "side", (anchor,), direction=code, dist=dist, modifier=mod)
    if word.startswith(("bank", "shore")):
        return None
    if kind == "area" and not dist and (m.group("to") or not (m.group("the") or word)):
        return make(m, ctx, "offset", (anchor,), direction=code)   # "south of Tigray"
    if kind in ("country", "area"):
        if dist or not (m.group("the") or word):
            return None
        return make(m, ctx, "part", (anchor,), direction=code, modifier=far)
    if m.group("unit") and not dist:                # "the north of X department"
        return _part_of(m, ctx, res, code)
    if not dist and (m.group("the") or word) and not m.group("to"):
        return make(m, ctx, "part", (anchor,), direction=code, modifier=far)
    return make(m, ctx, "offset", (anchor,), direction=code, dist=dist)


def _from(m: RuleMatch, ctx: Context) -> Expression | None:
    """``DIST from P``: a ring about a town."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) != "point":
        return None
    return make(m, ctx, "offset", (place_anchor(res),), dist=m.group("dist"))


def _within(m: RuleMatch, ctx: Context) -> Expression | None:
    """``within DIST of P``: a disc (or a buffer of an area or river)."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) == "country":
        return None
    return make(m, ctx, "near", (place_anchor(res),), dist=m.group("dist"))


def _into(m: RuleMatch, ctx: Context) -> Expression | None:
    """``DIST into Syrian territory``, ``deep inside Ukraine``."""
    if m.group("dem"):
        got = ctx.country(m, "dem")
    else:
        got = ctx.country(m, "p1")
    if got is None:
        return None
    code, res = got
    others = ctx.countries(exclude=[code])
    anchor = Anchor(kind="border", code=code, others=others, inferred=True, resolution=res,
                    text=m.group("dem") or m.group("p1"))
    mod = "deep" if m.group("deep") else ""
    return make(m, ctx, "into", (anchor,), dist=m.group("dist"), modifier=mod)


def _part(m: RuleMatch, ctx: Context) -> Expression | None:
    """``northeast(ern) Syria``, ``far northern Mali``, ``central Tel Abyad``, ``downtown Kyiv``."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) == "river":
        return None
    word = m.group("dir")
    code = CENTRAL if word.lower() in ("central", "downtown") else direction(m, ctx)
    if code is None:
        return None
    return _part_of(m, ctx, res, code)


def _part_of(m: RuleMatch, ctx: Context, res, code: str) -> Expression:
    """A part of the anchor's area ("northeast", "far south") or its centre; with a
    unit word ("X department") the unit, not the town."""
    relation = "central" if code == CENTRAL else "part"
    unit = "unit" in m.re.groupindex and m.group("unit")
    res = prefer(res, _UNIT_KINDS if unit else _AREAS[relation])
    modifier = "far" if m.group("far") else ("unit" if unit else "")
    if not modifier and _VILLAGE_IN.search(ctx.text, 0, m.start()):
        modifier = "district"       # "a village in southwestern X": not the town
    return make(m, ctx, relation, (place_anchor(res),), direction=code, modifier=modifier)


#: Villages lie around a town, not in it: "a village in southern X" is of X's district.
_VILLAGE_IN = re.compile(r"(?<![\w-])(?:villages?|hamlets?)\s+in\s+(?:the\s+)?$", re.IGNORECASE)


def _heart(m: RuleMatch, ctx: Context) -> Expression | None:
    """``the heart/centre of P``."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) == "river":
        return None
    res = prefer(res, _AREAS["central"])
    return make(m, ctx, "central", (place_anchor(res),), direction=CENTRAL)


#: "Turkey's southern frontier", "Ukraine's southern command", "Iraq's northern province
#: of X", "Ukraine's southern Kherson region": the direction qualifies the noun or name
#: that follows (a border, an organisation, a place named next), not a part of the area.
_NOT_A_PART = (r"(?!\s+(?:(?-i:[A-Z])|(?:borders?|frontiers?|boundary|boundaries|command|military"
               r"|army|forces|troops|neighbou?rs?|allies|city|cities|towns?|villages?|ports?"
               r"|capital|provinces?|governorates?|districts?|states?|oblasts?|coast(?:line)?"
               r"|flank|front\s+line|fleet)(?![\w-])))")


def _possessive(m: RuleMatch, ctx: Context) -> Expression | None:
    """``Syria's northeast``, ``Aleppo's outskirts``, ``Gaza's centre``."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) == "river":
        return None
    word = m.group("dir").lower()
    if word in ("outskirts", "suburbs", "edge", "environs"):
        if kind_of(res) == "country":
            return None
        return make(m, ctx, "near", (place_anchor(res),), modifier="outskirts")
    code = compass_point(word)
    if code is None:
        return None
    return _part_of(m, ctx, res, code)


def _near(m: RuleMatch, ctx: Context) -> Expression | None:
    """``near Bakhmut``, ``on the outskirts of Aleppo``, ``just outside Kyiv``."""
    res = ctx.at(m, "p1")
    if res is None or kind_of(res) == "country" or _NOUN_OF.match(ctx.text, m.end()):
        return None                 # "around the <state> town of X": X, not the state
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    mod = "outskirts" if any(w in rel for w in ("outskirts", "edge", "suburbs", "outside",
                                                   "environs")) else ""
    return make(m, ctx, "near", (place_anchor(res),), modifier=mod)


_NOUN_OF = re.compile(r"\s+(?:town|city|village|settlement|camp|port)s?\s+of\s", re.IGNORECASE)
_DIR_PART = (r"(?:\s+(?P<part>part|parts|region|regions|portion|half|corner|tip|reaches|side"
             r"|bank|banks|shore))?")


class Rule(NamedTuple):
    r"""One rule: its regex template, its handler and what makes it worth trying.

    ``needs`` is a regex that every match of the rule contains, or a test of the
    sentence that every sentence with a match passes (others are skipped); ``mention`` whether every match fills a slot with a
    mention (a demonym can fill a country's); ``follow`` maps a slot to a lookahead
    that the text after the slot satisfies in any match (only where it prunes more
    than the default ``(?![\w-])``, which every other slot is followed by).
    """

    template: str
    handler: Handler
    needs: str | Callable[[str], bool]
    mention: bool = True
    follow: Mapping[str, str] = MappingProxyType({})


#: The rules, in the order they are tried; ``{P}`` in a template is the slot a
#: mention fills (in :func:`compiled`, the alternation of the sentence's mentions).
RULES: tuple[Rule, ...] = (
    Rule(_B + rf"(?:(?P<dist>{DIST})\s+(?:to\s+the\s+|due\s+)?|(?:(?P<to>to|towards)\s+)?(?P<the>the)\s+(?:(?P<far>far|extreme)"
         rf"\s+)?|(?:just|due|immediately)\s+)?(?P<dir>{DIR}){_DIR_PART}\s+(?:of|from)\s+"
         rf"(?P<thep>the\s+)?{_OF}(?P<p1>{{P}})(?![\w-]){_UNIT_AFTER}", _dir_of, needs=DIR),
    Rule(_B + rf"(?P<dist>{DIST})[\"”’']?\s+(?:away\s+)?from\s+{_THE}{_OF}(?P<p1>{{P}})(?![\w-])", _from,
         needs=r"\sfrom\s"),
    Rule(_B + rf"within\s+(?:a\s+)?(?P<dist>{DIST})(?:\s+radius)?\s+(?:of|from|around)\s+{_THE}"
         rf"{_OF}(?P<p1>{{P}})(?![\w-])", _within, needs=r"within\s"),
    Rule(_B + rf"(?:(?P<dist>{DIST})(?:[\s-]+deep)?\s+|(?P<deep>deep|far|well)\s+)(?:into|inside"
         rf"|in)\s+{_THE}(?:(?P<dem>{_DEM})\s+(?:territory|territories|soil|land|airspace|side)"
         r"|(?P<p1>{P})(?:(?:'s|’s)\s+(?:territory|soil|airspace))?)(?![\w-])", _into,
         needs=distance_or_deep, mention=False),
    Rule(_B + rf"(?:(?P<far>far|extreme)[\s-]+)?(?P<dir>{DIR}|central|downtown)\s+"
         r"(?:(?:part|parts|region|regions|areas?|reaches|districts?)\s+of\s+)?(?:the\s+)?"
         r"(?:(?:occupied|besieged|rebel-held|restive|war-torn|embattled|volatile|troubled)\s+)?"
         r"(?P<p1>{P})(?![\w-])" + _UNIT_AFTER, _part, needs=rf"{DIR}|central\s|downtown\s"),
    Rule(r"(?<!to\s)(?<!from\s)(?<!towards\s)(?<![\w-])the\s+(?:(?P<far>far|extreme)[\s-]+)?"
         r"(?P<dir>(?-i:north|south|east|west)(?:[\s-]?(?-i:north|south|east|west))?)"
         r"(?=\s*[,.;:]|\s*$|\s+(?:which|where|that|and|as)(?![\w-]))",
         bare_part, needs=r"the\s+(?:far\s+|extreme\s+)?(?:north|south|east|west)", mention=False),
    Rule(_B + r"(?:the\s+)?(?:heart|centre|center|middle|city\s+cent(?:re|er))\s+of\s+" + _THE
         + _OF + r"(?P<p1>{P})(?![\w-])", _heart, needs=r"(?:heart|centre|center|middle)\s+of\s"),
    Rule(_B + r"(?P<p1>{P})\s+(?:city\s+|town\s+)?(?:centre|center)(?![\w-])", _heart,
         needs=r"\s(?:centre|center)", follow={"p1": r"(?=\s+(?:city\s+|town\s+)?cent)"}),
    Rule(_B + r"(?P<p1>{P})(?:'s|’s)\s+(?:(?P<far>far|extreme)[\s-]+)?"
         rf"(?P<dir>{DIR}|outskirts|suburbs|edge|environs|centre|center|heart)(?![\w-])"
         r"(?:\s+(?:part|parts|region|regions|areas?))?" + _NOT_A_PART, _possessive,
         needs=r"(?:'s|’s)\s", follow={"p1": r"(?=(?:'s|’s)\s)"}),
    Rule(_B + r"(?:(?P<prep>along|on|near|close\s+to|at|across|over|to|from|by|inside)\s+)?"
         r"(?:the\s+|its\s+|their\s+|our\s+)?(?P<c1>" + _CTRY + r")(?:\s*[-–—/]\s*(?P<c2>" + _CTRY
         + r"))?\s+" + _BORDER + r"(?:\s+(?P<noun>" + _SIDE_NOUNS + r"))?(?![\w-])", border,
         needs=_BORDER, mention=False, follow={"c1": rf"(?=\s*[-–—/]|\s+{_BORDER})", "c2": rf"(?=\s+{_BORDER})"}),
    Rule(_B + r"(?:(?P<prep>along|on|near|close\s+to|at|across|over|to|from|by)\s+)?(?:the\s+|its\s+"
         r"|their\s+|(?P<c0>" + _CTRY + r")(?:'s|’s)\s+)?" + _BORDER + r"\s+(?P<with>with|between|of)"
         r"\s+(?:the\s+)?(?P<c1>" + _CTRY + r")" + _UNIT_WORD + r"(?:\s+and\s+(?:the\s+)?(?P<c2>"
         + _CTRY + r")" + _UNIT_WORD + r")?(?![\w-])", border, needs=_BORDER,
         mention=False, follow={"c0": r"(?=(?:'s|’s)\s)"}),
    Rule(_B + rf"(?:the\s+)?(?P<dir>{DIR})\s+(?:section|part|stretch|portion|segment|sector|end)s?"
         r"\s+of\s+(?:the|their|its|our)\s+(?:shared\s+|common\s+)?" + _BORDER + r"(?![\w-])",
         border_section, needs=_BORDER, mention=False),
    Rule(_B + r"(?:on\s+)?the\s+(?P<c1>" + _CTRY + r")\s+side(?:\s+of\s+the\s+" + _BORDER
         + r")?(?![\w-])", border_side, needs=r"\sside", mention=False,
         follow={"c1": r"(?=\s+side)"}),
    Rule(_B + r"(?:(?:on|along)\s+)?(?:the\s+|an?\s+)?(?:(?:main\s+)?(?:road|highway|route|stretch|axis"
         r"|front\s*line|frontline|corridor|area)\s+)?between\s+" + _THE + _OF + r"(?P<p1>{P})\s+"
         r"and\s+" + _THE + _OF + r"(?P<p2>{P})(?![\w-])", between, needs=r"between\s",
         follow={"p1": r"(?=\s+and\s)"}),
    Rule(_B + r"(?:(?:on|along)\s+)?(?:the\s+|an?\s+)?(?:(?:road|highway|route)\s+)?between\s+"
         r"(?P<p1>{P})\s+and\s+" + _THE + _OF + r"(?P<unknown>(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})"
         r"(?![\w-])", between_unknown, needs=r"between\s", follow={"p1": r"(?=\s+and\s)"}),
    Rule(_B + r"(?:(?:the|its)\s+)?(?P<hand>left|right)\s+bank\s+of\s+(?:the\s+)?(?P<p1>{P})"
         r"(?:\s+river)?(?![\w-])", hand_bank, needs=r"(?:left|right)\s+bank"),
    Rule(_B + r"(?:the\s+)?(?P<p1>{P})(?:'s|’s)?\s+(?P<hand>left|right)\s+bank(?![\w-])", hand_bank,
         needs=r"(?:left|right)\s+bank"),
    Rule(_B + rf"(?:(?:on|in|into|to)\s+)?(?:the\s+)?(?P<dir>{DIR})\s+(?:outskirts|suburbs|edges?"
         rf"|environs)\s+of\s+{_THE}{_OF}(?P<p1>{{P}})(?![\w-])", outskirts_side,
         needs=r"(?:outskirts|suburbs|edges?|environs)\s+of\s"),
    Rule(_B + r"(?:(?:on|along)\s+)?the\s+(?:river\s*)?banks?\s+of\s+(?:the\s+)?(?P<p1>{P})"
         r"(?:\s+river)?(?![\w-])", banks, needs=r"banks?\s+of\s"),
    Rule(_B + rf"(?:(?:the|its)\s+)?(?:(?P<dir>{DIR})\s+)?{_RURAL}\s+(?:of|around)\s+{_THE}{_OF}"
         r"(?P<p1>{P})(?![\w-])", countryside, needs=_RURAL),
    Rule(_B + r"(?P<p1>{P})(?:(?:'s|’s)?|\s+and\s+(?:its|their))\s+(?:(?P<dir>" + DIR + r")\s+)?"
         + _RURAL + r"(?:\s+to\s+the\s+(?P<dir2>" + DIR + r"))?(?![\w-])", countryside, needs=_RURAL),
    Rule(_B + r"(?P<rel>near|nearby|close\s+to|in\s+the\s+vicinity\s+of|the\s+vicinity\s+of"
         r"|just\s+outside(?:\s+of)?|on\s+the\s+outskirts\s+of|the\s+outskirts\s+of|outskirts\s+of"
         r"|on\s+the\s+edge\s+of|the\s+edge\s+of|in\s+the\s+suburbs\s+of|the\s+suburbs\s+of"
         r"|suburbs\s+of|in\s+and\s+around|around|outside|(?:the\s+)?environs\s+of)\s+" + _THE
         + _OF + r"(?P<p1>{P})(?![\w-])", _near,
         needs=r"near|close\s+to|vicinity\s+of|outside|outskirts\s+of|edge\s+of|suburbs\s+of"
               r"|around|environs\s+of"),
)


@functools.lru_cache(maxsize=16)
def compiled(alternation: str) -> tuple[tuple[re.Pattern, Handler], ...]:
    """The rules compiled for one mention alternation (cached).

    Compiling costs ~10 ms a rule, so :func:`matches` avoids it; this is the
    reference it must agree with, and its fallback for odd text.
    """
    return tuple((_compile_one(i, alternation), r.handler) for i, r in enumerate(RULES))


@functools.lru_cache(maxsize=256)
def _compile_one(index: int, alternation: str) -> re.Pattern:
    return re.compile(RULES[index].template.replace("{P}", alternation), re.IGNORECASE)


# -- matching without compiling per sentence ---------------------------------------------------
#
# A template's ``{P}`` alternation is replaced by a generic slot, ``[^\x00]{1,n}``, that
# the regex engine itself checks against the sentence's mention texts: they are
# appended to the sentence after a NUL, as ``\x01text\x01text\x01``, and a lookahead
# after the slot must find ``\x01`` + the slot's text (a case-insensitive
# backreference) + ``\x01`` there. The slot tries lengths longest first, as the
# longest-first alternation tried its texts, so every match, span and group is the
# alternation's own. Nothing in a template can match a NUL and its negative
# lookaheads accept one as they accepted the end of the text, so only matches that
# start past the sentence are new, and those are dropped.

_SEP, _END = "\x01", "\x00"
#: A slot tries no text longer than the sentence's longest mention text (rounded up
#: to a power of two, so that few variants are compiled), which keeps the work at
#: each position of the sentence bounded whatever it holds; a mention text longer
#: than this (none in practice) sends the sentence to the compiled alternation.
_SLOT_MAX = 256
_NOT_WORD = r"(?![\w-])"
_SLOT_AT = re.compile(r"\(\?P<(\w+)>\{P\}(\)|\|)")
#: Characters whose case-insensitive match as a pattern literal differs from that as
#: a backreference (``"i"`` matches ``"ı"`` only as a literal): text holding one is
#: read with the compiled alternation. Found by comparing the two over all of
#: Unicode on CPython 3.11; all are non-ASCII.
_FOLD_ODD = frozenset("µıſͅΐΒΕΘΙΚΜΠΡΣΦΰβεθικμπρςσφϐϑϕϖϰϱϴϵВДОСТЪвдостъѢѣᲀᲁᲂᲃᲄᲅᲆᲇᲈṠṡẛιΐΰꙊꙋﬅﬆ"
                      + _SEP + _END)


def _is_mention(group: str) -> str:
    """Lookahead: the text of ``group`` is one of the mention texts after the NUL."""
    return rf"(?=[^\x00]*\x00[^\x00]*?\x01(?P={group})\x01)"


def _generic(rule: Rule, longest: int) -> str:
    any_text = rf"[^\x00]{{1,{longest}}}"  # a slot: any text up to the longest mention's

    def slot(m: re.Match) -> str:
        name, closing = m.group(1), m.group(2)
        follow = rule.follow.get(name, _NOT_WORD)
        if closing == ")":                      # (?P<p1>{P})
            return rf"(?P<{name}>{any_text}){follow}{_is_mention(name)}"
        inner = f"{name}_slot"                  # (?P<c1>{P}|demonym): the slot is a branch
        return rf"(?P<{name}>(?P<{inner}>{any_text}){follow}{_is_mention(inner)}|"

    out, n = _SLOT_AT.subn(slot, rule.template)
    if n != rule.template.count("{P}"):
        raise ValueError(f"a slot of {rule.handler.__name__} is not a (?P<name>{{P}}...) group")
    return out


@functools.cache
def _generic_rules(longest: int) -> tuple[tuple[re.Pattern, Callable[[str], bool], bool,
                                                Handler], ...]:
    """(generic regex, ``needs`` test, whether a match needs a mention, handler) per rule,
    for slots of at most ``longest`` characters."""
    return tuple((re.compile(_generic(r, longest), re.IGNORECASE), test(r.needs), r.mention,
                  r.handler) for r in RULES)


def matches(text: str, mentions: Collection[str]) -> Iterator[tuple[RuleMatch, Handler]]:
    """Every rule's matches in a sentence, rule by rule, each with its handler.

    The same matches (spans, groups, order) as ``compiled(alternation)`` gives for
    the alternation of ``mentions``, without compiling anything per sentence.

    Parameters
    ----------
    text : str
        The sentence.
    mentions : collection of str
        The texts of its resolved mentions (what ``{P}`` stands for).
    """
    names = sorted(set(mentions), key=len, reverse=True)
    odd = not all(names) or not _FOLD_ODD.isdisjoint(text) \
        or any(not _FOLD_ODD.isdisjoint(t) or len(t) > _SLOT_MAX for t in names)
    windows = () if odd else _windows(text, names, _END, _SEP)
    longest = 1 << max(4, (len(names[0]) - 1).bit_length()) if names and not odd else 16
    tested: dict[Callable[[str], bool], bool] = {}
    for i, (pattern, needs, mention, handler) in enumerate(_generic_rules(longest)):
        if mention and not names:
            continue
        if needs not in tested:
            tested[needs] = needs(text)
        if not tested[needs]:
            continue
        if odd:
            alternation = "|".join(map(re.escape, names)) if names else r"(?!x)x"
            for m in _compile_one(i, alternation).finditer(text):
                yield m, handler
            continue
        done = 0  # where the last match ended: matches do not overlap
        for offset, subject, start, stop in windows:
            for m in pattern.finditer(subject, max(start, done - offset)):
                if m.start() >= stop:
                    break
                done = offset + m.end()
                yield (m if not offset else Shifted(m, offset)), handler

