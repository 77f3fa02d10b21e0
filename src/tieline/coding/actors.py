"""Actor and agent matching: dictionaries compiled into phrase indexes, codes combined."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tieline.coding.countries import country_for_code
from tieline.coding.dictionaries import ActorCode, ActorEntry, AgentEntry

# CAMEO actor-type codes that say which sector an actor belongs to.
SECTORS = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI HLH HRI LAB LEG NGO REF REL "
    "AGR ENV MOD RAD UAF IGO INS SET IMG NGM MNC".split()
)
# Codes whose holder is an organisation rather than a country.
INTERNATIONAL_PREFIXES = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "INT"})


class PhraseIndex:
    """Longest-match lookup of word sequences, indexed by their first word."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        # per first word, (length, phrase -> payload) from the longest length down: a
        # position is tried once per length, not once per phrase ("MINISTER" starts 580)
        self._by_length: dict[str, list[tuple[int, dict[tuple[str, ...], int]]]] = {}

    def add(self, words: Sequence[str], payload: int) -> None:
        """Register a phrase (upper-case words) with an integer payload."""
        if not words:
            return
        self._add(tuple(words), payload)
        if any("-" in w and w.strip("-") for w in words):
            # spaCy splits "AL-QAEDA" into AL - QAEDA: register that form too
            split: list[str] = []
            for w in words:
                parts = w.split("-")
                for k, part in enumerate(parts):
                    if k:
                        split.append("-")
                    if part:
                        split.append(part)
            self._add(tuple(split), payload)

    def _add(self, words: tuple[str, ...], payload: int) -> None:
        bucket = self._by_first.setdefault(words[0], [])
        bucket.append((words, payload))

    def freeze(self) -> None:
        """Sort each bucket so that longer phrases are tried first."""
        for first, bucket in self._by_first.items():
            bucket.sort(key=lambda item: -len(item[0]))
            tables: dict[int, dict[tuple[str, ...], int]] = {}
            for phrase, payload in bucket:  # the first registered of equal phrases wins
                tables.setdefault(len(phrase), {}).setdefault(phrase, payload)
            self._by_length[first] = sorted(tables.items(), reverse=True)

    def match_at(self, words: Sequence[str], i: int) -> tuple[int, int] | None:
        """Return (length, payload) of the longest phrase starting at ``words[i]``."""
        bucket = self._by_first.get(words[i])
        if not bucket:
            return None
        n = len(words)
        for phrase, payload in bucket:
            end = i + len(phrase)
            if end <= n and tuple(words[i:end]) == phrase:
                return len(phrase), payload
        return None

    def scan(self, words: Sequence[str], taken: Sequence[bool] | None = None) -> list[Mention]:
        """Find non-overlapping longest matches left to right."""
        found: list[Mention] = []
        by_length = self._by_length
        n = len(words)
        i = 0
        while i < n:
            tables = by_length.get(words[i])
            if tables is None or (taken is not None and taken[i]):
                i += 1
                continue
            for length, table in tables:
                end = i + length
                payload = table.get(tuple(words[i:end])) if end <= n else None
                if payload is not None:
                    found.append(Mention(i, end, payload))
                    i = end
                    break
            else:
                i += 1
        return found


@dataclass(frozen=True)
class Mention:
    """A dictionary phrase found at token positions [start, end) of a sentence."""

    start: int
    end: int
    payload: int


def code_at(codes: Sequence[ActorCode], date: str | None) -> str | None:
    """The code an actor holds on ``date``: the first dated code covering it, else undated."""
    if date:
        for c in codes:
            if c.start is None and c.end is None:
                continue
            if (c.start is None or c.start <= date) and (c.end is None or date <= c.end):
                return None if c.code == "---" else c.code
    for c in codes:
        if c.start is None and c.end is None:
            return None if c.code == "---" else c.code
    if not date and codes:
        return None if codes[-1].code == "---" else codes[-1].code
    return None


