"""Who is the source and who the target of a verb, read from a spaCy dependency parse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tieline.coding.actors import ActorIndex, Mention, combine_codes

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
# children whose subtrees are not part of a noun phrase's own words
NP_EXCLUDE = frozenset(
    {"prep", "relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "ccomp", "xcomp"}
)
# children of a verb in which its target is looked for first
OBJECT_DEPS = frozenset(
    {
        "dobj",
        "dative",
        "attr",
        "oprd",
        "prep",
        "xcomp",
        "ccomp",
        "acomp",
        "prt",
        "npadvmod",
        "advmod",
        "pcomp",
        "obj",
        "iobj",
    }
)
CLIMB_DEPS = frozenset({"xcomp", "acomp", "conj", "pcomp", "ccomp", "advcl", "prep", "pobj"})
NP_CLIMB_DEPS = frozenset({"compound", "amod", "nmod", "nn", "poss", "case"})
LINK_PREPS = frozenset({"of", "from", "in", "for", "at"})
PRONOUNS = frozenset({"it", "he", "she", "they", "its", "his", "her", "their", "we", "i"})


@dataclass(frozen=True)
class ActorRef:
    """An actor found in a sentence: its words, code and dictionary name."""

    text: str
    code: str
    name: str | None
    start: int  # sentence-relative token index of the phrase's first token


class DocumentContext:
    """Actors met earlier in a document, for later bare mentions ("Scholz", "the speaker")."""

    def __init__(self) -> None:
        self.persons: dict[str, ActorRef] = {}
        self.by_agent: dict[str, ActorRef] = {}
        self.last_person: ActorRef | None = None

    def remember_person(self, names: Iterable[str], ref: ActorRef) -> None:
        """Register a person's full name and surname for later mentions."""
        for name in names:
            self.persons[name.upper()] = ref
        self.last_person = ref

    def remember_agents(self, agent_codes: Iterable[str], ref: ActorRef) -> None:
        """Register the actor that an agent phrase ("the speaker") last referred to."""
        for code in agent_codes:
            self.by_agent[code] = ref


