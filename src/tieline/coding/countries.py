"""CAMEO / Phoenix country codes mapped to ISO 3166-1 alpha-3, and country names to ISO-3.

An actor's ``country`` (see DESIGN.md, "The data contract") is ISO 3166-1 alpha-3 for a
state and the CAMEO code for an organisation. CAMEO actor codes start with a three-letter
country code, and most of those already are ISO-3 codes; the table shipped in
``tieline/data/cameo_iso3.json`` lists every head found in the default (Phoenix)
dictionaries and says what it becomes. The exceptions, and why:

Codes that are not, or no longer, the ISO code of the state they name

- ``TMP`` (East Timor) -> ``TLS``: ISO 3166-1 replaced TMP by TLS in 2002; Phoenix still
  uses TMP, including ``TMPOCC`` for Timor-Leste before the 1999 referendum.
- ``KSV`` (Kosovo) -> ``XKX``. Kosovo has no ISO 3166-1 code. XKX is a *user-assigned*
  code (the X.. range is reserved for private use), the one used by the European
  Commission, the IMF and SWIFT; it is not an official ISO code. ``KSVUNO`` (UN
  administration 1999-2008) is Kosovo too. ``KOS``, used by some other dictionaries,
  also gives XKX.
- ``ANG`` -> ``AGO``: the Phoenix entry for UNITA (``ANGREB``) uses Angola's IOC code.
- ``USR`` (CAMEO's code for the USSR) -> ``SUN``, the ISO 3166-3 code of the USSR, which
  Phoenix itself uses for "Soviet Union".
- ``FRY`` (Federal Republic of Yugoslavia, 1992-2003) -> ``YUG``, the ISO code it held
  until it became Serbia and Montenegro in 2003.
- Legacy codes of other CAMEO/PETRARCH dictionaries, absent from the defaults but read if
  a user's dictionary has them: ``ROM`` -> ``ROU`` (ISO changed Romania's code in 2002),
  ``ZAR`` (Zaire) and ``DRC`` -> ``COD``, ``BUR`` (Burma) -> ``MMR``, ``PAL`` -> ``PSE``.

States that no longer exist keep their ISO 3166-3 ("formerly used") code, which is what
ISO 3166-1 gave them while they existed and has no successor of its own: ``SUN`` (USSR),
``YUG`` (Yugoslavia), ``SCG`` (Serbia and Montenegro, coded SCG by Phoenix for
1992-2006), ``CSK`` (Czechoslovakia), ``DDR`` (East Germany).

Constituent republics of those federations are coded FEDERATION+REPUBLIC (``USRUKR``,
``YUGHRV``, ``SCGSRB``, ``SCGMNE``, ``YUGKSV``, ``FRYKSV``, ``SUNRUS``); their country is
the republic's own code (UKR, HRV, SRB, MNE, XKX, RUS): the entries are dated names of
the same place ("SERBIA" 1992-2006 is SCGSRB, after 2006 SRB), so a dyad series of
Serbia or Ukraine runs on across the break-up. ``SERBIA AND MONTENEGRO`` itself (bare
``SCG``) stays SCG.

Two six-letter prefixes are mapped one by one:

- ``IDNTMP`` (Xanana Gusmao, 1980-1999) -> ``TLS``: the United Nations, and ISO 3166-1
  (which listed TMP throughout), never counted East Timor as part of Indonesia, and
  Phoenix codes Timor-Leste of the same years ``TMPOCC``.
- ``FRNWLF`` (Wallis and Futuna) -> ``FRA``: ``FRN`` is a typo for FRA; every other
  French overseas territory is ``FRA...`` (FRAPYF, FRANCL).

Kept as they are

- Dependent territories filed under their sovereign (``GBRFLK``, ``USAPRI``,
  ``DNKFRO``, ``FRAPYF``, ``NZLNIU``, ``NLDANT``) keep the sovereign's code, which CAMEO
  chose because that state conducts their foreign relations; the territory stays in the
  full ``code``. Parts of a state coded under it (``SDNSSD`` South Sudan before 2005,
  ``ETHERI`` Eritrea before 1993, ``BIHSRP``, ``PSEGZA``) likewise.
- Regions (``AFR``, ``MEA``, ``WEU``, ...), religions (``BUD``, ``HIN``, ``MOS``,
  ``BAH``), entities with no ISO code (``KRJ`` Serbian Krajina, ``SRP`` Republika Srpska
  before Dayton), the Phoenix placeholder ``KKL`` and the fictional ``KNT`` (Kinakuta):
  listed under ``non_state`` in the table and returned unchanged.
- Organisation codes (IGO, NGO, MNC, ...) are not looked up here at all: the coder keeps
  their CAMEO organisation code as the country.

A head the table does not know is returned unchanged, as before this module existed.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

DATA_FILE = "cameo_iso3.json"
KOSOVO = "XKX"


@cache
def _table() -> dict[str, Any]:
    text = resources.files("tieline.data").joinpath(DATA_FILE).read_text("utf-8")
    return json.loads(text)


def cameo_countries() -> dict[str, str]:
    """The shipped mapping of three-letter CAMEO country codes to ISO-3 (a copy)."""
    return dict(_table()["countries"])


def is_state_head(head: str) -> bool:
    """True for a three-letter CAMEO code head that names a state ("SYR", not "MEA")."""
    return head in _table()["countries"]


def non_state_heads() -> dict[str, str]:
    """Three-letter heads that are not states (regions, religions...), with what they are."""
    return dict(_table()["non_state"])


def iso3_for_cameo(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the state a CAMEO actor code starts with.

    ``code`` is a country code (``"ROM"``) or a whole actor code whose first letters are
    one (``"SCGSRBGOV"``). Returns ``None`` when it does not start with a known state
    code (regions, organisations, unknown codes).
    """
    table = _table()
    code = code.strip().upper()
    head = code[:3]
    countries: dict[str, str] = table["countries"]
    six = code[:6]
    if len(six) == 6:
        if six in table["subunits"]:
            return table["subunits"][six]
        if head in table["federations"] and six[3:] in countries:
            return countries[six[3:]]
    return countries.get(head)


