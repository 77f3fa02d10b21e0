"""CAMEO codes: names, Goldstein weights, QuadClass, and the CAMEO to PLOVER mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from tieline.coding.plover_table import PloverEntry, read_shipped

_VALID_CODE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class CameoCode:
    """A CAMEO event code with what the contract reports about it."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None = None
    plover_contexts: tuple[str, ...] = ()


def quad_class(code: str) -> int:
    """QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal, 4 material conflict."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@lru_cache(maxsize=1)
def _plover_table() -> dict[str, PloverEntry]:
    text = resources.files("tieline.data").joinpath("cameo_plover.tsv").read_text("utf-8")
    return read_shipped(text)


def plover_entry(code: str) -> PloverEntry | None:
    """PLOVER type, mode and contexts of a CAMEO code, from the shipped CAMEO2PLOVER table.

    A code the table does not list takes its nearest listed parent; 01 and 02, which PLOVER
    drops, give None.
    """
    table = _plover_table()
    key = code
    while key and key not in table:
        key = key[:-1]
    return table.get(key) if key else None


def plover_type(code: str) -> str | None:
    """PLOVER event type of a CAMEO code (None for 01 and 02, which PLOVER drops)."""
    entry = plover_entry(code)
    return entry.type if entry else None


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, float]]:
    text = resources.files("tieline.data").joinpath("cameo_codes.tsv").read_text("utf-8")
    table: dict[str, tuple[str, float]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, goldstein = line.split("\t")
        table[code] = (name, float(goldstein))
    return table


def is_cameo_code(code: str | None) -> bool:
    """True for a well-formed CAMEO code whose root is 01-20."""
    return bool(code and _VALID_CODE.match(code) and 1 <= int(code[:2]) <= 20)


def lookup(code: str) -> CameoCode:
    """Describe a CAMEO code; unknown sub-codes take their nearest known parent's values."""
    table = _table()
    key = code
    while key not in table and len(key) > 2:
        key = key[:-1]
    if key not in table:
        raise KeyError(code)
    name, goldstein = table[code] if code in table else table[key]
    entry = plover_entry(code)
    if entry is None:
        return CameoCode(code, name, goldstein, quad_class(code), None)
    return CameoCode(
        code, name, goldstein, quad_class(code), entry.type, entry.mode, entry.contexts
    )
