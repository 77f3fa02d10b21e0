"""Dictionary records, PETRARCH/TABARI-format readers and tieline's own dictionary format.

The readers accept the formats of PETRARCH's dictionaries: verb files (synsets ``&NAME``,
verb families ``--- NAME [code] ---``, patterns ``- words * words [code]``), actor files
(names, ``+`` aliases, date-restricted codes), agent files (``!SUBST!`` forms, plurals,
``~GOV`` / ``NGO~`` codes), discards and issues. A malformed line raises
:class:`DictionaryError` naming file and line, unless ``lenient=True``, in which case the
line is skipped and reported in the returned ``warnings``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tieline.errors import DictionaryError

FORMAT_NAME = "tieline-dictionary"
FORMAT_VERSION = 1


@dataclass
class VerbEntry:
    """A verb (or multi-word verb) of a family: its words, which one conjugates, forms."""

    words: list[str]
    head: int = 0
    forms: list[list[str]] = field(default_factory=list)
    code: str | None = None


@dataclass
class VerbPattern:
    """A pattern: tokens before and after the verb (``*``) and the code it gives.

    Tokens are words, ``&SYNSET`` names, the markers ``$`` (source), ``+`` (target),
    ``^`` (skip a phrase), ``%`` (compound actor), and ``_`` meaning "adjacent".
    """

    pre: list[str]
    post: list[str]
    code: str
    # the verbs of its family the pattern was written for (its "# SEND , DEPLOY" comment
    # in CAMEO.2.0, where families merge verbs that had patterns of their own); empty:
    # every verb of the family
    verbs: list[str] = field(default_factory=list)


@dataclass
class VerbFamily:
    """A verb block: its default code, its verbs and its patterns."""

    name: str
    code: str | None
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    """Synsets and verb families of a verb dictionary."""

    synsets: dict[str, list[list[str]]] = field(default_factory=dict)
    families: list[VerbFamily] = field(default_factory=list)


@dataclass
class ActorCode:
    """One code of an actor, valid from ``start`` to ``end`` (ISO dates, inclusive)."""

    code: str
    start: str | None = None
    end: str | None = None


@dataclass
class ActorEntry:
    """An actor: its names (each a list of words) and its dated codes."""

    names: list[list[str]]
    codes: list[ActorCode] = field(default_factory=list)


@dataclass
class AgentEntry:
    """A generic agent (``PRESIDENT``): its phrases and its code (``~GOV``, ``NGO~``)."""

    names: list[list[str]]
    code: str


@dataclass
class DiscardEntry:
    """A phrase that makes a sentence (or, with ``story``, a whole story) uncodable."""

    words: list[str]
    story: bool = False


@dataclass
class IssueEntry:
    """An issue keyword phrase; ``exclude`` phrases cancel a match they contain."""

    words: list[str]
    code: str
    category: str | None = None
    exclude: bool = False


@dataclass
class LoadReport:
    """Lines skipped while reading a dictionary leniently."""

    warnings: list[str] = field(default_factory=list)

    def skip(self, path: str, line: int, problem: str, lenient: bool) -> None:
        """Raise a DictionaryError, or record it when reading leniently."""
        err = DictionaryError(path, line, problem)
        if not lenient:
            raise err
        self.warnings.append(str(err))


# --------------------------------------------------------------------------- lines


def _logical_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) without comments, ``<!-- -->`` blocks and blank lines."""
    for number, line, _comment in _commented_lines(path):
        yield number, line


def _commented_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """Yield (line number, text, its ``#`` comment) as :func:`_logical_lines` does."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DictionaryError(str(path), None, f"cannot read: {exc.strerror}") from exc
    text = raw.decode("utf-8", errors="replace")
    in_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_block:
            if "-->" in line:
                in_block = False
                line = line.split("-->", 1)[1]
            else:
                continue
        stripped = line.strip()
        if stripped.startswith("<!") or stripped.startswith("<"):
            if "-->" not in stripped and stripped.startswith("<!"):
                in_block = True
            continue
        text = _strip_comment(line)
        if text.strip():
            yield number, text.rstrip(), line[len(text) + 1 :]


def _strip_comment(line: str) -> str:
    """Remove a ``#`` comment, keeping ``#`` inside ``[...]`` (codes such as ``[###]``)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _phrase_words(text: str) -> list[str]:
    """Split a dictionary phrase (``NEW_ZEALAND``, ``CARAS GALADHON``) into upper words."""
    return [w for w in re.split(r"[_\s]+", text.strip().upper()) if w]


# --------------------------------------------------------------------------- verbs

