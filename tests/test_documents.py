"""Documents people send around: the report and the country brief as HTML and Word, the
charts, the world map and the executive summary, on the bundled data (published numbers)
and on the fixture set (synthetic outreach, hostile text). The browser checks are in
tests/test_browser.py."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, ROOT, run

STATES = sorted(p.stem for p in (DATA / "states").glob("*.yaml"))


def html_report(runner, *args: str) -> str:
    result = run(runner, "report", "12msp", "--format", "html", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def docx_bytes(runner, tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / "out.docx"
    result = run(runner, *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


# --- startup cost and determinism ------------------------------------------------------


def test_the_cli_imports_no_charting_or_document_library():
    code = (
        "import sys, ccmctl.cli; heavy = ('matplotlib', 'numpy', 'docx', 'markdown_it', "
        "'playwright', 'pypdf', 'PIL'); print(sorted({m.split('.')[0] for m in sys.modules} "
        "& set(heavy)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_committed_html_report_is_current(runner):
    committed = (ROOT / "examples" / "12msp.html").read_text(encoding="utf-8")
    assert html_report(runner) == committed, "run `make examples`"


def test_committed_map_is_current(runner, tmp_path):
    out = tmp_path / "map.svg"
    assert run(runner, "map", "--as-of", "12msp", "-o", str(out)).exit_code == 0
    committed = (ROOT / "examples" / "map.svg").read_bytes()
    assert out.read_bytes() == committed, "run `make examples`"


def test_word_is_byte_stable(runner, tmp_path):
    first = docx_bytes(runner, tmp_path, "report", "12msp", "--format", "docx")
    second = docx_bytes(runner, tmp_path, "report", "12msp", "--format", "docx")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert "2024-09-10T00:00:00" in core


# --- HTML --------------------------------------------------------------------------------


def test_html_is_self_contained_with_a_print_stylesheet(runner):
    page = html_report(runner)
    assert "@page" in page and "size: A4" in page and "counter(page)" in page
    assert not re.search(r"<(script|link|iframe|object|embed)\b", page)
    assert not re.search(r"""\bsrc=["']?(?!data:)""", page), "every image is inline"
    assert not re.search(r"url\((?!#)", page) and "@import" not in page


def test_html_charts_are_inline_svg_with_alt_text(runner):
    page = html_report(runner)
    figures = re.findall(r'<figure id="figure-(\w+)" data-alt="([^"]*)"><svg', page)
    assert [f[0] for f in figures] == ["map", "regions", "parties", "unga"]
    assert all(alt for _, alt in figures)
    labelled = re.findall(r'<svg [^>]*role="img" aria-label="([^"]+)"', page)
    assert len(labelled) == 3  # the three charts; the map is labelled by its <title>
    parties = dict(figures)["parties"]
    assert "1MSP 46" in parties and "12MSP 112" in parties
    assert "<dc:date>" not in page, "no timestamp in the SVG"


def test_html_shows_the_summary_and_the_mermaid_stays_in_markdown(runner):
    page = html_report(runner)
    summary = page.split('id="summary"')[1].split("</section>")[0]
    assert "<strong>112 States Parties</strong>" in summary
    assert "10 September 2024" in page and "2024-09-10" not in summary
    assert "148 in favour" in summary and "A/RES/78/32" in summary
    assert "Presidency: Mexico, Francisca Elizabeth Méndez Escobar" in summary
    md = run(runner, "report", "12msp").stdout
    assert "```mermaid" in md and "| 12MSP | 2024-09-10 | 112 |" in md
    assert "## Executive summary" in md and md.index("## Executive summary") < md.index(
        "## Status at a glance"
    )


