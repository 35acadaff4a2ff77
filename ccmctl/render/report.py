"""The report and other documents, rendered from a context with Jinja2.

A template is data, like the YAML: a data repository's ``templates/`` is picked up
automatically, so it arrives through pull requests as the records do. Hence:

* it runs in Jinja2's immutable sandbox with undefined names as errors, and every value
  it receives is plain data (see :mod:`ccmctl.queries.report`);
* templates are read by :func:`render`'s own loader, which refuses a template (or an
  ``{% include %}``) that is a symbolic link to a file outside the template folder, one
  over :data:`MAX_TEMPLATE_BYTES`, and one that is not UTF-8, naming the file and line;
* ranges over the sandbox's ``MAX_RANGE``, ``*`` and ``**`` whose result would be huge,
  output over :data:`MAX_OUTPUT_CHARS` and rendering past :data:`MAX_SECONDS` (a loop
  that prints nothing) stop the rendering;
* every failure is a :class:`TemplateProblem`: ``FILE:LINE`` of the template and what is
  wrong, never a traceback.

The filters escape what the data carries: ``cell`` for a Markdown table cell, ``text`` for
prose, ``mermaid`` for a chart label. ``random`` and ``lipsum`` are taken out: a document
says the same thing each time it is made from the same data.

:func:`render` says which template files it read (``texts``), so that the command line can
keep the text made (:class:`ccmctl.cache.Rendered`) and know when it is stale.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

DEFAULT_TEMPLATE = "report.md.j2"
MAX_TEMPLATE_BYTES = 1024 * 1024
"""A template larger than this (1 MiB) is refused: the shipped report is 20 KB."""
MAX_OUTPUT_CHARS = 20_000_000
"""Rendering stops past this many characters of output."""
MAX_SECONDS = 60.0
"""Rendering stops after this long: a loop that prints nothing would otherwise never end
(the shipped report renders in a few hundredths of a second)."""
MAX_REPEAT = 1_000_000
"""``text * n`` or ``list * n`` in a template may make at most this many characters/items."""
MAX_POWER_BITS = 4096
"""``a ** b`` in a template may make a number of at most this many bits."""
_HERE = Path(__file__).resolve().parent.parent


class TemplateProblem(Exception):
    """A template that cannot be used: ``where`` is ``FILE`` or ``FILE:LINE``, ``what`` what
    is wrong."""

    def __init__(self, where: str, what: str) -> None:
        self.where = where
        self.what = what
        super().__init__(f"{where}: {what}")


def template_dir(data: Path | None = None) -> Path:
    """Where the default report template is read from, first found of:
    the data repository's own ``templates/`` (next to its ``data/``), so a
    repository can reword its reports; the copy an installed wheel ships in the
    package; the source tree's ``templates/``."""
    candidates = [data.resolve().parent / "templates"] if data is not None else []
    candidates += [_HERE / "templates", _HERE.parent / "templates"]
    for folder in candidates:
        if (folder / DEFAULT_TEMPLATE).is_file():
            return folder
    raise FileNotFoundError(
        f"{DEFAULT_TEMPLATE} not found in " + ", ".join(str(c) for c in candidates)
    )


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_template(path: Path, folder: Path, *, trusted: bool = False) -> str:
    """The text of one template file of ``folder``, or :class:`TemplateProblem`: a link
    leading out of the folder (unless ``trusted``: the file the user named), not a
    regular file, over :data:`MAX_TEMPLATE_BYTES`, not UTF-8."""
    shown = _shown(path)
    real, real_folder = path.resolve(), folder.resolve()
    if not trusted and real_folder not in real.parents:
        raise TemplateProblem(
            shown,
            f"template refused: it is a symbolic link to {real}, outside the template "
            f"folder {_shown(folder)}",
        )
    if not os.path.isfile(real):  # before opening: a named pipe would block
        raise TemplateProblem(shown, "template refused: not a regular file")
    try:
        with open(real, "rb") as fh:
            raw = fh.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise TemplateProblem(shown, f"cannot read the template: {exc.strerror or exc}") from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(
            shown,
            f"template refused: larger than {MAX_TEMPLATE_BYTES // 1024 // 1024} MB",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise TemplateProblem(
            f"{shown}:{line}",
            f"template is not valid UTF-8 (byte 0x{bad} at column {col}); save it as UTF-8",
        ) from None


def _where(exc: BaseException, filenames: set[str]) -> str | None:
    """``FILE:LINE`` of the innermost template frame in the traceback (Jinja2 rewrites
    template frames to carry the template's file name and line)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name in filenames:
            found = f"{name}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _environment(
    folder: Path, main: str | None, loaded: set[str], texts: dict[str, str | None] | None = None
) -> Any:
    """The sandboxed environment with its loader. ``main``: the name of the template the
    user named (trusted even if it is a link); ``loaded``: file names read, filled in;
    ``texts``: each template looked for (by its name in the folder) and its text, or None
    where there was no such file (``include ... ignore missing``, a list of choices)."""
    from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
    from jinja2.exceptions import SecurityError
    from jinja2.loaders import split_template_path
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class FolderLoader(BaseLoader):
        """Templates of one folder, read through :func:`read_template`."""

        def get_source(
            self, environment: Any, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            pieces = split_template_path(template)  # refuses ".." (TemplateNotFound)
            path = folder.joinpath(*pieces)
            if not path.exists():
                if texts is not None:  # looked for and absent: its creation changes the text
                    texts["/".join(pieces)] = None
                raise TemplateNotFound(template)
            text = read_template(path, folder, trusted=template == main)
            shown = _shown(path)
            loaded.add(shown)
            if texts is not None:
                texts["/".join(pieces)] = text
            return text, shown, lambda: True  # read once per run: never stale

    class Environment(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def compile(
            self,
            source: Any,
            name: str | None = None,
            filename: str | None = None,
            raw: bool = False,
            defer_init: bool = False,
        ) -> Any:
            """A shipped template's code as compiled when the wheel was built, when this
            is that template, word for word, with these options (:mod:`.compiled`)."""
            if not raw and not defer_init and name is not None and isinstance(source, str):
                from .compiled import shipped

                code = shipped(self, name, source, filename)
                if code is not None:
                    return code
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[call-overload]

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _is_int(left) and _is_int(right) and abs(left) > 1:
                if right > 0 and right * math.log2(abs(left)) > MAX_POWER_BITS:
                    raise SecurityError(f"{left} ** {right} is too large a number")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and _is_int(n):
                        if len(seq) * n > MAX_REPEAT:
                            raise SecurityError(
                                f"repeating {len(seq)} x {n} makes more than {MAX_REPEAT:,}"
                            )
            return super().call_binop(context, operator, left, right)

    env = Environment(
        loader=FolderLoader(),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.pop("random", None)  # the same data, the same document
    env.globals.pop("lipsum", None)
    return env


def collect(chunks: Iterable[str]) -> str:
    """A template's output from its generator, stopped (``SecurityError``, which names the
    template's line) past :data:`MAX_OUTPUT_CHARS` characters or :data:`MAX_SECONDS`."""
    from jinja2.exceptions import SecurityError

    out: list[str] = []
    size = 0
    with _time_limit(MAX_SECONDS, SecurityError):
        for chunk in chunks:
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise SecurityError(f"the output is longer than {MAX_OUTPUT_CHARS:,} characters")
            out.append(chunk)
    return "".join(out)


@contextlib.contextmanager
def _time_limit(seconds: float, error: type[Exception]) -> Iterator[None]:
    """Raise ``error`` in the running code after ``seconds`` (a real-time timer; only where
    signals can be used: the main thread of a POSIX process, else no limit)."""
    import signal
    import threading

    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not main:
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise error(f"the template ran longer than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def render(
    ctx: dict[str, Any],
    template: Path | None = None,
    data: Path | None = None,
    texts: dict[str, str | None] | None = None,
) -> str:
    """Render ``template`` (else the default one found by :func:`template_dir` from the
    data directory) with StrictUndefined, in Jinja2's sandbox. A template the user names
    may be a link; everything else is read from inside its folder. Raises
    :class:`TemplateProblem` for any fault of the template. ``texts``, when given, is
    filled with each template looked for (by its name in the folder) and its text, or
    None where there was none."""
    folder, name, main = locate(template, data)
    return _render(ctx, folder, name, main, {} if texts is None else texts)


def locate(template: Path | None, data: Path | None = None) -> tuple[Path, str, str | None]:
    """The folder, the name and (when the user named it) the trusted name of a template:
    ``template``, else the default one found by :func:`template_dir` from ``data``."""
    if template is None:
        return template_dir(data), DEFAULT_TEMPLATE, None
    return template.parent, template.name, template.name


def _render(
    ctx: dict[str, Any], folder: Path, name: str, main: str | None, texts: dict[str, str | None]
) -> str:
    from jinja2 import TemplateError, TemplateSyntaxError

    loaded: set[str] = set()
    env = markdown_environment(folder, main, loaded, texts)
    try:
        return collect(env.get_template(name).generate(**ctx))
    except TemplateProblem as exc:
        within = _where(exc, loaded)
        if within:
            raise TemplateProblem(exc.where, f"{exc.what} (included at {within})") from None
        raise
    except TemplateSyntaxError as exc:
        where = f"{exc.filename or name}:{exc.lineno}" if exc.lineno else (exc.filename or name)
        raise TemplateProblem(where, f"template error: {exc.message or exc}") from None
    except Exception as exc:
        found = _where(exc, loaded)
        if found is None and not isinstance(exc, TemplateError):
            raise  # not the template's fault: the catch-all reports it
        missing = f"{getattr(exc, 'name', None) or name} (in {_shown(folder)})"
        raise TemplateProblem(found or _shown(folder / name), fault(exc, missing)) from None


def markdown_environment(
    folder: Path, main: str | None, loaded: set[str], texts: dict[str, str | None] | None = None
) -> Any:
    """The sandbox a Markdown template renders in: :func:`_environment` with the filters
    for table cells, running text and Mermaid labels."""
    from .markdown import escape_cell, escape_text

    env = _environment(folder, main, loaded, texts)
    env.filters["cell"] = lambda v: escape_cell("" if v is None else str(v))
    env.filters["text"] = lambda v: escape_text(" ".join(str(v).split()))
    env.filters["mermaid"] = lambda v: str(v).replace('"', "'")
    return env


def fault(exc: BaseException, missing: str) -> str:
    """What a template's fault says (``missing``: the template not found, for that fault)."""
    from jinja2 import TemplateError, TemplateNotFound
    from jinja2.exceptions import SecurityError

    if isinstance(exc, TemplateNotFound):
        return f"template not found: {missing}"
    if isinstance(exc, SecurityError):
        return f"template refused: {exc}"
    if isinstance(exc, TemplateError):
        return f"template error: {getattr(exc, 'message', None) or exc}"
    return f"template error: {type(exc).__name__}: {exc}"  # the template's own 1/0, int('x')