_FAMILY_RE = re.compile(r"^---\s*(.+?)\s*\[([^\]]*)\].*?(---)?\s*$")
_CODE_RE = re.compile(r"\[([^\]]*)\]\s*$")


def _pattern_tokens(text: str) -> list[str]:
    """Tokenise a pattern: groups ``(..)``/``{..}`` become adjacent words, ``_`` a token."""
    text = text.upper()
    text = re.sub(r"[({]([^)}]*)[)}]", lambda m: "_".join(m.group(1).split()), text)
    text = text.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    text = text.replace("*", " * ")
    tokens: list[str] = []
    for chunk in text.split():
        parts = chunk.split("_")
        for i, part in enumerate(parts):
            if i > 0:
                tokens.append("_")
            if part:
                tokens.append(part)
    # drop leading/trailing adjacency marks and doubled ones
    cleaned: list[str] = []
    for tok in tokens:
        if tok == "_" and (not cleaned or cleaned[-1] == "_"):
            continue
        cleaned.append(tok)
    while cleaned and cleaned[-1] == "_":
        cleaned.pop()
    return cleaned


def _parse_verb_line(body: str) -> VerbEntry | None:
    """Parse ``BREAK {BROKE BROKEN}`` / ``WIRE_+TAP {..} [code]`` into a VerbEntry."""
    code = None
    m = _CODE_RE.search(body)
    if m:
        code = m.group(1).strip()
        body = body[: m.start()]
    forms: list[list[str]] = []
    if "{" in body:
        if "}" not in body:
            return None
        head_part, rest = body.split("{", 1)
        forms_text = rest.split("}", 1)[0]
        body = head_part
        for form in forms_text.split():
            forms.append(_phrase_words(form.replace("+", "")))
    text = body.strip().upper()
    if not text:
        return None
    if text.startswith("+"):
        text = text[1:]
    words_raw = [w for w in re.split(r"[_\s]+", text) if w]
    head = 0
    words: list[str] = []
    for i, w in enumerate(words_raw):
        if w.startswith("+"):
            head = i
            w = w[1:]
        words.append(w)
    if len(words) > 1 and not any(w.startswith("+") for w in words_raw):
        head = 0
    return VerbEntry(words=words, head=head, forms=forms, code=code)


def read_verb_dictionary(
    path: str | Path, lenient: bool = False, report: LoadReport | None = None
) -> VerbDictionary:
    """Read a PETRARCH verb dictionary (PETRARCH 1 or 2 pattern syntax)."""
    path = Path(path)
    report = report if report is not None else LoadReport()
    result = VerbDictionary()
    family: VerbFamily | None = None
    synset: str | None = None
    owners: list[tuple[VerbFamily, VerbPattern, str]] = []
    for number, line, comment in _commented_lines(path):
        stripped = line.strip()
        if stripped.startswith("---"):
            m = _FAMILY_RE.match(stripped)
            if not m:
                report.skip(str(path), number, "malformed verb block header", lenient)
                continue
            code = m.group(2).strip() or None
            family = VerbFamily(name=m.group(1).strip().upper(), code=code)
            result.families.append(family)
            synset = None
        elif stripped.startswith("&"):
            synset = stripped.split()[0].upper().rstrip("_")
            result.synsets[synset] = []
            family = None
        elif stripped.startswith("-"):
            if family is None:
                report.skip(str(path), number, "pattern outside a verb block", lenient)
                continue
            pattern = _parse_pattern(stripped[1:])
            if pattern is None:
                report.skip(
                    str(path), number, "malformed pattern: needs one '*' and a [code]", lenient
                )
                continue
            family.patterns.append(pattern)
            if comment.strip():
                owners.append((family, pattern, comment))
        elif synset is not None and stripped.startswith("+"):
            words = _phrase_words(stripped[1:])
            if words:
                result.synsets[synset].append(words)
        elif family is not None:
            entry = _parse_verb_line(stripped)
            if entry is None:
                report.skip(str(path), number, "malformed verb line", lenient)
                continue
            family.verbs.append(entry)
        else:
            report.skip(str(path), number, "line outside any verb block or synset", lenient)
    _assign_owners(owners)
    return result


def _assign_owners(owners: list[tuple[VerbFamily, VerbPattern, str]]) -> None:
    """Where a family holds the same pattern with different codes, each copy keeps to the
    verbs its comment names (CAMEO.2.0 merged SEND's "&MILITARY [062]" and DEPLOY's
    "&MILITARY [154]" into one family); a pattern without a rival serves every verb."""
    keyed = [((id(f), tuple(p.pre), tuple(p.post)), f, p, c) for f, p, c in owners]
    codes: dict[tuple[int, tuple[str, ...], tuple[str, ...]], set[str]] = {}
    for key, _family, pattern, _comment in keyed:
        codes.setdefault(key, set()).add(pattern.code)
    for key, family, pattern, comment in keyed:
        if len(codes[key]) > 1:
            pattern.verbs = _pattern_owners(family, comment)


