"""The users' edits to the data files: build a change on each file's own text (comments,
order and the schema line kept), validate the whole data set as it would be, write it
through :mod:`ccmctl.writing` or refuse it with every file left byte-identical.

``engine`` runs changes (lock, re-read, edit, check, write); ``tree`` holds the small
operations on a ruamel.yaml tree; ``kinds`` says what each kind of record is and builds the
change that adds, amends or removes one; ``imports`` reads the spreadsheets people already
have (survey answers, UNGA voting records) into changes.
"""

from .engine import Change, Edit, Outcome, RecordError, apply

__all__ = ["Change", "Edit", "Outcome", "RecordError", "apply"]