def is_person_role(code: ActorCode) -> bool:
    """True for a dated country-and-sector code, the way dictionaries give people their
    offices ([RUSGOV 20080507-20120507]); an organisation's dated code (IMGMUSISI from
    2013) is no person's role."""
    dated = code.start is not None or code.end is not None
    return dated and len(code.code) == 6 and code.code[3:] in SECTORS


def expired_country(codes: Sequence[ActorCode]) -> str | None:
    """The country of the latest dated role, for a person known only outside their roles."""
    dated = [c for c in codes if (c.start or c.end) and c.code != "---"]
    if not dated:
        return None
    latest = max(dated, key=lambda c: (c.end or "9999", c.start or ""))
    return "/".join(_without_sectors(part) for part in latest.code.split("/") if part)


def _without_sectors(code: str) -> str:
    """A code with its sector segments removed (``SCGSRBGOV`` -> ``SCGSRB``)."""
    kept = [code[i : i + 3] for i in range(0, len(code), 3)]
    while len(kept) > 1 and kept[-1] in SECTORS:
        kept.pop()
    return "".join(kept)


def combine_codes(actor_code: str, agent_codes: Sequence[str]) -> str:
    """Attach agent codes (``~GOV`` suffixes, ``NGO~`` prefixes) to an actor code."""
    code = actor_code
    for agent in agent_codes:
        if agent.endswith("~"):
            prefix = agent[:-1]
            if not code.startswith(prefix):
                code = prefix + code
            continue
        suffix = agent.lstrip("~")
        segments = {code[i : i + 3] for i in range(0, len(code), 3)}
        pieces = [suffix[i : i + 3] for i in range(0, len(suffix), 3)]
        if all(p in segments for p in pieces):
            continue
        code += "".join(p for p in pieces if p not in segments) if len(pieces) > 1 else suffix
    return code


@lru_cache(maxsize=65536)
def country_and_sector(code: str) -> tuple[str | None, str | None]:
    """Split a CAMEO actor code into (country or organisation, sector).

    The country of a state actor is its ISO 3166-1 alpha-3 code (``SCGSRBGOV`` gives
    ``SRB``, ``KSV`` gives ``XKX``; see :mod:`tieline.coding.countries`); organisations
    keep their CAMEO code (``IGOUNO``), regions and other non-state heads stay as they are.
    """
    if not code:
        return None, None
    head = code[:3]
    if head in INTERNATIONAL_PREFIXES:
        org = code[:6] if len(code) >= 6 else code
        rest = code[6:]
        sector = head if head in {"IGO", "NGO", "MNC"} else None
        for i in range(0, len(rest), 3):
            if rest[i : i + 3] in SECTORS:
                sector = rest[i : i + 3]
                break
        return org, sector
    if head in SECTORS:
        # prefix agent such as NGOARN: the country follows
        return country_for_code(code[3:]), head
    country = country_for_code(code)
    for i in range(3, len(code), 3):
        if code[i : i + 3] in SECTORS:
            return country, code[i : i + 3]
    return country, None


def demonym_plural(name: Sequence[str]) -> str | None:
    """The plural of a one-word nationality ("IRANIAN" -> "IRANIANS", "SAUDI" ->
    "SAUDIS"), so that "thousands of Iranians" names Iran as "Iranian officials" does."""
    if len(name) != 1:
        return None
    word = name[0]
    if len(word) >= 5 and word.isalpha() and (word.endswith("AN") or word.endswith("I")):
        return word + "S"
    return None


