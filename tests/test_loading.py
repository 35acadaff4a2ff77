"""The strict reader: every trap in ../shared/DESIGN.md, with file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ccmctl.reading import MAX_FILE_BYTES, parse_text, read_yaml


def messages(loaded) -> list[str]:
    return [p.text() for p in loaded.problems]


def test_plain_mapping_keeps_the_line_of_every_key():
    loaded = parse_text("a: 1\nb:\n  c: 2023-02-28\n  d: [x, y]\n", "f.yaml")
    assert loaded.data == {"a": 1, "b": {"c": dt.date(2023, 2, 28), "d": ["x", "y"]}}
    assert loaded.positions[("b", "c")] == 3
    assert loaded.positions[("b", "d", 1)] == 4
    assert loaded.problems == []


def test_duplicate_key_names_both_lines():
    loaded = parse_text("iso3: IDN\nname: A\nname: B\n", "f.yaml")
    assert messages(loaded) == [
        "f.yaml:3: name: duplicate key 'name' (first on line 2) (keep one of them)"
    ]
    assert loaded.data["name"] == "A"  # the first is kept, nothing silently replaced


def test_alias_is_refused_and_not_expanded():
    bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    loaded = parse_text(bomb, "f.yaml")
    assert loaded.problems and all("aliases" in p.message for p in loaded.problems)
    assert loaded.problems[0].line == 2


def test_merge_key_is_refused():
    loaded = parse_text("base: &b {x: 1}\nother:\n  <<: *b\n", "f.yaml")
    assert any("merge keys" in p.message for p in loaded.problems)


def test_unquoted_yes_no_on_off_are_flagged_quoted_are_text():
    loaded = parse_text("v: no\nw: 'no'\nx: \"yes\"\ny: On\n", "f.yaml")
    assert [p.path for p in loaded.problems] == ["v", "y"]
    assert loaded.data == {"v": "no", "w": "no", "x": "yes", "y": "On"}
    assert "quotes" in loaded.problems[0].hint


def test_only_true_false_are_booleans_and_sexagesimal_is_text():
    loaded = parse_text("a: true\nb: False\nc: 1:20\nd: 0o17\ne: 012\n", "f.yaml")
    assert loaded.data == {"a": True, "b": False, "c": "1:20", "d": "0o17", "e": "012"}


def test_invalid_date_is_reported_with_line():
    loaded = parse_text("x: 1\nsigned: 2023-02-30\n", "f.yaml")
    assert messages(loaded) == [
        "f.yaml:2: signed: invalid date '2023-02-30' (day is out of range for month)"
    ]


def test_timestamp_with_time_is_refused():
    loaded = parse_text("d: 2023-02-01 10:00:00\n", "f.yaml")
    assert "YYYY-MM-DD" in loaded.problems[0].message


def test_empty_and_comment_only_files():
    for text in ("", "   \n", "# only a comment\n"):
        loaded = parse_text(text, "f.yaml")
        assert messages(loaded) == ["f.yaml:1: empty file (a data file must hold a mapping)"]


def test_syntax_error_is_one_line_with_line_number():
    loaded = parse_text("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert len(loaded.problems) == 1
    p = loaded.problems[0]
    assert p.line == 3 and p.message.startswith("YAML syntax error")
    assert "\n" not in p.text()


def test_unsupported_tag():
    loaded = parse_text("a: !!python/object:os.system ls\n", "f.yaml")
    assert "unsupported tag" in loaded.problems[0].message


def test_bom_is_reported_and_the_rest_still_read(tmp_path: Path):
    f = tmp_path / "x.yaml"
    f.write_bytes(b"\xef\xbb\xbfa: 1\n")
    loaded = read_yaml(f, "x.yaml")
    assert messages(loaded) == [
        "x.yaml:1: file starts with a UTF-8 byte-order mark (save it as UTF-8 without BOM)"
    ]
    assert loaded.data == {"a": 1}


def test_non_utf8_bytes_give_line_and_column(tmp_path: Path):
    f = tmp_path / "x.yaml"
    f.write_bytes(b"a: 1\nname: C\xf4te\n")
    assert messages(read_yaml(f, "x.yaml")) == [
        "x.yaml:2: not valid UTF-8 (byte 0xf4 at column 8) (save the file as UTF-8)"
    ]


def test_binary_file(tmp_path: Path):
    f = tmp_path / "x.yaml"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "binary file" in read_yaml(f, "x.yaml").problems[0].message


def test_directory_and_broken_symlink(tmp_path: Path):
    (tmp_path / "d.yaml").mkdir()
    (tmp_path / "l.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert "is a directory" in read_yaml(tmp_path / "d.yaml").problems[0].message
    assert "broken symbolic link" in read_yaml(tmp_path / "l.yaml").problems[0].message


def test_oversized_file_is_refused_before_parsing(tmp_path: Path):
    f = tmp_path / "big.yaml"
    f.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1) + b"\n")
    assert "file too large" in read_yaml(f).problems[0].message


def test_deep_nesting_is_bounded():
    loaded = parse_text("a: " + "[" * 200 + "]" * 200 + "\n", "f.yaml")
    assert loaded.problems and "nested" in loaded.problems[0].message


def test_the_loaders_resolver_resolves_as_pyyamls_own():
    """ccmctl's loader answers the composer's three calls a node itself (no path
    resolvers, no list built a call); PyYAML's own Resolver, given the same implicit
    resolvers, tags every node of every file of the corpora, the data, the fixtures and a
    few edge cases alike."""
    import yaml
    from conftest import DATA, FIXTURE, ROOT

    from ccmctl.reading import _Loader

    class Stock(yaml.SafeLoader):  # PyYAML's Python composer and resolver, unchanged
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def tags(node: yaml.Node) -> list[tuple[str, object]]:
        if isinstance(node, yaml.ScalarNode):
            return [(node.tag, node.value)]
        pairs = node.value if isinstance(node, yaml.MappingNode) else [(n,) for n in node.value]
        return [(node.tag, None)] + [t for pair in pairs for n in pair for t in tags(n)]

    corpora = (ROOT / "tests" / "bad_inputs", ROOT / "tests" / "bad_inputs_more")
    paths = [p for folder in corpora for p in sorted(folder.glob("*.yaml"))]
    paths += sorted(DATA.rglob("*.yaml")) + sorted(FIXTURE.rglob("*.yaml"))
    texts = [p.read_bytes().decode("utf-8", "replace") for p in paths]
    texts += ["a: ''\nb:\nc: ~\nd: !!str 1\ne: [1, .5, -1, +2, 1e3, true, yes, 2016-01-01]\n"]
    compared = 0
    for text in texts:
        try:
            mine, theirs = yaml.compose(text, Loader=_Loader), yaml.compose(text, Loader=Stock)
        except yaml.YAMLError:
            continue  # the reader reports these itself (tested above)
        assert (mine is None) == (theirs is None)
        if mine is not None:
            assert tags(mine) == tags(theirs), text[:80]
            compared += 1
    assert compared > 300


def test_a_value_tagged_as_a_number_or_a_boolean_must_be_written_as_one():
    """``!!int Indonesia`` crashed the reader (int('Indonesia')); ``!!int 1_0`` was 10 and
    ``!!bool x`` False. Each is now a problem on its line, the text kept as written."""
    cases = {
        "name: !!int Indonesia\n": "'Indonesia' is tagged !!int but is not a whole number",
        "a: 1\nb: !!float x\n": "'x' is tagged !!float but is not a number",
        "!!int k: 1\n": "'k' is tagged !!int but is not a whole number",
        "a: !!bool x\n": "'x' is tagged !!bool but is not true or false",
        "a: !!int 1_0\n": "'1_0' is tagged !!int but is not a whole number",
        "a: !!null x\n": "'x' is tagged !!null but is not null",
    }
    for text, message in cases.items():
        loaded = parse_text(text, "f.yaml")
        assert len(loaded.problems) == 1 and message in loaded.problems[0].text(), text
        assert loaded.problems[0].line == text.count("\n"), text
    assert parse_text("a: !!int 12\nb: !!float 1.5\n", "f.yaml").data == {"a": 12, "b": 1.5}


def test_an_alias_or_too_deep_a_nesting_is_refused_as_a_mappings_value():
    """A mapping builds its scalar values directly only when neither check can apply."""
    aliased = parse_text("a: &x 1\nb: *x\n", "f.yaml")
    assert any("aliases (*name) are not allowed" in p.text() for p in aliased.problems)
    deep = "".join("  " * i + f"k{i}:\n" for i in range(64)) + "  " * 64 + "leaf: 1\n"
    nested = parse_text(deep, "f.yaml")
    assert any("nested more than 64 levels deep" in p.text() for p in nested.problems)
    shallow = "".join("  " * i + f"k{i}:\n" for i in range(63)) + "  " * 63 + "leaf: 1\n"
    assert parse_text(shallow, "f.yaml").problems == []
