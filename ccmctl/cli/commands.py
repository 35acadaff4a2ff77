"""Importing this module registers every command on the app, in the order help lists them."""

# ruff: noqa: I001, F401
from . import check, status, targets, show, deadlines, report, record, amend, map
from . import outreach, changes, survey, unga  # the users' own records (issue 14)
