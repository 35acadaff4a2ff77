"""``ccmctl show STATE --format markdown|html|docx``: the one-page country brief.

Built on :func:`ccmctl.queries.profile.profile` (what was recorded by the date), laid out
for a coordinator going into a bilateral meeting: status and treaty participation, votes
over time, commitments, profile, outreach history, open next steps, obstacles and proposed
solutions, why the state is a target, and every source as a numbered footnote. Plain data
only (the templates in ``templates/brief.*.j2`` hold the prose). Internal outreach records
(``visibility: internal``, the default) are left out unless asked for, and counted.

One page, always. What the page shows is decided here, once, for every format, so the
Markdown, HTML and Word briefs show the same items and say the same about the rest:

* every list that can grow has a cap (the ``MAX_*`` constants below) and every free text
  a length (:data:`MAX_TEXT`);
* when a record is long everywhere at once, the page budget (:data:`PAGE_LINES`, measured
  on the HTML brief printed by headless Chromium) takes more items off the lists, in the
  order of :data:`TRIM` (what a meeting needs least goes first, never below a floor), then
  cuts the texts shown to :data:`TIGHT_TEXT`;
* a fact shown keeps its first source as a footnote; its further sources are numbered
  while there are fewer than :data:`MAX_SOURCES`.

Nothing is dropped silently: what a cap or the budget leaves out is counted in the
context's ``more`` and ``cut_texts``, which the templates print, with the command that
lists everything. This chooses what is *shown*; what is computed (the profile of the date)
does not change.

Longer than 400 lines because the caps, the page budget that applies them (with its
estimate of a brief's printed length) and the footnotes are kept in this one module: what
one page shows is decided in one place, for every format.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import schema as m
from ..domain.treaty import STATUS_LABELS
from ..domain.treaty import TREATY_NAMES as TREATIES
from ..domain.written import iso_day_text as _date_text
from .profile import profile

if TYPE_CHECKING:
    from ..dataset import Dataset

# --- what one A4 page shows -----------------------------------------------------------------

MAX_VOTES = 12
"""UNGA votes: the latest years (the earlier ones are named)."""
MAX_COMMITMENTS = 3
"""Commitments and statements: the latest."""
MAX_REASONS = 6
"""Why a target: the criteria met, in the order of the criteria."""
MAX_COORDINATORS = 4
MAX_ENGAGEMENTS = 4
"""Outreach history: the latest contacts (shown oldest first)."""
MAX_NEXT_STEPS = 3
"""Open next steps: the soonest due."""
MAX_SURVEY = 2
"""Survey answers: the latest."""
MAX_OBSTACLES = 3
"""Obstacles: the first recorded."""
MAX_NOTES = 2
MAX_SOURCES = 24
"""Footnotes: a fact's further sources are numbered while there are fewer (its first, always)."""
MAX_TEXT = 200
"""Characters of one free text (a summary, note, outcome, step, solution or fact); a longer
one is cut at a word and ends in " …"."""
TIGHT_TEXT = 120
"""... when the page is still full with every list at its floor."""
MAX_SOURCE_TITLE = 60
"""Characters of a footnote's title (a footnote gives title, year and the URL's host)."""

PAGE_LINES = 62.0
"""The page budget, in lines of body text across the page (templates/brief.html.j2: A4,
8.8pt, 11-12 mm margins; the page holds about 67), as :meth:`_Page.lines` estimates them."""
TRIM = (
    ("notes", 0),
    ("survey", 1),
    ("engagements", 2),
    ("commitments", 1),
    ("obstacles", 2),
    ("next_steps", 2),
    ("survey", 0),
    ("reasons", 3),
    ("engagements", 1),
    ("commitments", 0),
    ("obstacles", 1),
    ("next_steps", 1),
)
"""When the page is full: which list gives up an item next, down to how many."""

LEFT_OUT = (
    "votes",
    "commitments",
    "reasons",
    "coordinators",
    "engagements",
    "next_steps",
    "survey",
    "obstacles",
    "notes",
    "sources",
)
"""The keys of the context's ``more``: what was left out of each list (None: nothing)."""
TEXTS = ("note", "summary", "outcome", "step", "solution", "fact", "text")
"""The free texts of an item, cut to the text length."""

FACETS = {
    "stockpile": "Stockpile",
    "production": "Production",
    "use": "Use",
    "contamination": "Contamination",
}
EVENTS = {
    "withdrawal notified": "withdrawal notified",
    "withdrawal effective": "withdrawal took effect",
}


