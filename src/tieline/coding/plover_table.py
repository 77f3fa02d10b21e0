"""The CAMEO to PLOVER table: converted from the published table, checked against the manual.

The Open Event Data Alliance publishes ``CAMEO2PLOVER-2021.txt`` (written for draft 0.8 of
the PLOVER manual): one line per CAMEO code, ``code: TYPE, mode, context # CAMEO name``.
tieline ships it as ``tieline/data/cameo_plover.tsv`` (``code<TAB>type<TAB>mode<TAB>contexts``)
and reads that file for every event's PLOVER type, mode and contexts. The conversion keeps
the table's choices except where the PLOVER 2.0 manual says otherwise: those codes are
listed in ``MANUAL_EXCEPTIONS`` with the manual's own words, and a mode or context that is
not in the 2.0 manual's vocabulary for that type (the table's draft-0.8 names, or a context
written in the mode slot) is dropped or moved to the contexts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
    "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT"
).split()

# Codes where the manual disagrees with the 2021 table: code -> (type, mode, why).
MANUAL_EXCEPTIONS: dict[str, tuple[str, str, str]] = {
    "0813": (
        "CONCEDE",
        "",
        "manual, CAMEO to PLOVER translation: 'YIELD (081 to 083) -> CONCEDE'; CONCEDE covers "
        "'easing of administrative or legal restrictions ... removing curfews' (table: RETREAT)",
    ),
    "0814": (
        "CONCEDE",
        "",
        "manual, CAMEO to PLOVER translation: 'YIELD (081 to 083) -> CONCEDE'; CONCEDE covers "
        "'easing of administrative or legal restrictions on persons and organizations' "
        "(table: RETREAT)",
    ),
    "163": (
        "SANCTION",
        "discontinue",
        "manual, SANCTION modes: 'International (political or economic) sanctions are coded "
        "as discontinue'; '16 REDUCE RELATIONS -> SANCTION' (table: COERCE restrict)",
    ),
}

# Draft-0.8 words whose 2.0 equivalent the manual names: (type, word) -> 2.0 mode or context.
RENAMES: dict[tuple[str, str], str] = {
    # ASSAULT 'targeted': "Targeted killings, including (successful and attempted)
    # assassinations and executions, as well as deliberate mass killings of defenseless actors"
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    # ASSAULT 'destroy': "Intentional destruction of property" (1712 Destroy property)
    ("ASSAULT", "seize"): "destroy",
    # THREATEN 'restrict': "... as well as the banning of political activities of particular
    # parties or individuals"; COERCE 'restrict': "... the banning of individuals or
    # organizations from political life"
    ("THREATEN", "ban"): "restrict",
    ("COERCE", "ban"): "restrict",
    # context 'pro_democracy': "processes and initiatives associated with democratization"
    ("CONCEDE", "democracy"): "pro_democracy",
}


@dataclass(frozen=True)
class PloverEntry:
    """The PLOVER reading of one CAMEO code."""

    code: str
    type: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()


@dataclass
class ManualVocabulary:
    """Modes per event type and the general contexts, as the PLOVER 2.0 manual lists them."""

    modes: dict[str, set[str]] = field(default_factory=dict)
    contexts: set[str] = field(default_factory=set)


_ROW = re.compile(r"^\s*(?:\\hyperref\[[^]]*\]\{)?([A-Za-z][A-Za-z\\_ -]*?)\}?\s*&")
_SECTION = re.compile(r"^\\section\{([A-Z]+)\}")


def _name(raw: str) -> str:
    return raw.replace("\\_", "_").strip().lower()


def manual_vocabulary(tex: str) -> ManualVocabulary:
    """Read the mode tables of each event type and the general contexts from the manual."""
    vocab = ManualVocabulary()
    section: str | None = None
    in_table = in_contexts = False
    for line in tex.splitlines():
        if m := _SECTION.match(line):
            section = m[1] if m[1] in PLOVER_TYPES else None
            continue
        if "START CONTEXTS TABLE" in line or "END CONTEXTS TABLE" in line:
            in_contexts = "START" in line
            continue
        if line.lstrip().startswith("\\begin{tabular}"):
            in_table = True
            continue
        if line.lstrip().startswith("\\end{tabular}"):
            in_table = False
            continue
        if line.lstrip().startswith("%") or not (m := _ROW.match(line)):
            continue
        name = _name(m[1])
        if name == "name":
            continue
        if in_contexts:
            vocab.contexts.add(name)
        elif in_table and section:
            vocab.modes.setdefault(section, set()).add(name)
    # REQUEST and REJECT share their modes ("These modes are shared with REJECT").
    shared = vocab.modes.get("REQUEST", set()) | vocab.modes.get("REJECT", set())
    for kind in ("REQUEST", "REJECT"):
        vocab.modes[kind] = set(shared)
    return vocab


def parse_table(text: str) -> list[tuple[str, str, list[str], list[str], str]]:
    """Lines of CAMEO2PLOVER: (code, type, mode words, context words, CAMEO name)."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        body, _, name = line.partition("#")
        if body.startswith("~"):  # the file's closing rule
            break
        if not body.strip():
            continue
        code, sep, rest = body.partition(":")
        if not sep or not code.strip().isdigit():
            raise ValueError(f"CAMEO2PLOVER line {number}: expected 'code: TYPE, ...': {line!r}")
        parts = [p.strip() for p in rest.split(",")] + ["", ""]
        kind = parts[0].upper()
        if kind not in PLOVER_TYPES:
            raise ValueError(f"CAMEO2PLOVER line {number}: unknown PLOVER type {parts[0]!r}")
        modes = [w for w in re.split(r"[;\s]+", parts[1]) if w]
        contexts = [w for w in re.split(r"[;,\s]+", ",".join(parts[2:])) if w]
        rows.append((code.strip(), kind, modes, contexts, name.strip()))
    return rows


