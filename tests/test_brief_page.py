"""The country brief is one A4 page (ccmctl/queries/brief.py: caps, a page budget, footnotes),
and says what it left out, the same in Markdown, HTML and Word.

The page count is checked by printing with headless Chromium (skipped when there is none,
unless CCMCTL_REQUIRE_BROWSER=1, as in tests/test_browser.py), on the longest records of
data/ and on a synthetic record with every list beyond its cap and every text long. The rest
needs no browser."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import run

from ccmctl.queries import brief as B
from ccmctl.render.pdf import find_browser
from ccmctl.validation import load

BROWSER = find_browser()
REQUIRED = os.environ.get("CCMCTL_REQUIRE_BROWSER") == "1"
ON = "2026-02-03"
"""The day the bundled treaty record is checked to: every record of data/ is known by then."""
LONGEST = ["USA", "LTU", "AGO", "IDN", "RUS", "CHN", "IND", "FRA"]
"""The longest briefs of data/ (USA, LTU, AGO), those the issue named, a State Party (FRA)
and signatories (AGO, IDN)."""
LONG = "Synthetic test record — not a real event. " + "What was said and agreed, at length. " * 12


def needs_browser() -> str:
    if BROWSER is None:
        if REQUIRED:
            pytest.fail("CCMCTL_REQUIRE_BROWSER=1 but no headless Chromium was found")
        pytest.skip("no headless Chromium (install chromium-headless-shell)")
    return BROWSER


def pages(html_text: str, browser: str) -> int:
    from pypdf import PdfReader

    from ccmctl.render.pdf import html_to_pdf

    return len(PdfReader(io.BytesIO(html_to_pdf(html_text, browser))).pages)


def brief_of(runner, state: str, fmt: str, *args: str) -> str:
    result = run(runner, "show", state, "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def crowded(fixture_copy: Path) -> Path:
    """The fixture data with USA's outreach beyond every cap, its notes and texts long, and
    each record citing a source of its own (synthetic, marked so)."""
    sources = fixture_copy / "sources.yaml"
    extra = "".join(
        f"- id: fixture-synthetic-{i}\n"
        f"  title: Synthetic test source {i}, a title long enough to be cut short in a footnote\n"
        f"  url: https://example.org/synthetic/{i}\n"
        f"  publisher: ccmctl test fixture\n"
        f"  as_at: 2024-01-0{i % 9 + 1}\n"
        f"  accessed: 2026-01-15\n"
        for i in range(1, 13)
    )
    sources.write_text(sources.read_text(encoding="utf-8") + extra, encoding="utf-8")
    path = fixture_copy / "states" / "USA.yaml"
    state = yaml.safe_load(path.read_text(encoding="utf-8"))
    public = {"visibility": "public"}
    state["outreach"] = {
        "coordinators": ["ESP", "MWI", "PER", "MEX", "CHE", "FRA"],
        "engagements": [
            {
                "date": dt.date(2024, m, 10 + m),
                "kind": "bilateral",
                "by": ["ESP", "MEX"],
                "summary": LONG,
                "outcome": LONG,
                "next_step": LONG,
                "next_due": dt.date(2025, m, 1),
                "source": f"fixture-synthetic-{m}",
            }
            | public
            for m in range(1, 8)
        ],
        "survey": [
            {
                "date": dt.date(2024, m, 20),
                "position": "considering",
                "reasons": ["security-defence", "stockpiles"],
                "note": LONG,
                "source": f"fixture-synthetic-{m + 7}",
            }
            | public
            for m in range(1, 5)
        ],
        "obstacles": [
            {"summary": LONG, "identified": f"2024-0{m}", "solution": LONG}
            | public
            | {"source": f"fixture-synthetic-{m + 7}"}
            for m in range(1, 6)
        ],
    }
    state["notes"] = [LONG, LONG, LONG]
    path.write_text(yaml.safe_dump(state, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return fixture_copy


# --- printed: one page --------------------------------------------------------------------


@pytest.mark.parametrize("state", LONGEST)
def test_the_longest_briefs_print_on_one_page(runner, state):
    browser = needs_browser()
    assert pages(brief_of(runner, state, "html", "--as-of", ON), browser) == 1


def test_the_three_longest_by_the_budget_print_on_one_page(runner, real):
    """Whichever records are longest now (the budget's estimate), not only those named."""
    browser = needs_browser()
    on = dt.date.fromisoformat(ON)
    length = {iso3: B.brief(real, s, on)["page_lines"] for iso3, s in real.states.items()}
    for iso3 in sorted(length, key=lambda k: -length[k])[:3]:
        assert pages(brief_of(runner, iso3, "html", "--as-of", ON), browser) == 1, iso3


def test_a_brief_crowded_everywhere_prints_on_one_page(runner, crowded):
    browser = needs_browser()
    page = brief_of(runner, "USA", "html", "--as-of", ON, "--data", str(crowded))
    assert "Synthetic test record" in page and "Left out to keep to one page" in page
    assert pages(page, browser) == 1


# --- what the caps left out, said the same in every format -------------------------------


def _left_out(text: str) -> dict[str, int]:
    """The counts a brief gives for what it left out, by list (Markdown or HTML as text)."""
    text = " ".join(re.sub(r"<[^>]+>", "", text).split())
    found = {}
    for name, pattern in {
        "commitments": r"And (\d+) more \(|(\d+) commitments? and statements?",
        "engagements": r"And (\d+) earlier contacts?",
        "next_steps": r"And (\d+) more, due later",
        "obstacles": r"And (\d+) more: ",
        "survey": r"And (\d+) earlier answers?|(\d+) survey answers?",
        "notes": r"And (\d+) more notes?|(\d+) notes?: ",
        "coordinators": r"Mexico and (\d+) more",
        "texts": r"(\d+) texts? cut short",
    }.items():
        m = re.search(pattern, text)
        if m:
            found[name] = int(next(g for g in m.groups() if g))
    return found


def test_usa_names_what_it_left_out_and_markdown_agrees_with_html(runner):
    profile = json.loads(brief_of(runner, "USA", "json", "--as-of", ON))
    md = brief_of(runner, "USA", "markdown", "--as-of", ON)
    html = brief_of(runner, "USA", "html", "--as-of", ON)
    shown = len(re.findall(r"(?m)^- \*\*(?:counter step|moratorium|statement|interim step)", md))
    assert shown == B.MAX_COMMITMENTS < len(profile["commitments"])
    left = len(profile["commitments"]) - shown
    assert f"And {left} more (2008 to 2015, and 1 undated): `ccmctl show USA` lists all." in md
    assert f"And {left} more (2008 to 2015, and 1 undated): <code>ccmctl show USA</code>" in html
    assert _left_out(md) == _left_out(html) == {"commitments": left, "texts": 4}


def test_a_crowded_brief_counts_every_item_it_shows_or_leaves_out(runner, crowded):
    args = ("--as-of", ON, "--data", str(crowded))
    md, html = brief_of(runner, "USA", "markdown", *args), brief_of(runner, "USA", "html", *args)
    counts = _left_out(md)
    assert counts == _left_out(html)
    ds = load(crowded).dataset
    ctx = B.brief(ds, ds.states["USA"], dt.date.fromisoformat(ON))
    recorded = {"engagements": 7, "next_steps": 7, "obstacles": 5, "survey": 4, "notes": 3}
    for name, total in recorded.items():
        assert len(ctx[name]) + counts.get(name, 0) == total, name
        assert len(ctx[name]) <= getattr(B, f"MAX_{name.upper()}")
    assert counts["coordinators"] == 6 - B.MAX_COORDINATORS
    assert ctx["page_lines"] <= B.PAGE_LINES
    assert "Left out to keep to one page: " in md and "`ccmctl show USA` lists all" in md


def test_every_fact_shown_has_its_footnote_and_every_footnote_a_fact(real):
    on = dt.date.fromisoformat(ON)
    for iso3, state in real.states.items():
        ctx = B.brief(real, state, on)
        facts = [e for t in ctx["treaties"] for e in t["events"]] + ctx["profile"]
        facts += [v for v in ctx["votes"] if v["recorded"]] + ctx["commitments"]
        facts += ctx["target"]["reasons"] if ctx["target"] else []
        assert all(f["refs"] for f in facts), iso3
        cited = {n for f in facts for n in f["refs"]}
        assert cited == set(range(1, len(ctx["sources"]) + 1)), iso3
        assert all(len(s["title"]) <= B.MAX_SOURCE_TITLE for s in ctx["sources"]), iso3
        assert ctx["page_lines"] <= B.PAGE_LINES, iso3


def test_what_is_left_out_is_what_was_known_on_the_day(runner, real):
    on = "2016-09-05"
    profile = json.loads(brief_of(runner, "USA", "json", "--as-of", on))
    ctx = B.brief(real, real.states["USA"], dt.date.fromisoformat(on))
    more = ctx["more"]["commitments"]
    assert len(ctx["commitments"]) + more["count"] == len(profile["commitments"]) == 4
    assert more == {"count": 1, "span": "", "undated": 1}  # the latest shown, the undated last
    assert ctx["commitments_undecided"] == len(profile["commitments_not_known_by_then"]) == 1
    assert [v["year"] for v in ctx["votes"]] == [2015]  # the 2016 resolution: December
    md = brief_of(runner, "USA", "markdown", "--as-of", on)
    assert "And 1 more (undated): `ccmctl show USA` lists all." in md
    assert "1 more not known to be before 5 September 2016" in md


def test_footnotes_link_only_to_the_web(runner, fixture_copy):
    sources = fixture_copy / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    web = "  url: https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-6&"
    assert web in text
    text = re.sub(re.escape(web) + ".*", "  url: javascript:alert(1)", text)
    sources.write_text(text, encoding="utf-8")
    args = ("--as-of", ON, "--data", str(fixture_copy))
    html = brief_of(runner, "IDN", "html", *args)
    md = brief_of(runner, "IDN", "markdown", *args)
    assert "javascript:" not in html and "javascript:" not in md
    assert "Status of Treaties, Chapter XXVI (Disarmament), 6. …, 2026." in html
    assert '· <a href="https://digitallibrary.un.org/record/' in html
    assert "· [digitallibrary.un.org](<https://digitallibrary.un.org/record/" in md


def test_the_word_brief_has_the_type_of_its_one_page(runner, tmp_path):
    from docx import Document

    def doc(*args: str):
        out = tmp_path / "out.docx"
        assert run(runner, *args, "-o", str(out)).exit_code == 0
        return Document(str(out))

    brief = doc("show", "USA", "--format", "docx", "--as-of", ON)
    assert brief.styles["Normal"].font.size.pt == 8.5
    assert round(brief.sections[0].left_margin.cm, 1) == 1.3
    report = doc("report", "12msp", "--format", "docx")
    assert report.styles["Normal"].font.size.pt == 10
    assert round(report.sections[0].left_margin.cm, 1) == 2.0


def test_a_footnote_cap_keeps_each_facts_first_source(real):
    fn = B.Footnotes(real, limit=2)
    a, b, c = fn.refs(["untc-xxvi-6", "unts-i-35597"]), fn.refs("untc-xxvi-5"), fn.refs(None)
    d = fn.refs(["untc-xxvi-6", "untc-xxvi-2"])
    table = fn.table()
    assert [row["id"] for row in table] == ["untc-xxvi-6", "untc-xxvi-5"]
    assert (a, b, c, d) == ([1], [2], [], [1])
    assert fn.left_out == ["unts-i-35597", "untc-xxvi-2"]


def test_footnotes_left_out_are_counted_the_same_in_every_format(runner, real, monkeypatch):
    monkeypatch.setattr(B, "MAX_SOURCES", 6)
    md = brief_of(runner, "LTU", "markdown", "--as-of", ON)
    html = brief_of(runner, "LTU", "html", "--as-of", ON)
    said = r"(\d+) further sources of the facts above left out \(each fact keeps its first\)"
    left = re.findall(said, md)
    assert left and left == re.findall(said, html)
    ctx = B.brief(real, real.states["LTU"], dt.date.fromisoformat(ON))
    facts = [e for t in ctx["treaties"] for e in t["events"]] + ctx["commitments"]
    facts += [v for v in ctx["votes"] if v["recorded"]] + ctx["profile"]
    assert all(f["refs"] for f in facts), "every fact keeps its first source"
    assert int(left[0]) == ctx["more"]["sources"]["count"] > 0
