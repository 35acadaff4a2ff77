"""What a report is asked for, and the shape of one report section: shared by the
report context (:mod:`.report`) and the sections kept in modules of their own
(:mod:`.summary`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import schema as m
from ..dataset import Dataset


@dataclass(frozen=True)
class Request:
    """What a report is asked for: the meeting, the date, the plans, the options."""

    ds: Dataset
    meeting: m.Meeting
    on: dt.date
    plans: list[m.Plan]
    per_region: int
    previous: m.Meeting | None
    include_internal: bool = False  # internal outreach records: left out (counted) unless asked


Section = Callable[[Request], dict[str, Any]]