def country_for_code(code: str) -> str | None:
    """The ``country`` of a CAMEO state-headed actor code: its ISO-3 code when known.

    Non-state heads (regions, religions, unrecognised entities) and heads the table does
    not know are returned as they are, which is what the coder did before this mapping.
    """
    if not code:
        return None
    return iso3_for_cameo(code) or code[:3].upper()


# ------------------------------------------------------------------------- names


def _norm(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = " ".join(text.casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text


@cache
def _names() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index.setdefault(_norm(value), country.alpha_3)
    for name, iso3 in _table()["names"].items():
        index.setdefault(_norm(name), iso3)
    return index


def iso3_for_name(name: str) -> str | None:
    """ISO-3 code of a country named exactly by ``name``, else ``None``.

    Matches ISO 3166-1 short names, official names and common names as pycountry has
    them ("Korea, Republic of", "South Korea", "Islamic Republic of Iran"), plus a few
    English names pycountry lacks, kept in the data file ("Russia", "Kosovo" -> XKX,
    "Burma", "East Timor", "Turkey"...). Case, accents, spacing and a leading "the" are
    ignored; nothing else is: no fuzzy matching, and no codes ("IN" is not India).
    """
    if not name or not name.strip():
        return None
    return _names().get(_norm(name))


# Abbreviations and everyday names users type that pycountry's names do not cover.
USER_ALIASES = {
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "england": "GBR",
    "us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA", "united states of america": "USA",
    "south korea": "KOR", "north korea": "PRK", "dprk": "PRK", "rok": "KOR", "prc": "CHN",
    "uae": "ARE", "drc": "COD", "holland": "NLD", "persia": "IRN",
}  # fmt: skip


def country_from_user(text: str) -> str | None:
    """The code a user means by ``text``: an ISO-3 or CAMEO code as given (JPN, IGOUNO),
    a country's name in any of pycountry's forms ("Japan", "Korea, Republic of"), or a
    common alias ("UK", "America"); None when nothing matches."""
    value = text.strip()
    if not value:
        return None
    if value.isalpha() and value.isupper() and 3 <= len(value) <= 6:
        return value
    key = _norm(value)
    if key in USER_ALIASES:
        return USER_ALIASES[key]
    found = iso3_for_name(value)
    if found:
        return found
    if len(value) == 3 and value.isalpha() and value.upper() in set(_names().values()):
        return value.upper()
    return None


def country_suggestions(text: str, limit: int = 3) -> list[str]:
    """Names close to a misspelt country, as "Russia (RUS)"."""
    import difflib

    names = {**_names(), **USER_ALIASES}
    candidates = [n for n in names if len(n) > 3]
    close = difflib.get_close_matches(_norm(text), candidates, n=limit * 2, cutoff=0.75)
    out: list[str] = []
    for name in close:
        label = f"{name.title()} ({names[name]})"
        if all(names[name] not in o for o in out):
            out.append(label)
    return out[:limit]
