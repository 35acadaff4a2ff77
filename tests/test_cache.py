"""The validated-parse cache (ccmctl/cache.py): a warm run prints exactly what a cold one
and an uncached one print, on the bundled data and on every case of the bad-input
corpora; it parses no YAML and builds no model schema; a damaged entry is ignored and
rewritten; it lives in the user's cache folder, private, never in the data folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, FIXTURE, ROOT, run

from ccmctl import cache
from ccmctl import validation as v
from ccmctl.files import discover
from ccmctl.reading import read_yaml

CORPORA = [ROOT / "tests" / "bad_inputs", ROOT / "tests" / "bad_inputs_more"]
TODAY = dt.date(2026, 11, 22)


def packs(home: Path) -> list[Path]:
    return sorted(home.glob("*/*.pack"))


def outputs(runner, args: list[str]) -> tuple[int, str, str]:
    result = run(runner, *args)
    return result.exit_code, result.stdout, result.stderr


COMMANDS = [
    ["validate"],
    ["validate", "--format", "json"],
    ["status"],
    ["status", "--format", "json"],
    ["targets"],
    ["targets", "--format", "json"],
    ["deadlines"],
    ["deadlines", "--format", "json"],
    ["report", "12msp"],
    ["show", "IDN", "--format", "json"],
    ["fmt", "--check"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_warm_cold_and_uncached_print_the_same(runner, cache_home: Path, args: list[str]):
    argv = [*args, "--data", str(DATA)]
    uncached = outputs(runner, ["--no-cache", *argv])
    assert not cache_home.exists()  # --no-cache writes nothing
    cold = outputs(runner, argv)
    assert packs(cache_home), "the cold run made no entries"
    warm = outputs(runner, argv)
    assert uncached == cold == warm
    assert uncached[0] in (0, 1) and uncached[1] + uncached[2]


def test_the_environment_variable_turns_it_off(runner, cache_home: Path, monkeypatch):
    monkeypatch.setenv("CCMCTL_NO_CACHE", "1")
    assert run(runner, "validate", "--data", str(DATA)).exit_code == 0
    assert not cache_home.exists()


def test_restored_records_equal_validated_ones(cache_home: Path):
    """Records restored from the cache equal validated ones, field for field, and say what
    Pydantic's own validation of the file says."""
    from ccmctl.schema import State
    from ccmctl.schema.common import as_json
    from ccmctl.schema.records import Record

    cache.disable(True)
    fresh = v.load(DATA, today=TODAY)
    cache.disable(False)
    v.load(DATA, today=TODAY)  # fills the cache
    warm = v.load(DATA, today=TODAY)
    assert warm.problems == fresh.problems
    assert warm.dataset == fresh.dataset
    for iso3, state in fresh.dataset.states.items():
        again = warm.dataset.states[iso3]
        assert again == state
        assert type(again) is type(state) and isinstance(again, Record)
        validated = State.model_validate(read_yaml(DATA / "states" / f"{iso3}.yaml").data)
        assert as_json(again) == validated.model_dump(mode="json", exclude_none=True)


