"""Queries: pure functions of (data set, as-of date, options) returning typed results.

No I/O, no "today": the CLI resolves the date and renders the result."""
