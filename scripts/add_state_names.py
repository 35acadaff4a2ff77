"""One-off: add to each state record the names it is found by.

* ``alpha2`` and ``m49``: the ISO 3166-1 alpha-2 and UN M49 numeric codes, from the
  reference table the records already cite as their ``region_source`` (``m49-iso3166``,
  ``provenance/reference/iso3166-m49.csv``);
* ``aliases``: search names, the common names people type for a state whose UN name
  differs (UK, Laos, Ivory Coast…). A project convention kept in ALIASES below: only
  names in real use, none that could mean another state. Names that already match once
  case, accents, spaces, punctuation, "the" and "St" are ignored (Vietnam, Turkiye, The
  Gambia, St Lucia) are not listed.

Edits each file in ruamel's round-trip mode, so comments and the order of the other keys
stay as they are; run ``ccmctl fmt`` afterwards for the canonical order. Idempotent.

    python scripts/add_state_names.py [--data data] [--reference provenance/reference]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from ruamel.yaml import YAML

ALIASES: dict[str, list[str]] = {
    "ARE": ["UAE"],
    "BOL": ["Bolivia"],
    "BRN": ["Brunei"],
    "COD": ["DRC", "DR Congo", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville"],
    "CIV": ["Ivory Coast"],
    "CPV": ["Cape Verde"],
    "CZE": ["Czech Republic"],
    "FSM": ["Micronesia"],
    "GBR": ["United Kingdom", "UK", "Great Britain", "Britain"],
    "IRN": ["Iran"],
    "KOR": ["South Korea"],
    "LAO": ["Laos", "Lao PDR"],
    "MDA": ["Moldova"],
    "MKD": ["Macedonia", "The former Yugoslav Republic of Macedonia"],
    "MMR": ["Burma"],
    "NLD": ["Netherlands"],
    "PRK": ["North Korea", "DPRK"],
    "PSE": ["Palestine"],
    "RUS": ["Russia"],
    "SWZ": ["Swaziland"],
    "SYR": ["Syria"],
    "TLS": ["East Timor"],
    "TUR": ["Turkey"],
    "TZA": ["Tanzania"],
    "USA": ["United States"],
    "VAT": ["Vatican", "Vatican City"],
    "VEN": ["Venezuela"],
}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def add_names(path: Path, codes: dict[str, str], aliases: list[str]) -> bool:
    """Set alpha2, m49 and aliases (after name, in that order) in one file; True if changed."""
    yaml = _yaml()
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text)
    after_name = list(data).index("name") + 1
    for offset, key in enumerate(("alpha2", "m49")):
        if key in data:
            data[key] = codes[key]
        else:
            data.insert(after_name + offset, key, codes[key])
    if aliases:
        if "aliases" in data:
            data["aliases"] = aliases
        else:
            data.insert(list(data).index("m49") + 1, "aliases", aliases)
    elif "aliases" in data:
        del data["aliases"]
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
    ap.add_argument("--reference", type=Path, default=Path("provenance/reference"))
    args = ap.parse_args()
    with (args.reference / "iso3166-m49.csv").open(encoding="utf-8", newline="") as fh:
        table = {
            r["alpha-3"]: {"alpha2": r["alpha-2"], "m49": r["country-code"]}
            for r in csv.DictReader(fh)
        }
    changed = 0
    for path in sorted((args.data / "states").glob("*.yaml")):
        iso3 = path.stem
        if iso3 not in table:
            print(f"{path}: {iso3} is not in the reference table", file=sys.stderr)
            return 1
        changed += add_names(path, table[iso3], ALIASES.get(iso3, []))
    unknown = sorted(set(ALIASES) - {p.stem for p in (args.data / "states").glob("*.yaml")})
    if unknown:
        print(f"aliases for states without a file: {', '.join(unknown)}", file=sys.stderr)
        return 1
    print(f"updated {changed} state files under {args.data / 'states'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
