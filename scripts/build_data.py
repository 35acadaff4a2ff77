"""One-off transcription of reference tables into ccmctl's data files.

Not part of the product: ccmctl never writes data files. This script records how
the first version of ``data/`` was made from the reference tables in
``provenance/reference`` (M49, APMBC, CCW protocols, UNGA votes: the compiled reference
tables the project was given, copied in with their README) and the project's
research notes (CCM status from the depositary, meetings, obligations,
Monitor profiles), so that the transcription can be reviewed and repeated.

    python scripts/build_data.py --shared provenance/reference --research provenance --out data

It refuses to overwrite a state file that has been edited by hand since
(detected by a marker comment) unless --force is given.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ACCESSED = "2026-11-22"
EXTRA = {"VAT": "observer", "PSE": "observer", "COK": "non-member", "NIU": "non-member"}
ALIASES = {
    "south-eastern-asia": ["se-asia"],
    "eastern-asia": ["e-asia"],
    "southern-asia": ["s-asia"],
    "western-asia": ["w-asia"],
    "central-asia": ["c-asia"],
    "northern-africa": ["n-africa"],
    "sub-saharan-africa": ["ssa"],
    "latin-america-and-the-caribbean": ["lac", "latin-america"],
    "eastern-europe": ["e-europe"],
    "western-europe": ["w-europe"],
    "northern-europe": ["n-europe"],
    "southern-europe": ["s-europe"],
    "australia-and-new-zealand": ["anz"],
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def q(value: Any) -> str:
    """A YAML scalar, quoted when it needs to be."""
    if value is None:
        return "null"
    if isinstance(value, (dt.date, int)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    from ccmctl.reading import ambiguous

    style = "'" if ambiguous(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_NoAliases.add_representer(str, _str)


def dump(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_NoAliases,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_yaml(path: Path) -> Any:
    if not path.exists():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- sources --------------------------------------------------------------------------

BASE_SOURCES = [
    {
        "id": "m49-iso3166",
        "title": "ISO-3166 Countries with Regional Codes (all.csv): ISO 3166-1 "
        "codes with UN M49 regions, sub-regions and intermediate regions",
        "url": "https://github.com/lukes/ISO-3166-Countries-with-Regional-Codes",
        "publisher": "lukes (compiled from UN Statistics Division M49 and ISO 3166)",
        "as_at": "2024-06-19",
        "accessed": ACCESSED,
        "note": "CC BY-SA 4.0. Facts from the UN M49 standard, https://unstats.un.org/unsd/methodology/m49/",
    },
    {
        "id": "untc-xxvi-5",
        "title": "Status of Treaties, Chapter XXVI, 5. Convention on the "
        "Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on "
        "their Destruction (status as at 03-02-2026)",
        "url": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5&chapter=26&clang=_en",
        "publisher": "United Nations Treaty Collection, depositary",
        "as_at": "2026-02-03",
        "accessed": ACCESSED,
    },
    {
        "id": "unts-i-35597",
        "title": "United Nations Treaty Series, registration I-35597 "
        "(Anti-Personnel Mine Ban Convention): list of participants",
        "url": None,
        "publisher": "United Nations",
        "as_at": "2016-12-31",
        "accessed": ACCESSED,
        "note": "used to cross-check the UNTC XXVI-5 dates",
    },
    {
        "id": "untc-xxvi-2",
        "title": "Status of Treaties, Chapter XXVI, 2. Convention on "
        "Prohibitions or Restrictions on the Use of Certain Conventional Weapons Which May Be Deemed "
        "to Be Excessively Injurious or to Have Indiscriminate Effects (CCW) (status as at 03-02-2026)",
        "url": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-2&chapter=26&clang=_en",
        "publisher": "United Nations Treaty Collection, depositary",
        "as_at": "2026-02-03",
        "accessed": ACCESSED,
    },
    {
        "id": "untc-xxvi-2-b",
        "title": "Status of Treaties, Chapter XXVI, 2.b. Protocol on "
        "Prohibitions or Restrictions on the Use of Mines, Booby-Traps and Other Devices as amended on "
        "3 May 1996 (Amended Protocol II) (status as at 03-02-2026)",
        "url": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-2-b&chapter=26&clang=_en",
        "publisher": "United Nations Treaty Collection, depositary",
        "as_at": "2026-02-03",
        "accessed": ACCESSED,
    },
    {
        "id": "untc-xxvi-2-d",
        "title": "Status of Treaties, Chapter XXVI, 2.d. Protocol on "
        "Explosive Remnants of War (Protocol V) (status as at 03-02-2026)",
        "url": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-2-d&chapter=26&clang=_en",
        "publisher": "United Nations Treaty Collection, depositary",
        "as_at": "2026-02-03",
        "accessed": ACCESSED,
    },
    {
        "id": "undl-vote-3996917",
        "title": "UN Digital Library voting record 3996917: A/RES/77/79 "
        "Implementation of the Convention on Cluster Munitions (A/77/PV.46, 7 December 2022)",
        "url": "https://digitallibrary.un.org/record/3996917",
        "publisher": "United Nations",
        "as_at": "2022-12-07",
        "accessed": ACCESSED,
        "note": "per-state votes as scraped in github.com/lefthand67/un_votes logs",
    },
    {
        "id": "undl-vote-4029001",
        "title": "UN Digital Library voting record 4029001: A/RES/78/32 "
        "Implementation of the Convention on Cluster Munitions (A/78/PV.42, 4 December 2023)",
        "url": "https://digitallibrary.un.org/record/4029001",
        "publisher": "United Nations",
        "as_at": "2023-12-04",
        "accessed": ACCESSED,
        "note": "per-state votes as scraped in github.com/lefthand67/un_votes logs",
    },
    {
        "id": "undl-vote-4068499",
        "title": "UN Digital Library voting record 4068499: A/RES/79/58 "
        "Implementation of the Convention on Cluster Munitions (A/79/PV.44, 2 December 2024)",
        "url": "https://digitallibrary.un.org/record/4068499",
        "publisher": "United Nations",
        "as_at": "2024-12-02",
        "accessed": ACCESSED,
        "note": "per-state votes as scraped in github.com/lefthand67/un_votes logs; 38 states "
        "did not vote that day (absent is not opposition)",
    },
    {
        "id": "undl-vote-4094479",
        "title": "UN Digital Library voting record 4094479: A/RES/80/52 "
        "Implementation of the Convention on Cluster Munitions (1 December 2025)",
        "url": "https://digitallibrary.un.org/record/4094479",
        "publisher": "United Nations",
        "as_at": "2025-12-01",
        "accessed": ACCESSED,
        "note": "per-state votes as extracted in github.com/HZloto/unga-2025 "
        "data/un_votes_2025_processed.csv",
    },
    {
        "id": "untc-cn-360-2025",
        "title": "Depositary notification C.N.360.2025.TREATIES-XXVI.5 "
        "(Estonia: withdrawal from the APMBC)",
        "url": "https://treaties.un.org/doc/Publication/CN/2025/CN.360.2025-Eng.pdf",
        "publisher": "United Nations, Secretary-General as depositary",
        "accessed": ACCESSED,
    },
    {
        "id": "untc-cn-361-2025",
        "title": "Depositary notification C.N.361.2025.TREATIES-XXVI.5 "
        "(Latvia: withdrawal from the APMBC)",
        "url": "https://treaties.un.org/doc/Publication/CN/2025/CN.361.2025-Eng.pdf",
        "publisher": "United Nations, Secretary-General as depositary",
        "accessed": ACCESSED,
    },
    {
        "id": "untc-cn-362-2025",
        "title": "Depositary notification C.N.362.2025.TREATIES-XXVI.5 "
        "(Lithuania: withdrawal from the APMBC)",
        "url": "https://treaties.un.org/doc/Publication/CN/2025/CN.362.2025-Eng.pdf",
        "publisher": "United Nations, Secretary-General as depositary",
        "accessed": ACCESSED,
    },
    {
        "id": "untc-cn-372-2025",
        "title": "Depositary notification C.N.372.2025.TREATIES-XXVI.5 "
        "(Finland: withdrawal from the APMBC)",
        "url": "https://treaties.un.org/doc/Publication/CN/2025/CN.372.2025-Eng.pdf",
        "publisher": "United Nations, Secretary-General as depositary",
        "accessed": ACCESSED,
    },
    {
        "id": "untc-cn-421-2025",
        "title": "Depositary notification C.N.421.2025.TREATIES-XXVI.5 "
        "(Poland: withdrawal from the APMBC)",
        "url": "https://treaties.un.org/doc/Publication/CN/2025/CN.421.2025-Eng.pdf",
        "publisher": "United Nations, Secretary-General as depositary",
        "accessed": ACCESSED,
    },
    {
        "id": "news-2026-02-20-poland-apmbc",
        "title": "Press report: Poland's withdrawal from the "
        "Ottawa Convention takes effect (20 February 2026)",
        "url": "https://clashreport.com/",
        "publisher": "Clash Report",
        "as_at": "2026-02-20",
        "accessed": ACCESSED,
        "note": "secondary; confirms the effective day that postdates the depositary page",
    },
    {
        "id": "project-definition",
        "title": "ccmctl project definition (named groups that are not M49 units)",
        "url": None,
        "publisher": "ccmctl",
        "accessed": ACCESSED,
        "note": "a convention of this project, stated in the group's note",
    },
]

VOTE_SOURCES = {
    "2015": "visionscarto-un70-votes",
    "2022": "undl-vote-3996917",
    "2023": "undl-vote-4029001",
    "2024": "undl-vote-4068499",
    "2025": "undl-vote-4094479",
}

APMBC_SOURCE = {
    "C.N.360.2025": "untc-cn-360-2025",
    "C.N.361.2025": "untc-cn-361-2025",
    "C.N.362.2025": "untc-cn-362-2025",
    "C.N.372.2025": "untc-cn-372-2025",
    "C.N.421.2025": "untc-cn-421-2025",
}


def merge_sources(research: Path) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for s in BASE_SOURCES:
        s = {k: v for k, v in s.items() if v is not None or k == "url"}
        for key in ("as_at", "accessed"):
            if key in s:
                s[key] = dt.date.fromisoformat(s[key])
        out[s["id"]] = s
    for path in sorted(research.glob("*/sources.yaml")):
        for s in load_yaml(path) or []:
            s = {k: prune(v, k) for k, v in s.items() if v is not None or k == "url"}
            sid = s["id"]
            s.setdefault("accessed", ACCESSED)
            for key in ("as_at", "accessed"):
                if isinstance(s.get(key), str):
                    try:
                        s[key] = dt.date.fromisoformat(s[key])
                    except ValueError:
                        s["note"] = (s.get("note", "") + f" ({key}: {s.pop(key)})").strip()
            if sid in out and out[sid].get("title") != s.get("title"):
                out[sid].setdefault("note", "")
            out.setdefault(sid, s)
    return sorted(out.values(), key=lambda s: s["id"])


# --- regions ------------------------------------------------------------------------------


def build_regions(m49: list[dict[str, str]], states: set[str]) -> dict[str, Any]:
    units: dict[str, dict[str, Any]] = {}
    for row in m49:
        if row["alpha-3"] not in states:
            continue
        chain = [
            ("region", row["region"], row["region-code"], None),
            ("subregion", row["sub-region"], row["sub-region-code"], row["region"]),
            (
                "intermediate",
                row["intermediate-region"],
                row["intermediate-region-code"],
                row["sub-region"],
            ),
        ]
        for level, name, code, parent in chain:
            if not name:
                continue
            key = slug(name)
            units.setdefault(
                key,
                {
                    "slug": key,
                    "name": name,
                    "level": level,
                    "m49": code,
                    **({"parent": slug(parent)} if parent else {}),
                    **({"aliases": ALIASES[key]} if key in ALIASES else {}),
                },
            )
    order = {"region": 0, "subregion": 1, "intermediate": 2}
    regions = sorted(units.values(), key=lambda u: (order[u["level"]], u["name"]))
    by_sub: dict[str, list[str]] = {}
    for row in m49:
        if row["alpha-3"] in states:
            by_sub.setdefault(slug(row["sub-region"]), []).append(row["alpha-3"])
    pacific = sorted(by_sub["melanesia"] + by_sub["micronesia"] + by_sub["polynesia"])
    mena = sorted(
        set(by_sub["northern-africa"])
        | set(by_sub["western-asia"])
        | {"IRN"} - {"ARM", "AZE", "GEO", "CYP", "TUR"}
    )
    groups = [
        {
            "slug": "caucasus",
            "name": "South Caucasus",
            "members": ["ARM", "AZE", "GEO"],
            "source": "project-definition",
            "note": "Armenia, Azerbaijan and Georgia, as the 2016-2017 concept note uses the word",
        },
        {
            "slug": "pacific",
            "name": "Pacific island states",
            "members": pacific,
            "source": "project-definition",
            "note": "M49 Melanesia, Micronesia and Polynesia (Oceania less Australia and New Zealand)",
        },
        {
            "slug": "mena",
            "name": "Middle East and North Africa",
            "members": mena,
            "source": "project-definition",
            "note": "M49 Northern Africa and Western Asia, less Armenia, Azerbaijan, Georgia, Cyprus "
            "and Türkiye, plus the Islamic Republic of Iran",
        },
    ]
    return {"source": "m49-iso3166", "regions": regions, "groups": groups}


# --- states -------------------------------------------------------------------------------


def event(date: str, source: Any, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"date": dt.date.fromisoformat(date)}
    out.update({k: v for k, v in extra.items() if v})
    out["source"] = source
    return out


def ccm_block(row: dict[str, str] | None) -> dict[str, Any]:
    if row is None:
        return {
            "source": "untc-xxvi-6",
            "note": "not listed by the depositary: has neither signed nor joined",
        }
    sources = [s.strip() for s in row["source_ids"].split(";") if s.strip()] or ["untc-xxvi-6"]
    about_withdrawal = [s for s in sources if "withdrawal" in s or "-cn-" in s]
    about_joining = [s for s in sources if s not in about_withdrawal]
    src: Any = about_joining[0] if len(about_joining) == 1 else about_joining
    out: dict[str, Any] = {}
    if row["signature"]:
        out["signature"] = event(row["signature"], src)
    if row["consent_date"]:
        out["consent"] = {
            "date": dt.date.fromisoformat(row["consent_date"]),
            "kind": row["consent_kind"],
            "source": src,
        }
    if row["withdrawal_notified"]:
        out["withdrawal"] = {
            "notified": dt.date.fromisoformat(row["withdrawal_notified"]),
            "effective": dt.date.fromisoformat(row["withdrawal_effective"]),
            "source": ["untc-xxvi-6", *about_withdrawal],
        }
    out["source"] = "untc-xxvi-6"
    if row.get("note"):
        out["note"] = row["note"]
    return out


def apmbc_block(row: dict[str, str] | None) -> dict[str, Any]:
    if row is None:
        return {"source": "untc-xxvi-5", "note": "not a party according to the depositary"}
    ids = ["untc-xxvi-5"]
    for token in row["sources"].split(";"):
        token = token.strip()
        if token.startswith("UNTS-I-35597"):
            ids.append("unts-i-35597")
        elif token in APMBC_SOURCE:
            ids.append(APMBC_SOURCE[token])
        elif token.startswith("news-2026-02-20"):
            ids.append("news-2026-02-20-poland-apmbc")
    src: Any = ids[0] if len(ids) == 1 else ids
    out: dict[str, Any] = {}
    if row["signature"]:
        out["signature"] = event(row["signature"], "untc-xxvi-5")
    out["consent"] = {
        "date": dt.date.fromisoformat(row["consent_date"]),
        "kind": row["consent_kind"],
        "source": src,
    }
    if row["withdrawal_notified"]:
        out["withdrawal"] = {
            "notified": dt.date.fromisoformat(row["withdrawal_notified"]),
            "effective": dt.date.fromisoformat(row["withdrawal_effective"]),
            "source": src,
        }
    out["source"] = "untc-xxvi-5"
    if row["iso3"] == "UKR":
        out["note"] = (
            "A Ukrainian law of 15 July 2025 'suspends' the Convention, but the "
            "depositary records no withdrawal and the Convention has no suspension "
            "clause: Ukraine remains a party."
        )
    return out


def protocol_block(date: str, source: str) -> dict[str, Any]:
    if not date:
        return {"source": source, "note": "not a party according to the depositary"}
    return {
        "consent": {"date": dt.date.fromisoformat(date), "kind": "notification", "source": source},
        "source": source,
    }


def ccw_block(row: dict[str, str] | None) -> dict[str, Any]:
    """The CCW framework Convention, from the programmatic parse of UNTC XXVI-2."""
    if row is None:
        return {"source": "untc-xxvi-2", "note": "not listed by the depositary"}
    out: dict[str, Any] = {}
    if row["signature"]:
        out["signature"] = event(row["signature"], "untc-xxvi-2")
    if row["consent_date"]:
        out["consent"] = {
            "date": dt.date.fromisoformat(row["consent_date"]),
            "kind": row["consent_kind"],
            "source": "untc-xxvi-2",
        }
    out["source"] = "untc-xxvi-2"
    return out


def build_state(
    iso3: str,
    m49: dict[str, str],
    name: str,
    ccm: dict[str, str] | None,
    apmbc: dict[str, str] | None,
    ccw: dict[str, str],
    votes: dict[str, str],
    extra: dict[str, Any],
    ccw_main: dict[str, str] | None,
) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "iso3": iso3,
        "name": name,
        "un": EXTRA.get(iso3, "member"),
        "region": slug(m49["region"]),
        "subregion": slug(m49["sub-region"]),
    }
    if m49["intermediate-region"]:
        rec["intermediate_region"] = slug(m49["intermediate-region"])
    rec["region_source"] = "m49-iso3166"
    rec["ccm"] = ccm_block(ccm)
    rec["apmbc"] = apmbc_block(apmbc)
    rec["ccw_apii"] = protocol_block(ccw.get("apii_consent_date", ""), "untc-xxvi-2-b")
    rec["ccw_pv"] = protocol_block(ccw.get("pv_consent_date", ""), "untc-xxvi-2-d")
    rec["ccw"] = ccw_block(ccw_main)
    if votes:
        rec["unga_votes"] = {int(y): v for y, v in sorted(votes.items())}
    for key in ("commitments", "profile", "article3", "article4", "article7"):
        if extra.get(key):
            rec[key] = extra[key]
    notes = extra.get("notes") or []
    if rec["un"] != "member":
        notes.append(
            "Not a UN member state, so it has no UNGA votes."
            if iso3 in ("COK", "NIU")
            else "UN observer state: it does not vote in the General Assembly."
        )
    if notes:
        rec["notes"] = notes
    return rec


def write_state(path: Path, rec: dict[str, Any]) -> None:
    text = "# yaml-language-server: $schema=../../schemas/state.schema.json\n" + dump(rec)
    path.write_text(text, encoding="utf-8")


DATE_KEYS = {
    "date",
    "submitted",
    "completed",
    "deadline",
    "start",
    "end",
    "notified",
    "effective",
    "adopted",
    "hostilities_ended",
    "identified",
    "from",
    "by",
    "as_at",
    "accessed",
}


def prune(data: Any, key: Any = None) -> Any:
    """Drop null values (absent means not found); ISO date strings become dates;
    YAML 1.1 booleans used as keys (yes/no) become text again."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            if v is None:
                continue
            k = {True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k
            out[k] = prune(v, k)
        return out
    if isinstance(data, list):
        return [prune(v, key) for v in data]
    if key in DATE_KEYS and isinstance(data, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", data):
        return dt.date.fromisoformat(data)
    return data


BODIES = [
    ("isu", "Implementation Support Unit of the CCM (Geneva)"),
    ("presidency", "The Presidency of the current Meeting of States Parties"),
    ("states-parties", "All States Parties"),
    ("coordinators-cooperation", "Coordinators on International Cooperation and Assistance"),
    ("coordinator-nim", "Thematic Coordinator on National Implementation Measures"),
    ("thematic-coordinators", "The thematic coordinators of the Coordination Committee"),
    ("cmc", "Cluster Munition Coalition"),
    ("icrc", "International Committee of the Red Cross"),
    ("ipu", "Inter-Parliamentary Union"),
    ("pga", "Parliamentarians for Global Action"),
    ("unoda", "United Nations Office for Disarmament Affairs"),
    ("unola", "Treaty Section of the UN Office of Legal Affairs (New York)"),
    ("monitor", "Landmine and Cluster Munition Monitor"),
    ("civil-society", "National and international civil society"),
    ("other-stakeholders", "Other international stakeholder organisations"),
]


def write_catalogues(research: Path, out: Path) -> None:
    meetings = prune(load_yaml(research / "meetings" / "meetings.yaml") or [])
    (out / "meetings.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/meetings.schema.json\n"
        + dump({"meetings": meetings}),
        encoding="utf-8",
    )
    resolutions = []
    for r in load_yaml(research / "meetings" / "unga.yaml") or []:
        verified = r.pop("verified", None)
        r = prune(r)
        if verified:
            r["note"] = (
                r.get("note", "")
                + " Verified: "
                + ", ".join(f"{k} {v}" for k, v in verified.items())
                + "."
            ).strip()
        r["per_state"] = str(r["year"]) in VOTE_SOURCES
        src = r.get("source", [])
        src = [src] if isinstance(src, str) else src
        if str(r["year"]) in VOTE_SOURCES:
            src = [VOTE_SOURCES[str(r["year"])] if s == "brief-known" else s for s in src]
            if VOTE_SOURCES[str(r["year"])] not in src:
                src.insert(0, VOTE_SOURCES[str(r["year"])])
        r["source"] = src
        resolutions.append(r)
    (out / "unga.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/unga.schema.json\n"
        + dump({"resolutions": resolutions}),
        encoding="utf-8",
    )
    (out / "bodies.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/bodies.schema.json\n"
        + dump({"bodies": [{"id": i, "name": n} for i, n in BODIES]}),
        encoding="utf-8",
    )
    (out / "plans").mkdir(exist_ok=True)
    for path in sorted((research / "plans").glob("*.yaml")):
        if path.name == "sources.yaml":
            continue
        plan = prune(load_yaml(path))
        (out / "plans" / path.name).write_text(
            "# yaml-language-server: $schema=../../schemas/plan.schema.json\n" + dump(plan),
            encoding="utf-8",
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("provenance/reference"))
    ap.add_argument("--research", type=Path, default=Path("provenance"))
    ap.add_argument("--out", type=Path, default=Path("data"))
    args = ap.parse_args()

    m49 = {r["alpha-3"]: r for r in read_csv(args.shared / "iso3166-m49.csv")}
    ccw = {r["iso3"]: r for r in read_csv(args.shared / "ccw_protocols.csv")}
    states = set(ccw)  # the 197 states that can take part
    assert len(states) == 197, len(states)
    apmbc = {r["iso3"]: r for r in read_csv(args.shared / "apmbc_status.csv")}
    ccm = {r["iso3"]: r for r in read_csv(args.research / "ccm" / "ccm_status.csv")}
    ccw_main = {r["iso3"]: r for r in read_csv(args.research / "untc2" / "ccw.csv")}
    votes: dict[str, dict[str, str]] = {}
    for r in read_csv(args.shared / "unga_ccm_votes.csv"):
        votes.setdefault(r["iso3"], {})[r["year"]] = r["vote"]
    codes = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}
    for r in read_csv(args.research / "unga" / "votes-2015.csv"):
        votes.setdefault(r["iso3"], {})["2015"] = codes[r["plenary"]]

    extras: dict[str, dict[str, Any]] = {iso: {} for iso in states}
    for name in (
        "profiles-aeo/profiles.yaml",
        "profiles-aa/profiles.yaml",
        "art34/obligations.yaml",
        "ccw/ccw.yaml",
    ):
        data = load_yaml(args.research / name) or {}
        for iso3, block in data.items():
            if iso3 not in extras:
                print(f"warning: {name}: unknown state {iso3}", file=sys.stderr)
                continue
            block = prune(block)
            for c in block.get("commitments", []):
                if c.get("summary", "").startswith("COUNTER-STEP"):
                    c["kind"] = "counter_step"
                    c["summary"] = c["summary"].removeprefix("COUNTER-STEP").lstrip(":;,. -")
            for report in list(block.get("article7", [])):
                if "submitted" not in report:
                    block["article7"].remove(report)
                    extras[iso3].setdefault("notes", []).append(
                        f"Article 7 {report.get('kind', '')} report: submission date not found. "
                        + report.get("note", "")
                    )
            for key, value in block.items():
                if key == "note":
                    extras[iso3].setdefault("notes", []).append(value)
                else:
                    extras[iso3][key] = value

    out = args.out
    (out / "states").mkdir(parents=True, exist_ok=True)
    for iso3 in sorted(states):
        rec = build_state(
            iso3,
            m49[iso3],
            ccw[iso3]["name"],
            ccm.get(iso3),
            apmbc.get(iso3),
            ccw[iso3],
            votes.get(iso3, {}),
            extras[iso3],
            ccw_main.get(iso3),
        )
        write_state(out / "states" / f"{iso3}.yaml", rec)

    (out / "regions.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/regions.schema.json\n"
        + dump(build_regions(list(m49.values()), states)),
        encoding="utf-8",
    )
    write_catalogues(args.research, out)
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(out.rglob("*.yaml"))
        if p.name != "sources.yaml"
    )
    used = [s for s in merge_sources(args.research) if s["id"] in text]
    (out / "sources.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/sources.schema.json\n"
        + dump({"sources": used}),
        encoding="utf-8",
    )
    from ccmctl.canonical import format_file
    from ccmctl.files import discover

    for item in discover(out)[0]:  # write the canonical form that `ccmctl fmt` checks
        path = item.path
        result = format_file(item.kind, path, str(path))
        if result.changed:
            path.write_text(result.canonical or "", encoding="utf-8")
    print(f"wrote {len(states)} state files, regions.yaml and sources.yaml under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
