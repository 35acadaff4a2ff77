"""Build hook: compile ccmctl's own templates into the wheel (ccmctl/render/compiled.py
says why and how they are used). Hatchling runs this for every wheel it builds; an
editable install gets none and compiles templates as it renders them."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledTemplates(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root))  # ccmctl's rendering needs only Jinja2 (build-system)
        try:
            from ccmctl.render.compiled import compile_shipped
        finally:
            sys.path.remove(str(root))
        self._out = tempfile.TemporaryDirectory(prefix="ccmctl-templates-")
        for path in compile_shipped(root / "templates", Path(self._out.name)):
            build_data["force_include"][str(path)] = f"ccmctl/templates/compiled/{path.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            out.cleanup()
