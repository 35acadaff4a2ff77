"""``ccmctl amend KIND REF --FIELD VALUE…`` and ``ccmctl remove KIND REF``: corrections,
through the same writer as ``record`` (diff shown, the whole data set validated, nothing
written if the change would bring a problem).

The options of each ``amend`` subcommand are the fields of the record's model, generated
from it (:func:`ccmctl.recording.kinds.settable`): a field added to a model is an option
here without a line of code. A treaty event is corrected only with ``--source``, the
source of the correction (kept before the event's earlier sources).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from ..recording import kinds as K
from .app import app
from .common import fail, today
from .options import DataOpt
from .record import DryRunOpt, SourceOpt, actor, commit, find_state, sources

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..recording import Change

amend_app = typer.Typer(
    name="amend",
    help="Correct one record: set fields (--FIELD VALUE) or remove them (--unset FIELD).\n\n"
    "REF is STATE/ID for an engagement, survey answer, obstacle or report (a bare ID when "
    "only one record has it; STATE/#N for the N-th, for records without an id), "
    "PLAN/ITEM/ID for a status, STATE/TREATY/EVENT for a treaty event (NGA/ccm/deposit, "
    "with --source for the correction), the id of a meeting, source or plan, PLAN/ITEM for "
    "an item. Lists are written a,b; days YYYY-MM-DD or 'today'.\n\n"
    "Examples:\n\n"
    '  ccmctl amend engagement IDN/2026-11-22-bilateral --outcome "Bill sent to parliament" '
    "--visibility public\n\n"
    "  ccmctl amend event NGA/ccm/deposit --date 2023-02-28 --source untc-cn-2023-61\n\n"
    "  ccmctl amend meeting 14msp --start 2027-09-14 --source isu-14msp",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(amend_app, name="amend")

REF_HELP = {
    "engagement": "STATE/ID, ID or STATE/#N",
    "survey": "STATE/ID, ID or STATE/#N",
    "obstacle": "STATE/ID, ID or STATE/#N",
    "report": "STATE/ID, ID or STATE/#N",
    "status": "PLAN/ITEM/ID or ID",
    "meeting": "meeting id",
    "source": "source id",
    "plan": "plan id",
    "item": "PLAN/ITEM",
    "event": "STATE/TREATY/EVENT",
}
EXAMPLES = {
    "engagement": 'IDN/2026-11-22-bilateral --outcome "Bill sent to parliament"',
    "survey": "IDN/2026-11-20-survey --position considering",
    "obstacle": 'IDN/2026-11-20-obstacle --solution "Offer an ISU briefing"',
    "report": "NGA/2026-annual --submitted 2026-04-29",
    "status": "universalization-2023-2024/act-2-recirculate-survey/2024-02-20-done --note x",
    "meeting": "14msp --start 2027-09-14",
    "source": "isu-14msp --accessed today",
    "plan": "universalization-2027-2028 --up-to 15msp",
    "item": "universalization-2027-2028/regional-workshop --owners isu,PHL",
    "event": "NGA/ccm/deposit --date 2023-02-28 --source untc-cn-2023-61",
}
ACTOR_FIELDS = {"by", "owners", "partners", "coordinators"}
SPECIAL = {"item": ("due",), "meeting": ("president",)}
"""Fields holding a small record, typed as one value: an item's due (a day, YYYY-MM or a
meeting) and a meeting's presiding state."""


def _fields(kind: str) -> dict[str, Any]:
    """Option name (the field's) -> the model that types it."""
    if kind == "event":
        return {**K.EVENT_FIELDS}
    model = K.MODELS[kind]
    fields: dict[str, Any] = {name: model for name in K.settable(model)}
    fields.update({name: model for name in SPECIAL.get(kind, ())})
    return fields


def _description(model: Any, name: str) -> str:
    fld = model.model_fields["from_" if name == "from" else name]
    return fld.description or name


def _convert(ds: Dataset, kind: str, name: str, model: Any, text: str) -> Any:
    from ..recording import RecordError

    field_name = "from_" if name == "from" else name
    if name == "due":
        from .record import parse_due

        return parse_due(text)
    if name == "president":
        return {"state": find_state(ds, text, "--president")}
    try:
        value = K.convert(K.shape(model, field_name), text, today())
    except RecordError as exc:
        raise fail(f"--{name.replace('_', '-')}: {exc.message}") from None
    if name in ACTOR_FIELDS:
        return [actor(ds, a, f"--{name}") for a in value]
    if name == "country":
        return find_state(ds, value, "--country")
    return value


