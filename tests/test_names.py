"""Names that resolve right: one resolver (ccmctl/queries/names.py) for every option that
takes a state or a region; codes, names and the search names kept in data; never a guess."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import ROOT, run
from test_validate import break_file, error_lines, validate

from ccmctl.queries import names
from ccmctl.queries.names import find_region, find_state, name_key
from ccmctl.validation import load

RESOLVED = {
    # ISO alpha-3, alpha-2 and M49 codes, any case; M49 without its leading zeros
    "GBR": "GBR",
    "gbr": "GBR",
    "NG": "NGA",
    "ng": "NGA",
    "566": "NGA",
    "004": "AFG",
    "4": "AFG",
    "NO": "NOR",
    "UA": "UKR",
    # names, case-, accent-, space- and punctuation-insensitive
    "Nigeria": "NGA",
    "viet nam": "VNM",
    "vietnam": "VNM",
    "Viet-Nam": "VNM",
    "Türkiye": "TUR",
    "Turkiye": "TUR",
    "Côte d'Ivoire": "CIV",
    "Cote d'Ivoire": "CIV",
    "côte d ivoire": "CIV",
    "COTE-D'IVOIRE": "CIV",
    "Iraq": "IRQ",
    "Congo": "COG",
    "Guinea": "GIN",
    "Netherlands (Kingdom of the)": "NLD",
    "the Netherlands": "NLD",
    "The Gambia": "GMB",
    "St Lucia": "LCA",
    "St. Vincent & the Grenadines": "VCT",
    "Democratic Republic of Congo": "COD",
    "united states of america": "USA",
    "U.S.A.": "USA",
    "US": "USA",
    # search names kept in the records (aliases)
    "UK": "GBR",
    "United Kingdom": "GBR",
    "Britain": "GBR",
    "United States": "USA",
    "Laos": "LAO",
    "Lao PDR": "LAO",
    "Vatican": "VAT",
    "Turkey": "TUR",
    "Ivory Coast": "CIV",
    "Czech Republic": "CZE",
    "DRC": "COD",
    "DR Congo": "COD",
    "Congo-Kinshasa": "COD",
    "Congo-Brazzaville": "COG",
    "Syria": "SYR",
    "Russia": "RUS",
    "North Korea": "PRK",
    "DPRK": "PRK",
    "South Korea": "KOR",
    "Iran": "IRN",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Tanzania": "TZA",
    "Moldova": "MDA",
    "Micronesia": "FSM",
    "Palestine": "PSE",
    "Cape Verde": "CPV",
    "Swaziland": "SWZ",
    "Macedonia": "MKD",
    "Burma": "MMR",
    "East Timor": "TLS",
    "Brunei": "BRN",
    "UAE": "ARE",
}


@pytest.mark.parametrize("query", sorted(RESOLVED))
def test_a_code_name_or_alias_finds_its_state(real, query):
    assert find_state(real, query).iso3 == RESOLVED[query]


def test_uk_is_the_united_kingdom_not_ukraine(real):
    assert find_state(real, "UK").iso3 == "GBR"
    assert find_state(real, "Ukraine").iso3 == "UKR"


@pytest.mark.parametrize("query", ["viet", "nigeri", "islands", "republic", "korea", "sudan s"])
def test_never_a_part_of_a_name(real, query):
    """What the old resolver guessed from a substring is an error now."""
    with pytest.raises(LookupError):
        find_state(real, query)


def test_a_word_several_names_contain_is_ambiguous_with_the_candidates(real):
    with pytest.raises(LookupError) as exc:
        find_state(real, "korea")
    message = str(exc.value)
    assert "several states" in message and "did you mean" in message
    assert "Republic of Korea (KOR)" in message
    assert "Democratic People's Republic of Korea (PRK)" in message
    assert "Kenya" not in message  # the candidates, not look-alikes


def test_a_typo_gets_up_to_three_suggestions_with_their_codes(real):
    with pytest.raises(LookupError) as exc:
        find_state(real, "Nigera")
    message = str(exc.value)
    assert message.startswith("no state matches 'Nigera'; did you mean Nigeria (NGA)")
    assert message.count("(") <= names.MAX_SUGGESTIONS


def test_nothing_close_says_how_to_name_a_state(real):
    with pytest.raises(LookupError) as exc:
        find_state(real, "xqzzy")
    assert str(exc.value) == (
        "no state matches 'xqzzy'; use an ISO code (IDN, ID or 360) or a name such as Indonesia"
    )
    with pytest.raises(LookupError, match="empty state name"):
        find_state(real, " ' ")


def test_the_normal_form():
    assert names.normal_form("Côte d'Ivoire") == "cote d ivoire"
    assert name_key("Côte d’Ivoire") == name_key("cote divoire") == "cotedivoire"
    assert name_key("Saint Kitts & Nevis") == name_key("St Kitts and Nevis")
    assert name_key("  4 ") == "004" and name_key("0566") == "0566"


def test_the_index_is_built_once_per_data_set(real):
    first = names._state_index(real)
    assert names._state_index(real) is first
    find_state(real, "UK")
    assert names._state_index(real) is first
    other = load(ROOT / "data").dataset
    assert names._state_index(other) is not first
    assert find_state(other, "UK").iso3 == "GBR"


def test_every_state_records_its_iso_alpha2_and_m49_codes(real):
    """From the reference table the records cite as their region_source."""
    path = ROOT / "provenance" / "reference" / "iso3166-m49.csv"
    rows = {r["alpha-3"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    for iso3, s in real.states.items():
        assert s.region_source == "m49-iso3166"
        assert (s.alpha2, s.m49) == (rows[iso3]["alpha-2"], rows[iso3]["country-code"]), iso3


def test_aliases_are_unique_and_never_an_official_name(real):
    taken: dict[str, str] = {}
    for iso3, s in real.states.items():
        for value in (s.iso3, s.alpha2, s.m49, s.name):
            assert taken.setdefault(name_key(str(value)), iso3) == iso3
    for iso3, s in real.states.items():
        for alias in s.aliases:
            assert name_key(alias) not in taken, (iso3, alias)
            taken[name_key(alias)] = iso3


# --- regions: the same resolver ------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("se-asia", "se-asia"),
        ("South-eastern Asia", "south-eastern-asia"),
        ("south eastern asia", "south-eastern-asia"),
        ("035", "south-eastern-asia"),
        ("Sub-Saharan Africa", "sub-saharan-africa"),
        ("Latin America and the Caribbean", "latin-america-and-the-caribbean"),
        ("CAUCASUS", "caucasus"),
    ],
)
def test_a_region_by_slug_alias_m49_name_or_code(real, query, slug):
    assert find_region(real, query) == slug


def test_an_unknown_region_lists_the_valid_ones(real):
    with pytest.raises(LookupError) as exc:
        find_region(real, "mars")
    assert "'mars' is unknown" in str(exc.value) and "se-asia" in str(exc.value)


# --- every option that takes a state or a region --------------------------------------------


@pytest.mark.parametrize(
    ("query", "iso3"),
    [("UK", "GBR"), ("NG", "NGA"), ("566", "NGA"), ("Laos", "LAO"), ("vietnam", "VNM"),
     ("Turkey", "TUR"), ("Vatican", "VAT"), ("Cote d'Ivoire", "CIV")],
)  # fmt: skip
def test_show_resolves_every_kind_of_name(runner, query, iso3):
    result = run(runner, "show", query, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["iso3"] == iso3


def test_show_an_unknown_state_is_a_usage_error_with_a_suggestion(runner):
    result = run(runner, "show", "atlantis")
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("ccmctl: STATE: no state matches 'atlantis'")
    typo = run(runner, "show", "Vietnan")
    assert typo.exit_code == 2 and "did you mean Viet Nam (VNM)?" in typo.stderr


def test_deadlines_state_takes_what_show_takes(runner):
    by_code = run(runner, "deadlines", "--state", "IRQ", "--as-of", "2023-01-01", "-f", "json")
    by_name = run(runner, "deadlines", "--state", "Iraq", "--as-of", "2023-01-01", "-f", "json")
    assert by_name.exit_code == 0, by_name.stderr
    assert by_name.stdout == by_code.stdout and json.loads(by_name.stdout)
    twice = run(
        runner, "deadlines", "-s", "iraq", "-s", "IQ", "--as-of", "2023-01-01", "-f", "json"
    )
    assert twice.stdout == by_code.stdout  # one state named twice is listed once
    bad = run(runner, "deadlines", "--state", "Irak")
    assert bad.exit_code == 2
    assert bad.stderr.startswith(
        "ccmctl: --state: no state matches 'Irak'; did you mean Iraq (IRQ)"
    )


def test_targets_region_takes_the_label_tables_print(runner):
    by_slug = run(runner, "targets", "--region", "se-asia", "--format", "json")
    by_label = run(runner, "targets", "--region", "South-eastern Asia", "--format", "json")
    by_code = run(runner, "targets", "--region", "035", "--format", "json")
    assert by_label.exit_code == 0, by_label.stderr
    assert by_slug.stdout == by_label.stdout == by_code.stdout and json.loads(by_slug.stdout)


# --- validate: aliases name one state only ---------------------------------------------------


def _alias(data, iso3: str, *aliases: str) -> None:
    listed = "".join(f"- {a}\n" for a in aliases)
    break_file(data, f"states/{iso3}.yaml", "\nun: ", f"\naliases:\n{listed}un: ")


def test_an_alias_that_is_another_states_name_is_an_error_with_file_and_line(runner, fixture_copy):
    _alias(fixture_copy, "FRA", "Andorra")
    result = validate(runner, fixture_copy)
    assert result.exit_code == 1
    (line,) = error_lines(result)
    assert "states/FRA.yaml:" in line
    assert "aliases[0]: alias 'Andorra' is also the name 'Andorra' of AND (" in line
    assert "states/AND.yaml:" in line  # where the other state has it


def test_an_alias_used_by_two_states_or_equal_to_a_code_is_an_error(runner, fixture_copy):
    _alias(fixture_copy, "FRA", "Gaul")
    _alias(fixture_copy, "ESP", "gaul", "idn")
    result = validate(runner, fixture_copy)
    assert result.exit_code == 1
    lines = error_lines(result)
    assert len(lines) == 2, result.stderr
    # states are checked in order of their codes: ESP's alias comes first, FRA's is the repeat
    assert any(
        "FRA.yaml" in ln and "alias 'Gaul' is also the alias 'gaul' of ESP" in ln for ln in lines
    )
    assert any(
        "ESP.yaml" in ln and "alias 'idn' is also the iso3 'IDN' of IDN" in ln for ln in lines
    )


def test_an_alias_that_repeats_the_states_own_name_is_a_warning(runner, fixture_copy):
    _alias(fixture_copy, "FRA", "france")
    result = validate(runner, fixture_copy)
    assert result.exit_code == 0
    assert "FRA.yaml" in result.stderr and "alias 'france' is already this state's name" in (
        result.stderr
    )


def test_an_alias_found_by_show_in_a_data_copy(runner, fixture_copy):
    """Aliases are data: a coordinator adds one and every command finds the state by it."""
    _alias(fixture_copy, "IDN", "Nusantara")
    result = run(runner, "show", "nusantara", "--data", str(fixture_copy), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["iso3"] == "IDN"
