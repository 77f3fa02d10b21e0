"""CAMEO codes: names, Goldstein weights, QuadClass, and the CAMEO to PLOVER mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# PLOVER 2.0 manual, "CAMEO to PLOVER translation": 01 and 02 are dropped; 08 splits
# into CONCEDE (081-083) and RETREAT (084-087); 20 (unconventional mass violence) is
# ASSAULT with mode "unconventional" (the manual's FIGHT is ASSAULT in the 2.0 types).
_PLOVER_BY_ROOT = {
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}

_VALID_CODE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class CameoCode:
    """A CAMEO event code with what the contract reports about it."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None


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


def plover_type(code: str) -> str | None:
    """PLOVER event type of a CAMEO code (None for 01 and 02, which PLOVER drops)."""
    root = code[:2]
    if root == "08":
        return "CONCEDE" if code[:3] in {"080", "081", "082", "083"} else "RETREAT"
    return _PLOVER_BY_ROOT.get(root)


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
    return CameoCode(code, name, goldstein, quad_class(code), plover_type(code))
