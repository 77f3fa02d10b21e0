"""Verb dictionaries compiled into a word index and pattern matchers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tieline.coding.dictionaries import (
    VerbDictionary,
    VerbEntry,
    VerbFamily,
    VerbPattern,
    verb_name,
)

_EVENT_CODE = re.compile(r"^\d{2,4}[A-Za-z]?$")
ARTICLES = frozenset({"A", "AN", "THE"})


def _skip_articles(words: Sequence[str], pos: int, limit: int, step: int) -> int:
    """A tight step may pass over articles ("(IN FIREFIGHT)" matches "in a firefight")."""
    while (pos < limit if step > 0 else pos > limit) and words[pos] in ARTICLES:
        pos += step
    return pos


MARKERS = frozenset({"$", "+", "^", "%"})


@dataclass(frozen=True)
class CodePair:
    """The codes a verb or pattern gives: source to target, and target to source."""

    forward: str | None
    reverse: str | None
    suppress: bool = False


def parse_code(text: str | None) -> CodePair | None:
    """Parse ``064``, ``032:033``, ``:173`` or ``---``; None for codes that are not codes."""
    if text is None:
        return None
    text = text.strip()
    if text == "---":
        return CodePair(None, None, suppress=True)
    parts = text.split(":")
    if len(parts) > 2:
        return None
    forward = parts[0].strip() or None
    reverse = parts[1].strip() or None if len(parts) == 2 else None
    for part in (forward, reverse):
        if part is not None and part != "---" and not _EVENT_CODE.match(part):
            return None
    if forward == "---":
        forward = None
    if reverse == "---":
        reverse = None
    if forward is None and reverse is None:
        return CodePair(None, None, suppress=True)
    return CodePair(forward, reverse)


def regular_forms(word: str) -> set[str]:
    """Inflected forms of an English verb in upper case: -S, -ED, -ING."""
    forms = {word}
    if word.endswith("E"):
        forms |= {word + "S", word + "D", word[:-1] + "ING"}
    elif word.endswith("Y") and len(word) > 2 and word[-2] not in "AEIOU":
        forms |= {word[:-1] + "IES", word[:-1] + "IED", word + "ING"}
    elif word.endswith(("S", "X", "CH", "SH", "Z")):
        forms |= {word + "ES", word + "ED", word + "ING"}
    else:
        forms |= {word + "S", word + "ED", word + "ING"}
    return forms


@dataclass
class PatternElement:
    """One step of a pattern side, walked outward from the verb."""

    kind: str  # "word", "synset" or a marker
    value: str
    tight: bool  # must sit right next to the previous step


@dataclass
class CompiledPattern:
    """A pattern ready to match: both sides walked outward from the verb."""

    pre: list[PatternElement]
    post: list[PatternElement]
    code: CodePair
    specificity: int
    order: int
    required: frozenset[str] = frozenset()  # words that must occur for a match
    verbs: frozenset[str] = frozenset()  # the family's verbs it is for (empty: all)


@dataclass
class PatternMatch:
    """A successful match: the code and where its ``$``/``+`` markers point."""

    code: CodePair
    source_at: tuple[int, str, int] | None = None  # (position, "pre"/"post", skips)
    target_at: tuple[int, str, int] | None = None
    compound: bool = False
    pattern: CompiledPattern | None = None


def _side(tokens: Sequence[str], outward: bool) -> list[PatternElement]:
    seq = list(tokens) if outward else list(reversed(tokens))
    out: list[PatternElement] = []
    tight = False
    for tok in seq:
        if tok == "_":
            tight = True
            continue
        kind = "synset" if tok.startswith("&") else ("marker" if tok in MARKERS else "word")
        out.append(PatternElement(kind, tok.rstrip("_") if kind == "synset" else tok, tight))
        tight = False
    return out


def compile_pattern(pattern: VerbPattern, order: int) -> CompiledPattern | None:
    """Compile a VerbPattern; None when its code is not an event code (e.g. ``[+++]``)."""
    code = parse_code(pattern.code)
    if code is None:
        return None
    pre = _side(pattern.pre, outward=False)
    post = _side(pattern.post, outward=True)
    specificity = sum(1 for e in pre + post if e.kind != "marker")
    required = frozenset(e.value for e in pre + post if e.kind == "word")
    return CompiledPattern(pre, post, code, specificity, order, required, frozenset(pattern.verbs))


@dataclass
class CompiledFamily:
    """A verb family with its patterns compiled and sorted, most specific first."""

    family: VerbFamily
    code: CodePair | None
    patterns: list[CompiledPattern] = field(default_factory=list)
    # positions in ``patterns`` by one word each pattern requires, and of those needing none
    _by_word: dict[str, list[int]] = field(default_factory=dict)
    _free: list[int] = field(default_factory=list)

    def index_patterns(self) -> None:
        """Index the (sorted) patterns by a word each requires, so that a clause is tried
        only against the patterns whose words it has (families hold up to 190)."""
        self._by_word, self._free = {}, []
        for k, pat in enumerate(self.patterns):
            if pat.required:
                self._by_word.setdefault(max(pat.required, key=len), []).append(k)
            else:
                self._free.append(k)

    def candidates(self, present: set[str]) -> list[CompiledPattern]:
        """The patterns whose required words may all be ``present``, in their order."""
        found = [k for w in present if w in self._by_word for k in self._by_word[w]]
        if not found:
            return [self.patterns[k] for k in self._free]
        return [self.patterns[k] for k in sorted(found + self._free)]


@dataclass(frozen=True)
class VerbHit:
    """A dictionary verb found at a token: its family, entry and extra words."""

    family: CompiledFamily
    entry: VerbEntry
    start: int
    end: int


class VerbIndex:
    """Compiled verb dictionary: lookup by inflected form, then pattern matching."""

    def __init__(self, verbs: VerbDictionary) -> None:
        self.synsets = {
            name.rstrip("_"): [tuple(p) for p in phrases] for name, phrases in verbs.synsets.items()
        }
        self._plural_synsets()
        self._synset_cache: dict[str, tuple[dict, dict]] = {}
        self.by_form: dict[str, list[tuple[CompiledFamily, VerbEntry]]] = {}
        for fam in verbs.families:
            compiled = CompiledFamily(fam, parse_code(fam.code))
            for order, pat in enumerate(fam.patterns):
                cp = compile_pattern(pat, order)
                if cp is not None:
                    compiled.patterns.append(cp)
            compiled.patterns.sort(key=lambda p: (-p.specificity, p.order))
            compiled.index_patterns()
            for entry in fam.verbs:
                for form in self._forms(entry):
                    self.by_form.setdefault(form, []).append((compiled, entry))

    def _plural_synsets(self) -> None:
        for name, phrases in self.synsets.items():
            extra = []
            for p in phrases:
                if p and p[-1].isalpha() and not p[-1].endswith("S"):
                    extra.append(p[:-1] + (p[-1] + "S",))
            self.synsets[name] = phrases + extra

    @staticmethod
    def _forms(entry: VerbEntry) -> set[str]:
        head = entry.words[entry.head]
        forms = regular_forms(head)
        for form in entry.forms:
            if len(form) == len(entry.words):
                forms.add(form[entry.head])
            elif form:
                forms.add(form[0])
        return forms

    def find(self, words: Sequence[str], lemmas: Sequence[str], i: int) -> list[VerbHit]:
        """The longest dictionary verbs whose conjugated word is token ``i`` (all families)."""
        candidates = self.by_form.get(words[i], []) + self.by_form.get(lemmas[i], [])
        hits: list[VerbHit] = []
        for fam, entry in candidates:
            start = i - entry.head
            end = start + len(entry.words)
            if start < 0 or end > len(words):
                continue
            if all(k == entry.head or words[start + k] == w for k, w in enumerate(entry.words)):
                hit = VerbHit(fam, entry, start, end)
                if hit not in hits:
                    hits.append(hit)
        if not hits:
            return []
        longest = max(h.end - h.start for h in hits)
        return [h for h in hits if h.end - h.start == longest]

    def match(
        self, hits: Sequence[VerbHit], words: Sequence[str], lo: int, hi: int
    ) -> PatternMatch | None:
        """The code for a verb in ``words[lo:hi]``: first matching pattern, else the default."""
        present = set(words[lo:hi])
        for hit in hits:
            name = verb_name(hit.entry)
            for pat in hit.family.candidates(present):
                if not pat.required <= present or (pat.verbs and name not in pat.verbs):
                    continue
                m = self._match_pattern(pat, words, hit.start, hit.end, lo, hi)
                if m is not None:
                    return m
        defaults = []
        for hit in hits:
            own = parse_code(hit.entry.code) if hit.entry.code else None
            code = own or hit.family.code
            if code is not None:
                defaults.append(code)
        usable = [c for c in defaults if not c.suppress]
        if usable:
            return PatternMatch(usable[0])
        return PatternMatch(defaults[0]) if defaults else None

    def _match_pattern(
        self, pat: CompiledPattern, words: Sequence[str], vstart: int, vend: int, lo: int, hi: int
    ) -> PatternMatch | None:
        result = PatternMatch(pat.code, pattern=pat)
        if not self._walk(pat.post, words, vend, hi, +1, result, "post"):
            return None
        if not self._walk(pat.pre, words, vstart - 1, lo, -1, result, "pre"):
            return None
        return result

    def _walk(
        self,
        elements: Sequence[PatternElement],
        words: Sequence[str],
        pos: int,
        limit: int,
        step: int,
        result: PatternMatch,
        side: str,
    ) -> bool:
        """Match one side of a pattern outward from the verb; record marker positions."""
        skips = 0
        free = False  # after a marker the next word may be anywhere further out
        for el in elements:
            if el.kind == "marker":
                if el.value == "^":
                    skips += 1
                elif el.value == "%":
                    result.compound = True
                elif el.value == "$":
                    result.source_at = (pos, side, skips)
                else:
                    result.target_at = (pos, side, skips)
                free = True
                continue
            found = self._find(el, words, pos, limit, step, tight=el.tight and not free)
            if found is None:
                return False
            pos = found
            free = False
        return True

    def _find(
        self,
        el: PatternElement,
        words: Sequence[str],
        pos: int,
        limit: int,
        step: int,
        tight: bool,
    ) -> int | None:
        """Position just past the element's match, searching from ``pos`` towards ``limit``."""
        if el.kind == "word":
            return _find_word(el.value, words, pos, limit, step, tight)
        by_first, by_last = self._synset_index(el.value)
        if step > 0:
            if tight and pos < limit and words[pos] not in by_first:
                pos = _skip_articles(words, pos, limit, step)
            stop = min(pos + 1, limit) if tight else limit
            for p in range(pos, stop):
                for phrase in by_first.get(words[p], ()):
                    if p + len(phrase) <= limit and tuple(words[p : p + len(phrase)]) == phrase:
                        return p + len(phrase)
        else:
            if tight and pos >= limit and words[pos] not in by_last:
                pos = _skip_articles(words, pos, limit - 1, step)
            stop = max(pos - 1, limit - 1) if tight else limit - 1
            for p in range(pos, stop, -1):
                for phrase in by_last.get(words[p], ()):
                    n = len(phrase)
                    if p - n + 1 >= limit and tuple(words[p - n + 1 : p + 1]) == phrase:
                        return p - n
        return None

    def _synset_index(
        self, name: str
    ) -> tuple[dict[str, list[tuple[str, ...]]], dict[str, list[tuple[str, ...]]]]:
        """A synset's phrases indexed by first and by last word, built once."""
        cached = self._synset_cache.get(name)
        if cached is None:
            by_first: dict[str, list[tuple[str, ...]]] = {}
            by_last: dict[str, list[tuple[str, ...]]] = {}
            for phrase in self.synsets.get(name, []):
                if phrase:
                    by_first.setdefault(phrase[0], []).append(phrase)
                    by_last.setdefault(phrase[-1], []).append(phrase)
            cached = self._synset_cache[name] = (by_first, by_last)
        return cached


def _find_word(
    word: str, words: Sequence[str], pos: int, limit: int, step: int, tight: bool
) -> int | None:
    """Like VerbIndex._find for a single word, with the scan done by list.index."""
    if step > 0:
        if pos >= limit:
            return None
        if tight:
            if words[pos] == word:
                return pos + 1
            p = _skip_articles(words, pos, limit, step)
            return p + 1 if p < limit and words[p] == word else None
        try:
            return list(words).index(word, pos, limit) + 1
        except ValueError:
            return None
    if pos < limit:
        return None
    if tight:
        if words[pos] == word:
            return pos - 1
        p = _skip_articles(words, pos, limit, step)
        return p - 1 if p >= limit and words[p] == word else None
    for p in range(pos, limit - 1, -1):
        if words[p] == word:
            return p - 1
    return None
