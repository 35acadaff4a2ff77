"""`ccmctl report`: numbers against published counts, Markdown that holds, the sandbox."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT, run
from markdown_it import MarkdownIt

from ccmctl.queries.report import context
from ccmctl.render.report import render

D = dt.date


def tables(markdown: str) -> list[list[list[str]]]:
    """Every GFM table as rows of cell texts, parsed by a real Markdown parser."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    out, rows, row, cell = [], [], None, None
    for t in tokens:
        if t.type == "table_open":
            rows = []
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            cell = ""
        elif t.type == "inline" and cell is not None:
            cell += t.content
        elif t.type in ("th_close", "td_close"):
            row.append(cell)
            cell = None
        elif t.type == "tr_close":
            rows.append(row)
        elif t.type == "table_close":
            out.append(rows)
    return out


def test_7msp_numbers_against_published_counts(real):
    ctx = context(real, real.meetings["7msp"], D(2017, 9, 4))
    assert ctx["counts"]["party"] == 102  # Benin was No. 102 (July 2017)
    assert [c["state"] for c in ctx["changes"]] == ["Madagascar", "Benin"]
    note = next(p for p in ctx["plans"] if p["id"] == "universalization-2016-2017")
    eight = next(i for i in note["indicators"] if i["metric"] == "new_states_parties")
    assert (eight["target"], eight["actual"], eight["verdict"]) == (8, 2, "not met")
    dap = next(p for p in ctx["plans"] if p["id"] == "dap")
    assert dap["indicators"][0]["verdict"] == "open"  # 130 by the 2RC: not yet due in 2017


def test_12msp_numbers_against_published_counts(real):
    ctx = context(real, real.meetings["12msp"], D(2024, 9, 10))
    assert ctx["counts"]["party"] == 112 and ctx["counts"]["signatory"] == 12
    plan = next(p for p in ctx["plans"] if p["id"] == "universalization-2023-2024")
    one = next(i for i in plan["indicators"] if i["metric"] == "new_states_parties")
    assert (one["target"], one["actual"], one["verdict"]) == (1, 0, "not met")
    assert {p["id"] for p in ctx["plans"]} == {"lap", "universalization-2023-2024"}


def test_dap_130_by_the_second_review_conference_was_not_met(real):
    ctx = context(real, real.meetings["2rc"], D(2020, 11, 25))
    dap = next(p for p in ctx["plans"] if p["id"] == "dap")
    assert (dap["indicators"][0]["actual"], dap["indicators"][0]["verdict"]) == (110, "not met")


def test_chart_and_its_table_agree(real):
    md = render(context(real, real.meetings["12msp"], D(2024, 9, 10)))
    block = md.split("```mermaid\n")[1].split("```")[0]
    assert block.startswith("xychart-beta")
    line = block.split("line [")[1].split("]")[0]
    chart_values = [int(x) for x in line.split(",")]
    table = next(t for t in tables(md) if t[0] == ["Meeting", "Date", "States Parties"])
    assert [int(r[2]) for r in table[1:]] == chart_values
    assert chart_values[0] == 46 and chart_values[-1] == 112


def test_every_table_has_the_columns_it_should(real):
    for mid in ("7msp", "12msp"):
        md = render(context(real, real.meetings[mid], real.meetings[mid].start))
        found = tables(md)
        assert len(found) >= 8
        for t in found:
            assert all(len(row) == len(t[0]) for row in t), t[0]


def test_hostile_record_renders_as_intended(runner, data_copy):
    hostile = "Evil | pipe\\nline {{ 7 * 7 }} <script>alert(1)</script>"
    path = data_copy / "plans" / "universalization-2016-2017.yaml"
    text = path.read_text()
    old = "title: Identify potential new States Parties (at least 2 per region)"
    assert old in text
    path.write_text(text.replace(old, f'title: "{hostile}"'))
    result = run(runner, "report", "7msp", "--data", str(data_copy))
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "{{ 7 * 7 }}" in md and "49" not in md.split("Evil")[1][:40]
    activities = [t for t in tables(md) if t[0] == ["Activity", "Due", "Status", "Recorded"]]
    row = next(r for t in activities for r in t if r[0].startswith("Evil"))
    assert len(row) == 4 and "pipe" in row[0] and "line" in row[0]
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert not any(t.type.startswith("html") and "script" in t.content for t in tokens)


def test_user_template_cannot_reach_python_internals(runner, tmp_path):
    evil = tmp_path / "evil.md.j2"
    evil.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    result = run(runner, "report", "7msp", "--template", str(evil))
    assert result.exit_code == 2 and "template refused" in result.stderr
    assert "Traceback" not in result.stderr


def test_user_template_typo_fails_loudly(runner, tmp_path):
    mine = tmp_path / "mine.md.j2"
    mine.write_text("# {{ meeting.name }}\n{{ meeting.nmae }}\n")
    result = run(runner, "report", "7msp", "--template", str(mine))
    assert result.exit_code == 2 and "nmae" in result.stderr


def test_user_template_works(runner, tmp_path):
    mine = tmp_path / "mine.md.j2"
    mine.write_text("{{ meeting.id }}: {{ counts.party }} States Parties\n")
    assert (
        run(runner, "report", "7msp", "--template", str(mine)).stdout
        == "7msp: 102 States Parties\n"
    )


def test_unknown_meeting_and_output_file(runner, tmp_path):
    result = run(runner, "report", "99msp")
    assert result.exit_code == 2 and "12msp" in result.stderr
    out = tmp_path / "r.md"
    assert run(runner, "report", "12msp", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("# Universalization")


def test_same_data_same_bytes(runner):
    assert run(runner, "report", "12msp").stdout == run(runner, "report", "12msp").stdout


@pytest.mark.parametrize("meeting", ["7msp", "12msp"])
def test_committed_examples_are_current(runner, meeting):
    committed = (ROOT / "examples" / f"{meeting}.md").read_text(encoding="utf-8")
    assert run(runner, "report", meeting).stdout == committed, "run `make examples`"


def test_action_plans_list_only_items_with_something_to_report(real):
    plans = {p["id"]: p for p in context(real, real.meetings["12msp"], D(2024, 9, 10))["plans"]}
    lap, work = plans["lap"], plans["universalization-2023-2024"]
    assert lap["activities"] == [] and lap["untracked"] == lap["size"] == 46
    assert work["untracked"] == 0  # a work plan lists every activity it commits to
    # ... once: a timeline entry that schedules an activity is listed with it (issue 13)
    items = real.plans[work["id"]].items
    assert len(work["activities"]) == len([i for i in items if not i.schedules])
    titles = [a["title"] for a in work["activities"]]
    assert len(titles) == len(set(titles)) and work["size"] == len(items)
    bilateral = [a for a in work["activities"] if a["id"] == "act-1-bilateral-exchanges"]
    assert bilateral[0]["due"] == "2024-09-30"  # the timeline entry's due date