class ActorIndex:
    """Compiled actor and agent dictionaries."""

    def __init__(self, actors: Sequence[ActorEntry], agents: Sequence[AgentEntry]) -> None:
        self.actors = list(actors)
        own = len(self.actors)  # the dictionaries' entries, before any merged ones
        self.agents = list(agents)
        self.actor_phrases = PhraseIndex()
        names = {tuple(n) for entry in self.actors for n in entry.names}
        shared = self._shared_names()
        for i, entry in enumerate(self.actors[:own]):
            for name in entry.names:
                self.actor_phrases.add(name, shared.get(tuple(name), i))
                plural = demonym_plural(name)
                if plural and (plural,) not in names:
                    self.actor_phrases.add([plural], i)
        self.actor_phrases.freeze()
        self.agent_phrases = PhraseIndex()
        for i, agent in enumerate(self.agents):
            for name in agent.names:
                self.agent_phrases.add(name, i)
        self.agent_phrases.freeze()

    def agents_around(self, words: Sequence[str], actors: Sequence[Mention]) -> list[Mention]:
        """The agent phrases of ``words`` outside the actor mentions found in them."""
        taken = [False] * len(words)
        for m in actors:
            taken[m.start : m.end] = [True] * (m.end - m.start)
        return self.agent_phrases.scan(words, taken)

    def _shared_names(self) -> dict[tuple[str, ...], int]:
        """A name that several entries give ("PRESIDENT BUSH": George H. W. Bush and
        George W. Bush) gets one merged entry: the dated roles of all of them, in dictionary
        order, then the first entry's undated code, so the role held on the date wins."""
        owners: dict[tuple[str, ...], list[int]] = {}
        for i, entry in enumerate(self.actors):
            for name in entry.names:
                bucket = owners.setdefault(tuple(name), [])
                if i not in bucket:
                    bucket.append(i)
        merged: dict[tuple[str, ...], int] = {}
        for words, ids in owners.items():
            if len(ids) < 2:
                continue
            codes = [c for i in ids for c in self.actors[i].codes if c.start or c.end]
            codes += [c for c in self.actors[ids[0]].codes if not (c.start or c.end)]
            if codes == list(self.actors[ids[0]].codes):
                continue
            self.actors.append(ActorEntry(names=[list(words)], codes=codes))
            merged[words] = len(self.actors) - 1
        return merged

    def actor_code(self, payload: int, date: str | None) -> list[str]:
        """Codes of an actor entry on a date; ``A/B`` codes give several actors.

        A person whose dated roles all lie outside the date keeps the country of their
        most recent role (sector unknown): nobody the dictionaries know is dropped.
        """
        codes = self.actors[payload].codes
        code = code_at(codes, date) or expired_country(codes)
        if not code:
            return []
        return [c for c in code.split("/") if c and c != "---"]

    def has_role_on(self, payload: int, date: str | None) -> bool:
        """True when the entry's code on ``date`` comes from a covering or undated role."""
        return code_at(self.actors[payload].codes, date) is not None

    def actor_name(self, payload: int) -> str:
        """A readable name for an actor entry (its first name, title-cased)."""
        return " ".join(self.actors[payload].names[0]).title()

    def agent_code(self, payload: int) -> str:
        """The code of an agent entry, e.g. ``~GOV``."""
        return self.agents[payload].code


def same_actor(a: str, b: str) -> bool:
    """True when two codes name the same actor: an event never has one actor as both
    source and target ("the United States" and "the US government"), while a country's
    government and its insurgents are two actors."""
    if a == b:
        return True
    ca, sa = country_and_sector(a)
    cb, sb = country_and_sector(b)
    if ca is None or ca != cb:
        return False
    if sa is None or sb is None or sa == sb:
        return True
    # a state's own bodies (its army and its government) are one side; so are its
    # non-state groups with each other (insurgents and gunmen of one raid)
    return (sa in STATE_SECTORS) == (sb in STATE_SECTORS)


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Roots of coercion and force (arrests, assaults, fighting, mass violence): a state named
# alone does these to its own people ("Iran detained a dual national", "Syria gassed
# civilians"), which other acts between a country and its people are not.
COERCION_ROOTS = frozenset({"17", "18", "19", "20"})


def same_side(a: str, b: str, code: str | None) -> bool:
    """``same_actor``, except that for coercion and force a country named alone is the state
    and stands apart from its own non-state actors."""
    if not same_actor(a, b):
        return False
    if code is None or code[:2] not in COERCION_ROOTS:
        return True
    sa, sb = country_and_sector(a)[1], country_and_sector(b)[1]
    if sa == sb:
        return True
    return (sa is None or sa in STATE_SECTORS) == (sb is None or sb in STATE_SECTORS)
