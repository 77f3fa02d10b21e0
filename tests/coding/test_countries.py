"""CAMEO / Phoenix country codes to ISO 3166-1 alpha-3, and country names to ISO-3."""

from __future__ import annotations

import pycountry
import pytest

from tieline.coding.actors import INTERNATIONAL_PREFIXES, SECTORS, code_at, country_and_sector
from tieline.coding.coder import default_dictionaries
from tieline.coding.countries import (
    cameo_countries,
    country_for_code,
    iso3_for_cameo,
    iso3_for_name,
    non_state_heads,
)

CURRENT = {c.alpha_3 for c in pycountry.countries}
FORMER = {c.alpha_3 for c in pycountry.historic_countries}


@pytest.fixture(scope="module")
def default_codes() -> set[str]:
    d = default_dictionaries()
    return {
        part
        for entry in d.actors
        for c in entry.codes
        for part in c.code.split("/")
        if part and part != "---"
    }


# ------------------------------------------------------------------ split countries


@pytest.mark.parametrize(
    ("code", "country", "sector"),
    [
        # Serbia: inside Yugoslavia, inside Serbia and Montenegro, and on its own
        ("YUGSRB", "SRB", None),
        ("SCGSRB", "SRB", None),
        ("SCGSRBGOV", "SRB", "GOV"),
        ("SRB", "SRB", None),
        ("SRBGOV", "SRB", "GOV"),
        # the union itself keeps its ISO 3166-3 code
        ("SCG", "SCG", None),
        ("SCGGOV", "SCG", "GOV"),
        # Montenegro
        ("YUGMNE", "MNE", None),
        ("SCGMNE", "MNE", None),
        ("MNEGOV", "MNE", "GOV"),
        # Kosovo: no ISO code, the user-assigned XKX
        ("KSV", "XKX", None),
        ("KSVGOV", "XKX", "GOV"),
        ("KSVUNO", "XKX", None),
        ("YUGKSV", "XKX", None),
        ("FRYKSV", "XKX", None),
        ("KOS", "XKX", None),
        # the two Koreas
        ("KOR", "KOR", None),
        ("KORGOV", "KOR", "GOV"),
        ("PRK", "PRK", None),
        ("PRKMIL", "PRK", "MIL"),
        # the two Congos, and Zaire
        ("COD", "COD", None),
        ("CODMIL", "COD", "MIL"),
        ("COG", "COG", None),
        ("COGGOV", "COG", "GOV"),
        ("ZAR", "COD", None),
        ("DRC", "COD", None),
        # Romania
        ("ROU", "ROU", None),
        ("ROMGOV", "ROU", "GOV"),
        # Palestine
        ("PSE", "PSE", None),
        ("PSEGZA", "PSE", None),
        ("PALGOV", "PSE", "GOV"),
        # Myanmar / Burma
        ("MMR", "MMR", None),
        ("BURMIL", "MMR", "MIL"),
        # East Timor
        ("TMP", "TLS", None),
        ("TMPGOV", "TLS", "GOV"),
        ("TMPOCC", "TLS", None),
        ("IDNTMP", "TLS", None),
        # Soviet republics and the union
        ("USRUKR", "UKR", None),
        ("SUNRUS", "RUS", None),
        ("SUNRUSLEG", "RUS", "LEG"),
        ("SUN", "SUN", None),
        ("USR", "SUN", None),
        # Angola's rebels, coded with the IOC code
        ("ANGREB", "AGO", "REB"),
        # a normal one
        ("FRA", "FRA", None),
        ("FRAGOV", "FRA", "GOV"),
        ("DEUGOVLEG", "DEU", "GOV"),
    ],
)
def test_country_and_sector_gives_iso3(code: str, country: str, sector: str | None) -> None:
    assert country_and_sector(code) == (country, sector)


def test_prefix_sector_code_maps_the_country_that_follows() -> None:
    assert country_and_sector("MEDROM") == ("ROU", "MED")
    assert country_and_sector("ELI") == (None, "ELI")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("IGOUNO", ("IGOUNO", "IGO")),
        ("IGOEUREEC", ("IGOEUR", "IGO")),
        ("NGOPAL", ("NGOPAL", "NGO")),
        ("MNCUSA", ("MNCUSA", "MNC")),
        ("IMGMUSISI", ("IMGMUS", None)),
        ("AFRREB", ("AFR", "REB")),
        ("MEAREB", ("MEA", "REB")),
        ("KRJUNR", ("KRJ", None)),
        ("BUDREB", ("BUD", "REB")),
        ("", (None, None)),
    ],
)
def test_organisations_regions_and_non_states_are_unchanged(code: str, expected) -> None:
    assert country_and_sector(code) == expected


