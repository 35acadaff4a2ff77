"""One-off, reproducible: record the dates that the records' own notes already state, in the
fields that rules read (issue 13: dates known to the year or month are first-class values).

- commitments: ``year: N`` becomes ``date: N`` (one field: a day, a month or a year);
- Article 3/4 completions that a note gives to the month or year ("Completed July 2013");
- Guinea-Bissau held no stockpile (its note: a 2020 review found none, clarified May 2022);
- the 2RC extensions with 2021 deadlines, decided by silent procedure in early 2021
  (provenance/art34/NOTES.md; source bhmac-2rc-silent-procedure): ``decided: 2021``.

Every value below is quoted from the note it comes from. Run once; `ccmctl fmt` afterwards.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent / "data" / "states"

# (state, obligation): (completed, the words of the note that give it)
COMPLETIONS = {
    ("BGR", "article3"): ("2023-06", "Completed in June 2023 (day not given)"),
    ("BIH", "article4"): ("2023-08", "Clearance completed in August 2023 (... day not given)"),
    ("CAN", "article3"): ("2014-06", "Destruction completed June 2014 (day not given)"),
    ("CHE", "article3"): ("2019-03", "Monitor gives completion as March 2019"),
    ("CHL", "article3"): ("2013-07", "Completed July 2013 (day not given)"),
    ("COL", "article3"): ("2009-11", "Completed November 2009"),
    ("CUB", "article3"): (2017, "Destroyed its entire stockpile ... during 2017 (day not given)"),
    ("CZE", "article3"): (2010, "Monitor 2014: 'completed in 2010'"),
    ("ECU", "article3"): (2004, "Initial report declared destruction of 117 cluster bombs in 2004"),
    ("ESP", "article3"): (2018, "Completion announced by note verbale on 25 Jul 2018"),
    ("FRA", "article3"): ("2016-06", "Monitor: completed June 2016"),
    ("HRV", "article3"): ("2018-07", "Completed at the end of July 2018 (day not given)"),
    ("MNE", "article3"): ("2010-10", "Completed October 2010 (day not given)"),
    ("MNE", "article4"): (2020, "Declared fulfilment before the deadline (ISU notice 31 Jul 2020)"),
    ("MOZ", "article3"): (2015, "Completion announced September 2015 (day not given)"),
    ("MOZ", "article4"): (2016, "Declared fulfilment in December 2016"),
    ("NLD", "article3"): ("2012-02", "Completed February 2012 (day not given)"),
    ("NOR", "article4"): ("2013-09", "Clearance completed September 2013"),
    ("SVN", "article3"): (2018, "were destroyed by April 2018"),
    ("SWE", "article3"): ("2015-04", "Completed April 2015 (day not given)"),
    ("ZAF", "article3"): (2023, "Declared fulfilment in 2023 (ISU)"),
}
NO_STOCKPILE = {"GNB": "a January 2020 review found none ... clarified it has no cluster munitions"}
# (state, obligation, the extension's new deadline) decided in early 2021
EARLY_2021 = [
    ("BGR", "article3", "2022-10-01"),
    ("PER", "article3", "2024-04-01"),
    ("BIH", "article4", "2022-09-01"),
    ("LBN", "article4", None),
    ("CHL", "article4", "2022-06-01"),
]


def main() -> int:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096
    yaml.preserve_quotes = True
    changed = 0
    for path in sorted(ROOT.glob("*.yaml")):
        iso3 = path.stem
        text = path.read_text(encoding="utf-8")
        doc = yaml.load(text)
        for c in doc.get("commitments") or []:
            if "year" in c:
                c.insert(list(c).index("year"), "date", c.pop("year"))
        for (code, key), (when, _) in COMPLETIONS.items():
            if code == iso3:
                ob = doc[key]
                assert ob.get("completed") is None, (iso3, key)
                ob["completed"] = when
        if iso3 in NO_STOCKPILE:
            doc["article3"].insert(0, "stockpile", False)
        for code, key, deadline in EARLY_2021:
            if code != iso3:
                continue
            exts = [e for e in doc[key]["extensions"] if e["meeting"] == "2rc"]
            if deadline:
                exts = [e for e in exts if str(e["deadline"]) == deadline]
            assert len(exts) == 1, (iso3, key, deadline)
            exts[0].insert(1, "decided", 2021)
        buf = io.StringIO()
        yaml.dump(doc, buf)
        if buf.getvalue() != text:
            path.write_text(buf.getvalue(), encoding="utf-8")
            changed += 1
    print(f"updated {changed} state files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
