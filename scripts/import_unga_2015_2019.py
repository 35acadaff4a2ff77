"""One-off: transcribe the per-state UNGA votes of 2016-2019 into the state records.

Reads ``provenance/unga/votes-2015-2019.csv`` (a byte-identical copy of the reference
table ``unga_ccm_votes_2015_2019.csv``: Erik Voeten's UNGA voting data as packaged in
dgrtwo/unvotes; see ``provenance/unga/NOTES.md``) and:

* checks that its 2015 votes are exactly the ones the records already hold (from
  another table, ``votes-2015.csv``): the two independent transcriptions must agree,
  else nothing is written;
* checks each year's symbol and date against ``data/unga.yaml`` where it records them;
* writes each UN member's 2016, 2017, 2018 and 2019 vote (yes, no, abstain, absent,
  unknown) into ``unga_votes`` of its file, in ruamel's round-trip mode (comments and
  the order of other keys kept; years in order). Idempotent.

The catalogue entries (tallies, the unattributed 2016 vote and its note) are edited by
hand in ``data/unga.yaml``; ``ccmctl validate`` then checks that the votes add up.

    python scripts/import_unga_2015_2019.py [--data data] [--table TABLE.csv]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import SingleQuotedScalarString

VOTES = {"yes", "no", "abstain", "absent", "unknown"}
CHECKED = 2015
WRITTEN = (2016, 2017, 2018, 2019)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def _vote(value: str) -> str:
    # quoted as `ccmctl fmt` writes them: yes/no read as booleans in YAML 1.1 tools
    return SingleQuotedScalarString(value) if value in ("yes", "no") else value


def read_table(path: Path) -> dict[str, dict[int, dict[str, str]]]:
    """iso3 -> year -> row, refusing unknown votes and repeated rows."""
    out: dict[str, dict[int, dict[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            if row["vote"] not in VOTES:
                raise SystemExit(f"{path}:{n}: vote {row['vote']!r} is not one of {sorted(VOTES)}")
            year = int(row["year"])
            if year in out.setdefault(row["iso3"], {}):
                raise SystemExit(f"{path}:{n}: a second row for {row['iso3']} {year}")
            out[row["iso3"]][year] = row
    return out


def check_catalogue(data: Path, table: dict[str, dict[int, dict[str, str]]]) -> list[str]:
    """Where data/unga.yaml records a symbol or date that the table contradicts."""
    yaml = _yaml()
    catalogue = {r["year"]: r for r in yaml.load(data / "unga.yaml")["resolutions"]}
    seen: dict[int, tuple[str, str]] = {}
    for rows in table.values():
        for year, row in rows.items():
            seen.setdefault(year, (row["resolution"], row["date"]))
    out = []
    for year, (symbol, date) in sorted(seen.items()):
        r = catalogue.get(year)
        if r is None:
            out.append(f"{year}: no resolution in data/unga.yaml")
            continue
        if r.get("symbol") and r["symbol"] != symbol:
            out.append(f"{year}: symbol {r['symbol']} in data/unga.yaml, {symbol} in the table")
        if r.get("adopted") and str(r["adopted"]) != date:
            out.append(f"{year}: adopted {r['adopted']} in data/unga.yaml, {date} in the table")
    return out


def write_votes(path: Path, votes: dict[int, str]) -> bool:
    yaml = _yaml()
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text)
    current = data.get("unga_votes")
    if current is None:
        current = CommentedMap()
        data.insert(len(data), "unga_votes", current)  # fmt puts it in its schema place
    for year, vote in votes.items():
        if current.get(year) == vote:
            continue
        if year in current:
            current[year] = _vote(vote)
        else:
            pos = sum(1 for y in current if y < year)
            current.insert(pos, year, _vote(vote))
    buf = io.StringIO()
    yaml.dump(data, buf)
    out = buf.getvalue()
    if out == text:
        return False
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(out, encoding="utf-8")
    tmp.replace(path)
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("data"))
    ap.add_argument("--table", type=Path, default=Path("provenance/unga/votes-2015-2019.csv"))
    args = ap.parse_args()
    table = read_table(args.table)
    yaml = _yaml()
    files = {p.stem: p for p in sorted((args.data / "states").glob("*.yaml"))}

    disagree = []
    for iso3, rows in sorted(table.items()):
        if iso3 not in files:
            print(f"{args.table}: {iso3} has no state file", file=sys.stderr)
            return 1
        recorded = (yaml.load(files[iso3]) or {}).get("unga_votes") or {}
        if set(rows) != {CHECKED, *WRITTEN}:
            print(f"{args.table}: {iso3} lacks a year of {CHECKED}-{WRITTEN[-1]}", file=sys.stderr)
            return 1
        if recorded.get(CHECKED) != rows[CHECKED]["vote"]:
            disagree.append(f"{iso3}: {recorded.get(CHECKED)} recorded, {rows[CHECKED]['vote']}")
    if disagree:
        print(
            f"the {CHECKED} votes disagree, nothing written:",
            *disagree,
            sep="\n  ",
            file=sys.stderr,
        )
        return 1
    print(f"{CHECKED}: all {len(table)} votes agree with the records")
    for line in check_catalogue(args.data, table):
        print(f"note: {line}")

    changed = 0
    for iso3, rows in sorted(table.items()):
        changed += write_votes(files[iso3], {y: rows[y]["vote"] for y in WRITTEN})
    for year in WRITTEN:
        counts = Counter(rows[year]["vote"] for rows in table.values())
        print(f"{year}: " + ", ".join(f"{counts[v]} {v}" for v in sorted(VOTES) if counts[v]))
    print(f"updated {changed} state files under {args.data / 'states'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