def convert(table_text: str, manual_tex: str) -> str:
    """The shipped TSV: the table checked against the manual, exceptions as comments."""
    vocab = manual_vocabulary(manual_tex)
    lines = [
        "# CAMEO -> PLOVER, converted by `tieline dict plover` from the OEDA's",
        "# CAMEO2PLOVER-2021.txt (CC BY-SA 4.0) and checked against the PLOVER 2.0 manual.",
        "# code<TAB>type<TAB>mode<TAB>contexts (comma-separated); the first line of a code wins.",
        "# Where the manual disagrees with the table, the manual is followed:",
    ]
    for code, (kind, manual_mode, why) in MANUAL_EXCEPTIONS.items():
        lines.append(f"#   {code} -> {kind} {manual_mode or '(no mode)'}: {why}")
    dropped: list[str] = []
    seen: set[str] = set()
    body = []
    for code, kind, modes, contexts, name in parse_table(table_text):
        if code in seen:
            continue
        seen.add(code)
        if code in MANUAL_EXCEPTIONS:
            kind, exception_mode, _ = MANUAL_EXCEPTIONS[code]
            modes = [exception_mode] if exception_mode else []
        valid_modes = vocab.modes.get(kind, set())
        mode = None
        modes = [RENAMES.get((kind, w), w) for w in modes]
        contexts = [RENAMES.get((kind, w), w) for w in contexts]
        for word in modes:
            if word in valid_modes and mode is None:
                mode = word
            elif word in vocab.contexts:
                contexts = [word, *contexts]
            else:
                dropped.append(f"{code} mode {word!r}")
        kept = []
        for word in contexts:
            if word in vocab.contexts and word not in kept:
                kept.append(word)
            elif word not in vocab.contexts:
                dropped.append(f"{code} context {word!r}")
        body.append(f"{code}\t{kind}\t{mode or ''}\t{','.join(kept)}\t# {name}")
    lines.append("# Not in the 2.0 manual's vocabulary, dropped: " + "; ".join(dropped))
    return "\n".join(lines + body) + "\n"


def read_shipped(text: str) -> dict[str, PloverEntry]:
    """Parse the shipped TSV into entries by CAMEO code."""
    table: dict[str, PloverEntry] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("#", 1)[0].rstrip("\t ").split("\t")
        code, kind, mode, contexts = (fields + ["", "", ""])[:4]
        entry = PloverEntry(code, kind, mode or None, tuple(c for c in contexts.split(",") if c))
        table.setdefault(code, entry)
    return table
