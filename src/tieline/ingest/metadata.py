"""Metadata read from an article's lines: dates, bylines with roles, reprint notices."""

from __future__ import annotations

import re
from datetime import date

from tieline.model import Author
from tieline.nlp.dates import find_dates

_REPRINT = re.compile(
    r"(?:reprinted|republished|reproduced)\s+(?:here\s+)?(?:with\s+(?:the\s+)?permission\s+)?"
    r"(?:from|of)\s+(?P<a>.+)|"
    r"(?:this\s+(?:article|piece|commentary|op-ed)\s+)?(?:was\s+)?(?:originally|first)\s+"
    r"(?:published|appeared|ran)\s+(?:in|on|by|at)\s+(?P<b>.+)",
    re.I,
)
_BY = re.compile(r"^\s*(?:by|written by|authors?:)\s+(?P<rest>.+)$", re.I)
_ROLE_WORDS = re.compile(
    r"\b(president|fellow|director|professor|chair|ambassador|minister|editor|analyst|"
    r"researcher|correspondent|reporter|founder|head|dean|secretary|adviser|advisor|"
    r"chief|officer|lecturer|scholar|associate|vice|deputy|senior|former|member|staff|"
    r"program|programme|manager|coordinator|consultant)\b",
    re.I,
)
_NAME = re.compile(r"^[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|bin|al-\w+)){1,4}$")


def reprint_source(line: str) -> str | None:
    """The original publisher named by a reprint notice line, if the line is one."""
    m = _REPRINT.search(line)
    if not m:
        return None
    source = (m.group("a") or m.group("b") or "").strip()
    source = re.split(r"\s+(?:on|dated)\s+\w+\s+\d|[.;]\s|\.$", source)[0]
    return source.strip(" .,:;\"'“”") or None


def is_name(text: str) -> bool:
    """True for a short capitalised sequence that looks like a person's name."""
    text = text.strip(" ,.;:")
    return bool(_NAME.match(text)) and not _ROLE_WORDS.search(text)


def is_role(text: str) -> bool:
    """True for a short phrase that names a position ("Senior Fellow", "President")."""
    return bool(_ROLE_WORDS.search(text)) and len(text.split()) <= 12


def parse_byline(line: str) -> list[Author]:
    """Authors with roles from a byline: "By A, Senior Fellow", "• Role • Name", "A and B"."""
    line = line.strip()
    bullets = [p.strip() for p in re.split(r"\s*[•|·]\s*", line) if p.strip()]
    if len(bullets) >= 2:
        names = [p for p in bullets if is_name(p)]
        roles = [p for p in bullets if not is_name(p) and is_role(p)]
        if names:
            return [
                Author(n.strip(" ,.;"), roles[0] if roles and len(names) == 1 else None)
                for n in names
            ]
    m = _BY.match(line)
    if not m:
        return []
    rest = m.group("rest").strip()
    parts = [p.strip() for p in re.split(r",\s*|\s+[-–—]\s+", rest, maxsplit=1)]
    names_part = parts[0]
    role = parts[1].strip(" .") if len(parts) > 1 and is_role(parts[1]) else None
    names = [n.strip() for n in re.split(r"\s+and\s+|\s*&\s*", names_part) if n.strip()]
    if not names or not all(is_name(n) for n in names):
        return []
    return [Author(n, role if len(names) == 1 else None) for n in names]


def author_box(lines: list[str], index: int) -> tuple[list[Author], int]:
    """Authors from an author box at ``lines[index]``: a role line followed by bullet lines
    of names ("Senior Fellow" / "• Jane Doe" / "• Tom Lee"), or bullet name lines alone.
    Returns the authors and how many lines the box takes (0 when there is no box)."""
    role = None
    start = index
    if is_role(lines[index]) and not _bullet_names(lines[index]):
        role, start = lines[index].strip(" .:"), index + 1
    names: list[str] = []
    end = start
    while end < len(lines) and (found := _bullet_names(lines[end])):
        names.extend(found)
        end += 1
    if not names:
        return [], 0
    return [Author(n, role) for n in names], end - index


def _bullet_names(line: str) -> list[str]:
    """The names of a line that starts with a bullet and holds only names."""
    text = line.strip()
    if not text or text[0] not in "•·▪●-*":
        return []
    parts = [p.strip(" ,.;") for p in re.split(r"\s*[•·▪●*]\s*|^-\s*", text) if p.strip()]
    return parts if parts and all(is_name(p) for p in parts) else []


def date_line(line: str) -> date | None:
    """The date of a line that is (mostly) a date: "11 June 2016", "June 11, 2016 | Tokyo"."""
    stripped = line.strip()
    if len(stripped) > 80:
        return None
    for found in find_dates(stripped, None):
        if found.precision == "day" and len(found.text) >= len(stripped) * 0.3:
            return found.start
    return None