def _pattern_owners(family: VerbFamily, comment: str) -> list[str]:
    """The verbs of a family that a pattern's comment names ("# SEND , DEPLOY")."""
    names = {verb_name(v) for v in family.verbs}
    words = re.split(r"[\s,]+", comment.strip().upper())
    return sorted({w for w in words if w in names})


def verb_name(entry: VerbEntry) -> str:
    """A dictionary verb's name as pattern comments write it ("SEND", "CARRY_OUT")."""
    return "_".join(entry.words)


def _parse_pattern(text: str) -> VerbPattern | None:
    """Parse the part of a pattern line after its leading ``-``."""
    m = _CODE_RE.search(text.strip())
    if not m:
        return None
    body = text.strip()[: m.start()]
    tokens = _pattern_tokens(body)
    if tokens.count("*") != 1:
        return None
    star = tokens.index("*")
    pre = tokens[:star]
    post = tokens[star + 1 :]
    # an adjacency mark next to the verb belongs to that side
    return VerbPattern(pre=pre, post=post, code=m.group(1).strip())


# --------------------------------------------------------------------------- actors

_DATE_RANGE_RE = re.compile(r"^(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8})$")


def _iso_date(text: str) -> str:
    """Turn a dictionary date (YYMMDD or YYYYMMDD) into ISO YYYY-MM-DD."""
    if len(text) == 6:
        year = int(text[:2])
        century = 2000 if year <= 30 else 1900
        text = f"{century + year}{text[2:]}"
    if len(text) != 8:
        raise ValueError(text)
    iso = f"{text[:4]}-{text[4:6]}-{text[6:8]}"
    return iso


def parse_actor_code(text: str) -> ActorCode:
    """Parse ``RUSGOV 991231-080507``, ``HOB < 950601``, ``HOBELI >20130119`` or ``USA``."""
    text = text.strip()
    m = re.match(r"^([^\s<>\d][^\s<>]*)?\s*(.*)$", text)
    if not m:
        raise ValueError(text)
    code = (m.group(1) or "---").strip()
    rest = m.group(2).strip().replace(" ", "")
    if not rest:
        return ActorCode(code=code)
    if rest.startswith("<"):
        return ActorCode(code=code, end=_iso_date(rest[1:]))
    if rest.startswith(">"):
        return ActorCode(code=code, start=_iso_date(rest[1:]))
    rng = _DATE_RANGE_RE.match(rest)
    if rng:
        return ActorCode(code=code, start=_iso_date(rng.group(1)), end=_iso_date(rng.group(2)))
    raise ValueError(text)


def read_actor_dictionary(
    path: str | Path, lenient: bool = False, report: LoadReport | None = None
) -> list[ActorEntry]:
    """Read a PETRARCH actor dictionary: names, ``+`` aliases and dated ``[codes]``."""
    path = Path(path)
    report = report if report is not None else LoadReport()
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    coded = False  # the current entry already received a code line
    for number, line in _logical_lines(path):
        stripped = line.strip()
        if line[:1].isspace() and stripped.startswith("["):
            if current is None:
                report.skip(str(path), number, "code line before any actor name", lenient)
                continue
            for code_text in re.findall(r"\[([^\]]*)\]", stripped) or [None]:
                if code_text is None:
                    report.skip(str(path), number, "unclosed '[' in code line", lenient)
                    break
                try:
                    current.codes.append(parse_actor_code(code_text))
                except ValueError:
                    report.skip(str(path), number, f"bad actor code [{code_text}]", lenient)
            coded = True
            continue
        if stripped.startswith("+"):
            if current is None:
                report.skip(str(path), number, "alias before any actor name", lenient)
                continue
            words = _phrase_words(stripped[1:].split("[", 1)[0])
            if words:
                current.names.append(words)
            continue
        if stripped.count("[") != stripped.count("]"):
            report.skip(str(path), number, "unbalanced brackets", lenient)
            continue
        name_part = stripped.split("[", 1)[0]
        words = _phrase_words(name_part)
        if not words:
            report.skip(str(path), number, "actor line without a name", lenient)
            continue
        codes_text = re.findall(r"\[([^\]]*)\]", stripped)
        if current is not None and not current.codes and not coded:
            # a name line without codes followed by another: both share the next codes
            current.names.append(words)
        else:
            current = ActorEntry(names=[words])
            entries.append(current)
            coded = False
        for code_text in codes_text:
            try:
                current.codes.append(parse_actor_code(code_text))
            except ValueError:
                report.skip(str(path), number, f"bad actor code [{code_text}]", lenient)
        if codes_text:
            coded = True
    return entries


