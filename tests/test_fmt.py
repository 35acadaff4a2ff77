"""`ccmctl fmt`: canonical data files, comments kept, nothing else touched."""

from __future__ import annotations

from conftest import run


def test_bundled_data_is_canonical(runner):
    result = run(runner, "fmt", "--check")
    assert result.exit_code == 0, result.stdout[:2000]


def test_reordered_file_fails_check_with_a_diff(runner, data_copy):
    path = data_copy / "states" / "IDN.yaml"
    lines = path.read_text().splitlines(keepends=True)
    name = next(i for i, ln in enumerate(lines) if ln.startswith("name:"))
    lines.insert(1, lines.pop(name))  # name before iso3
    path.write_text("".join(lines))
    before = path.read_text()
    result = run(runner, "fmt", "--check", "--data", str(data_copy))
    assert result.exit_code == 1
    assert (
        "--- " in result.stdout
        and "+++ " in result.stdout
        and "+iso3: IDN" in result.stdout
        and "-iso3: IDN" in result.stdout
    )
    assert path.read_text() == before  # --check never writes


def test_fmt_rewrites_and_keeps_comments(runner, data_copy):
    path = data_copy / "states" / "IDN.yaml"
    text = path.read_text()
    text = text.replace(
        "name: Indonesia\n", "# a reviewer's comment\nname: Indonesia  # short name\n"
    )
    lines = text.splitlines(keepends=True)
    lines.insert(1, lines.pop(next(i for i, ln in enumerate(lines) if ln.startswith("un:"))))
    path.write_text("".join(lines))
    result = run(runner, "fmt", "--data", str(data_copy))
    assert result.exit_code == 0
    out = path.read_text()
    assert "# a reviewer's comment" in out and "name: Indonesia  # short name" in out
    assert out.index("iso3:") < out.index("name:") < out.index("un:")
    assert run(runner, "fmt", "--check", "--data", str(data_copy)).exit_code == 0
    assert run(runner, "validate", "--data", str(data_copy)).exit_code == 0


def test_fmt_quotes_ambiguous_text(runner, data_copy):
    path = data_copy / "states" / "IDN.yaml"
    path.write_text(path.read_text().replace("2022: 'yes'", "2022: yes"))
    assert run(runner, "validate", "--data", str(data_copy)).exit_code == 1
    run(runner, "fmt", "--data", str(data_copy))
    assert "2022: 'yes'" in path.read_text()
    assert run(runner, "validate", "--data", str(data_copy)).exit_code == 0


def test_fmt_leaves_a_broken_file_alone(runner, data_copy):
    path = data_copy / "states" / "IDN.yaml"
    broken = path.read_text().replace("name: Indonesia", "name: [Indonesia")
    path.write_text(broken)
    result = run(runner, "fmt", "--data", str(data_copy))
    assert result.exit_code == 1 and "YAML syntax error" in result.stderr
    assert path.read_text() == broken
