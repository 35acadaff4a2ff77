"""Lean records (ccmctl/schema/records.py): what a data set holds once a file is valid.
They say what the validated model says, cannot be changed, copy with model_copy, and
take a fraction of a Pydantic instance's memory."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import sys

import pytest
from conftest import DATA

from ccmctl import schema as m
from ccmctl.schema.records import Record, lean, make, to_record


def test_the_data_set_holds_lean_records(real):  # noqa: ANN001
    idn = real.states["IDN"]
    assert isinstance(idn, Record) and type(idn).model is m.State
    assert isinstance(idn.ccm, Record)
    assert str(idn.ccm.signature.date) == "2008-12-03"  # what the record says, by attribute
    assert dict(idn)["iso3"] == "IDN"  # iterated as (name, value), as a model is


def test_a_record_cannot_be_changed_and_copies_with_changes(real):  # noqa: ANN001
    idn = real.states["IDN"]
    with pytest.raises(AttributeError):
        idn.name = "Elsewhere"  # type: ignore[misc]
    other = idn.model_copy(update={"name": "Elsewhere"})
    assert other.name == "Elsewhere" and idn.name == "Indonesia"
    assert other != idn and other.model_copy(update={"name": "Indonesia"}) == idn
    with pytest.raises(AttributeError):
        idn.model_copy(update={"no_such_field": 1})


def test_methods_and_properties_of_the_model_work_on_the_record():
    from conftest import FIXTURE

    from ccmctl.reading import read_yaml

    model = m.State.model_validate(read_yaml(FIXTURE / "states" / "IDN.yaml").data)
    record = to_record(model)
    assert model.outreach.coordinators, "the fixture's IDN has coordinators"
    for day in (dt.date(2016, 1, 1), dt.date(2024, 6, 1), dt.date(2026, 11, 22)):
        assert record.outreach.coordinators_on(day) == model.outreach.coordinators_on(day)
    tally = to_record(m.Unattributed.model_validate({"yes": 3, "no": 1, "abstain": 2, "note": "n"}))
    assert tally.total == 6


def test_defaults_are_filled_and_required_fields_are_required():
    record = make(lean(m.Outreach), {})
    assert record.engagements == [] and record.survey == []
    assert make(lean(m.Outreach), {}).engagements is not record.engagements  # not shared
    with pytest.raises(ValueError, match="required field"):
        make(lean(m.Source), {"id": "x"})


def test_a_record_is_a_fraction_of_the_model():
    model = m.Engagement.model_validate(
        {"date": dt.date(2024, 5, 1), "kind": "bilateral", "summary": "A synthetic meeting."}
    )
    record = to_record(model)
    assert record == to_record(model) and record.kind == "bilateral"
    assert sys.getsizeof(record) * 3 <= sys.getsizeof(model) + sys.getsizeof(model.__dict__)


def _model():  # noqa: ANN202
    from ccmctl.reading import read_yaml

    return m.State.model_validate(read_yaml(DATA / "states" / "IDN.yaml").data)


def test_a_record_equals_and_hashes_as_the_model_of_the_same_data(real):  # noqa: ANN001
    model, record = _model(), real.states["IDN"]
    assert record == model and model == record
    source = m.Source.model_validate(
        {"id": "x-1", "title": "A title", "accessed": dt.date(2026, 1, 2)}
    )
    assert hash(to_record(source)) == hash(source)  # equal, so hashed alike
    assert record != real.states["USA"]


@pytest.mark.parametrize("how", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_a_record_copies(real, how):  # noqa: ANN001
    idn = real.states["IDN"]
    again = how(idn)
    assert again == idn
    if how is copy.deepcopy:
        assert again.commitments is not idn.commitments  # its lists are copied too


def test_a_record_pickles(real):  # noqa: ANN001
    """By its model's name, also for the facet models a factory makes."""
    for iso3 in ("IDN", "USA", "LTU"):
        record = real.states[iso3]
        assert pickle.loads(pickle.dumps(record)) == record


def test_a_field_named_like_a_records_own_attribute_is_refused():
    from pydantic import BaseModel

    class Clash(BaseModel):
        fields: int = 0

    with pytest.raises(TypeError, match="reserved"):
        lean(Clash)


