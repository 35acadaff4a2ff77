"""Reporters: pure functions that turn result rows into text or bytes.

Nothing here writes to stdout/stderr (only ``ccmctl.cli`` does) and nothing here computes
anything from a data set: the queries build the rows, a reporter only lays them out.
Heavy libraries (rich, icalendar) are imported inside the functions that need them, so
importing a reporter module stays cheap; this package ``__init__`` imports nothing.

A listing is ``rows: Sequence[Mapping[str, Any]]`` plus ``columns``: a sequence of
``(key, heading)`` pairs. :class:`ccmctl.render.cells.Column` is a ``NamedTuple`` of that
shape, so plain tuples keep working everywhere a ``Column`` is accepted.

Modules:

``cells``
    ``Column``, ``cell(value)`` (one value -> display string) and ``safe_terminal(text)``
    (remove control characters, ANSI/OSC escapes, bidi overrides and zero-width characters).
``table``
    ``plain(...)`` aligned text columns, ``rich_table(...)`` a rich table rendered to a
    string (every cell as ``rich.text.Text``, never markup), ``table(..., terminal=...)``.
``csv``
    ``to_csv(rows, columns)`` with the OWASP CSV-injection rule.
``json``
    ``to_json(data)``: indent 2, UTF-8, dates/enums/verdicts/dataclasses/sets handled.
``markdown``
    ``escape_cell``, ``escape_text``, ``to_markdown``: GitHub-flavoured Markdown in which
    links, images and raw HTML from the data are inert.
``github``
    ``annotation(...)``: one GitHub Actions workflow-command line (``::error file=...::msg``).
``ics``
    ``CalEvent`` and ``to_ics(...)``: an RFC 5545 calendar of all-day events, byte-stable.

The choice of formats a command offers belongs to the CLI, not to this package.
"""
