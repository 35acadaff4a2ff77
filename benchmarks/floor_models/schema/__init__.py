"""The schema of every data file, as Pydantic v2 models, one module per kind of file.

Each model validates one record's shape and the rules that need nothing but that
record. Rules of the Convention that compare a record with its articles live in
``ccmctl.validation.rules`` (calling ``ccmctl.domain.treaty``); rules that span
records live in ``ccmctl.validation.references``. Records hold facts (dated events
with their sources); statuses such as "State Party on a date" are derived in
``ccmctl.domain.treaty``.
"""

from .catalogues import *  # noqa: F403
from .common import *  # noqa: F403
from .outreach import *  # noqa: F403
from .plan import *  # noqa: F403
from .state import *  # noqa: F403