def _deep_types(value: object) -> list[str]:
    """The class of every value inside ``value``, in order: equal records of other
    types inside (a text where a day was) would still compare equal."""
    out = [type(value).__name__]
    if isinstance(value, Record):
        for _name, v in value:
            out += _deep_types(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            out += _deep_types(k) + _deep_types(v)
    elif isinstance(value, list):
        for v in value:
            out += _deep_types(v)
    return out


def test_pydantic_json_of_every_plain_model_reads_back_into_the_same_record():
    """The parse cache writes a validated model as Pydantic's own JSON and reads it back
    with json_reader: on every bundled data file whose model allows it, the record equals
    to_record's, type for type, and shares texts and dates the way to_record does."""
    import json

    from ccmctl.files import discover
    from ccmctl.reading import read_yaml
    from ccmctl.schema.records_json import NotPlain, json_reader

    read_back = 0
    shared: dict[object, object] = {}
    regions: list[str] = []
    for item in discover(DATA)[0]:
        model = item.kind.model.model_validate(read_yaml(item.path).data)
        try:
            reader = json_reader(type(model))
        except NotPlain:
            assert item.kind.name == "plan", item.shown  # plans: a day or a meeting id
            continue
        written = model.__pydantic_serializer__.to_json(model, round_trip=True, by_alias=False)
        back = reader(json.loads(written), shared)
        made = to_record(model)
        assert back == made and _deep_types(back) == _deep_types(made), item.shown
        read_back += 1
        if item.kind.name == "state":
            regions.append(back.region)
    assert read_back >= 197
    assert len({id(r) for r in regions}) == len(set(regions)) < 10  # one object per text


@pytest.mark.parametrize(
    "annotation",
    [
        "dt.date | str",  # "2016-06-30" could be either
        "float | None",  # NaN is written null
        "dict[dt.date, int]",
        "tuple[str, int]",
    ],
)
def test_a_model_whose_json_is_ambiguous_is_not_read_from_json(annotation: str):
    from pydantic import BaseModel, create_model

    from ccmctl.schema.records_json import NotPlain, json_reader

    model: type[BaseModel] = create_model("Odd", value=(eval(annotation), ...))  # noqa: S307
    with pytest.raises(NotPlain):
        json_reader(model)


def test_a_model_with_a_serializer_of_its_own_is_not_read_from_json():
    from pydantic import BaseModel, field_serializer

    from ccmctl.schema.records_json import NotPlain, json_reader

    class Shouting(BaseModel):
        name: str

        @field_serializer("name")
        def _loud(self, v: str) -> str:
            return v.upper()

    with pytest.raises(NotPlain):
        json_reader(Shouting)


def test_models_that_serialize_in_their_own_way_or_hold_themselves_are_refused():
    from pydantic import BaseModel, ConfigDict, computed_field, model_serializer

    from ccmctl.schema.records_json import NotPlain, json_reader

    class Whole(BaseModel):
        a: int

        @model_serializer
        def _all(self) -> dict[str, int]:
            return {"b": self.a}

    class Computed(BaseModel):
        a: int

        @computed_field  # type: ignore[prop-decorator]
        @property
        def b(self) -> int:
            return self.a

    class Loose(BaseModel):
        model_config = ConfigDict(extra="allow")
        a: int

    class Tree(BaseModel):
        child: Tree | None = None

    for model in (Whole, Computed, Loose, Tree):
        with pytest.raises(NotPlain):
            json_reader(model)


def test_json_of_another_shape_is_not_read_as_a_record():
    """An entry whose record has a field more or less is not this model's: the entry is
    then ignored (read again from the file), never made into a wrong record."""
    from ccmctl.schema.records_json import json_reader

    read = json_reader(m.Tally)
    assert read({"yes": 1, "no": 2, "abstain": 3}, {}).yes == 1
    with pytest.raises(ValueError):
        read({"yes": 1, "no": 2}, {})
    with pytest.raises(ValueError):
        read({"yes": 1, "no": 2, "abstain": 3, "extra": 4}, {})
