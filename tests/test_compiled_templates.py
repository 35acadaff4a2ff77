"""ccmctl's own templates compiled at build time (ccmctl/render/compiled.py): used only
for the very template, environment and Jinja2 they were compiled for, with the same
output and the same error lines as compiling them at run time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import jinja2.environment
import pytest
from conftest import DATA, ROOT, run

import ccmctl.render.compiled as compiled
from ccmctl.queries.report import context
from ccmctl.render.report import TemplateProblem, render

TEMPLATES = ROOT / "templates"


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The compiled templates an installed wheel has, written by the build hook's
    function into a folder of this test."""
    folder = tmp_path / "compiled"
    written = compiled.compile_shipped(TEMPLATES, folder)
    assert {p.parent for p in written} == {folder}
    monkeypatch.setattr(compiled, "FOLDER", folder)
    return folder


@pytest.fixture
def codegen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja2 generates code for during the test."""
    names: list[str] = []
    original = jinja2.environment.Environment._generate

    def spy(self, source, name, filename=None, defer_init=False):  # noqa: ANN001, ANN202
        names.append(name)
        return original(self, source, name, filename, defer_init)

    monkeypatch.setattr(jinja2.environment.Environment, "_generate", spy)
    return names


def test_every_shipped_template_is_compiled_for_the_environments_it_renders_in(shipped):
    names = {p.stem for p in shipped.iterdir()}
    for env in compiled.environments():
        for path in TEMPLATES.glob("*.j2"):
            try:
                env.compile(path.read_text(encoding="utf-8"), path.name, None, raw=True)
            except jinja2.TemplateAssertionError:
                continue
            assert compiled.key(env, path.name, path.read_text(encoding="utf-8")) in names


@pytest.mark.parametrize(("fmt", "example"), [("markdown", "12msp.md"), ("html", "12msp.html")])
def test_the_report_from_compiled_templates_is_the_same_document(
    runner, shipped, codegen, fmt, example
):
    result = run(runner, "--no-cache", "report", "12msp", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (ROOT / "examples" / example).read_text(encoding="utf-8")
    assert codegen == [], "a shipped template was compiled again"


def test_without_compiled_templates_jinja_compiles_them(runner, codegen, monkeypatch, tmp_path):
    monkeypatch.setattr(compiled, "FOLDER", tmp_path / "none")
    result = run(runner, "--no-cache", "report", "12msp")
    assert result.stdout == (ROOT / "examples" / "12msp.md").read_text(encoding="utf-8")
    assert codegen == ["report.md.j2"]


def test_a_template_its_user_edited_is_compiled_from_its_text(runner, shipped, codegen, data_copy):
    (data_copy.parent / "templates").mkdir()
    text = (TEMPLATES / "report.md.j2").read_text(encoding="utf-8")
    (data_copy.parent / "templates" / "report.md.j2").write_text(
        text + "Edited.\n", encoding="utf-8"
    )
    result = run(runner, "--no-cache", "report", "12msp", "--data", str(data_copy))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("Edited.\n")
    assert codegen == ["report.md.j2"]


def test_another_jinja_or_other_options_do_not_use_them(shipped, monkeypatch):
    env = compiled.environments()[0]
    name, text = "report.md.j2", (TEMPLATES / "report.md.j2").read_text(encoding="utf-8")
    assert compiled.shipped(env, name, text, name) is not None
    env.trim_blocks = False
    assert compiled.shipped(env, name, text, name) is None
    env.trim_blocks = True
    env.filters["extra"] = str
    assert compiled.shipped(env, name, text, name) is None
    del env.filters["extra"]
    monkeypatch.setattr(jinja2, "__version__", "9.9.9")
    assert compiled.shipped(env, name, text, name) is None


def test_a_fault_is_reported_on_the_same_template_line(real, shipped, monkeypatch, tmp_path):
    ctx = context(real, real.meetings["12msp"], dt.date(2024, 9, 10))
    del ctx["summary"]  # StrictUndefined: the template stops where it first reads it

    def fault() -> str:
        with pytest.raises(TemplateProblem) as info:
            render(dict(ctx), None, DATA)
        return str(info.value)

    from_compiled = fault()
    monkeypatch.setattr(compiled, "FOLDER", tmp_path / "none")
    assert fault() == from_compiled
    assert "report.md.j2:" in from_compiled and "summary" in from_compiled