def test_territories_keep_their_sovereign() -> None:
    assert country_and_sector("GBRFLK") == ("GBR", None)
    assert country_and_sector("USAPRI") == ("USA", None)
    assert country_and_sector("FRNWLF") == ("FRA", None)


def test_unknown_head_is_returned_as_it_is() -> None:
    assert country_for_code("QQQGOV") == "QQQ"
    assert iso3_for_cameo("QQQ") is None
    assert iso3_for_cameo("AFR") is None
    assert iso3_for_cameo("scgsrb") == "SRB"


# ------------------------------------------------------------------ the shipped table


def test_every_mapped_value_is_iso_or_kosovo() -> None:
    for head, iso3 in cameo_countries().items():
        assert iso3 in CURRENT or iso3 in FORMER or iso3 == "XKX", (head, iso3)
        if head in CURRENT:
            assert iso3 == head, head  # an ISO head never means another state


def test_former_states_keep_their_iso_3166_3_code() -> None:
    for code in ("SUN", "YUG", "SCG", "CSK", "DDR"):
        assert code in FORMER
        assert iso3_for_cameo(code) == code


def test_no_sector_is_a_country_code() -> None:
    assert not (SECTORS & CURRENT)
    assert not (SECTORS & set(cameo_countries()))


def test_every_head_in_the_default_dictionaries_is_accounted_for(default_codes) -> None:
    known = set(cameo_countries()) | set(non_state_heads()) | SECTORS | INTERNATIONAL_PREFIXES
    missing = sorted(
        code for code in default_codes if code[:3] not in known and iso3_for_cameo(code) is None
    )
    assert not missing


def test_every_state_code_in_the_default_dictionaries_maps_to_iso(default_codes) -> None:
    for code in default_codes:
        head = code[:3]
        if head in SECTORS or head in INTERNATIONAL_PREFIXES or head in non_state_heads():
            continue
        country, _ = country_and_sector(code)
        assert country in CURRENT or country in FORMER or country == "XKX", code


def test_default_dictionary_names_give_the_right_country() -> None:
    d = default_dictionaries()
    by_name = {" ".join(e.names[0]): e for e in d.actors}

    def country_on(name: str, date: str) -> str | None:
        entry = by_name[name]
        return country_and_sector(code_at(entry.codes, date) or "")[0]

    assert country_on("SERBIA", "2000-01-01") == "SRB"
    assert country_on("SERBIA", "2010-01-01") == "SRB"
    assert country_on("MONTENEGRO", "2000-01-01") == "MNE"
    assert country_on("SERBIA AND MONTENEGRO", "2000-01-01") == "SCG"
    assert country_on("KOSOVO", "2010-01-01") == "XKX"
    assert country_on("KOSOVO", "2003-01-01") == "XKX"
    assert country_on("TIMOR LESTE", "2010-01-01") == "TLS"
    assert country_on("NORTH KOREA", "2010-01-01") == "PRK"
    assert country_on("SOUTH KOREA", "2010-01-01") == "KOR"


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("France", "FRA"),
        ("Serbia", "SRB"),
        ("Montenegro", "MNE"),
        ("Kosovo", "XKX"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Democratic People\u2019s Republic of Korea", "PRK"),
        ("Democratic Republic of the Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Congo", "COG"),
        ("Romania", "ROU"),
        ("Palestine", "PSE"),
        ("State of Palestine", "PSE"),
        ("Myanmar", "MMR"),
        ("Burma", "MMR"),
        ("East Timor", "TLS"),
        ("Timor-Leste", "TLS"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("the Netherlands", "NLD"),
        ("  united   states  ", "USA"),
        ("Iran", "IRN"),
    ],
)
def test_iso3_for_name(name: str, iso3: str) -> None:
    assert iso3_for_name(name) == iso3


@pytest.mark.parametrize("name", ["", "  ", "Korea", "IN", "USA", "Frnace", "Europe", "Serbia!"])
def test_iso3_for_name_is_exact(name: str) -> None:
    assert iso3_for_name(name) is None