def test_a_warm_run_neither_parses_yaml_nor_builds_a_schema(cache_home: Path):
    script = (
        "import datetime as dt, sys\n"
        "import ccmctl.reading as r, ccmctl.validation as v, ccmctl.schema as m\n"
        "calls = []\n"
        "real = r.parse_text\n"
        "r.parse_text = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
        f"r = v.load({str(DATA)!r}, today=dt.date(2026, 11, 22))\n"
        "built = [n for n in ('State', 'Plan', 'SourcesFile', 'Engagement')"
        " if getattr(m, n).__pydantic_complete__]\n"
        "print(len(calls), len(r.dataset.states), built)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent), "CCMCTL_JOBS": "1"}
    env.pop("CCMCTL_NO_CACHE", None)  # one process: a helper's parsing is not counted here
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    files = len(discover(DATA)[0])
    assert first.stdout.split()[0] == str(files), first.stderr  # cold: every file parsed
    assert second.stdout.strip() == "0 197 []", second.stderr


def corpus_cases() -> list[tuple[Path, Path, str]]:
    rows = []
    for corpus in CORPORA:
        for line in (corpus / "EXPECTED.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, target = line.split("\t")[:2]
                if target not in (".", "-"):
                    rows.append((corpus / name, Path(target), f"{corpus.name}/{name}"))
    return rows


def test_on_data_with_errors_warm_is_cold_is_uncached(runner, cache_home: Path, tmp_path: Path):
    """Every bad-input case laid over the fixture data: the same lines and exit status
    with the cache cold, warm, and off."""
    cases = corpus_cases()
    assert len(cases) >= 90
    for n, (source, target, name) in enumerate(cases):
        data = tmp_path / f"{n}-{source.stem}"
        shutil.copytree(FIXTURE, data)
        (data / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, data / target)
        argv = ["validate", "--format", "json", "--data", str(data)]
        uncached = outputs(runner, ["--no-cache", *argv])
        cold = outputs(runner, argv)
        warm = outputs(runner, argv)
        assert uncached == cold == warm, name


def test_the_hook_reads_bytes_as_read_yaml_does():
    """cache.read_raw (the bytes the cache hashes, then parsed) gives what
    reading.read_yaml gives, on every file of the corpora, the data and the fixtures."""
    paths = [p for c in CORPORA for p in sorted(c.glob("*.yaml"))]
    paths += [f.path for f in discover(DATA)[0] + discover(FIXTURE)[0]]
    for path in paths:
        assert cache.read_raw(path.read_bytes(), "x.yaml") == read_yaml(path, "x.yaml"), path


def test_lines_restored_are_the_readers(cache_home: Path):
    """An entry keeps no lines; looked up or listed, the lines read again from the file
    are the reader's own."""
    item = next(f for f in discover(DATA)[0] if f.path.name == "IDN.yaml")
    read = read_yaml(item.path, item.shown)
    parsed = cache.Parsed(read, None, readable=True)
    head = cache.encode(parsed)
    assert "lines" not in json.loads(head) and b'"ccm"' not in head.split(b'"record"')[0]
    calls: list[int] = []
    again = lambda: calls.append(1) or read_yaml(item.path, item.shown).positions  # noqa: E731
    back = cache.decode(head, again, item.shown)
    assert calls == []  # not read until a line is needed
    assert back.read.line(("ccm",)) == read.line(("ccm",))
    assert dict(back.read.positions) == read.positions
    for path in list(read.positions)[::7]:
        assert back.read.line(path + ("nothing-here",)) == read.line(path)
    assert back.read.line(("no", "such", 3)) == read.line(("no", "such", 3))
    assert calls == [1]  # once


def parse_pack(home: Path) -> Path:
    return next(p for p in packs(home) if p.name.endswith("-parse.pack"))


def test_a_damaged_entry_is_ignored_and_rewritten(runner, cache_home: Path):
    argv = ["validate", "--format", "json", "--data", str(DATA)]
    expected = outputs(runner, argv)
    pack = parse_pack(cache_home)
    index = json.loads(pack.with_suffix(".index").read_bytes())
    key, (offset, _, _) = next(iter(index.items()))
    with open(pack, "r+b") as f:  # the head of the first entry, garbled
        f.seek(offset + len(key) + 1 + 10)
        f.write(b"\x00garbage{[")
    assert outputs(runner, argv) == expected
    again = json.loads(pack.with_suffix(".index").read_bytes())
    assert again[key][0] != offset  # written anew, at the end of the pack
    assert outputs(runner, argv) == expected


def test_lines_of_problems_and_a_damaged_index(runner, cache_home: Path, fixture_copy: Path):
    """A warm run names the same lines as a cold one (read again from the file, only for
    the file with a problem); a damaged index is ignored."""
    state = fixture_copy / "states" / "NGA.yaml"
    state.write_text(state.read_text(encoding="utf-8").replace("iso3: NGA", "iso3: NGX"))
    argv = ["validate", "--data", str(fixture_copy)]
    expected = outputs(runner, argv)
    assert expected[0] == 1 and "NGA.yaml:4: iso3:" in expected[2]
    assert outputs(runner, argv) == expected
    index_file = parse_pack(cache_home).with_suffix(".index")
    index_file.write_bytes(b"{not json")
    assert outputs(runner, argv) == expected
    assert outputs(runner, argv) == expected


def test_a_changed_file_is_read_again(runner, cache_home: Path, fixture_copy: Path):
    argv = ["validate", "--data", str(fixture_copy)]
    assert outputs(runner, argv)[0] == 0
    state = fixture_copy / "states" / "NGA.yaml"
    state.write_text(state.read_text(encoding="utf-8").replace("iso3: NGA", "iso3: NGX"))
    code, _, err = outputs(runner, argv)
    assert code == 1 and "'NGX' does not match the file name 'NGA.yaml'" in err


def test_other_code_is_another_folder(cache_home: Path, monkeypatch):
    v.load(FIXTURE, today=TODAY)
    first = {p.name for p in cache_home.iterdir()}
    assert first == {cache.code_hash()}
    monkeypatch.setattr(cache, "_CODE", "0" * 32)
    v.load(FIXTURE, today=TODAY)
    assert {p.name for p in cache_home.iterdir()} == first | {"0" * 32}


def test_code_hash_follows_the_code():
    h = cache.code_hash()
    assert len(h) == 32 and h == cache.code_hash()
    names = {p.name for p in cache._sources(Path(cache.__file__).parent)}
    assert {"cache.py", "reading.py", "state.py"} <= names


def test_the_folder_is_private_and_never_in_the_data(cache_home: Path, fixture_copy, monkeypatch):
    v.load(fixture_copy, today=TODAY)
    for folder in [cache_home, *cache_home.iterdir()]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for f in cache_home.glob("*/*"):
        assert not stat.S_IMODE(f.stat().st_mode) & 0o077, f
    monkeypatch.setenv("XDG_CACHE_HOME", str(fixture_copy / ".cache"))
    before = sorted(p.relative_to(fixture_copy) for p in fixture_copy.rglob("*"))
    assert cache.open_store(fixture_copy) is None
    v.load(fixture_copy, today=TODAY)
    assert sorted(p.relative_to(fixture_copy) for p in fixture_copy.rglob("*")) == before


def test_an_unknown_model_name_is_not_restored():
    parsed = cache.Parsed(read_yaml(FIXTURE / "bodies.yaml", "b"), None)
    entry = json.loads(cache.encode(parsed))
    entry["record"] = [3, "os.system", {}]
    with pytest.raises(KeyError):
        cache.decode(json.dumps(entry).encode(), "{}", "b")


def test_values_survive_the_encoding():
    from ccmctl.domain.dates import PartialDate

    value = {
        "a": [1, "x", None, True, 2.5, dt.date(2020, 2, 29)],
        "b": (PartialDate(2016, 6), PartialDate(2017)),
        "c": {2023: "yes", 2024: {"n": []}},
        "d": {},
    }
    back = cache._Decoder().value(json.loads(json.dumps(cache._encode(value))))
    assert back == value
    assert type(back["b"]) is tuple and type(back["c"]) is dict
    with pytest.raises(cache.Unsupported):
        cache._encode({"s": {1, 2}})


# --- documents kept (ccmctl.cache.Rendered) --------------------------------------------------


def _fresh_run(cache_home: Path, *argv: str) -> tuple[str, set[str]]:
    """``ccmctl ARGV`` in a fresh interpreter: what it printed and the modules it
    imported, with ``schema:NAME`` for each file kind's model whose schema it built."""
    script = (
        "import atexit, sys\n"
        "def built():\n"
        "    from ccmctl.files import KINDS\n"
        "    return [f'schema:{k.model.__name__}' for k in KINDS\n"
        "            if k.model.__dict__.get('__pydantic_complete__')]\n"
        "atexit.register(lambda: sys.stderr.write(\n"
        "    '\\nMODULES ' + ' '.join([*sys.modules, *built()])))\n"
        f"sys.argv = ['ccmctl', *{list(argv)!r}]\n"
        "from ccmctl.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent), "CCMCTL_DATA": str(DATA)}
    env.pop("CCMCTL_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, set(done.stderr.rsplit("MODULES ", 1)[1].split())


def test_a_report_made_again_is_the_same_text_without_jinja(cache_home: Path):
    first, first_modules = _fresh_run(cache_home, "report", "12msp")
    again, again_modules = _fresh_run(cache_home, "report", "12msp")
    uncached, _ = _fresh_run(cache_home, "--no-cache", "report", "12msp")
    assert first == again == uncached
    assert "jinja2" in first_modules  # made the first time
    assert "jinja2" not in again_modules  # kept the second
    other, other_modules = _fresh_run(cache_home, "report", "11msp")
    assert other != first and "jinja2" in other_modules  # another context, another entry


def test_an_edited_included_template_is_made_again(runner, cache_home: Path, tmp_path: Path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "main.md.j2").write_text(
        "{{ meeting.name }}: {% include 'part.md.j2' %}\n", encoding="utf-8"
    )
    (folder / "part.md.j2").write_text("first", encoding="utf-8")
    args = ["report", "12msp", "--template", str(folder / "main.md.j2")]
    before = run(runner, *args)
    assert before.exit_code == 0, before.stderr
    assert before.stdout.rstrip().endswith(": first")
    (folder / "part.md.j2").write_text("second", encoding="utf-8")
    after = run(runner, *args)
    assert after.stdout.rstrip().endswith(": second"), after.stdout


def test_only_plain_data_is_kept(cache_home: Path, tmp_path: Path):
    tmp_path = tmp_path / "templates"  # beside the cache folder, not around it
    tmp_path.mkdir()
    assert cache.Rendered.open(tmp_path, {"a": [1, "x", None, 2.5]}, "t", None) is not None
    assert cache.Rendered.open(tmp_path, {"a": dt.date(2020, 1, 1)}, "t", None) is None
    assert cache.Rendered.open(tmp_path, {"a": object()}, "t", None) is None
    loop: list[object] = []
    loop.append(loop)
    assert cache.Rendered.open(tmp_path, {"a": loop}, "t", None) is None
    cache.disable(True)
    try:
        assert cache.Rendered.open(tmp_path, {"a": 1}, "t", None) is None
    finally:
        cache.disable(False)


def test_documents_say_the_same_each_time(runner, cache_home: Path, tmp_path: Path):
    for body in ("{{ [1, 2, 3] | random }}", "{{ lipsum() }}"):
        path = tmp_path / "t.md.j2"
        path.write_text(body, encoding="utf-8")
        result = run(runner, "report", "12msp", "--template", str(path))
        assert result.exit_code == 2, result.stdout
        assert "t.md.j2" in result.stderr
        assert "random" in result.stderr or "lipsum" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [["show", "IDN", "--format", "json"], ["targets", "--format", "json"], ["report", "12msp"]],
)
def test_a_warm_command_builds_no_model_schema(cache_home: Path, argv: list[str]):
    """A model's first validation or dump builds its schema; a warm run of a data command
    does neither (the cold run before it built them all)."""
    _, cold = _fresh_run(cache_home, *argv)
    _, modules = _fresh_run(cache_home, *argv)
    assert "schema:State" in cold
    assert not [m for m in modules if m.startswith("schema:")]


@pytest.mark.parametrize(
    "body",
    [
        "{{ meeting.id }} {% include 'extra.md.j2' ignore missing %}.\n",
        "{{ meeting.id }} {% include ['extra.md.j2', 'fallback.md.j2'] %}.\n",
    ],
)
def test_a_template_created_after_the_text_was_kept_is_used(
    runner, cache_home: Path, tmp_path: Path, body: str
):
    """A template looked for in vain is in the entry too: once it exists, the text is made
    anew (found in review: ``include ... ignore missing`` and lists of choices)."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "main.md.j2").write_text(body, encoding="utf-8")
    (folder / "fallback.md.j2").write_text("fallback", encoding="utf-8")
    args = ["report", "12msp", "--template", str(folder / "main.md.j2")]
    first = run(runner, *args)
    assert first.exit_code == 0, first.stderr
    assert "EXTRA" not in first.stdout
    (folder / "extra.md.j2").write_text("EXTRA", encoding="utf-8")
    uncached = run(runner, "--no-cache", *args)
    assert "EXTRA" in uncached.stdout
    warm = run(runner, *args)
    assert warm.stdout == uncached.stdout, "a stale kept report was served"


def test_a_source_removed_later_is_unknown_where_a_cached_file_cites_it(
    runner, cache_home: Path, fixture_copy: Path
):
    """An entry keeps the source ids a file cites, not their paths: when the catalogue
    loses a source after the entry was made, the paths are read from the file again, and
    the problems are those of a run without the cache, line for line."""
    argv = ["validate", "--format", "json", "--data", str(fixture_copy)]
    assert outputs(runner, argv)[0] == 0  # every file's entry made
    catalogue = fixture_copy / "sources.yaml"
    text = catalogue.read_text(encoding="utf-8")
    start = text.index("- id: act-2009-03-us-transfer-ban")
    catalogue.write_text(text[:start] + text[text.index("- id:", start + 1) :], encoding="utf-8")
    warm = outputs(runner, argv)
    assert warm == outputs(runner, ["--no-cache", *argv])
    assert warm[0] == 1
    lines = (fixture_copy / "states" / "USA.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if "act-2009-03-us-transfer-ban" in t)
    found = [p for p in json.loads(warm[1])["problems"] if "act-2009" in p["message"]]
    assert [(Path(p["file"]).name, p["line"]) for p in found] == [("USA.yaml", line)], found


def test_a_file_changed_since_its_entry_still_has_its_unknown_sources_reported(
    fixture_copy: Path,
):
    """If a file no longer cites what its entry says (it changed in between), each cited
    id is checked on the file itself, one by one, rather than lost."""
    from ccmctl.files import discover as found_in
    from ccmctl.validation import _refs

    item = next(f for f in found_in(fixture_copy)[0] if f.path.name == "USA.yaml")
    got = cache.Parsed(read_yaml(item.path, item.shown), None, cited=frozenset({"b-x", "a-y"}))
    assert _refs(got, item) == [((), ["a-y"]), ((), ["b-x"])]
    from ccmctl.validation.references import gather_references

    refs: list = []
    gather_references(read_yaml(item.path).data, (), refs, set())
    got.cited = frozenset(i for _, ids in refs for i in ids)  # what the file cites now
    assert _refs(got, item) == refs and all(path for path, _ in refs)


def test_with_the_sources_catalogue_broken_a_warm_run_parses_nothing_again(
    cache_home: Path, fixture_copy: Path
):
    """No source is called unknown while sources.yaml itself is broken (its own error is
    the one reported), so no file is read again for its references' paths."""
    (fixture_copy / "sources.yaml").write_text("sources: 3\n", encoding="utf-8")
    script = (
        "import ccmctl.reading as r, ccmctl.validation as v\n"
        "calls = []\n"
        "real = r.parse_text\n"
        "r.parse_text = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
        f"v.load({str(fixture_copy)!r})\n"
        "print(len(calls))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home.parent)}
    env.pop("CCMCTL_NO_CACHE", None)
    runs = [
        subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert int(runs[0].stdout) > 10 and runs[1].stdout.strip() == "0", runs[1].stderr
