"""Finding a state, or a region, from what a user types: one resolver for every option
that takes a state (``show STATE``, ``deadlines --state``) and one for regions
(``targets --region``).

A state is found by its ISO 3166-1 alpha-3 or alpha-2 code, its M49 numeric code, its
name, or one of the search names its record keeps (``aliases``: UK, Laos, Ivory Coast…),
compared on a normal form in which case, accents, spaces and punctuation do not matter
("Cote d'Ivoire", "côte d ivoire" and "COTE-D'IVOIRE" are one name). The match is exact
on that form, never a part of a name: what names no state is an error that says what
might have been meant ("did you mean …?"), and so is a word that several names contain
("korea").

The index is built once per data set and kept while the data set lives.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .. import schema as m
from ..dataset import Dataset

MAX_SUGGESTIONS = 3
_WORD = re.compile(r"[^\W_]+")


def normal_form(text: str) -> str:
    """``text`` as names are compared for display: decomposed (NFKD), accents dropped,
    case folded, each run of anything but letters and digits one space.
    ``"Côte d'Ivoire"`` -> ``"cote d ivoire"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_WORD.findall(plain))


_SAME_WORD = {"st": "saint", "the": ""}
"""Words that do not tell two names apart: "St Lucia" is "Saint Lucia", "the Gambia" is
"Gambia", "Democratic Republic of Congo" is "Democratic Republic of the Congo"."""


def name_key(text: str) -> str:
    """The key names are matched on: the normal form with "&" read as "and", "St" as
    "Saint", "the" left out, and no spaces, so that "Viet Nam" and "Vietnam", "U.S.A."
    and "USA" are one key. A number is an M49 code, padded to three digits ("4": "004")."""
    words = normal_form(text.replace("&", " and ")).split()
    key = "".join(_SAME_WORD.get(w, w) for w in words)
    return key.zfill(3) if key.isdigit() and len(key) < 3 else key


def state_keys(s: m.State) -> Iterator[str]:
    """Every key a state is found by: its codes, its name, its aliases."""
    for value in (s.iso3, s.alpha2, s.m49, s.name, *s.aliases):
        if value:
            yield name_key(value)


@dataclass(frozen=True)
class _Index:
    keys: Mapping[str, tuple[str, ...]]
    """Key -> the ids it finds (more than one only in data that `validate` rejects)."""
    labels: Mapping[str, tuple[str, ...]]
    """Normal form of each name and alias -> ids, for suggestions."""
    display: Mapping[str, str]
    """Id -> how a suggestion names it."""


_STATE_INDEXES: dict[int, _Index] = {}
_REGION_INDEXES: dict[int, _Index] = {}


def _remember(cache: dict[int, _Index], ds: Dataset, index: _Index) -> _Index:
    cache[id(ds)] = index
    weakref.finalize(ds, cache.pop, id(ds), None)  # an id is reused only after ds is gone
    return index


def _add(table: dict[str, list[str]], key: str, ident: str) -> None:
    if key:
        ids = table.setdefault(key, [])
        if ident not in ids:
            ids.append(ident)


def _frozen(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in table.items()}


def _state_index(ds: Dataset) -> _Index:
    found = _STATE_INDEXES.get(id(ds))
    if found is not None:
        return found
    keys: dict[str, list[str]] = {}
    labels: dict[str, list[str]] = {}
    for iso3, s in sorted(ds.states.items()):
        for key in state_keys(s):
            _add(keys, key, iso3)
        for text in (s.name, *s.aliases):
            _add(labels, normal_form(text), iso3)
    display = {iso3: f"{s.name} ({iso3})" for iso3, s in ds.states.items()}
    return _remember(_STATE_INDEXES, ds, _Index(_frozen(keys), _frozen(labels), display))


def _region_index(ds: Dataset) -> _Index:
    found = _REGION_INDEXES.get(id(ds))
    if found is not None:
        return found
    keys: dict[str, list[str]] = {}
    labels: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    units = {r.slug: r for r in ds.regions.values()}  # regions maps aliases too
    for slug, r in sorted(units.items()):
        for text in (slug, *r.aliases, r.name, r.m49):
            _add(keys, name_key(text), slug)
        for text in (slug, *r.aliases, r.name):
            _add(labels, normal_form(text), slug)
        display[slug] = f"{r.name} ({slug})"
    for slug, g in sorted(ds.groups.items()):
        for text in (slug, g.name):
            _add(keys, name_key(text), slug)
            _add(labels, normal_form(text), slug)
        display[slug] = f"{g.name} ({slug})"
    return _remember(_REGION_INDEXES, ds, _Index(_frozen(keys), _frozen(labels), display))


def _suggestions(index: _Index, query: str) -> tuple[list[str], bool]:
    """Ids that ``query`` may have meant, best first (at most MAX_SUGGESTIONS), and
    whether several names contain all of its words (then none is picked for the user)."""
    form = normal_form(query)
    words = set(form.split())
    containing: list[str] = []
    if words:
        for label, ids in index.labels.items():
            if words <= set(label.split()):
                containing.extend(i for i in ids if i not in containing)
    if len(containing) > 1:
        return containing[:MAX_SUGGESTIONS], True
    out = list(containing)
    for label in difflib.get_close_matches(form, list(index.labels), n=10, cutoff=0.7):
        out.extend(i for i in index.labels[label] if i not in out)
    return out[:MAX_SUGGESTIONS], False


def _lookup(index: _Index, query: str, what: str, unknown: str, example: str) -> str:
    """The one id ``query`` finds in ``index``; LookupError otherwise, starting with
    ``unknown`` (the query named) and ending with suggestions, else ``example``."""
    key = name_key(query)
    if not key:
        raise LookupError(f"an empty {what} name; {example}")
    ids = index.keys.get(key, ())
    if len(ids) == 1:
        return ids[0]
    if ids:  # only in data that validate rejects: say so rather than pick one
        names = ", ".join(index.display[i] for i in ids)
        raise LookupError(f"{query!r} names several {what}s: {names}; run 'ccmctl validate'")
    suggested, several = _suggestions(index, query)
    if not suggested:
        raise LookupError(f"{unknown}; {example}")
    names = ", ".join(index.display[i] for i in suggested)
    if several:
        raise LookupError(
            f"{unknown}, and several {what}s' names contain it: did you mean {names}?"
        )
    raise LookupError(f"{unknown}; did you mean {names}?")


def find_state(ds: Dataset, query: str) -> m.State:
    """The state ``query`` names: an ISO alpha-3 or alpha-2 code, an M49 code, its name
    or an alias, compared on :func:`name_key`. LookupError (with suggestions) otherwise."""
    iso3 = _lookup(
        _state_index(ds),
        query,
        "state",
        f"no state matches {query!r}",
        "use an ISO code (IDN, ID or 360) or a name such as Indonesia",
    )
    return ds.states[iso3]


def find_region(ds: Dataset, query: str) -> str:
    """The M49 unit or named group ``query`` names, as a slug the data set knows: the slug
    or alias itself when it is one (``se-asia``), else the unit's slug, found by its M49
    name as tables print it ("South-eastern Asia") or its M49 code ("035"). LookupError
    (with suggestions) otherwise."""
    typed = query.strip().lower()
    if typed in ds.regions or typed in ds.groups:
        return typed
    valid = "valid: " + ", ".join(ds.region_slugs())
    try:
        return _lookup(_region_index(ds), query, "region", f"{query!r} is unknown", valid)
    except LookupError as exc:
        message = str(exc.args[0])
        raise LookupError(message if message.endswith(valid) else f"{message} {valid}") from None
