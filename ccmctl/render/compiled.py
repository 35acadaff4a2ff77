"""ccmctl's own templates, compiled when the wheel is built.

Jinja2 turns a template into Python source (lexing, parsing, generating code) every time
an environment loads it: for the report, most of the time it takes to render. The build
hook (``hatch_build.py``) runs :func:`compile_shipped`, which writes that source for each
shipped template, under each environment ccmctl renders it in, into
``ccmctl/templates/compiled/KEY.py``; the installer compiles those files to bytecode like
any module. At run time :func:`shipped` returns that code for a template when its key
matches: the key is a hash of the template's name and text, the Jinja2 version and every
option of the environment the generated code depends on (:func:`profile`), so a template
edited by its user, another Jinja2 or another environment is compiled as usual. Nothing
is read from the user's folders: the files are part of the installed package, as its
modules are. A source tree (an editable install) has none, and compiles as usual.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import CodeType
from typing import Any

FOLDER = Path(__file__).resolve().parent.parent / "templates" / "compiled"
"""Where an installed wheel keeps the compiled templates (absent in a source tree)."""


def profile(env: Any) -> str | None:
    """Everything besides a template's name and text that the code Jinja2 generates for it
    depends on, as text; None for an environment whose code cannot be kept (a function
    deciding autoescaping per template)."""
    import jinja2

    if callable(env.autoescape):
        return None
    parts: list[object] = [
        jinja2.__version__,
        f"{type(env).__module__}.{type(env).__qualname__}",
        env.code_generator_class.__qualname__,
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        env.autoescape,
        sorted(env.extensions),
        sorted(env.filters),
        sorted(env.tests),
        sorted(getattr(env, "intercepted_binops", ())),
        sorted(getattr(env, "intercepted_unops", ())),
    ]
    return repr(parts)


def key(env: Any, name: str, source: str) -> str | None:
    """The name of the compiled file for ``name`` with ``source`` in ``env``."""
    options = profile(env)
    if options is None:
        return None
    h = hashlib.sha256()
    for part in (options, name, source):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()


def shipped(env: Any, name: str, source: str, filename: str | None) -> CodeType | None:
    """The code compiled at build time for this template in this environment, carrying
    ``filename`` (as Jinja2's own compiling would: its error lines point into it), or
    None when there is none."""
    folder = FOLDER
    if not folder.is_dir():
        return None
    found = key(env, name, source)
    path = folder / f"{found}.py" if found else None
    if path is None or not path.is_file():
        return None
    from importlib.machinery import SourceFileLoader

    module = f"ccmctl_template_{found}"
    code = SourceFileLoader(module, str(path)).get_code(module)
    return None if code is None else _renamed(code, filename or "<template>")


def _renamed(code: CodeType, filename: str) -> CodeType:
    consts = tuple(_renamed(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def environments() -> list[Any]:
    """Each environment ccmctl renders its own templates in: Markdown and HTML."""
    from .html import _environment as html_environment
    from .report import markdown_environment

    here = Path(".")
    return [markdown_environment(here, None, set()), html_environment(here / "x.j2", set())]


def compile_shipped(templates: Path, out: Path) -> list[Path]:
    """Write the code of every template in ``templates`` under every environment it
    compiles in (a Markdown template uses filters the HTML environment lacks, and the
    reverse) into ``out``; return the files written. A template that compiles in none is
    an error: the build stops."""
    from jinja2 import TemplateAssertionError

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for path in sorted(templates.glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        made = 0
        for env in environments():
            try:
                code = env.compile(source, path.name, None, raw=True)
            except TemplateAssertionError:  # a filter of the other environment
                continue
            name = key(env, path.name, source)
            assert name is not None
            target = out / f"{name}.py"
            target.write_text(code, encoding="utf-8")
            written.append(target)
            made += 1
        if not made:
            raise ValueError(f"{path}: compiles in none of ccmctl's environments")
    return written