def brief(ds: Dataset, s: m.State, on: dt.date, include_internal: bool = False) -> dict[str, Any]:
    """The brief's context: one state on ``on``, on one page, every source a footnote."""
    doc = profile(ds, s, on)
    page = _Page()
    cites = page.cites

    treaties: list[dict[str, Any]] = []
    for key, name in TREATIES.items():
        t = doc["treaties"].get(key)
        if t is None:
            treaties.append({"key": key, "name": name, "status": "", "events": [], "note": ""})
            continue
        events = [
            cites(
                {
                    "event": EVENTS.get(e["event"], e["event"]),
                    "date": e["date"],
                    "date_text": _date_text(e["date"]),
                },
                e.get("sources"),
            )
            for e in t["events"]
        ]
        treaties.append(
            {
                "key": key,
                "name": name,
                "status": STATUS_LABELS.get(t["status"], t["status"]),
                "events": events,
                "note": t.get("note") or "",
            }
        )

    years = [
        y for y in sorted(ds.resolutions) if (ds.resolutions[y].adopted or dt.date(y, 12, 31)) <= on
    ]
    earlier_years, shown_years = years[:-MAX_VOTES], years[-MAX_VOTES:]
    votes = []
    gaps: dict[str, list[int]] = {}
    for year in shown_years:
        res = ds.resolutions[year]
        vote = doc["unga_votes"].get(str(year))
        missing = "not recorded" if res.per_state else "per-state votes not found"
        if vote is None:
            gaps.setdefault(missing, []).append(year)
        row = {"year": year, "symbol": res.symbol or "", "vote": vote or missing}
        votes.append(cites(row | {"recorded": vote is not None}, _vote_source(res) if vote else []))
    vote_gaps = [{"why": why, "years": ", ".join(map(str, ys))} for why, ys in gaps.items()]

    latest = sorted(doc["commitments"], key=lambda c: str(c.get("date") or ""), reverse=True)
    commitments = [
        cites(
            {
                "kind": str(c["kind"]).replace("_", " "),
                "date": str(c.get("date") or ""),
                "when": _date_text(c.get("date")) or "undated",
                "summary": c["summary"],
            },
            c.get("source"),
        )
        for c in latest
    ]

    facets = []
    for key, label in FACETS.items():
        f = (doc["profile"] or {}).get(key)
        if f:
            row = {
                "facet": label,
                "status": f["status"],
                "note": f.get("note") or "",
                "as_of": f.get("as_of") or "",
                "as_of_text": _date_text(f.get("as_of")),
            }
            facets.append(cites(row, f.get("source")))

    target = doc["target"]
    met = [c for c in target["criteria"] if c["met"] is True] if target else []
    reasons = [cites({"label": c["label"], "fact": c["fact"] or ""}, c["sources"]) for c in met]

    out = doc["outreach"]
    internal = 0

    def keep(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        nonlocal internal
        kept = [r for r in rows if _public(r, include_internal)]
        internal += len(rows) - len(kept)
        return kept

    coordinators = [_actor(ds, a) for a in out.get("coordinators", [])]
    engaged = keep(out.get("engagements", []))
    followed = {e.get("follows") for e in engaged if e.get("follows")}
    history = [
        cites(
            {
                "date": e["date"],
                "date_text": _date_text(e["date"]),
                "kind": str(e["kind"]).replace("-", " "),
                "by": [_actor(ds, a) for a in e.get("by", [])],
                "summary": e["summary"],
                "outcome": e.get("outcome") or "",
            },
            e.get("source"),
        )
        for e in sorted(engaged, key=lambda e: e["date"])
    ]
    next_steps = [
        {
            "step": e["next_step"],
            "due": e.get("next_due") or "",
            "due_text": _date_text(e.get("next_due")),
            "from": _date_text(e["date"]),
        }
        for e in sorted(engaged, key=lambda e: (e.get("next_due") or "9999", e["date"]))
        if e.get("next_step") and (e.get("id") is None or e.get("id") not in followed)
    ]
    obstacles = [
        cites(
            {
                "summary": x["summary"],
                "identified_text": _date_text(x.get("identified")),
                "solution": x.get("solution") or "",
            },
            x.get("source"),
        )
        for x in keep(out.get("obstacles", []))
    ]
    survey = [
        cites(
            {
                "date": r["date"],
                "date_text": _date_text(r["date"]),
                "position": str(r["position"]).replace("-", " "),
                "reasons": [str(x).replace("-", " ") for x in r.get("reasons", [])],
                "note": r.get("note") or "",
            },
            r.get("source"),
        )
        for r in sorted(keep(out.get("survey", [])), key=lambda r: r["date"])
    ]

    page.fixed = {
        "treaties": treaties,
        "votes": votes,
        "profile": facets,
        "target": target is not None,
        "footer": bool(vote_gaps or earlier_years),
        "internal": internal,
        "undecided": bool(doc.get("commitments_not_known_by_then")),
        "title": len(s.name) + 36,
        "standing": len(s.name) * (1 + bool(doc.get("in_force") or doc.get("enters_into_force")))
        + len(ds.region_name(s.subregion))
        + len(ds.region_name(s.region))
        + 150,
    }
    page.lists = {
        "commitments": _List(commitments, MAX_COMMITMENTS),
        "reasons": _List(reasons, MAX_REASONS),
        "engagements": _List(history, MAX_ENGAGEMENTS, latest=True),
        "next_steps": _List(next_steps, MAX_NEXT_STEPS),
        "obstacles": _List(obstacles, MAX_OBSTACLES),
        "survey": _List(survey, MAX_SURVEY, latest=True),
        "notes": _List([{"text": n} for n in doc.get("notes") or []], MAX_NOTES),
    }
    page.fit()
    shown = {name: rows.shown for name, rows in page.lists.items()}
    left = {name: rows.left for name, rows in page.lists.items()}
    for r in shown["reasons"]:
        r["says"] = _reason(r["label"], r["fact"])
    footnotes, sources_left_out = page.footnotes(ds)

    more: dict[str, Any] = dict.fromkeys(LEFT_OUT)
    if earlier_years:
        more["votes"] = {"count": len(earlier_years), "years": ", ".join(map(str, earlier_years))}
    if left["commitments"]:
        dated = [c["date"] for c in left["commitments"] if c["date"]]
        more["commitments"] = {
            "count": len(left["commitments"]),
            "span": _span(dated),
            "undated": len(left["commitments"]) - len(dated),
        }
    if left["reasons"]:
        more["reasons"] = {
            "count": len(left["reasons"]),
            "labels": [r["label"] for r in left["reasons"]],
        }
    if len(coordinators) > MAX_COORDINATORS:
        more["coordinators"] = {"count": len(coordinators) - MAX_COORDINATORS}
    for name in ("engagements", "survey"):
        if left[name]:
            more[name] = {"count": len(left[name]), "span": _span([r["date"] for r in left[name]])}
    for name in ("next_steps", "obstacles", "notes"):
        if left[name]:
            more[name] = {"count": len(left[name])}
    if sources_left_out:
        more["sources"] = {"count": sources_left_out}

    in_force = doc.get("in_force")
    return {
        "as_of": doc["as_of"],
        "as_of_text": _date_text(doc["as_of"]),
        "current_to": doc.get("current_to") or "",
        "current_to_text": _date_text(doc.get("current_to")),
        "state": {
            "iso3": s.iso3,
            "name": s.name,
            "un": s.un,
            "region": ds.region_name(s.region),
            "subregion": ds.region_name(s.subregion),
        },
        "status": doc["status"],
        "status_label": STATUS_LABELS[doc["status"]],
        "in_force_text": _date_text(in_force) if in_force else "",
        "enters_into_force_text": _date_text(doc.get("enters_into_force")),
        "treaties": treaties,
        "votes": votes,
        "vote_gaps": vote_gaps,
        "commitments": shown["commitments"],
        "commitments_undecided": len(doc.get("commitments_not_known_by_then") or []),
        "profile": facets,
        "coordinators": coordinators[:MAX_COORDINATORS],
        "coordinators_undated": bool(out.get("coordinators_undated")),
        "engagements": shown["engagements"],
        "next_steps": shown["next_steps"],
        "survey": shown["survey"],
        "obstacles": shown["obstacles"],
        "target": None
        if target is None
        else {
            "score": target["score"],
            "unknown_points": target.get("unknown_points") or 0,
            "tier": target["tier"],
            "dialogue": list(target.get("dialogue") or []),
            "reasons": shown["reasons"],
        },
        "internal_left_out": internal,
        "include_internal": include_internal,
        "notes": [n["text"] for n in shown["notes"]],
        "notes_undated": bool(doc.get("notes_undated")),
        "sources": footnotes,
        "more": more,
        "cut_texts": page.cut_texts,
        "full": f"ccmctl show {s.iso3}",
        "page_lines": round(page.lines(), 1),
        # the names of before (a data repository's own copy of an older brief template)
        "earlier_commitments": more["commitments"]["count"] if more["commitments"] else 0,
        "more_notes": more["notes"]["count"] if more["notes"] else 0,
        "labels": {"status": dict(STATUS_LABELS)},
    }


class _List:
    """One list of the brief: the items shown and those left out. ``latest``: the list is
    in date order and keeps its last items; else it keeps its first."""

    def __init__(self, items: list[dict[str, Any]], cap: int, *, latest: bool = False) -> None:
        self.latest = latest
        self.shown = list(items)
        self.left: list[dict[str, Any]] = []
        while len(self.shown) > cap:
            self.drop()

    def drop(self) -> None:
        if self.latest:
            self.left.append(self.shown.pop(0))
        else:
            self.left.insert(0, self.shown.pop())


# --- fitting the page ---------------------------------------------------------------------
# A brief's length in lines of body text across the page, from the length of its texts:
# the characters a line holds in each place on the page, and what headings, table rows and
# gaps add. Calibrated on the HTML brief printed by headless Chromium, on every state of
# data/ and on synthetic records long everywhere: from 5% short to 7% long of the printed
# length (the page holds 67 lines; the budget leaves the rest for that).

FULL = 105
"""Characters of body text on a line across the page."""
TITLE = 66
"""... of the title."""
HALF = 48
"""... in one of two columns (commitments and profile; next steps and obstacles)."""
NOTE = 145
"""... of the footnotes (run on, 6.8pt)."""
CELL = {"events": 95, "vote": 12, "contact": 28, "said": 80}
"""... of a table cell (7.8pt): treaty events, one year's vote, who and what of a contact."""
HEADING, SUBHEADING, ROW, ITEM, SMALL, TABLE_LINE = 1.9, 1.5, 0.25, 0.1, 0.85, 0.8
"""Lines that a heading, a subheading, a table row (besides its text), a list item (besides
its text), a line of small print and a line of a table take."""
SOURCE = 82
"""Characters of a footnote, on average (title, year, host)."""


class _Page:
    """The brief being fitted on its page: its fixed parts, its lists, the sources of each
    item, the length its free texts are cut to."""

    def __init__(self) -> None:
        self.fixed: dict[str, Any] = {}
        self.lists: dict[str, _List] = {}
        self.sources: dict[int, list[str]] = {}  # id(item) -> its source ids
        self.limit = MAX_TEXT
        self.cut_texts = 0

    def cites(self, item: dict[str, Any], ids: object) -> dict[str, Any]:
        """``item``, whose footnotes will be ``ids``."""
        self.sources[id(item)] = _ids(ids)
        item["refs"] = []
        return item

    def fit(self) -> None:
        """Take items off the lists (:data:`TRIM`), then cut the texts shorter, until the
        page holds the brief; then cut every free text shown to its length."""
        for name, floor in TRIM:
            rows = self.lists[name]
            while len(rows.shown) > floor and self.lines() > PAGE_LINES:
                rows.drop()
        if self.lines() > PAGE_LINES:
            self.limit = TIGHT_TEXT
        for item in self.items():
            for key in TEXTS:
                if key in item:
                    whole = str(item[key])
                    item[key] = _cut(whole, self.limit)
                    self.cut_texts += item[key] != whole

    def items(self) -> list[dict[str, Any]]:
        """Every item shown, in the order the templates print them."""
        shown = {name: rows.shown for name, rows in self.lists.items()}
        out = list(self.fixed["treaties"]) + [
            e for t in self.fixed["treaties"] for e in t["events"]
        ]
        out += self.fixed["votes"] + shown["commitments"] + self.fixed["profile"]
        out += shown["reasons"] + shown["engagements"] + shown["next_steps"]
        return out + shown["obstacles"] + shown["survey"] + shown["notes"]

    def footnotes(self, ds: Dataset) -> tuple[list[dict[str, Any]], int]:
        """Number the sources of the items shown, in order of first citation; fill in each
        item's ``refs``; the footnotes, and how many further sources were left out."""
        fn = Footnotes(ds)
        for item in self.items():
            if id(item) in self.sources:
                item["refs"] = fn.refs(self.sources[id(item)])
        return fn.table(), len(fn.left_out)

    def lines(self) -> float:
        """The estimated length of the brief as it stands, in body lines."""
        lists, fixed, sources = self.lists, self.fixed, self.sources

        def size(item: dict[str, Any], key: str) -> int:
            n = len(str(item.get(key) or ""))
            return min(n, self.limit) if key in TEXTS else n

        def items(rows: list[dict[str, Any]], width: int, *keys: str) -> float:
            return sum(_up(sum(size(r, k) + 2 for k in keys) + 6, width) + ITEM for r in rows)

        def more(name: str) -> float:
            return SMALL if lists[name].left else 0.0

        # the header band: the title, the standing and the date
        n: float = 1.0 + 1.4 * _up(fixed["title"], TITLE) + _up(fixed["standing"], FULL)
        n += HEADING + TABLE_LINE + ROW  # the treaties' heading and head row
        for t in fixed["treaties"]:
            said = sum(len(e["event"]) + 20 + 4 * len(sources[id(e)]) for e in t["events"])
            n += ROW + TABLE_LINE * _up(said or size(t, "note"), CELL["events"])
        n += HEADING + TABLE_LINE + 2 * ROW + SMALL * fixed["footer"]  # votes: heading, years
        votes = [
            _up(len(str(v["vote"])) + 4 * len(sources[id(v)]), CELL["vote"])
            for v in fixed["votes"]
            if v["recorded"]
        ]
        n += TABLE_LINE * max(votes, default=1)
        commitments = lists["commitments"]
        profile = ("facet", "status", "note", "as_of_text")
        if commitments.shown:
            left = items(commitments.shown, HALF, "kind", "when", "summary") + more("commitments")
            right = items(fixed["profile"], HALF, *profile)
            n += HEADING + max(left, right)
        else:
            n += (HEADING + SMALL) * fixed["undecided"] + HEADING * bool(fixed["profile"])
            n += items(fixed["profile"], FULL, *profile)
        if fixed["target"]:
            reasons = lists["reasons"]
            says = sum(size(r, "label") + size(r, "fact") + 10 for r in reasons.shown)
            n += HEADING + _up(says + 60 + 60 * bool(reasons.left), FULL)
        n += HEADING + 1.0  # outreach: the coordinators, or "none recorded"
        history = lists["engagements"]
        if history.shown:
            n += TABLE_LINE + ROW + more("engagements")
            for e in history.shown:
                said = size(e, "summary") + size(e, "outcome") + 12
                who = len(e["kind"]) + sum(len(b) + 2 for b in e["by"]) + 3
                n += ROW + TABLE_LINE * max(_up(said, CELL["said"]), _up(who, CELL["contact"]))
        steps, obstacles = lists["next_steps"].shown, lists["obstacles"].shown
        if steps or obstacles:
            width = HALF if steps and obstacles else FULL  # two columns, or one across
            left = items(steps, width, "step", "due_text", "from") + 0.5 + more("next_steps")
            right = items(obstacles, width, "summary", "identified_text", "solution")
            n += SUBHEADING + max(left, right + more("obstacles"))
        survey = lists["survey"]
        if survey.shown:
            n += SUBHEADING + items(survey.shown, FULL, "date_text", "position", "note")
            n += more("survey") + sum(0.12 * len(r["reasons"]) for r in survey.shown)
        notes = lists["notes"]
        if notes.shown:
            n += HEADING + items(notes.shown, FULL, "text") + more("notes")
        cited = [sources[id(i)] for i in self.items() if sources.get(id(i))]
        every = {sid for ids in cited for sid in ids}
        count = max(len({ids[0] for ids in cited}), min(len(every), MAX_SOURCES))
        n += HEADING + 0.75 * _up(count * SOURCE, NOTE)
        # internal records left out; the lists left out whole, the texts cut short
        gone = any(lists[k].left and not lists[k].shown for k in ("commitments", "survey", "notes"))
        return n + SMALL * (1 + bool(fixed["internal"]) + gone)


def _up(chars: int, per_line: int) -> float:
    """Lines of ``chars`` characters, ``per_line`` to a line."""
    return float(max(1, math.ceil(chars / per_line)))


# --- footnotes ----------------------------------------------------------------------------


class Footnotes:
    """Source ids numbered in order of first citation, at most ``limit`` of them: each
    citation keeps its first source whatever the limit (a fact shown has its footnote),
    further sources are numbered while there is room. :meth:`refs` hands out a list that
    :meth:`table` fills in, once every citation is known."""

    def __init__(self, ds: Dataset, limit: int | None = None) -> None:
        self.ds = ds
        self.limit = MAX_SOURCES if limit is None else limit
        self.cites: list[tuple[list[str], list[int]]] = []
        self.left_out: list[str] = []

    def refs(self, ids: object) -> list[int]:
        """The footnote numbers of ``ids`` (a source id or a list): a list filled in later."""
        out: list[int] = []
        seq = _ids(ids)
        if seq:
            self.cites.append((seq, out))
        return out

    def table(self) -> list[dict[str, Any]]:
        """Number the sources, fill in every citation's numbers, and list the footnotes."""
        cited: list[str] = []
        for seq, _ in self.cites:
            cited += [sid for sid in seq if sid not in cited]
        keep = {seq[0] for seq, _ in self.cites}
        for sid in cited:
            if sid not in keep and len(keep) < self.limit:
                keep.add(sid)
        order = [sid for sid in cited if sid in keep]
        self.left_out = [sid for sid in cited if sid not in keep]
        number = {sid: n for n, sid in enumerate(order, 1)}
        for seq, out in self.cites:
            out[:] = [number[sid] for sid in seq if sid in number]
        return [self._row(n, sid) for n, sid in enumerate(order, 1)]

    def _row(self, n: int, sid: str) -> dict[str, Any]:
        """A footnote: short title, year, and the host of its URL (linked if http(s))."""
        src = self.ds.sources.get(sid)
        url = (src.url or "") if src else ""
        parts = urlsplit(url) if url else None
        web = parts is not None and parts.scheme in ("http", "https") and bool(parts.hostname)
        web = web and not any(c.isspace() or not c.isprintable() for c in url)  # one clean link
        host = (parts.hostname or "") if parts is not None and web else ""
        as_at = src.as_at if src else None
        year = as_at if isinstance(as_at, int) else as_at.year if as_at else None
        return {
            "n": n,
            "id": sid,
            "title": _cut(src.title if src else sid, MAX_SOURCE_TITLE),
            "full_title": src.title if src else sid,
            "year": str(year) if year else "",
            "publisher": (src.publisher or "") if src else "",
            "url": url if web else "",
            "host": host.removeprefix("www."),
            "as_at": str(as_at) if as_at is not None else "",
        }


def _ids(ids: object) -> list[str]:
    """Source ids, once each, in order."""
    seq: list[str] = []
    if ids is None:
        return seq
    for sid in [ids] if isinstance(ids, str) else list(ids):  # type: ignore[call-overload]
        if str(sid) not in seq:
            seq.append(str(sid))
    return seq


# --- small things ---------------------------------------------------------------------------


def _cut(text: str, limit: int) -> str:
    """``text``, or cut at a word before ``limit`` characters and marked " …"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 2]
    return (head.rsplit(" ", 1)[0] if " " in head else head).rstrip(" ,;:") + " …"


def _actor(ds: Dataset, ref: str) -> str:
    if ref in ds.states:
        return ds.state_name(ref)
    if ref in ds.bodies:
        return ds.bodies[ref].name
    return ref


def _public(row: dict[str, Any], include_internal: bool) -> bool:
    return include_internal or row.get("visibility", "internal") == "public"


def _reason(label: str, fact: str) -> str:
    """A criterion met, said once: its fact when the fact begins with the label
    ("party to CCW Protocol V since 2009-01-21"), else label and fact."""
    if not fact:
        return label
    return fact if fact.lower().startswith(label.lower()) else f"{label}: {fact}"


def _span(days: list[str]) -> str:
    """The first and last of some dates as people write them: ``2008 to 7 July 2023``."""
    texts = [_date_text(d) for d in sorted(d for d in days if d)]
    if not texts:
        return ""
    return texts[0] if texts[0] == texts[-1] else f"{texts[0]} to {texts[-1]}"


PER_STATE_SOURCES = ("undl-vote-", "voeten-", "visionscarto-")
"""Sources that record each state's vote (the others give the tally or the text)."""


def _vote_source(res: m.Resolution) -> list[str]:
    """The source of a state's vote in a year: the per-state record, else every source of
    the resolution (one footnote per vote keeps a brief on its page)."""
    ids = m.source_ids(res.source)
    per_state = [sid for sid in ids if sid.startswith(PER_STATE_SOURCES)]
    return per_state or ids