def test_a_missing_browser_is_a_usage_error(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("CCMCTL_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = run(runner, "report", "12msp", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 2
    assert "needs a headless Chromium" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


# --- the executive summary -----------------------------------------------------------


def test_the_html_report_has_a_section_for_every_registered_one(runner):
    from ccmctl.queries.report import SECTIONS

    page = html_report(runner, "--include-internal")
    found = re.findall(r'<section id="([\w-]+)"', page)
    missing = [s for s in SECTIONS.ids() if s not in found]
    assert missing == [], "add these sections to templates/report.html.j2"
    assert [s for s in found if s in SECTIONS] == SECTIONS.ids(), "in the registry's order"


def test_summary_is_the_first_section():
    from ccmctl.queries.report import SECTIONS

    assert SECTIONS.ids()[0] == "summary"


def test_7msp_summary_names_the_new_states_parties(real):
    import datetime as dt

    from ccmctl.queries.report import context

    s = context(real, real.meetings["7msp"], dt.date(2017, 9, 4))["summary"]
    # Madagascar ratified on 20 May 2017 and Benin on 10 July 2017 (UNTC XXVI-6).
    assert [(j["name"], j["date_text"]) for j in s["joined"]] == [
        ("Madagascar", "20 May 2017"),
        ("Benin", "10 July 2017"),
    ]
    assert s["counts"]["party"] == 102 and s["change"]["party"] == 2
    assert s["since_text"] == "5 September 2016"
    assert "Nigeria" in s["signatories"] and "Philippines" in s["signatories"]


def test_summary_counts_a_withdrawal(real):
    import datetime as dt

    from ccmctl.queries.report import context

    s = context(real, real.meetings["13msp"], dt.date(2025, 9, 15))["summary"]
    # Lithuania's withdrawal took effect on 6 March 2025 (Art. 20(3), notice of 6 Sept. 2024).
    assert [(w["name"], w["date_text"]) for w in s["withdrew"]] == [("Lithuania", "6 March 2025")]


def test_the_dap_target_is_drawn_in_the_7msp_chart(real):
    import datetime as dt

    from ccmctl.queries.report import context
    from ccmctl.render.charts import render_chart, targets_in

    ctx = context(real, real.meetings["7msp"], dt.date(2017, 9, 4))
    assert {"target": 130, "title": "130 States Parties by the Second Review Conference"} in (
        targets_in(ctx)
    )
    chart = render_chart("parties", ctx)
    assert chart is not None and chart.svg is not None
    assert "target of 130" in chart.alt and "target 130" in chart.svg


# --- the world map ----------------------------------------------------------------------


def test_map_draws_every_state_once_with_legend_date_and_disclaimer(runner, tmp_path):
    out = tmp_path / "map.svg"
    assert run(runner, "map", "--as-of", "2025-09-15", "-o", str(out)).exit_code == 0
    root = ET.fromstring(out.read_bytes())  # well-formed XML
    marks = [el for el in root.iter() if "data-iso3" in el.attrib]
    assert sorted(el.attrib["data-iso3"] for el in marks) == STATES
    by = {el.attrib["data-iso3"]: el for el in marks}
    assert by["LTU"].attrib["data-status"] == "withdrawn"
    assert by["IDN"].attrib["data-status"] == "signatory"
    ns = "{http://www.w3.org/2000/svg}"
    assert by["TUV"].find(f"{ns}circle") is not None and by["TUV"].find(f"{ns}path") is None
    assert by["MCO"].find(f"{ns}circle") is not None, "a state too small to see gets a dot"
    assert by["BRA"].find(f"{ns}circle") is None
    text = out.read_text(encoding="utf-8")
    assert "15 September 2025" in text and "withdrawn (1)" in text
    assert (
        "The boundaries and names shown and the designations used on this map do not imply "
        "official endorsement or acceptance by the United Nations." in text
    )


def test_map_png_and_bad_suffix(runner, tmp_path):
    out = tmp_path / "map.png"
    assert run(runner, "map", "--as-of", "12msp", "-o", str(out)).exit_code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = run(runner, "map", "-o", str(tmp_path / "map.pdf"))
    assert result.exit_code == 2 and ".svg or .png" in result.stderr


def test_geometry_is_compact_and_keyed_by_iso3():
    from ccmctl.render import worldmap

    assert worldmap.GEOMETRY.stat().st_size < 1_500_000
    geo = worldmap.geometry()
    assert set(geo.shapes) | set(geo.centroids) >= set(STATES)
    assert set(geo.centroids) == {"TUV"}
    assert (worldmap.GEO / "PROVENANCE.md").is_file()


# --- Word ------------------------------------------------------------------------------


def _docx(blob: bytes):
    import docx

    return docx.Document(io.BytesIO(blob))


def test_word_report_has_headings_header_rows_images_and_page_numbers(runner, tmp_path):
    doc = _docx(docx_bytes(runner, tmp_path, "report", "12msp", "--format", "docx"))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles[0][0] == "Title" and "Twelfth Meeting" in styles[0][1]
    headings = [t for s, t in styles if s == "Heading 1"]
    assert headings[:3] == [
        "Executive summary",
        "Status at a glance",
        "Changes since the Eleventh Meeting of States Parties",
    ]
    first = doc.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Status", "States"]
    assert first.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert [c.text for c in first.rows[1].cells] == ["State Party", "112"]
    shapes = doc.inline_shapes
    assert len(shapes) == 4
    assert all(s._inline.docPr.get("descr") for s in shapes)
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert abs(doc.sections[0].page_width.cm - 21.0) < 0.01


def test_word_brief(runner, tmp_path):
    doc = _docx(
        docx_bytes(runner, tmp_path, "show", "IDN", "--format", "docx", "--as-of", "2024-09-10")
    )
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for h in (
        "Status and treaty participation",
        "Votes on the UNGA resolution",
        "Why Indonesia is a target",
        "Outreach",
        "Sources",
    ):
        assert h in headings
    treaties = doc.tables[0]
    assert [c.text for c in treaties.rows[0].cells] == ["Treaty", "Status", "Events"]
    assert treaties.rows[1].cells[2].text.startswith("Signature 3 December 2008")
    sup = [
        r for p in doc.tables[0].rows[1].cells[2].paragraphs for r in p.runs if r.font.superscript
    ]
    assert sup, "footnote references are superscript"


# --- the brief ---------------------------------------------------------------------------


def test_brief_markdown_has_footnotes(runner):
    result = run(runner, "show", "IDN", "--format", "markdown", "--as-of", "2024-09-10")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Indonesia and the Convention on Cluster Munitions")
    assert "| Convention on Cluster Munitions | signatory | signature 3 December 2008 [^1] |" in (
        text
    )
    assert "\n[^1]: Status of Treaties, Chapter XXVI" in text


def test_brief_leaves_internal_records_out_unless_asked(runner, fixture_copy):
    base = ["show", "IDN", "--format", "html", "--as-of", "2025-06-01", "--data", str(fixture_copy)]
    result = run(runner, *base)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert "Synthetic test record" not in page
    assert "internal outreach record" in page and "left out" in page
    inside = run(runner, *base, "--include-internal").stdout
    assert "Synthetic test record" in inside and "left out" not in inside
    assert (
        "Open next steps" in inside
        or "next_step" not in (fixture_copy / "states" / "IDN.yaml").read_text()
    )


# --- safety ------------------------------------------------------------------------------

HOSTILE = '<script>alert(1)</script> & "quoted" <img src=x onerror=alert(2)>'


@pytest.fixture
def hostile_data(fixture_copy: Path) -> Path:
    path = fixture_copy / "states" / "AND.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r"(?m)^name: .*$", f"name: '{HOSTILE}'", text, count=1), encoding="utf-8"
    )
    return fixture_copy


def test_data_is_escaped_in_html_svg_and_word(runner, hostile_data, tmp_path):
    args = ["--as-of", "2024-09-10", "--data", str(hostile_data)]
    result = run(runner, "report", "12msp", "--format", "html", *args)
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in page
    svg = tmp_path / "m.svg"
    assert run(runner, "map", "-o", str(svg), *args).exit_code == 0
    root = ET.fromstring(svg.read_bytes())
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any(t and t.startswith(HOSTILE) for t in titles)
    doc = _docx(docx_bytes(runner, tmp_path, "show", "AND", "--format", "docx", *args))
    assert doc.paragraphs[0].text == f"{HOSTILE} and the Convention on Cluster Munitions"


def test_user_html_template_drives_html_and_word(runner, tmp_path):
    mine = tmp_path / "mine.html.j2"
    mine.write_text(
        '{% extends "base.html.j2" %}{% block body %}<h1>Our report</h1>'
        "<p>{{ counts.party }} States Parties on {{ as_of | day }}</p>"
        '{{ figure("parties") }}{% endblock %}',
        encoding="utf-8",
    )
    page = run(runner, "report", "12msp", "--format", "html", "--template", str(mine)).stdout
    assert "<p>112 States Parties on 10 September 2024</p>" in page and "<svg" in page
    doc = _docx(
        docx_bytes(runner, tmp_path, "report", "12msp", "--format", "docx", "--template", str(mine))
    )
    assert [p.text for p in doc.paragraphs][:2] == [
        "Our report",
        "112 States Parties on 10 September 2024",
    ]
    assert len(doc.inline_shapes) == 1


def test_user_markdown_template_drives_html_with_raw_html_off(runner, tmp_path):
    mine = tmp_path / "mine.md.j2"
    mine.write_text(
        "# {{ meeting.name | text }}\n\n<b>raw</b> and {{ counts.party }}\n", encoding="utf-8"
    )
    page = run(runner, "report", "12msp", "--format", "html", "--template", str(mine)).stdout
    assert "<h1>Twelfth Meeting of States Parties</h1>" in page
    assert "&lt;b&gt;raw&lt;/b&gt; and 112" in page and "<b>raw</b>" not in page


def test_user_html_template_cannot_reach_python(runner, tmp_path):
    mine = tmp_path / "evil.html.j2"
    mine.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    result = run(runner, "report", "12msp", "--format", "html", "--template", str(mine))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "evil.html.j2" in result.stderr


# --- a Markdown template's Mermaid chart in HTML and Word -----------------------------------


def test_a_markdown_templates_mermaid_chart_is_drawn_in_html(runner):
    page = html_report(runner, "--template", str(ROOT / "templates" / "report.md.j2"))
    assert "xychart-beta" not in page  # drawn, not shown as code
    figure = re.search(
        r'<figure id="figure-mermaid-1" data-alt="([^"]*)">(.*?)</figure>', page, re.S
    )
    assert figure is not None and "<svg" in figure.group(2)
    markdown = run(runner, "report", "12msp").stdout
    rows = re.findall(r"^\| (\d+(?:MSP|RC)) \| [^|]+ \| (\d+) \|$", markdown, re.M)
    assert len(rows) >= 10
    assert figure.group(1).endswith(
        "; ".join(f"{label}: {parties}" for label, parties in rows) + "."
    ), "the chart's text alternative gives the table's numbers"


def test_a_markdown_templates_mermaid_chart_is_a_picture_in_word(runner, tmp_path):
    import docx

    data = docx_bytes(
        runner,
        tmp_path,
        "report",
        "12msp",
        "--format",
        "docx",
        "--template",
        str(ROOT / "templates" / "report.md.j2"),
    )
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 1


def test_other_mermaid_and_hostile_labels_stay_text(runner, tmp_path):
    template = tmp_path / "t.md.j2"
    template.write_text(
        "```mermaid\nflowchart LR\n  A --> B\n```\n\n"
        '```mermaid\nxychart-beta\n    title "Costs in $US </svg><script>x</script>"\n'
        '    x-axis ["$a$", "<b>"]\n    bar [1, 2]\n```\n',
        encoding="utf-8",
    )
    result = run(runner, "report", "12msp", "--format", "html", "--template", str(template))
    assert result.exit_code == 0, result.stderr
    page = result.stdout
    assert "flowchart LR" in page  # not a chart ccmctl draws: shown as its text
    assert "<script>" not in page and "<b>" not in page
    assert 'id="figure-mermaid-1"' in page and "Costs in $US" in page