# --------------------------------------------------------------------------- agents


def _plural(word: str) -> str:
    """Regular English plural of a dictionary word."""
    if word.endswith(("S", "X", "CH", "SH", "Z")):
        return word + "ES"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    return word + "S"


def _expand_substitutions(text: str, subs: dict[str, list[str]]) -> list[str]:
    """Expand ``!NAME!`` substitution markers into every listed alternative."""
    m = re.search(r"!([A-Z]+)!", text)
    if not m:
        return [text]
    options = subs.get(m.group(1), [])
    out: list[str] = []
    for option in options:
        out.extend(_expand_substitutions(text[: m.start()] + option + text[m.end() :], subs))
    return out


def read_agent_dictionary(
    path: str | Path, lenient: bool = False, report: LoadReport | None = None
) -> list[AgentEntry]:
    """Read a PETRARCH agent dictionary (``NAME {PLURALS} [~CODE]``)."""
    path = Path(path)
    report = report if report is not None else LoadReport()
    subs: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for number, line in _logical_lines(path):
        stripped = line.strip().upper()
        sub = re.match(r"^!([A-Z]+)!\s*=\s*(.+)$", stripped)
        if sub:
            subs[sub.group(1)] = [s.strip() for s in sub.group(2).split(",") if s.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[\s*([^\]]*?)\s*\]\s*$", stripped)
        if not m or not m.group(1).strip():
            report.skip(str(path), number, "malformed agent line: needs NAME [~CODE]", lenient)
            continue
        code = m.group(3).replace(" ", "")
        if "~" not in code:
            report.skip(str(path), number, f"agent code [{code}] lacks '~'", lenient)
            continue
        names: list[list[str]] = []
        for variant in _expand_substitutions(m.group(1).strip(), subs):
            words = _phrase_words(variant)
            if not words:
                continue
            names.append(words)
            if m.group(2) is None:
                names.append(words[:-1] + [_plural(words[-1])])
            else:
                for plural in m.group(2)[1:-1].split():
                    names.append(_phrase_words(plural))
        entries.append(AgentEntry(names=names, code=code))
    return entries


# --------------------------------------------------------------------------- discards, issues


def read_discard_dictionary(
    path: str | Path, lenient: bool = False, report: LoadReport | None = None
) -> list[DiscardEntry]:
    """Read a discard list: one phrase a line, ``+`` for story-level discards."""
    path = Path(path)
    entries: list[DiscardEntry] = []
    for _number, line in _logical_lines(path):
        stripped = line.strip()
        story = stripped.startswith("+")
        words = _phrase_words(stripped.lstrip("+"))
        if words:
            entries.append(DiscardEntry(words=words, story=story))
    return entries


def read_issue_dictionary(
    path: str | Path, lenient: bool = False, report: LoadReport | None = None
) -> list[IssueEntry]:
    """Read a PETRARCH issue file: ``<ISSUE CATEGORY=..>`` blocks of ``phrase [CODE]``."""
    path = Path(path)
    report = report if report is not None else LoadReport()
    entries: list[IssueEntry] = []
    category: str | None = None
    last_code: str | None = None
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head = re.match(r'^<ISSUE\s+CATEGORY="([^"]*)"', line, re.I)
        if head:
            category = head.group(1)
            continue
        if line.startswith("<"):
            continue
        exclude = line.startswith("~")
        m = re.match(r"^~?\s*(.+?)\s*(?:\[([^\]]*)\])?\s*$", line)
        if not m:
            report.skip(str(path), number, "malformed issue line", lenient)
            continue
        code = (m.group(2) or "").strip() or last_code
        if not exclude and code is None:
            report.skip(str(path), number, "issue phrase without [CODE]", lenient)
            continue
        words = [w.split(":", 1)[-1] for w in m.group(1).upper().split()]
        words = [w for part in words for w in part.replace("+", " ").split()]
        entries.append(
            IssueEntry(
                words=words,
                code=code or "",
                category=category,
                exclude=exclude,
            )
        )
        if code:
            last_code = code
    return entries


# --------------------------------------------------------------------------- the set


