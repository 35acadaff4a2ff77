"""The floor: only read every data file with PyYAML's C loader and validate it with
ccmctl's Pydantic models, as frozen in benchmarks/floor_models (so that validators added
since count against ccmctl). No cross-record checks, no CLI, nothing kept. ccmctl's data
commands are measured against this.

    python benchmarks/floor.py DATA_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor_models import schema  # noqa: E402

from ccmctl.files import KINDS  # noqa: E402  (the table of file kinds: globs and model names)


def main(root: Path) -> int:
    n = 0
    for kind in KINDS:
        model = getattr(schema, kind.model_name)
        for path in sorted(root.glob(kind.path)):
            model.model_validate(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
            n += 1
    if n == 0:
        raise SystemExit(f"floor: no data files under {root}")
    print(f"floor: read and validated {n} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "data")))
