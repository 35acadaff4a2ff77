"""The one table of data-file kinds, and the walk that finds them.

Every part of ccmctl that needs to know which files a data folder holds reads
:data:`KINDS`: the reader and validation (which model a file is checked against),
``schema`` (one JSON Schema per kind), ``fmt`` (the schema line and key order),
the benchmark and the tests. Adding a kind of file is one row here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .problems import Problem

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class FileKind:
    """One kind of data file."""

    name: str
    """Schema name: ``schemas/{name}.schema.json`` and ``ccmctl schema --kind NAME``."""
    path: str
    """A file name (``sources.yaml``) or a folder's glob (``states/*.yaml``)."""
    model_name: str
    """The Pydantic model in :mod:`ccmctl.schema` (named, so that reading this table
    costs no import of the models)."""
    id_field: str | None
    """For record kinds: the field that must equal the file's stem."""
    shape: Literal["record", "catalogue"]
    """A record is one file per id; a catalogue holds lists of records."""

    @property
    def folder(self) -> str | None:
        return self.path.split("/")[0] if "/" in self.path else None

    @property
    def schema_line(self) -> str:
        """The editor's schema comment, relative to the file."""
        up = "../../" if self.folder else "../"
        return f"{up}schemas/{self.name}.schema.json"

    @property
    def model(self) -> type[BaseModel]:
        from . import schema

        model: type[BaseModel] = getattr(schema, self.model_name)
        return model


KINDS: tuple[FileKind, ...] = (
    FileKind("dataset", "dataset.yaml", "DatasetInfo", None, "catalogue"),
    FileKind("sources", "sources.yaml", "SourcesFile", None, "catalogue"),
    FileKind("meetings", "meetings.yaml", "MeetingsFile", None, "catalogue"),
    FileKind("regions", "regions.yaml", "RegionsFile", None, "catalogue"),
    FileKind("bodies", "bodies.yaml", "BodiesFile", None, "catalogue"),
    FileKind("unga", "unga.yaml", "UngaFile", None, "catalogue"),
    FileKind("state", "states/*.yaml", "State", "iso3", "record"),
    FileKind("plan", "plans/*.yaml", "Plan", "id", "record"),
)
BY_NAME = {k.name: k for k in KINDS}
SUFFIXES = (".yaml", ".yml")


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def kind_of(root: Path, path: Path) -> FileKind | None:
    """The kind of a file inside ``root``, or None if it is not a data file."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return None
    for kind in KINDS:
        if kind.folder is None and rel.parts == (kind.path,):
            return kind
        if kind.folder and len(rel.parts) == 2 and rel.parts[0] == kind.folder:
            return kind if rel.suffix in SUFFIXES else None
    return None


@dataclass(frozen=True)
class Found:
    """A data file to read, with its kind."""

    kind: FileKind
    path: Path
    shown: str


def discover(root: Path) -> tuple[list[Found], list[Problem]]:
    """Every data file of ``root`` in a fixed order (catalogues first, then each
    folder sorted by name), and the problems of the folder itself: a missing file or
    folder, a file in a record folder that is not YAML."""
    found: list[Found] = []
    problems: list[Problem] = []
    for kind in KINDS:
        for item in _walk(root, kind, problems):
            found.append(Found(kind, item, shown(item)))
    return found, problems


def _walk(root: Path, kind: FileKind, problems: list[Problem]) -> Iterator[Path]:
    if kind.folder is None:
        path = root / kind.path
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(shown(path), 0, "", "missing file"))
            return
        yield path
        return
    folder = root / kind.folder
    if not folder.is_dir():
        problems.append(Problem(shown(folder), 0, "", "missing folder"))
        return
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append(Problem(shown(folder), 0, "", f"cannot read: {exc.strerror or exc}"))
        return
    for path in entries:
        if path.name.startswith("."):
            continue
        if path.suffix not in SUFFIXES:
            problems.append(Problem(shown(path), 0, "", "unexpected file: data files end in .yaml"))
            continue
        yield path


def json_schema(kind: FileKind) -> dict[str, Any]:
    """The JSON Schema of one kind of data file (input shape, aliases used)."""
    schema = kind.model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://ccmctl.invalid/schemas/{kind.name}.schema.json"
    return schema