def _metavar(kind: str, model: Any, name: str) -> str:
    if name == "due":
        return "DATE|YYYY-MM|MEETING"
    if name == "president":
        return "STATE"
    return K.shape(model, "from_" if name == "from" else name).upper()


def _make(kind: str) -> Callable[..., None]:
    fields = _fields(kind)

    def command(**kw: Any) -> None:
        ref: str = kw.pop("ref")
        unset = [u.replace("-", "_") for u in kw.pop("unset")]
        dry_run: bool = kw.pop("dry_run")
        data = kw.pop("data")
        correction_ids: list[str] = kw.pop("correction", [])
        given = {k.rstrip("_"): v for k, v in kw.items() if v is not None}
        for name in unset:
            if name not in fields:
                raise fail(f"--unset {name!r} is not one of: {', '.join(fields)}")
        if not given and not unset:
            raise fail("nothing to change: give --FIELD VALUE or --unset FIELD")

        def build(ds: Dataset) -> list[Change]:
            from ..queries.names import find_state as resolve

            changes = {
                name: _convert(ds, kind, name, fields[name], text) for name, text in given.items()
            }
            target = K.locate(ds, kind, ref, lambda t: resolve(ds, t))
            correction = None
            if kind == "event":
                correction = sources(correction_ids, required=True)
            return [K.amend(target, changes, unset, correction=correction)]

        commit(data, build, dry_run=dry_run, verb="")

    params = [
        inspect.Parameter(
            "ref",
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[str, typer.Argument(metavar="REF", help=REF_HELP[kind] + ".")],
        )
    ]
    for name, model in fields.items():
        params.append(
            inspect.Parameter(
                name + ("_" if name in ("from", "ref", "data", "unset") else ""),
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[
                    str | None,
                    typer.Option(
                        "--" + name.replace("_", "-"),
                        metavar=_metavar(kind, model, name),
                        help=_description(model, name),
                    ),
                ],
            )
        )
    if kind == "event":
        params.append(
            inspect.Parameter(
                "correction",
                inspect.Parameter.KEYWORD_ONLY,
                default=[],
                annotation=Annotated[
                    list[str],
                    typer.Option(
                        "--source",
                        metavar="ID",
                        help="Required: the source of the correction (kept first).",
                    ),
                ],
            )
        )
    params += [
        inspect.Parameter(
            "unset",
            inspect.Parameter.KEYWORD_ONLY,
            default=[],
            annotation=Annotated[
                list[str],
                typer.Option("--unset", metavar="FIELD", help="Remove this field (repeat)."),
            ],
        ),
        inspect.Parameter(
            "dry_run", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=DryRunOpt
        ),
        inspect.Parameter("data", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=DataOpt),
    ]
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__name__ = f"amend_{kind}"
    what = "treaty event" if kind == "event" else kind
    command.__doc__ = (
        f"Correct one {what}: each option sets the field of that name.\n\n"
        f"Examples:\n\n  ccmctl amend {kind} {EXAMPLES[kind]}\n"
    )
    return command


for _kind in K.KINDS:
    amend_app.command(_kind)(_make(_kind))


@app.command()
def remove(
    kind: Annotated[
        Literal[
            "engagement",
            "survey",
            "obstacle",
            "report",
            "status",
            "meeting",
            "source",
            "item",
            "event",
        ],
        typer.Argument(metavar="KIND", help="What to remove."),
    ],
    ref: Annotated[str, typer.Argument(metavar="REF", help="Which one (as for amend).")],
    source: SourceOpt = [],  # noqa: B006
    dry_run: DryRunOpt = False,
    data: DataOpt = None,
) -> None:
    """Delete one record, through the same writer as record (the diff shown; refused if
    anything still refers to it). A treaty event needs --source: the correction's source,
    noted on the treaty record with what was removed.

    KIND is engagement, survey, obstacle, report, status, meeting, source, item or event;
    REF as for 'ccmctl amend'. A plan is a file of its own: delete it in a pull request.

    Examples:

      ccmctl remove engagement IDN/2026-11-22-bilateral --dry-run

      ccmctl remove event XYZ/ccm/signature --source untc-cn-2027-12
    """

    def build(ds: Dataset) -> list[Change]:
        from ..queries.names import find_state as resolve

        target = K.locate(ds, kind, ref, lambda t: resolve(ds, t))
        correction = sources(source, required=True) if kind == "event" else None
        return [K.remove(target, correction=correction, today=today())]

    commit(data, build, dry_run=dry_run, verb="")