@dataclass
class DictionarySet:
    """All dictionaries a coder uses, with where they came from."""

    verbs: VerbDictionary = field(default_factory=VerbDictionary)
    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[DiscardEntry] = field(default_factory=list)
    issues: list[IssueEntry] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Return the set in tieline's own format (a JSON-ready dict)."""
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "sources": self.sources,
            "verbs": {
                "synsets": self.verbs.synsets,
                "families": [
                    {
                        "name": f.name,
                        "code": f.code,
                        "verbs": [[v.words, v.head, v.forms, v.code] for v in f.verbs],
                        "patterns": [
                            [p.pre, p.post, p.code] + ([p.verbs] if p.verbs else [])
                            for p in f.patterns
                        ],
                    }
                    for f in self.verbs.families
                ],
            },
            "actors": [[a.names, [[c.code, c.start, c.end] for c in a.codes]] for a in self.actors],
            "agents": [[a.names, a.code] for a in self.agents],
            "discards": [[d.words, d.story] for d in self.discards],
            "issues": [[i.words, i.code, i.category, i.exclude] for i in self.issues],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], origin: str = "<json>") -> DictionarySet:
        """Build a set from tieline's own format, checking its name and version."""
        if data.get("format") != FORMAT_NAME:
            raise DictionaryError(origin, None, f"not a {FORMAT_NAME} file")
        if data.get("version") != FORMAT_VERSION:
            raise DictionaryError(
                origin, None, f"format version {data.get('version')} is not {FORMAT_VERSION}"
            )
        verbs = VerbDictionary(synsets={k: v for k, v in data["verbs"]["synsets"].items()})
        for f in data["verbs"]["families"]:
            verbs.families.append(
                VerbFamily(
                    name=f["name"],
                    code=f["code"],
                    verbs=[VerbEntry(w, h, fo, c) for w, h, fo, c in f["verbs"]],
                    patterns=[VerbPattern(*p) for p in f["patterns"]],
                )
            )
        return cls(
            verbs=verbs,
            actors=[
                ActorEntry(names, [ActorCode(c, s, e) for c, s, e in codes])
                for names, codes in data["actors"]
            ],
            agents=[AgentEntry(names, code) for names, code in data["agents"]],
            discards=[DiscardEntry(w, s) for w, s in data["discards"]],
            issues=[IssueEntry(w, c, cat, ex) for w, c, cat, ex in data["issues"]],
            sources=list(data.get("sources", [])),
        )

    def save(self, path: str | Path) -> None:
        """Write the set as gzipped JSON in tieline's own format."""
        payload = json.dumps(self.to_json(), separators=(",", ":")).encode("utf-8")
        with gzip.open(path, "wb", compresslevel=6) as fh:
            fh.write(payload)

    @classmethod
    def load(cls, path: str | Path) -> DictionarySet:
        """Read a set written by :meth:`save`."""
        try:
            with gzip.open(path, "rb") as fh:
                data = json.loads(fh.read())
        except (OSError, ValueError) as exc:
            raise DictionaryError(str(path), None, f"cannot read dictionary: {exc}") from exc
        return cls.from_json(data, origin=str(path))


def read_petrarch_set(
    verbs: list[Path],
    actors: list[Path],
    agents: list[Path],
    discards: list[Path],
    issues: list[Path],
    lenient: bool = False,
    report: LoadReport | None = None,
) -> DictionarySet:
    """Read PETRARCH-format files of each kind into one DictionarySet."""
    report = report if report is not None else LoadReport()
    result = DictionarySet()
    for p in verbs:
        vd = read_verb_dictionary(p, lenient, report)
        result.verbs.synsets.update(vd.synsets)
        result.verbs.families.extend(vd.families)
    for p in actors:
        result.actors.extend(read_actor_dictionary(p, lenient, report))
    for p in agents:
        result.agents.extend(read_agent_dictionary(p, lenient, report))
    for p in discards:
        result.discards.extend(read_discard_dictionary(p, lenient, report))
    for p in issues:
        result.issues.extend(read_issue_dictionary(p, lenient, report))
    result.sources = [p.name for p in [*verbs, *actors, *agents, *discards, *issues]]
    return result


def classify_petrarch_file(path: Path) -> str | None:
    """Guess a PETRARCH file's kind from its name: verbs, actors, agents, discards, issues."""
    name = path.name.lower()
    for kind, keys in (
        ("issues", ("issue",)),
        ("discards", ("discard",)),
        ("agents", ("agent",)),
        ("actors", ("actor",)),
        ("verbs", ("verb", "cameo")),
    ):
        if any(k in name for k in keys):
            return kind
    return None
