"""The floor: only read every data file with PyYAML's C loader and validate it with
ccmctl's own Pydantic models. No cross-record checks, no CLI. ccmctl's data commands
are measured against this."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ccmctl.files import KINDS


def main(root: Path) -> int:
    n = 0
    for kind in KINDS:  # the same table of file kinds ccmctl reads
        model = kind.model
        for path in sorted(root.glob(kind.path)):
            model.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
            n += 1
    print(f"floor: read and validated {n} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "data")))
