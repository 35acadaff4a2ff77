"""JSON Schema for every kind of data file, generated from the models."""

from __future__ import annotations

from typing import Any

from . import models as m

SCHEMAS: dict[str, type[m.Model]] = {
    "state": m.State,
    "plan": m.Plan,
    "meetings": m.MeetingsFile,
    "regions": m.RegionsFile,
    "sources": m.SourcesFile,
    "bodies": m.BodiesFile,
    "unga": m.UngaFile,
    "dataset": m.DatasetInfo,
}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file (input shape, aliases used)."""
    schema = SCHEMAS[kind].model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://ccmctl.invalid/schemas/{kind}.schema.json"
    return schema
