"""Types and the base model shared by every kind of data file."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..domain.dates import PartialDate
from .records import Record

# --- shared types -----------------------------------------------------------

ISO3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
MeetingId = Annotated[str, StringConstraints(pattern=r"^[0-9]+(msp|rc)$")]
Month = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
Text = Annotated[str, StringConstraints(min_length=1)]
SourceRef = Slug | Annotated[list[Slug], Field(min_length=1)]
"""One source id, or a list of them, from ``data/sources.yaml``."""

ActorRef = Annotated[str, StringConstraints(pattern=r"^([A-Z]{3}|[a-z0-9][a-z0-9-]*)$")]
"""A state (ISO alpha-3, upper case) or a body from ``data/bodies.yaml`` (slug)."""


def as_json(value: Any) -> Any:
    """What ``model_dump(mode="json", exclude_none=True)`` gives, without Pydantic building
    the model's serializer: a record restored from the parse cache has built none, and
    building those of a state's commitments, facets and engagements cost about 10 ms a
    run. tests/test_models.py checks the two agree on every record of the bundled data."""
    if isinstance(value, (BaseModel, Record)):
        out = {}
        names = type(value).fields if isinstance(value, Record) else type(value).model_fields
        for name in names:
            item = getattr(value, name)
            if item is not None:
                out[name] = as_json(item)
        return out
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {_key(as_json(k)): as_json(v) for k, v in value.items() if v is not None}
    if isinstance(value, Enum):
        return as_json(value.value)
    if isinstance(value, (dt.date, PartialDate)):
        plain = value.to_yaml() if isinstance(value, PartialDate) else value
        return plain.isoformat() if isinstance(plain, dt.date) else plain
    return value


def _key(key: Any) -> Any:
    """A JSON object's key is text: a vote's year 2015 becomes "2015", as in Pydantic."""
    return str(key) if isinstance(key, int) and not isinstance(key, bool) else key


def source_ids(ref: SourceRef | None) -> list[str]:
    """The source ids a ``source`` field names, as a list."""
    if ref is None:
        return []
    return [ref] if isinstance(ref, str) else list(ref)


class Model(BaseModel):
    """Base: unknown fields are errors, records are immutable, no coercion."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


# --- sources ------------------------------------------------------------------


class Source(Model):
    """One entry of the source catalogue; records cite it by ``id``."""

    id: Slug = Field(description="Identifier cited by records, e.g. `untc-xxvi-6`.")
    title: Text = Field(description="Title of the document or page.")
    url: str | None = Field(
        None,
        description="Where it can be read; null for documents "
        "given to the project (e.g. the seed work plans).",
    )
    publisher: str | None = Field(None, description="Who published it (UN OLA, ISU, Monitor…).")
    as_at: dt.date | int | None = Field(
        None, description="The date (or year) the document says it is current to."
    )
    accessed: dt.date = Field(description="When the project last read it.")
    note: str | None = Field(None, description="Anything a reader should know about the source.")


class SourcesFile(Model):
    """`data/sources.yaml`: the source catalogue."""

    sources: list[Source] = Field(description="Every source cited anywhere in the data.")