class SentenceActors:
    """Actor and agent mentions of one sentence, and noun phrases resolved to codes."""

    def __init__(
        self,
        sent: Span,
        words: Sequence[str],
        index: ActorIndex,
        date: str | None,
        context: DocumentContext | None = None,
    ):
        self.context = context
        self._persons: list[tuple[int, int, str, str]] | None = None
        self._np_cache: dict[int, list[int]] = {}
        self.sent = sent
        self.offset = sent.start
        self.index = index
        self.date = date
        self.actor_mentions = index.actor_phrases.scan(words)
        taken = [False] * len(words)
        for m in self.actor_mentions:
            for k in range(m.start, m.end):
                taken[k] = True
        # without an actor nothing can be coded: skip the agent scan
        self.agent_mentions = index.agent_phrases.scan(words, taken) if self.actor_mentions else []
        self.actor_at: dict[int, Mention] = {}
        for m in self.actor_mentions:
            for k in range(m.start, m.end):
                self.actor_at[k] = m
        self.agent_at: dict[int, Mention] = {}
        for m in self.agent_mentions:
            for k in range(m.start, m.end):
                self.agent_at[k] = m

    def rel(self, token: Token) -> int:
        """Sentence-relative index of a token."""
        return token.i - self.offset

    # ------------------------------------------------------------------ noun phrases

    def np_tokens(self, head: Token) -> list[int]:
        """Relative indices of a noun phrase's own words (no clauses, preps or conjuncts)."""
        cached = self._np_cache.get(head.i)
        if cached is not None:
            return cached
        out = [self.rel(head)]
        for child in head.children:
            if child.dep_ in NP_EXCLUDE:
                continue
            out.extend(self.rel(t) for t in child.subtree)
        out.sort()
        self._np_cache[head.i] = out
        return out

    def np_refs(
        self, head: Token, depth: int = 0, inherit: list[ActorRef] | None = None
    ) -> list[ActorRef]:
        """Actors named by the noun phrase headed by ``head`` (not its conjuncts).

        Coordinated names inside one phrase ("Eriadori and Calenardhon leaders") give one
        actor each; an agent-only phrase takes its actor from a linked ``of``/``from``
        phrase, or from ``inherit`` (the conjunct before it: "Danish media and government").
        """
        tokens = self.np_tokens(head)
        tokset = set(tokens)
        actors = [m for m in self.actor_mentions if m.start in tokset]
        agents = [m for m in self.agent_mentions if m.start in tokset]
        base: list[tuple[str, str | None, str]] = []
        for m in self._coordinated(actors, tokens):
            for code in self.index.actor_code(m.payload, self.date):
                if agents and self._is_person(m):
                    # the office the text states wins over the dictionary's dated role
                    code = code[:3]
                base.append((code, self.index.actor_name(m.payload), self._text(m)))
        if not base and agents and depth < 2:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in LINK_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            inner = self.np_refs_with_conjuncts(pobj, depth + 1)
                            base = [(r.code, r.name, r.text) for r in inner]
                    if base:
                        break
            if not base and inherit:
                base = [(r.code.split("~")[0][:3], r.name, r.text) for r in inherit[:1]]
        agent_codes = [self.index.agent_code(m.payload) for m in agents]
        start = tokens[0]
        phrase = self.sent[start : tokens[-1] + 1].text
        if not base and depth < 2:
            earlier = self._from_context_or_apposition(head, agent_codes, depth)
            if earlier:
                return [ActorRef(phrase, r.code, r.name, start) for r in earlier]
        if not base:
            return []
        refs = [
            ActorRef(phrase if agents else text, combine_codes(code, agent_codes), name, start)
            for code, name, text in base
        ]
        self._remember(head, refs, agent_codes)
        return refs

    def _from_context_or_apposition(
        self, head: Token, agent_codes: list[str], depth: int
    ) -> list[ActorRef]:
        """Actors for a phrase without a dictionary name: its apposition ("Om Birla,
        Speaker of the Lok Sabha"), or an actor the document named earlier."""
        for child in head.children:
            if child.dep_ == "appos":
                refs = self.np_refs(child, depth + 1)
                if refs:
                    self._remember(head, refs, agent_codes)
                    return refs
        if self.context is None:
            return []
        if head.ent_type_ == "PERSON":
            for key in (self._entity_text(head).upper(), head.text.upper()):
                if key in self.context.persons:
                    return [self.context.persons[key]]
        if agent_codes and any(c.lower_ == "the" for c in head.children):
            for code in agent_codes:
                if code in self.context.by_agent:
                    return [self.context.by_agent[code]]
        return []

    def _person_spans(self) -> list[tuple[int, int, str, str]]:
        """PERSON entities of the sentence: (start, end, text, last word), computed once."""
        if self._persons is None:
            spans: list[tuple[int, int, str, str]] = []
            start = None
            tokens = list(self.sent) + [None]
            for rel, tok in enumerate(tokens):
                inside = tok is not None and tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I"
                if start is not None and not inside:
                    span = self.sent[start:rel]
                    spans.append((start, rel, span.text, span[-1].text))
                    start = None
                if tok is not None and tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
                    start = rel
            self._persons = spans
        return self._persons

    def _entity_text(self, token: Token) -> str:
        rel = self.rel(token)
        for start, end, text, _last in self._person_spans():
            if start <= rel < end:
                return text
        return token.text

    def _remember(self, head: Token, refs: list[ActorRef], agent_codes: list[str]) -> None:
        if self.context is None or len(refs) != 1:
            return
        ref = refs[0]
        self.context.remember_agents(agent_codes, ref)
        tokens = self.np_tokens(head)
        if not any(self.sent[i].ent_type_ == "PERSON" for i in tokens):
            return
        for start, _end, text, last in self._person_spans():
            if start in tokens:
                self.context.remember_person([text, last], ref)

    def _coordinated(self, actors: list[Mention], tokens: list[int]) -> list[Mention]:
        """The first actor of a phrase, or each coordinated actor when it has ``and``/``,``."""
        if not actors:
            return []
        coordinated = any(
            self.sent[i].dep_ == "cc" or (self.sent[i].text == "," and i > tokens[0])
            for i in tokens
        )
        if not coordinated or len(actors) == 1:
            return [self._most_specific(actors)]
        keep = []
        for m in actors:
            root = self.sent[m.start : m.end].root
            owned = any(c.dep_ == "poss" and self.rel(c) in self.actor_at for c in root.children)
            if not owned:
                keep.append(m)
        return keep or actors[:1]

    def _is_person(self, m: Mention) -> bool:
        """True when spaCy's entity recogniser calls the mention a person."""
        return any(t.ent_type_ == "PERSON" for t in self.sent[m.start : m.end])

    def _most_specific(self, actors: list[Mention]) -> Mention:
        """Of several names for one actor ("Japanese Prime Minister Shinzo Abe"), the one
        whose code says most (a person's dated role over a bare country), else the first."""

        def specificity(m: Mention) -> int:
            codes = self.index.actor_code(m.payload, self.date)
            return max((len(c) for c in codes), default=0)

        best = actors[0]
        for m in actors[1:]:
            if specificity(m) > specificity(best):
                best = m
        return best

    def np_refs_with_conjuncts(self, head: Token, depth: int = 0) -> list[ActorRef]:
        """Actors of a noun phrase and of the phrases conjoined with it."""
        refs = self.np_refs(head, depth)
        for conj in head.conjuncts:
            if conj.i > head.i:
                refs.extend(self.np_refs(conj, depth, inherit=refs))
        return refs

    def _text(self, m: Mention) -> str:
        return self.sent[m.start : m.end].text

    def np_head_of(self, m: Mention) -> Token:
        """The head noun of the phrase in which a mention stands."""
        span = self.sent[m.start : m.end]
        root = span.root
        while (
            root.dep_ in NP_CLIMB_DEPS
            and root.head is not root
            and root.head.pos_
            in {
                "NOUN",
                "PROPN",
            }
        ):
            root = root.head
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in LINK_PREPS
            and root.head.head.pos_ in {"NOUN", "PROPN"}
            and self.rel(root.head.head) in self.agent_at
            and self.rel(root.head.head) not in self.actor_at
        ):
            return root.head.head
        return root

    def first_refs_in(self, token_ids: Iterable[int], skip: int = 0) -> list[ActorRef]:
        """Actors of the first phrase (after ``skip`` phrases) among the given tokens."""
        ids = set(token_ids)
        seen_heads: list[int] = []
        for m in self.actor_mentions:
            if m.start not in ids:
                continue
            head = self.np_head_of(m)
            if head.i in seen_heads:
                continue
            seen_heads.append(head.i)
            if len(seen_heads) <= skip:
                continue
            refs = self.np_refs_with_conjuncts(head)
            if refs:
                return refs
        return []


