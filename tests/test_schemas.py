"""The committed JSON Schemas match the models, and a second, independent validator
(check-jsonschema) agrees with ccmctl on every data file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import DATA, ROOT

from ccmctl.files import BY_NAME, json_schema

SCHEMAS = BY_NAME


def schema_for(kind: str) -> dict:
    return json_schema(BY_NAME[kind])


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_is_what_the_models_generate(kind):
    committed = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert committed == schema_for(kind), "run `ccmctl schema --out schemas`"


def test_every_data_file_names_its_schema():
    for path in sorted(DATA.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), path


def check_jsonschema(schema: str, *files) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(ROOT / "schemas" / f"{schema}.schema.json"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
    )


def test_check_jsonschema_agrees_on_every_data_file():
    groups = {
        "state": sorted(DATA.glob("states/*.yaml")),
        "plan": sorted(DATA.glob("plans/*.yaml")),
    }
    for kind in ("meetings", "regions", "sources", "bodies", "unga", "dataset"):
        groups[kind] = [DATA / f"{kind}.yaml"]
    for kind, files in groups.items():
        result = check_jsonschema(kind, *files)
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_also_rejects_a_broken_record(data_copy):
    path = data_copy / "states" / "IDN.yaml"
    path.write_text(path.read_text().replace("kind: ratification", "kind: ratificaton"))
    assert check_jsonschema("state", path).returncode == 1
