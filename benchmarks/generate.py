"""Write a synthetic data set FACTOR times the bundled one (not committed).

    python benchmarks/generate.py 50 bench-data/x50

Every real state is kept; FACTOR-1 clones of each get new three-letter codes and
names, and every state gets a long engagement history (ENGAGEMENTS entries), so the
files are bigger than today's as well as more numerous. Catalogues and plans are
copied as they are, so every reference still resolves.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import string
import sys
from pathlib import Path

ENGAGEMENTS = 25


def codes(taken: set[str]):
    """Unused three-letter codes, skipping those YAML 1.1 reads as booleans (YES, OFF)."""
    from ccmctl.reading import ambiguous

    for letters in itertools.product(string.ascii_uppercase, repeat=3):
        code = "".join(letters)
        if code not in taken and not ambiguous(code):
            yield code


def engagements(n: int) -> str:
    lines = ["outreach:", "  engagements:"]
    day = dt.date(2016, 1, 4)
    for i in range(n):
        lines += [
            f"  - date: {day + dt.timedelta(days=37 * i)}",
            "    kind: bilateral",
            "    by:",
            "    - isu",
            f"    summary: Synthetic engagement number {i} about ratification steps, "
            "stockpiles and the national legislative calendar.",
            "    source: untc-xxvi-6",
        ]
    return "\n".join(lines) + "\n"


def main(factor: int, out: Path, src: Path = Path("data")) -> int:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(src, out, ignore=shutil.ignore_patterns("states"))
    (out / "states").mkdir()
    originals = sorted((src / "states").glob("*.yaml"))
    fresh = codes({p.stem for p in originals} | aliases(originals))
    history = engagements(ENGAGEMENTS)
    written = 0
    for path in originals:
        text = without_outreach(path.read_text(encoding="utf-8"))
        for k in range(factor):
            if k == 0:
                code, body = path.stem, text
            else:
                code = next(fresh)
                body = text.replace(f"iso3: {path.stem}", f"iso3: {code}", 1)
                body = body.replace("\nname: ", f"\nname: Synthetic {k} ", 1)
                body = without_search_names(body)  # a code or alias finds one state only
            (out / "states" / f"{code}.yaml").write_text(
                with_history(body, history), encoding="utf-8"
            )
            written += 1
    scale_tallies(out / "unga.yaml", factor)
    if factor > 1:  # the clones' codes are made up: say so, or validate refuses them
        info = out / "dataset.yaml"
        info.write_text(info.read_text(encoding="utf-8") + "synthetic: true\n", encoding="utf-8")
    print(f"wrote {written} state files to {out}")
    return 0


def aliases(paths: list[Path]) -> set[str]:
    """Every real state's aliases in capitals: a clone's code must not be one (DRC)."""
    out: set[str] = set()
    for path in paths:
        found = re.search(r"\naliases:((?:\n- [^\n]*)+)", path.read_text(encoding="utf-8"))
        if found:
            out |= {a[2:].strip().strip("'\"").upper() for a in found[1].split("\n") if a}
    return out


_TOP_KEY = re.compile(r"\n(?=[a-z0-9_]+:)")


def without_outreach(text: str) -> str:
    """A state file without its outreach block (the keys after it kept)."""
    parts = _TOP_KEY.split(text)
    return "\n".join(p for p in parts if not p.startswith("outreach:"))


def with_history(body: str, history: str) -> str:
    """The synthetic outreach block where the schema puts it: before ``notes``, the one
    key after it (so that the files are canonical: ``fmt --check`` passes on them)."""
    head, sep, tail = body.partition("\nnotes:")
    if not sep:
        return body + history
    return head + "\n" + history + "notes:" + tail


def without_search_names(body: str) -> str:
    """A clone's record without the original's alpha-2 and M49 codes and aliases."""
    body = re.sub(r"\n(alpha2|m49): [^\n]*", "", body)
    return re.sub(r"\naliases:(\n- [^\n]*)+", "", body)


def scale_tallies(path: Path, factor: int) -> None:
    """Each clone votes as its original, so a recorded year's tally grows FACTOR times
    (validate checks that per-state votes add up to it)."""
    import yaml

    head = path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for r in doc["resolutions"]:
        if r.get("per_state") and r.get("tally"):
            r["tally"] = {k: v * factor for k, v in r["tally"].items()}
        if r.get("per_state") and r.get("unattributed"):  # each clone's unknown vote too
            r["unattributed"] = {
                k: v if k == "note" else v * factor for k, v in r["unattributed"].items()
            }
    from ccmctl.canonical import canonical
    from ccmctl.files import BY_NAME

    kind = BY_NAME["unga"]
    text = head + yaml.safe_dump(doc, sort_keys=False, width=4096, allow_unicode=True)
    path.write_text(canonical(text, kind.model, kind.schema_line), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), Path(sys.argv[2])))
