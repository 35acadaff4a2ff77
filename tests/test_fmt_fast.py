"""``fmt``'s fast path (ccmctl/canonical.py ``is_canonical``): a file is found canonical
without the ruamel round trip only when the round trip would give the file back as it is,
so fmt prints and writes what it did before, on every file of the data, the fixtures and
the bad-input corpora; and the writer's quoting is ruamel's own, checked against ruamel."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from conftest import DATA, FIXTURE, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccmctl import canonical as c
from ccmctl.files import BY_NAME, discover, kind_of
from ccmctl.reading import parse_text

CORPORA = [ROOT / "tests" / "bad_inputs", ROOT / "tests" / "bad_inputs_more"]


def corpus_files() -> list[tuple[Path, object]]:
    out = []
    for corpus in CORPORA:
        for line in (corpus / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, target = line.split("\t")[:2]
                kind = kind_of(FIXTURE, FIXTURE / target) if target not in (".", "-") else None
                if kind is not None:
                    out.append((corpus / name, kind))
    return out


def every_file() -> list[tuple[Path, object]]:
    files = [(f.path, f.kind) for root in (DATA, FIXTURE) for f in discover(root)[0]]
    return files + corpus_files()


def test_the_fast_path_changes_nothing(monkeypatch):
    """format_file with the fast path and with the round trip for every file."""
    files = every_file()
    assert len(files) > 300
    fast = [c.format_file(kind, path, "f.yaml") for path, kind in files]
    monkeypatch.setattr(c, "is_canonical", lambda *a: False)
    slow = [c.format_file(kind, path, "f.yaml") for path, kind in files]
    for (path, _), a, b in zip(files, fast, slow, strict=True):
        assert (a.canonical, a.problem, a.changed) == (b.canonical, b.problem, b.changed), path


def test_the_bundled_data_is_decided_without_the_round_trip():
    """Nearly every bundled file is decided by the fast path (the speed of fmt --check)."""
    decided = []
    for f in discover(DATA)[0]:
        text = f.path.read_text(encoding="utf-8")
        read = parse_text(text, f.shown)
        decided.append(c.is_canonical(read.data, text, f.kind.model, f.kind.schema_line))
    assert sum(decided) >= len(decided) - 3


TEXT = st.text(
    alphabet=st.sampled_from(
        list(string.ascii_letters + string.digits + " -_.:#'\"!&*?|>%@`,[]{}~=<\\/")
        + ["é", "ü", "\u00a0", "\u2013", "漢", "\U0001f600", "\t", "\n", "\x85", "\u2028"]
    ),
    max_size=14,
)
SCALAR = st.one_of(
    TEXT,
    st.sampled_from(["yes", "No", "on", "029", "1:20", "0x1F", "1e3", "true", "null", "~", ""]),
    st.integers(-5, 3000),
    st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
    st.none(),
)
KEY = st.one_of(TEXT.filter(bool), st.integers(0, 3000))
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEY, inner, max_size=3)),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEY, VALUE, min_size=1, max_size=4))
def test_what_the_fast_path_calls_canonical_the_round_trip_keeps(value):
    """Write a value as the fast path would; if the strict reader reads that text back as
    the same value with no problem, the fast path calls it canonical, and then ruamel's
    round trip must give the very same text."""
    kind = BY_NAME["state"]
    out = [f"# yaml-language-server: $schema={kind.schema_line}"]
    try:
        c._write_mapping(value, kind.model, 0, out)
    except c._Undecided:
        return
    text = "\n".join(out) + "\n"
    read = parse_text(text, "x.yaml")
    if read.problems or read.data != value:
        return
    assert c.is_canonical(read.data, text, kind.model, kind.schema_line)
    assert c.canonical(text, kind.model, kind.schema_line) == text


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_the_shortcut_agrees_with_the_analysis(value):
    if value and c._SIMPLE.fullmatch(value) and ": " not in value and " #" not in value:
        if value[-1] not in ": ":
            assert c._analysis(value) == (True, True, False)


@pytest.mark.parametrize(
    "value",
    ["it's: here", "a 'quoted' word", "x: y", "- dash", "#hash", "ends with:", "@at", "a #b"],
)
def test_quoting_is_ruamels(value):
    kind = BY_NAME["sources"]
    text = f"# yaml-language-server: $schema={kind.schema_line}\nnote: {c._text(value, False)}\n"
    assert parse_text(text, "x").data == {"note": value}
    assert c.canonical(text, kind.model, kind.schema_line) == text