# ---------------------------------------------------------------------- clause roles


def subject_heads(verb: Token) -> tuple[list[Token], bool]:
    """The verb's own subject heads and whether the clause is passive."""
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    passive = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if passive:
        return passive, True
    return subs, False


def passive_agent(verb: Token) -> list[Token]:
    """The ``by`` phrase objects of a passive verb."""
    out = []
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def find_sources(actors: SentenceActors, verb: Token, depth: int = 0) -> list[ActorRef]:
    """Source actors of a verb: its subject, a passive's agent, or a governing subject."""
    subs, passive = subject_heads(verb)
    if passive:
        agents = passive_agent(verb)
        refs = [r for a in agents for r in actors.np_refs_with_conjuncts(a)]
        if refs or verb.dep_ != "xcomp":
            return refs
        subs = []
    for s in subs:
        if s.lower_ in PRONOUNS and depth < 4 and verb.head is not verb:
            return find_sources(actors, verb.head, depth + 1)
        if s.lower_ in {"he", "she"} and actors.context and actors.context.last_person:
            return [actors.context.last_person]
        refs = actors.np_refs_with_conjuncts(s)
        if refs:
            return refs
    if subs:
        return []
    if verb.dep_ in {"relcl", "acl"}:
        return actors.np_refs(verb.head)
    if verb.dep_ in CLIMB_DEPS and verb.head is not verb and depth < 4:
        head = verb.head
        hsubs, hpassive = subject_heads(head)
        if hpassive and verb.dep_ == "xcomp":
            return [r for s in hsubs for r in actors.np_refs_with_conjuncts(s)]
        return find_sources(actors, head, depth + 1)
    return []


def find_targets(
    actors: SentenceActors,
    verb: Token,
    source_starts: set[int],
    is_coded_clause: Callable[[Token], bool] | None = None,
) -> list[ActorRef]:
    """Target actors of a verb: a passive's subject, else the first actor in its objects."""
    subs, passive = subject_heads(verb)
    if passive:
        refs = [r for s in subs for r in actors.np_refs_with_conjuncts(s)]
        if refs:
            return refs
    region: list[int] = []
    late: list[int] = []
    for child in verb.children:
        if passive and (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by")):
            continue
        if child.dep_ == "ccomp" and is_coded_clause is not None and is_coded_clause(child):
            continue  # "X said Y restored ties with Z": Y and Z belong to the inner event
        if child.dep_ in OBJECT_DEPS:
            region.extend(actors.rel(t) for t in child.subtree)
        elif child.dep_ in {"advcl", "conj"} and child.pos_ not in {"VERB", "AUX"}:
            late.extend(actors.rel(t) for t in child.subtree)
        elif child.dep_ == "advcl":
            late.extend(actors.rel(t) for t in child.subtree)
    region = [i for i in region if i not in source_starts]
    refs = actors.first_refs_in(sorted(region))
    refs = [r for r in refs if r.start not in source_starts]
    if refs:
        return refs
    return [r for r in actors.first_refs_in(sorted(late)) if r.start not in source_starts]


def ref_at(actors: SentenceActors, position: int, side: str, skips: int) -> list[ActorRef]:
    """Actors a pattern marker points at: the next phrase after (or before) a position."""
    if side == "post":
        ids = [m.start for m in actors.actor_mentions if m.start >= position]
        return actors.first_refs_in(ids, skip=skips)
    before = [m for m in actors.actor_mentions if m.end - 1 <= position]
    if len(before) <= skips:
        return []
    m = before[-1 - skips]
    return actors.np_refs_with_conjuncts(actors.np_head_of(m))
