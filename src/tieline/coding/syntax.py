"""Who is the source and who the target of a verb, read from a spaCy dependency parse."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tieline.coding.actors import (
    SECTORS,
    STATE_SECTORS,
    ActorIndex,
    Mention,
    combine_codes,
    country_and_sector,
    is_person_role,
)
from tieline.coding.clauses import REPORTING_LEMMAS
from tieline.coding.coreference import THIRD_PERSON, EntityTracker, gender_of_words
from tieline.coding.countries import is_state_head, non_state_heads
from tieline.coding.offices import (
    COLLECTIVE_HEADS,
    PERSON_OFFICES,
    body_sector,
    generic_title,
    office_names,
    office_word,
)
from tieline.nlp.token_columns import document_persons, span_text, token_columns

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
# Code heads that name no state, never a document's focus: international and sector codes,
# and the regions and religions of the shipped table (NAM is Namibia in the Phoenix
# dictionaries, not a region).
NOT_COUNTRIES = frozenset(
    "IGO NGO NGM IMG MNC UIS INT GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI "
    "LEG REF REL UAF WST CAR".split()
) | frozenset(non_state_heads())
# States that news calls "the North" or "the South" once it has named them.
COMPASS_STATES = {"North": ("PRK",), "South": ("KOR", "SSD")}
# The state whose naming makes the other half "the North"/"the South" ("South Korean
# forces ... the North's missile test").
COMPASS_COUNTERPARTS = {"PRK": "KOR", "KOR": "PRK", "SSD": "SDN"}
COMPASS_HOW = "compass metonym"
# Payloads of mentions that carry no dictionary entry: "the North"/"the South", a person
# the document named before, an acronym of a name the document spelled out.
COMPASS_PAYLOAD = -1
KNOWN_PERSON_PAYLOAD = -2
ACRONYM_PAYLOAD = -3
ACRONYM_HOW = "acronym of a name spelled out before"
_COMPASS_WORD = re.compile(r"\b(?:North|South)\b")
# "The administration": in news English the word names the US executive, other states'
# being "the government".
US_GOVERNMENT_NOUNS = frozenset({"administration"})
# Dependencies where a word tagged as an adjective stands as a noun phrase's head.
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# Sectors of people who act where they are, whatever the document is about.
DOMESTIC_SECTORS = frozenset({"CVL", "OPP", "COP", "REB", "UAF", "CRM", "REF"})
# "his country", "her government": the owner's state.
OWNED_STATE_NOUNS = frozenset({"country", "nation", "government"})
# Nouns by which news refers back to a non-state organisation it named ("Hezbollah ...
# the group denied"), and the sectors of such organisations.
GROUP_NOUNS = frozenset({"group", "movement", "organisation", "organization", "militia"})
GROUP_SECTORS = frozenset({"REB", "INS", "SEP", "OPP", "NGO"})
# Children that make "group" a named or described one ("the Adani group", "the group of
# soldiers", "the armed group's leader"), not the organisation named before.
GROUP_NAMING_DEPS = frozenset({"prep", "compound", "amod", "nmod", "poss"})
# How many sentences back "the group" may find the organisation it means.
GROUP_WINDOW = 2
OWNER_PRONOUNS = frozenset({"his", "her", "their"})
# Nouns of places a nationality word makes a country's ("the Afghan capital").
PLACE_NOUNS = frozenset(
    "capital city town village province region district territory border coast waters "
    "countryside north south east west northeast northwest southeast southwest".split()
)
FORMER_WORDS = frozenset({"former", "retired", "ex", "ex-"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
PRONOUNS = frozenset({"it", "he", "she", "they", "its", "his", "her", "their", "we", "i"})
# How many sentences back "the two sides" may find the pair it means.
PAIR_WINDOW = 2


@dataclass(frozen=True)
class ActorRef:
    """An actor found in a sentence: its words, code and dictionary name."""

    text: str
    code: str
    name: str | None
    start: int  # sentence-relative token index of the phrase's first token
    how: str = "dictionary"  # how the actor was resolved, for ``tieline explain``


class DocumentContext:
    """Actors met earlier in a document, for later bare mentions ("Scholz", "the speaker")."""

    def __init__(self, authors: list[str] | None = None) -> None:
        self.entities = EntityTracker(authors)
        self.persons: dict[str, ActorRef] = {}
        self.by_agent: dict[str, ActorRef] = {}
        self.countries: dict[str, list[int]] = {}  # country -> sentence numbers named
        self.sentence_number = 0
        self.pair: tuple[list[ActorRef], int] | None = None
        self.named_pair: list[ActorRef] | None = None  # the latest two states named together
        self.pair_subject_of = -1  # the sentence whose subject gave the pair
        # states and organisations that were subjects: (actor, sentence, token or None)
        self.orgs: list[tuple[ActorRef, int, int | None]] = []
        # the actors the coder resolved for this sentence's subjects, by token index
        self.subjects: dict[int, ActorRef] = {}
        self.subjects_of = -1  # the sentence number they belong to
        # the byline author's organisation, the referent of the author's "we"/"I"
        self.author_org: ActorRef | None = None
        # whether a quotation opened in an earlier sentence is still open, and who spoke
        # the latest one (the referent of a quoted "we"/"I" with no speaker of its own)
        self.quote_open = False
        self.speaker: tuple[ActorRef, int] | None = None
        # non-state organisations named so far: (actor, sentence, token), for "the group"
        self.groups: list[tuple[ActorRef, int, int]] = []
        # initials of organisations the text spelled out ("PCG" for "Philippine Coast
        # Guard"), for the bare acronym later sentences use
        self.acronyms: dict[str, ActorRef] = {}
        # the latest states named together ("Saudi Arabia, Egypt and Bahrain"), by sentence
        self.listed_states: tuple[list[ActorRef], int] | None = None

    def quoted_speaker(self) -> ActorRef | None:
        """The speaker of a quotation or reported speech of this or the previous two
        sentences (a quotation runs on over sentences: "…," he said. "We will …")."""
        if self.speaker is None or self.sentence_number - self.speaker[1] > 2:
            return None
        return self.speaker[0]

    def remember_subject(self, ref: ActorRef, token: int | None = None) -> None:
        """Remember a state or organisation that was the subject of a clause ("it"), and
        (``token``) which subject of the sentence it was."""
        self.orgs = [o for o in self.orgs[-3:] if o[1] >= self.sentence_number - 1]
        self.orgs.append((ref, self.sentence_number, token))
        if token is not None:
            if self.subjects_of != self.sentence_number:
                self.subjects, self.subjects_of = {}, self.sentence_number
            self.subjects[token] = ref

    def subject_at(self, token: int) -> ActorRef | None:
        """The actor the coder resolved for the subject at this token of this sentence."""
        if self.subjects_of != self.sentence_number:
            return None
        return self.subjects.get(token)

    def recent_org(
        self, before: int | None = None, reject: Callable[[int], bool] | None = None
    ) -> ActorRef | None:
        """The latest state or organisation subject of this or the previous sentence, if
        any (``before``: of this sentence, only a subject before that token; ``reject``:
        not a subject at a token it refuses)."""
        for ref, sentence, token in reversed(self.orgs):
            if self.sentence_number - sentence > 1:
                return None
            if reject is not None and token is not None and reject(token):
                continue
            if before is None or sentence != self.sentence_number or token is None:
                return ref
            if token < before:
                return ref
        return None

    def remember_group(self, ref: ActorRef, token: int) -> None:
        """Remember a non-state organisation the text named, at a token of this sentence."""
        self.groups = self.groups[-3:] + [(ref, self.sentence_number, token)]

    def recent_group(self, before: int) -> ActorRef | None:
        """The latest non-state organisation named in this sentence before a token or in
        the previous sentences of the window, if any."""
        for ref, sentence, token in reversed(self.groups):
            if sentence == self.sentence_number and token >= before:
                continue
            if self.sentence_number - sentence <= GROUP_WINDOW:
                return ref
        return None

    def remember_pair(self, refs: list[ActorRef], subject: bool = True) -> None:
        """Remember coordinated actors ("India and China") for a later "they"/"the two";
        a sentence's subject pair is not displaced by a pair named later in it ("the
        ministers of China and the Philippines met ... at the meeting between ASEAN and
        China": "they" next is China and the Philippines)."""
        if not subject and self.pair_subject_of == self.sentence_number:
            return
        self.pair = (list(refs), self.sentence_number)
        if len({r.code[:3] for r in refs}) == 2 and not any(r.how in GUESSED_HOWS for r in refs):
            self.named_pair = list(refs)
        if subject:
            self.pair_subject_of = self.sentence_number

    def remember_listed_states(self, refs: list[ActorRef]) -> None:
        """Remember states the text named together, for a later "the countries"."""
        self.listed_states = (list(refs), self.sentence_number)

    def recent_listed_states(self) -> list[ActorRef] | None:
        """The states named together in this or the two previous sentences, if any: what
        "the countries" means, whatever pair an event between two others set since."""
        if self.listed_states is None:
            return None
        if self.sentence_number - self.listed_states[1] > PAIR_WINDOW:
            return None
        return self.listed_states[0]

    def recent_pair(self) -> list[ActorRef] | None:
        """The coordinated actors named in this or the two previous sentences, if any."""
        if self.pair is None or self.sentence_number - self.pair[1] > PAIR_WINDOW:
            return None
        return self.pair[0]

    def _clear_pair(self) -> tuple[str, str] | None:
        """The two states the text names most, when clearly ahead of any third (a third
        named more than half as often as the second leaves no clear pair)."""
        ranked = sorted(self.countries.items(), key=lambda kv: (-len(kv[1]), -kv[1][-1]))
        if len(ranked) < 2 or (len(ranked) > 2 and len(ranked[2][1]) * 2 > len(ranked[1][1])):
            return None
        return ranked[0][0], ranked[1][0]

    def document_pair(self) -> list[ActorRef] | None:
        """The two states the text is about: what "both nations" means when no pair was
        named just before; when no two states clearly lead the count (a third is named
        often too), the latest two the text named together ("Iran and Saudi Arabia agreed
        ..., with China's help ... both nations")."""
        pair = self._clear_pair()
        if pair is None and self.named_pair is not None:
            pair = (self.named_pair[0].code[:3], self.named_pair[1].code[:3])
        if pair is None:
            return None
        how = "the two states the text is about"
        return [ActorRef(c, c, None, -1, how) for c in pair]

    def named_before(self, country: str) -> bool:
        """True when a sentence before the current one named this country."""
        return any(n < self.sentence_number for n in self.countries.get(country, []))

    def note_country(self, code: str) -> None:
        """Record that the current sentence names an actor of this code's country."""
        country = code[:3]
        if len(country) == 3 and country.isalpha() and country not in NOT_COUNTRIES:
            self.countries.setdefault(country, []).append(self.sentence_number)

    def focus_country(
        self, before: bool = False, avoid: frozenset[str] = frozenset()
    ) -> str | None:
        """The country the text is about so far: most often named, the latest on a tie
        (``before``: counting only the sentences before the current one; ``avoid``: not
        these, e.g. the source's own country when resolving a target)."""
        counts = {
            c: [n for n in ns if not before or n < self.sentence_number]
            for c, ns in self.countries.items()
        }
        counts = {c: ns for c, ns in counts.items() if ns and c not in avoid}
        if not counts:
            return None
        return max(counts, key=lambda c: (len(counts[c]), counts[c][-1]))

    def other_side(self, country: str) -> str | None:
        """The other state of the pair a text is about, when ``country`` is one of the two
        states it names most (and clearly more than any third), else None."""
        pair = self._clear_pair()
        if pair is None or country not in pair:
            return None
        return pair[1] if pair[0] == country else pair[0]

    def remember_person(self, names: Iterable[str], ref: ActorRef) -> None:
        """Register a person's full name and surname for later mentions."""
        for name in names:
            self.persons[name.upper()] = ref

    def remember_agents(self, agent_codes: Iterable[str], ref: ActorRef) -> None:
        """Register the actor that an agent phrase ("the speaker") last referred to."""
        for code in agent_codes:
            self.by_agent[code] = ref


@dataclass
class NationalBodies:
    """Organisation names read with the country before them: ``codes`` by the start of
    the country's mention, ``merged`` the starts of the organisation mentions absorbed."""

    codes: dict[int, list[str]]
    merged: set[int]


def inside_a_name(sent: Span, m: Mention) -> bool:
    """True for a short dictionary word inside a person's name ("Un" of "Kim Jong Un" is
    not the United Nations, "In" of "Moon Jae In" not India) or a lower-case pronoun
    ("asked us to" is no United States)."""
    first = sent[m.start]
    if m.end - m.start == 1 and first.pos_ == "PRON" and first.text.islower():
        return True
    if m.end - m.start != 1 or first.ent_type_ != "PERSON" or first.ent_iob_ != "I":
        return False
    # a short word inside a name, or a place that is a given name with the name going on
    # after it ("Spokesperson Sabah Al Rafei": Sabah is no Malaysian state)
    following = sent[m.end] if m.end < len(sent) else None
    return len(first.text) <= 3 or (
        following is not None
        and following.ent_type_ == "PERSON"
        and following.ent_iob_ == "I"
        and following.is_title
    )


def _stated_sector(code: str) -> str | None:
    """The sector an actor code states: an intergovernmental organisation's own kind
    ("IGO" of IGOUNO) is none, so that its chief or spokesman holds an executive office
    (the "U.N. chief" is IGOUNOGOV, as "UN Secretary-General Guterres" is)."""
    sector = country_and_sector(code)[1]
    return None if sector == "IGO" and code.startswith("IGO") else sector


def office_country(code: str) -> str:
    """A country-and-sector code reduced to its country, so that the office the text
    states gives the sector ("Speaker of the Lok Sabha": the speaker's LEG)."""
    if len(code) == 6 and code[3:] in SECTORS and code[:3] not in NOT_COUNTRIES:
        return code[:3]
    return code


def national_bodies(actors: list[Mention], index: ActorIndex) -> NationalBodies:
    """ "Russian Security Council": a country named right before an international body's
    generic name ("Security Council", "Parliament") makes it that country's own body."""
    out = NationalBodies({}, set())
    for a, b in zip(actors, actors[1:], strict=False):
        if a.end != b.start:
            continue
        a_codes = index.actor_code(a.payload, None)
        b_codes = index.actor_code(b.payload, None)
        if len(a_codes) != 1 or len(a_codes[0]) != 3 or not b_codes:
            continue
        if not b_codes[0].startswith("IGO"):
            continue
        words = index.actors[b.payload].names[0]
        sector = body_sector(tuple(words))
        if sector is None:
            continue
        out.codes[a.start] = [a_codes[0] + sector]
        out.merged.add(b.start)
    return out


def names_an_office_holder(lemma: str) -> bool:
    """True for the lemma of an office held by a person ("minister", "spokesman")."""
    return office_word(lemma) or lemma.lower() in PERSON_OFFICES


class SentenceActors:
    """Actor and agent mentions of one sentence, and noun phrases resolved to codes."""

    def __init__(
        self,
        sent: Span,
        words: Sequence[str],
        index: ActorIndex,
        date: str | None,
        context: DocumentContext | None = None,
        mentions: list[Mention] | None = None,
    ):
        self.context = context
        self._persons: list[tuple[int, int, str, str]] | None = None
        self._compass: list[Mention] | None = None
        self._np_cache: dict[int, list[int]] = {}
        self._person_cache: dict[int, bool] = {}
        self._refs_cache: dict[tuple[Any, ...], list[ActorRef]] = {}
        # countries a role-only phrase should not take (the source's, when finding targets)
        self.avoid: frozenset[str] = frozenset()
        # the source's state, where a role-only target of these sectors lives when nothing
        # else says where ("police detained an activist": arrests happen at home)
        self.home: str | None = None
        self.home_sectors: frozenset[str] = frozenset()
        self.sent = sent
        self.offset = sent.start
        self.cols = token_columns(sent.doc)
        self.index = index
        self.date = date
        self.actor_mentions = [
            m
            for m in (mentions if mentions is not None else index.actor_phrases.scan(words))
            if not inside_a_name(sent, m)
        ]
        self.acronym_mentions = self._acronyms_spelled_out()
        if self.acronym_mentions:  # the text's own "AFP" is not the dictionary's
            spelled = {m.start for m in self.acronym_mentions}
            self.actor_mentions = [
                m for m in self.actor_mentions if m.end - m.start > 1 or m.start not in spelled
            ]
        # without an actor nothing can be coded: skip the agent scan
        has_focus = context is not None and bool(context.countries)
        scan_agents = bool(self.actor_mentions) or has_focus
        self.agent_mentions = index.agents_around(words, self.actor_mentions) if scan_agents else []
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

    def _acronyms_spelled_out(self) -> list[Mention]:
        """The acronyms of the sentence that stand for an organisation the text spelled
        out before ("the Armed Forces of the Philippines ... the AFP said")."""
        if self.context is None or not self.context.acronyms:
            return []
        words = self.cols.text[self.sent.start : self.sent.end]
        return [
            Mention(i, i + 1, ACRONYM_PAYLOAD)
            for i, word in enumerate(words)
            if word in self.context.acronyms
        ]

    def _acronym_base(self, tokens: list[int]) -> list[tuple[str, str | None, str, str]]:
        """The organisation an acronym among a phrase's words stands for, if any."""
        if self.context is None:
            return []
        for m in self.acronym_mentions:
            if m.start in tokens:
                ref = self.context.acronyms[self.cols.text[self.offset + m.start]]
                return [(ref.code, ref.name, self.cols.text[self.offset + m.start], ACRONYM_HOW)]
        return []

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
        bodies = national_bodies(actors, self.index)
        actors = [m for m in actors if m.start not in bodies.merged]
        base: list[tuple[str, str | None, str, str]] = []
        for m in self._coordinated(actors, tokens):
            for code in bodies.codes.get(m.start) or self.index.actor_code(m.payload, self.date):
                how = "dictionary"
                if m.start in bodies.codes:
                    how = "organisation name with its country"
                elif not self.index.has_role_on(m.payload, self.date):
                    how = "dictionary person, role outside the date: country kept"
                if self._is_person(m):
                    stated = self._stated_office(head, depth)
                    if stated:  # the office the text states wins over the dictionary's role
                        code, how = stated[0].code, "office stated in the text"
                    elif agents:
                        code, how = code[:3], "office in the title before the name"
                    elif code.startswith("IGO") and _stated_sector(code) is None:
                        # a person whose office is an international organisation's (the
                        # UN's secretary-general) holds its executive office
                        code, how = code + "GOV", "official of an international organisation"
                base.append((code, self.index.actor_name(m.payload), self._text(m), how))
        if not base:
            base = self._acronym_base(tokens)
        if not base:
            compass = self._compass_country(tokens)
            if compass is not None:
                words = self.cols.span_text(self.offset + tokens[0], self.offset + tokens[-1] + 1)
                base = [(compass, None, words, COMPASS_HOW)]
        collective = head.lower_ in COLLECTIVE_HEADS or head.lemma_.lower() in COLLECTIVE_HEADS
        if not base and depth < 2 and (agents or collective):
            base = [(r.code, r.name, r.text, r.how) for r in self._linked_refs(head, depth)]
            if not base and inherit:
                base = [
                    (r.code.split("~")[0][:3], r.name, r.text, "shared with the conjunct before")
                    for r in inherit[:1]
                ]
        agent_codes = self._agent_codes(agents, [b[0] for b in base])
        if len(agents) == 1 and generic_title(self._lemmas(agents[0])):
            agent_codes = self._function_codes(head) or agent_codes
        if collective and base and not agent_codes:
            agent_codes = self._members_offices(head)
        if len(base) == 1 and not agent_codes:
            agent_codes = self._named_body_sector(head, base[0][0])
            if agent_codes:
                base = [(*base[0][:3], "a state's body, by the last word of its name")]
        start = tokens[0]
        phrase = self.cols.span_text(self.offset + start, self.offset + tokens[-1] + 1)
        if not base and depth < 2 and head.lemma_.lower() not in OWNED_STATE_NOUNS:
            owned = self._reporters_own(head)
            if owned is not None:  # "Israel said its jets struck ...": Israel's jets
                holder, noun = owned
                tokset = set(self.np_tokens(noun))
                sectors = self._agent_codes(
                    [m for m in self.agent_mentions if m.start in tokset], []
                )
                code = (
                    combine_codes(office_country(holder.code), sectors) if sectors else holder.code
                )
                how = f"possessive pronoun: {holder.text}"
                if noun is not head:  # "two of its soldiers", not "two"
                    phrase = head.doc[head.left_edge.i : noun.right_edge.i + 1].text
                return [ActorRef(phrase, code, holder.name, start, how)]
        if not base and depth < 2 and head.lemma_.lower() in OWNED_STATE_NOUNS:
            owner = self._pronoun_owner(head)
            if owner is not None and is_state_head(owner.code[:3]):
                code = owner.code[:3] + ("GOV" if head.lemma_.lower() == "government" else "")
                how = f"possessive pronoun: {owner.text}"
                return [ActorRef(phrase, code, None, start, how)]
        if not base and depth < 2:
            earlier = self._from_context_or_apposition(head, agent_codes, depth)
            if earlier:
                refs = [ActorRef(phrase, r.code, r.name, start, r.how) for r in earlier]
                # a person known only by the office or context is a later pronoun's
                # antecedent too ("Defense Ministry spokesman Gen. X accused ... he said")
                self._remember(head, refs, agent_codes, counted=False)
                return refs
        if not base:
            return []
        refs = [
            ActorRef(
                phrase if agents else text,
                combine_codes(office_country(code) if agent_codes else code, agent_codes),
                name,
                start,
                how,
            )
            for code, name, text, how in base
        ]
        self._remember(head, refs, agent_codes)
        return refs

    def _reporters_own(self, head: Token) -> tuple[ActorRef, Token] | None:
        """Whose "its/their X" the subject of a that-clause is: the subject of the verb the
        clause completes ("the coast guard acknowledged its ships used water cannon"),
        with the owned noun ("two of its soldiers": soldiers)."""
        noun: Token | None = head
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head  # asked about "soldiers" of "two of its soldiers"
        elif not _owned_by_it(head):
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if noun is None or not _owned_by_it(noun) or head.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        clause = head.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return None
        speakers = find_sources(self, clause.head)  # said, acknowledged, denied ...
        return (speakers[0], noun) if len(speakers) == 1 else None

    def _pronoun_owner(self, head: Token) -> ActorRef | None:
        """Whose "his/her/their country" a phrase is: the speaker when it stands in what
        someone said ("the minister said her country would..."), else the person the
        pronoun refers to."""
        poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS]
        if not poss:
            return None
        if head.dep_ in {"nsubj", "nsubjpass"} and head.head.dep_ == "ccomp":
            speakers = reporter_of(self, head.head)
            if len(speakers) == 1:
                return speakers[0]
        if self.context is None or poss[0].lower_ == "their":
            return None
        entity = self.context.entities.resolve(poss[0].lower_, self.context.sentence_number)
        return entity.ref if entity is not None else None

    @property
    def compass_mentions(self) -> list[Mention]:
        """The "the North"/"the South" of the sentence that stand for a state."""
        if self._compass is None and not _COMPASS_WORD.search(span_text(self.sent)):
            self._compass = []  # no "North"/"South" at all: no token-by-token pass
        if self._compass is None:
            words = token_columns(self.sent.doc).text[self.sent.start : self.sent.end]
            self._compass = [
                Mention(i, i + 1, COMPASS_PAYLOAD)
                for i, word in enumerate(words)
                if word in COMPASS_STATES and self._compass_country([i]) is not None
            ]
        return self._compass

    def known_persons(self) -> list[Mention]:
        """The people of the sentence that no dictionary names but the document named
        before ("Mr Wang", "Tun Dr Mahathir"): they are actors as much as any name."""
        if self.context is None or not self.context.persons:
            return []
        return [
            Mention(start, end, KNOWN_PERSON_PAYLOAD)
            for start, end, text, last in self._person_spans()
            if not any(k in self.actor_at for k in range(start, end))
            and (text.upper() in self.context.persons or last.upper() in self.context.persons)
        ]

    def _compass_country(self, tokens: list[int]) -> str | None:
        """The state a capitalised "the North"/"the South" stands for in a document that
        names it ("North Korea ... the North's missile test"), or None."""
        if self.context is None:
            return None
        for i in tokens:
            token = self.sent[i]
            states = COMPASS_STATES.get(token.text)
            if not states or i == 0 or self.cols.lower[self.offset + i - 1] != "the":
                continue
            following = token.nbor() if token.i + 1 < len(token.doc) else None
            if following is not None and following.pos_ == "PROPN":
                continue  # "the North Atlantic", "the South China Sea"
            named = [c for c in states if c in self.context.countries]
            if not named:
                named = [c for c in states if COMPASS_COUNTERPARTS[c] in self.context.countries]
            if len(named) == 1:
                return named[0]
        return None

    def _role_only_country(self, head: Token, domestic: bool) -> tuple[str | None, str]:
        """The country the sentence gives a role-only phrase, and how: where its armed men
        or protesters came from or act, the one country named before a state organ of
        "the country's" ("the country's coast guard"), the US for "the administration";
        (None, "document's country") when it gives none."""
        if domestic:
            origin = self._stated_origin(head)
            if origin is not None:
                return origin, "where the sentence says they came from"
            place = self._place_country()
            if place is not None:
                return place, "place the sentence names"
        side = self._fronted_side(head)
        if side is not None:
            return side, "the side the sentence opens with"
        if not domestic and self._owned_by_the_country(head):  # a state's own organ
            named = self._countries_before(head)
            if len(named) == 1:
                return named.pop(), "the country the sentence named before"
        if head.lemma_.lower() in US_GOVERNMENT_NOUNS and self.context is not None:
            if "USA" in self.context.countries:
                return "USA", "the administration: the US government"
        return None, "document's country"

    def _fronted_side(self, head: Token) -> str | None:
        """The country of an "On the Iraqi side," that opens a subject's clause ("On the
        Iraqi side, the interior ministry spokesman said ..."): whose official speaks."""
        if head.dep_ not in {"nsubj", "nsubjpass"}:
            return None
        for prep in head.head.children:
            if prep.dep_ != "prep" or prep.lower_ != "on" or prep.i > head.left_edge.i:
                continue
            for side in (g for g in prep.children if g.dep_ == "pobj"):
                if side.lemma_.lower() == "side":
                    return self._country_named_in(side)
        return None

    @staticmethod
    def _owned_by_the_country(head: Token) -> bool:
        """True for a phrase owned by "the country's"/"the nation's"."""
        return any(
            c.dep_ == "poss"
            and c.lemma_.lower() in {"country", "nation"}
            and any(d.lower_ == "the" for d in c.children)
            for c in head.children
        )

    def _countries_before(self, head: Token) -> set[str]:
        """The countries the sentence names before a phrase (a dateline's included)."""
        out: set[str] = set()
        for m in self.actor_mentions:
            if m.start < self.rel(head.left_edge):
                out.update(self._mention_countries(m))
        return out

    def _stated_origin(self, head: Token) -> str | None:
        """The country a role-only phrase's own clause says its people came from or went
        back to ("gunmen who crossed the border from Lebanon", "the militants ... before
        fleeing to the Pakistani side"): armed men are from where they cross from."""
        for verb in _verbs_of_subject(head):
            lemma = verb.lemma_.lower()
            preps = ARRIVAL_PREPS if lemma in ARRIVAL_LEMMAS else None
            preps = RETREAT_PREPS if lemma in RETREAT_LEMMAS else preps
            if preps is None:
                continue
            for prep in verb.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    country = self._country_named_in(pobj)
                    if country is not None:
                        return country
        return None

    def _country_named_in(self, head: Token) -> str | None:
        """The one country a noun phrase names ("the Pakistani side", "Lebanon"), or None."""
        tokset = set(self.np_tokens(head))
        for m in self.actor_mentions:
            if m.start in tokset:
                countries = set(self._mention_countries(m))
                return countries.pop() if len(countries) == 1 else None
        return None

    def _place_country(self) -> str | None:
        """The country of a place the sentence names ("in Benghazi, Libya"): where
        protesters, police or insurgents without a nationality act."""
        for m in self.actor_mentions:
            head = self.sent[m.end - 1]
            if head.dep_ in {"amod", "compound"} and head.head.lemma_ in PLACE_NOUNS:
                head = head.head  # "in the Afghan capital"
            while head.dep_ in {"appos", "conj"} and head.head.i != head.i:
                head = head.head  # "in Benghazi, Libya"
            if head.dep_ == "pobj" and head.head.lower_ in {"in", "at", "near", "across"}:
                countries = self._mention_countries(m)
                if countries:
                    return countries[0]
        return None

    def _mention_countries(self, m: Mention) -> list[str]:
        """The states a dictionary mention's codes name on the sentence's date, in order."""
        codes = self.index.actor_code(m.payload, self.date)
        return [c[:3] for c in codes if len(c) >= 3 and c[:3] not in NOT_COUNTRIES]

    def _agent_codes(self, agents: list[Mention], base_codes: list[str]) -> list[str]:
        """Agent codes of a phrase; a generic office ("chairman", "spokeswoman") gives way to
        the sector of the body it is of ("chairman of the State Duma" is LEG)."""
        has_sector = any(_stated_sector(c) for c in base_codes)
        out = []
        for m in agents:
            generic = office_word(self.cols.lemma[self.offset + m.end - 1])
            if generic and (has_sector or len(agents) > 1):
                continue
            if any(
                self.cols.lower[self.offset + i] in FORMER_WORDS
                for i in range(max(0, m.start - 3), m.start)
            ):
                out.append("~ELI")  # "former diplomats" hold no office: elites (Track 2)
                continue
            out.append(self.index.agent_code(m.payload))
        return out

    def _lemmas(self, m: Mention) -> list[str]:
        return self.cols.lemma[self.offset + m.start : self.offset + m.end]

    def _function_codes(self, head: Token) -> list[str]:
        """ "the Directors General of Military Operations of both countries": a generic
        office whose "of" phrase names a branch and no state (here the military) holds
        its office in that branch; "of India" or "of the Duma" leave it to the body."""
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != "of":
                continue
            for pobj in child.children:
                tokens = set(self.np_tokens(pobj)) if pobj.dep_ == "pobj" else set()
                if any(m.start in tokens for m in self.actor_mentions):
                    return []
                agents = [m for m in self.agent_mentions if m.start in tokens]
                if agents:
                    return self._agent_codes(agents, [])
        return []

    def _named_body_sector(self, head: Token, code: str) -> list[str]:
        """ "Lebanon's Supreme Defence Council", "the Russian Constitutional Court": a
        state's body named by a proper name the dictionaries lack has the sector its last
        word gives (council GOV, court JUD, assembly LEG...)."""
        if len(code) != 3 or not is_state_head(code) or self.rel(head) in self.actor_at:
            return []
        if not head.text[:1].isupper() or head.i == self.sent.start:
            return []
        sector = body_sector([head.text.upper()])
        return [f"~{sector}"] if sector else []

    def _members_offices(self, head: Token) -> list[str]:
        """ "an Indian delegation of former diplomats": the members' office (here ~ELI)."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        members = set(self.np_tokens(pobj))
                        agents = [m for m in self.agent_mentions if m.start in members]
                        return self._agent_codes(agents, [])
        return []

    def _linked_refs(self, head: Token, depth: int) -> list[ActorRef]:
        """Actors of the phrase an office or a collective noun is *of*: "chairwoman of the
        Federation Council", "a spokesman for the ministry", "thousands of Kurds"."""
        guess: list[ActorRef] = []  # a phrase that only took the document's country
        for child in head.children:
            inner: list[ActorRef] = []
            if child.dep_ == "prep" and child.lower_ in LINK_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self.np_refs_with_conjuncts(pobj, depth + 1)
                        if (not inner or guessed(inner)) and depth < 2:
                            # "heads of state of Kenya and Tanzania", "the Directors General
                            # of Military Operations of both countries": past the office's words
                            inner = self._linked_refs(pobj, depth + 1) or inner
            elif child.dep_ == "appos" and depth < 2 and self._in_agent(head):
                # "the Directors General (DGMOs) of both countries": the aside's of-phrase
                inner = self._linked_refs(child, depth + 1)
            if inner and not guessed(inner):
                how = "the body the office is of"
                return [ActorRef(r.text, r.code, r.name, r.start, how) for r in inner]
            guess = guess or inner
        return guess  # keeps saying it is a guess

    def _in_agent(self, token: Token) -> bool:
        """True when a token is inside a multi-word office ("heads of state")."""
        i = self.rel(token)
        return any(m.start < i < m.end for m in self.agent_mentions)

    def _stated_office(self, head: Token, depth: int) -> list[ActorRef]:
        """The office a sentence states for a person: an apposition ("Om Birla, Speaker of
        the Lok Sabha") or a predicate ("X, who is Britain's foreign minister")."""
        if depth >= 2:
            return []
        for child in head.children:
            if child.dep_ == "appos":
                found = self._office_phrase(child, depth)
                if found:
                    return found
            if child.dep_ == "relcl" and child.lemma_ == "be":
                for attr in child.children:
                    if attr.dep_ == "attr":
                        found = self._office_phrase(attr, depth)
                        if found:
                            return found
        return []

    def _office_phrase(self, head: Token, depth: int) -> list[ActorRef]:
        """Actors of a phrase that names an office (it holds an agent word)."""
        tokset = set(self.np_tokens(head))
        if not any(m.start in tokset for m in self.agent_mentions):
            return []
        return self.np_refs(head, depth + 1)

    def _from_context_or_apposition(
        self, head: Token, agent_codes: list[str], depth: int
    ) -> list[ActorRef]:
        """Actors for a phrase without a dictionary name: its apposition ("Om Birla,
        Speaker of the Lok Sabha"), an actor the document named earlier, or, for a
        role-only phrase ("the government", "insurgents"), the document's country."""
        for child in head.children:
            if child.dep_ == "appos":
                refs = self.np_refs(child, depth + 1)
                if refs:
                    self._remember(head, refs, agent_codes)
                    return [replace(r, how="apposition") for r in refs]
        if self.context is None:
            return []
        if head.ent_type_ == "PERSON":
            stated = self._stated_office(head, depth)
            if stated:
                return [replace(r, how="office stated in the text") for r in stated]
            for key in (self._entity_text(head).upper(), head.text.upper()):
                if key in self.context.persons:
                    return [replace(self.context.persons[key], how="name met earlier")]
        elif head.pos_ == "PROPN" and head.text.upper() in self.context.persons:
            # a surname the parser mislabels ("Araghchi said", tagged an organisation)
            return [replace(self.context.persons[head.text.upper()], how="name met earlier")]
        if self._definite_group(head):
            group = self.context.recent_group(self.rel(head))
            if group is not None:
                return [replace(group, text=head.text, how=f"the group named before: {group.text}")]
        if agent_codes and self._definite_office(head) and self._fronted_side(head) is None:
            # another name for the office only when bare ("the chief", not "the police chief")
            title = [head] + [
                t
                for c in head.children
                if c.dep_ in {"compound", "amod"} or (c.dep_ == "punct" and c.i < head.i)
                for t in c.subtree
            ]
            phrase = " ".join(t.lower_ for t in sorted(title, key=lambda t: t.i))
            phrase = phrase.replace(" - ", "-")
            for word in self._office_words(head):
                bare = phrase == word[1:]  # "the chief", not "the police chief"
                names = office_names(word[1:]) if bare else (word[1:],)
                for code in ("=" + name for name in names):
                    if code in self.context.by_agent:
                        met = self.context.by_agent[code]
                        return [replace(met, how="description met earlier")]
        nominal = head.pos_ in {"NOUN", "PROPN"} or head.dep_ in NOMINAL_DEPS  # "a dual national"
        if nominal and _across_the_border(head):
            across = self._across_from_speaker(head, agent_codes)
            if across is not None:
                return [across]
        if agent_codes and nominal:
            domestic = any(code.lstrip("~") in DOMESTIC_SECTORS for code in agent_codes)
            country, how = self._role_only_country(head, domestic)
            avoid = frozenset() if domestic else self.avoid  # insurgents fight at home
            country = country or self.context.focus_country(before=True, avoid=avoid)
            at_home = any(code.lstrip("~") in self.home_sectors for code in agent_codes)
            if not country and self.home and at_home and not self._names_inside(head):
                country, how = self.home, "the state that acts at home"
            if country:
                code = combine_codes(country, agent_codes)
                return [ActorRef(head.text, code, None, self.rel(head), how)]
        return []

    def _across_from_speaker(self, head: Token, agent_codes: list[str]) -> ActorRef | None:
        """ "militants from across the border", "organisations across the border": the
        other state of the pair the text is about, seen from the doer of an act placed
        across the border, else from whoever says so (the speaker of the clause), else
        from the state the text is mostly about."""
        assert self.context is not None
        here = None
        if head.dep_ == "dobj" and not _placed_across(head):
            # "Indian troops shelled villages across the border": across from the doer
            here = self._one_country(find_sources(self, head.head))
        here = here or self._speaker_country(head) or self._place_country()
        here = here or self.context.focus_country(before=True)
        other = self.context.other_side(here) if here else None
        if other is None:
            return None
        code = combine_codes(other, agent_codes)
        how = f"across the border from {here}"
        return ActorRef(head.text, code, None, self.rel(head), how)

    def _speaker_country(self, head: Token) -> str | None:
        """The country of whoever says the clause a phrase stands in ("..., the statement
        said"), or None when no verb of saying governs it."""
        for verb in head.ancestors:
            if verb.pos_ in {"VERB", "AUX"} and verb.lemma_ in REPORTING_LEMMAS:
                return self._one_country(find_sources(self, verb))
        return None

    @staticmethod
    def _one_country(refs: list[ActorRef]) -> str | None:
        """The one state some actors belong to, or None."""
        countries = {r.code[:3] for r in refs if r.code[:3] not in NOT_COUNTRIES}
        return countries.pop() if len(countries) == 1 else None

    @staticmethod
    def _definite_group(head: Token) -> bool:
        """True for a bare "the group"/"the movement": an organisation named before."""
        return (
            head.lemma_.lower() in GROUP_NOUNS
            and head.tag_ == "NN"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            and not any(c.dep_ in GROUP_NAMING_DEPS for c in head.children)
        )

    def _definite_office(self, head: Token) -> bool:
        """True when a phrase's office or body is a definite one: "the minister", or a
        bare body noun before another noun ("an army statement", "a ministry official":
        the army and the ministry the text is about)."""
        if any(c.lower_ == "the" for c in head.children):
            return True
        modifiers = [
            m
            for m in self.agent_mentions
            if m.end - 1 != self.rel(head) and self.sent[m.end - 1].head.i == head.i
        ]
        return bool(modifiers) and all(
            self.cols.dep[self.offset + m.end - 1] == "compound"
            and self.cols.tag[self.offset + m.end - 1] == "NN"
            for m in modifiers
        )

    def _names_inside(self, head: Token) -> bool:
        """True when an actor is named anywhere under a phrase, relative clauses included
        ("a dual national who also holds US citizenship")."""
        under = {self.rel(t) for t in head.subtree}
        return any(m.start in under for m in self.actor_mentions)

    def _person_spans(self) -> list[tuple[int, int, str, str]]:
        """PERSON entities of the sentence: (start, end, text, last word), computed once."""
        if self._persons is None:
            first, end = self.sent.start, self.sent.end
            self._persons = [
                (start - first, stop - first, text, last)
                for start, stop, text, last in document_persons(self.sent.doc)
                if first <= start and stop <= end
            ]
        return self._persons

    def _entity_text(self, token: Token) -> str:
        rel = self.rel(token)
        for start, end, text, _last in self._person_spans():
            if start <= rel < end:
                return text
        return token.text

    def _office_words(self, head: Token) -> list[str]:
        """The head word of each office a phrase names ("minister" in "the foreign
        minister"): a later "the minister" is that holder before any other official."""
        tokens = self.np_tokens(head)
        tokset = set(tokens)
        words = [
            "=" + word
            for m in self.agent_mentions
            if m.start in tokset
            for word in (
                self.cols.lemma[self.offset + m.end - 1].lower(),
                self._hyphened(m.start, m.end),
            )
            if word
        ]
        if words:
            return words
        # a title inside a dictionary name ("Secretary-General Ban Ki-moon"): the office
        # word just before the name
        title, hyphened = None, ""
        for i in tokens:
            if self.cols.ent_type[self.offset + i] == "PERSON":
                break
            lemma = self.cols.lemma[self.offset + i]
            if names_an_office_holder(lemma):
                title = "=" + lemma.lower()
                hyphened = self._hyphened(0, i + 1)
        return [title] + (["=" + hyphened] if hyphened else []) if title else []

    def _hyphened(self, start: int, end: int) -> str:
        """The hyphened compound a title ends with ("secretary-general"), or "" when it
        ends with a plain word: "the secretary-general" is that holder, not a "general"."""
        if (
            end - start < 3
            or self.cols.text[self.offset + end - 2] != "-"
            or not self._tight(end - 2)
        ):
            return ""
        return f"{self.cols.lower[self.offset + end - 3]}-{self.cols.lower[self.offset + end - 1]}"

    def _remember(
        self, head: Token, refs: list[ActorRef], agent_codes: list[str], counted: bool = True
    ) -> None:
        """Register what a phrase resolved to for later mentions (``counted``: its country
        also counts towards the document's focus, as a name the text uses does)."""
        if self.context is None:
            return
        for r in refs:
            if counted and r.how != COMPASS_HOW:  # the focus counts the names the text uses
                self.context.note_country(r.code)
        if len(refs) != 1:
            return
        ref = refs[0]
        self.context.remember_agents(agent_codes + self._office_words(head), ref)
        if head.dep_ in {"nsubj", "nsubjpass"} and head.ent_type_ != "PERSON":
            if not any(self._is_person(m) for m in self.actor_mentions if m.start == ref.start):
                self.context.remember_subject(ref, head.i)
        tokens = self.np_tokens(head)
        tokset = set(tokens)
        persons = [m for m in self.actor_mentions if m.start in tokset and self._is_person(m)]
        for m in persons:  # people the dictionary knows, whatever spaCy's label
            name = self._text(m)
            self.context.remember_person([name, self.cols.text[self.offset + m.end - 1]], ref)
            self.context.entities.add(
                name, self.cols.text[self.offset + m.end - 1], self._gender(head), head.dep_, ref
            )
        if (
            not persons
            and head.tag_ == "NN"
            and head.dep_ not in {"appos", "attr"}  # the office of a named person
            and self._names_a_person(head)
        ):
            # "an Afghan border official ... he said": an office holder is an antecedent too
            self.context.entities.add(head.text, head.text, self._gender(head), head.dep_, ref)
        if not any(self.cols.ent_type[self.offset + i] == "PERSON" for i in tokens):
            return
        for start, end, text, last in self._person_spans():
            if (
                start in tokens and self.cols.dep[self.offset + end - 1] != "poss"
            ):  # "Xi's tour" isn't Xi
                self.context.remember_person([text, last], ref)
                first = text.split()[0]
                if len(text.split()) > 1 and first.upper() not in self.context.persons:
                    # "Kim Jong Un ... Kim", "Xi Jinping ... Xi": family names come first
                    self.context.remember_person([first], ref)

    def _names_a_person(self, head: Token) -> bool:
        """True when a singular noun phrase's head is an office held by a person."""
        return names_an_office_holder(head.lemma_)

    def _gender(self, head: Token) -> str | None:
        """Gender a phrase states: a title (Mr, Ms) or an office word (chairwoman)."""
        words = [self.cols.lower[self.offset + i] for i in self.np_tokens(head)]
        for child in head.children:
            if child.dep_ == "appos":
                words += [t.lower_ for t in child.subtree]
        return gender_of_words(words)

    def _coordinated(self, actors: list[Mention], tokens: list[int]) -> list[Mention]:
        """The first actor of a phrase, or each coordinated actor when it has ``and``/``,``."""
        if not actors:
            return []
        starts = {m.start for m in actors}
        ends = {m.end for m in actors}
        dep, text, offset = self.cols.dep, self.cols.text, self.offset
        coordinated = any(
            dep[offset + i] == "cc"
            or (text[offset + i] == "," and i > tokens[0])
            # "US-South Korean drills", "the Armenia-Azerbaijan talks": both states
            or (i in ends and i + 1 in starts and self._pair_hyphen(i))
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

    def _pair_hyphen(self, i: int) -> bool:
        """True for a hyphen or en dash written tight between two words ("US-Japanese")."""
        return self.cols.text[self.offset + i] in {"-", "–"} and self._tight(i)

    def _tight(self, i: int) -> bool:
        """True for a hyphen written without spaces ("US-South Korean"), not a dash
        ("BEIJING - Chinese President ...")."""
        at = self.offset + i
        return i > 0 and not self.cols.has_space(at - 1) and not self.cols.has_space(at)

    def _is_person(self, m: Mention) -> bool:
        """True when spaCy's entity recogniser calls the mention a person, or the
        dictionary gives the entry dated roles (only people hold offices for a time)."""
        known = self._person_cache.get(m.start)
        if known is None:
            known = any(is_person_role(c) for c in self.index.actors[m.payload].codes) or any(
                t == "PERSON"
                for t in self.cols.ent_type[self.offset + m.start : self.offset + m.end]
            )
            self._person_cache[m.start] = known
        return known

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
        """Actors of a noun phrase and of the phrases conjoined with it (computed once per
        phrase: the verbs of a sentence share their subjects and objects)."""
        key = (head.i, depth, self.avoid, (self.home, self.home_sectors))
        cached = self._refs_cache.get(key)
        if cached is None:
            cached = self._np_refs_with_conjuncts(head, depth)
            self._refs_cache[key] = cached
        return list(cached)

    @staticmethod
    def _shared_office(
        head: Token, refs: list[ActorRef], conj_refs: list[ActorRef]
    ) -> list[ActorRef]:
        """ "The defence ministers from China and the Philippines": a plural office shared
        by a conjoined bare country (the parser often joins it to the office, not to
        "China") holds the office there too."""
        if head.tag_ != "NNS" or not refs or any(len(r.code) != 3 for r in conj_refs):
            return conj_refs
        if not any(c.dep_ == "prep" and c.lower_ in LINK_PREPS for c in head.children):
            return conj_refs  # "Chinese officials and Japan": Japan is the state
        offices = {r.code[3:] for r in refs}
        if len(offices) != 1 or not (office := offices.pop()) or "~" in office:
            return conj_refs
        return [
            replace(r, code=r.code + office, how="office shared with the conjunct")
            for r in conj_refs
        ]

    def pair_meant(self, head: Token) -> list[ActorRef] | None:
        """The pair a pair reference ("they", "the two sides", "both nations") means: the
        pair named in this or the two previous sentences, else, for a phrase that says
        two, the two states the text is about."""
        if self.context is None:
            return None
        if is_listed_states_reference(head):
            return self.context.recent_listed_states()
        if not is_pair_reference(head):
            return None
        size = stated_size(head)
        pair = self._pair_named_before(head, size) or self.context.recent_pair()
        if pair and size is not None and len({r.code[:3] for r in pair}) != size:
            if size != 2 or head.lower_ in {"both", "two"}:
                return None  # "the three countries" is no pair
            pair = None  # "both nations" after a group of three: the text's own pair
        if not pair and size == 2 and head.lower_ not in {"both", "two"}:
            pair = self.context.document_pair()  # "both nations", not a bare "both"
        return pair

    def _pair_named_before(self, head: Token, size: int | None) -> list[ActorRef] | None:
        """The states named together earlier in the sentence, the latest such phrase
        before the reference ("the U.S. and South Korean militaries said, hours after the
        two countries agreed"): nearer than any pair of earlier sentences. A "they" means
        only a pair that is a subject ("Wang and Singh might meet while they were ...",
        not "with Abu Dhabi and Kerala Police ..., they said")."""
        heads: list[Token] = []
        for m in self.actor_mentions:
            noun = self.np_head_of(m)
            if head.lower_ == "they" and noun.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            if noun.right_edge.i < head.left_edge.i and noun not in heads:
                heads.append(noun)
        for noun in reversed(heads):
            refs = self.np_refs_with_conjuncts(noun)
            countries = {r.code[:3] for r in refs}
            if len(countries) == len(refs) == (size or 2) and not guessed(refs):
                return refs
        return None

    def _np_refs_with_conjuncts(self, head: Token, depth: int) -> list[ActorRef]:
        pair = self.pair_meant(head)
        if pair:
            if pair[0].start >= 0:
                how = f"the pair named before: {' and '.join(r.text for r in pair)}"
            else:
                how = pair[0].how
            return [
                ActorRef(head.text, pair_code(head, r.code), r.name, self.rel(head), how)
                for r in pair
            ]
        refs = self.np_refs(head, depth)
        conjuncts = list(head.conjuncts)
        for child in head.children:
            if child.dep_ == "appos":  # "President | Barack Obama and ... Rouhani"
                listed = [c for c in child.conjuncts if c.i > child.i]
                if listed:  # "The US, Russia, and Switzerland": a list parsed as apposition
                    codes = {r.code for r in refs}
                    refs.extend(r for r in self.np_refs(child, depth) if r.code not in codes)
                conjuncts.extend(listed)
        for conj in conjuncts:
            if conj.i > head.i:
                refs.extend(
                    self._shared_office(head, refs, self.np_refs(conj, depth, inherit=refs))
                )
        if self.context is not None and len({r.code for r in refs}) > 1:
            self.context.remember_pair(refs, subject=head.dep_ in {"nsubj", "nsubjpass"})
        return refs

    def _text(self, m: Mention) -> str:
        return self.cols.span_text(self.offset + m.start, self.offset + m.end)

    def np_head_of(self, m: Mention) -> Token:
        """The head noun of the phrase in which a mention stands."""
        span = self.sent[m.start : m.end]
        root = span.root
        while (
            root.dep_ in NP_CLIMB_DEPS
            and root.head.i != root.i
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
            and not self._names_own_actor(root.head.head)
        ):
            return root.head.head
        return root

    def _names_own_actor(self, head: Token) -> bool:
        """True when an office phrase names its own country ("the French ambassador"), so
        that a following "from Iran" is not what it is of."""
        return any(self.rel(t) in self.actor_at for t in head.children if t.dep_ != "prep")

    def first_refs_in(
        self,
        token_ids: Iterable[int],
        skip: int = 0,
        reject: Callable[[ActorRef], bool] | None = None,
    ) -> list[ActorRef]:
        """Actors of the first phrase (after ``skip`` phrases) among the given tokens;
        phrases whose every actor ``reject`` refuses are passed over."""
        ids = set(token_ids)
        seen_heads: list[int] = []
        mentions = self.actor_mentions
        if self.context is not None:
            # role-only phrases ("insurgents"), "the North" and people named earlier
            # ("called on Mahathir in Putrajaya") are candidates too, in sentence order
            extra = (
                self.agent_mentions
                + self.compass_mentions
                + self.known_persons()
                + self.acronym_mentions
            )
            if extra:
                mentions = sorted(mentions + extra, key=lambda m: m.start)
        for m in mentions:
            if m.start not in ids:
                continue
            head = self.np_head_of(m)
            if head.i in seen_heads:
                continue
            seen_heads.append(head.i)
            if len(seen_heads) <= skip:
                continue
            refs = self.np_refs_with_conjuncts(head)
            if refs and reject is not None and all(reject(r) for r in refs):
                continue
            if refs:
                return refs + self._hyphened_partner(m, mentions, refs)
        return []

    def _hyphened_partner(
        self, m: Mention, mentions: list[Mention], refs: list[ActorRef]
    ) -> list[ActorRef]:
        """The second state of a hyphened pair ("US-Japanese exercises", "Israeli-
        Palestinian violence") when the parser split the pair into two phrases."""
        hyphen = m.end
        if hyphen >= len(self.sent) or not self._pair_hyphen(hyphen):
            return []
        partner = next((n for n in mentions if n.start == hyphen + 1), None)
        if partner is None:
            return []
        known = {r.code[:3] for r in refs}
        partner_refs = self.np_refs_with_conjuncts(self.np_head_of(partner))
        return [r for r in partner_refs if r.code[:3] not in known]


# ---------------------------------------------------------------------- clause roles


# Verbs of coming from a place ("crossed from Lebanon") and of going back to it ("fled to
# the Pakistani side"), with the prepositions that name that place.
ARRIVAL_LEMMAS = frozenset("cross come infiltrate enter sneak intrude penetrate arrive".split())
ARRIVAL_PREPS = frozenset({"from"})
RETREAT_LEMMAS = frozenset("flee retreat return escape withdraw".split())
RETREAT_PREPS = frozenset({"to", "into", "towards", "toward"})
# Clauses that share their subject with the verb they hang on ("before fleeing", "and fled").
SHARED_SUBJECT_DEPS = frozenset({"advcl", "conj", "xcomp"})


# Words that place people on the far side of a border from the one who speaks.
ACROSS_BORDER_NOUNS = frozenset({"border", "frontier", "loc"})


def _placed_across(token: Token) -> bool:
    """True when a word has an "across the border" ("from across the border") phrase."""
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        across = prep if prep.lower_ == "across" else None
        if across is None and prep.lower_ == "from":
            across = next((c for c in prep.children if c.lower_ == "across"), None)
        if across is not None and any(
            c.dep_ == "pobj" and c.lower_ in ACROSS_BORDER_NOUNS for c in across.children
        ):
            return True
    return False


def _across_the_border(head: Token) -> bool:
    """True for a phrase placed "across the border" ("militants from across the border",
    "organisations across the frontier"), or the doer or object of an act placed there
    (the parser hangs the place on the verb: "was attacked by militants from across the
    border", "shelled villages across the border")."""
    if _placed_across(head):
        return True
    if head.dep_ in SUBJECT_DEPS | {"dobj"}:
        return _placed_across(head.head)
    return head.dep_ == "pobj" and head.head.dep_ == "agent" and _placed_across(head.head.head)


def _verbs_of_subject(head: Token) -> list[Token]:
    """The verbs whose subject a noun phrase is: its relative clauses ("gunmen who
    crossed"), the verb it is the subject of, and the clauses of that verb with no
    subject of their own ("mutilated the body before fleeing")."""
    verbs = [c for c in head.children if c.dep_ in {"relcl", "acl"}]
    if head.dep_ not in {"nsubj", "nsubjpass"} or head.head.i == head.i:
        return verbs
    verb = head.head
    verbs.append(verb)
    shared = [c for c in verb.children if c.dep_ in SHARED_SUBJECT_DEPS]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        shared.extend(g for g in prep.children if g.dep_ == "pcomp")
    for clause in shared:
        if clause.pos_ in {"VERB", "AUX"} and not any(
            c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in clause.children
        ):
            verbs.append(clause)
    return verbs


def _listed_subjects(
    actors: SentenceActors, verb: Token, first: Token, subs: list[Token]
) -> list[ActorRef]:
    """The other members of a list of subjects the parser split ("A, B and C held talks":
    "A" and "B" both hung on the verb as subjects, "C" a conjunct of "B")."""
    out: list[ActorRef] = []
    for s in subs:
        if s.i > first.i and s.i < verb.i and s.lower_ not in PRONOUNS:
            out.extend(actors.np_refs_with_conjuncts(s))
    return out


def subject_heads(verb: Token) -> tuple[list[Token], bool]:
    """The verb's own subject heads and whether the clause is passive."""
    doc, columns = verb.doc, token_columns(verb.doc)
    children = columns.children[verb.i]
    subs = [doc[c] for c in children if columns.dep[c] in SUBJECT_DEPS]
    passive = [doc[c] for c in children if columns.dep[c] in PASSIVE_SUBJECT_DEPS]
    if not subs and not passive:
        subs, passive = _misattached_subjects(verb)
    if passive:
        return passive, True
    return subs, False


WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split()
)


def _misattached_subjects(verb: Token) -> tuple[list[Token], list[Token]]:
    """A subject the parser hung on the wrong word of the verb's own clause: on its
    auxiliary across an aside ("Peru has, however, rejected ...": "Peru" under "has"), or
    as a compound of the day that follows it ("Chile Monday recalled ...": "Chile" under
    "Monday")."""
    for c in verb.children:
        if c.dep_ in {"aux", "auxpass"} and c.i < verb.i:
            subs = [g for g in c.children if g.dep_ in SUBJECT_DEPS]
            passive = [g for g in c.children if g.dep_ in PASSIVE_SUBJECT_DEPS]
            if subs or passive:
                return subs, passive
        if c.dep_ == "npadvmod" and c.lower_ in WEEKDAYS and c.i < verb.i:
            names = [g for g in c.children if g.dep_ == "compound" and g.pos_ == "PROPN"]
            if names:
                return names[:1], []
    listed = _name_after_a_closed_list(verb)
    if listed is not None:
        return [listed], []
    stranded = _subject_after_a_dateline(verb)
    return ([stranded], []) if stranded is not None else ([], [])


def _subject_after_a_dateline(verb: Token) -> Token | None:
    """The subject of a sentence opened by a dateline, which the parser made the root
    ("OSLO, Norway — The ministry summoned the envoy": "ministry" an apposition of "OSLO",
    "summoned" a clause on it): the phrase just before an active verb hung on the same
    word, when the verb has an object or a clause of its own (no participle of that
    word)."""
    head = verb.head
    if verb.dep_ != "acl" or head.i == verb.i or head.i > verb.i:
        return None
    if not any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return None
    if any(c.dep_ in {"auxpass", "nsubj", "nsubjpass"} for c in verb.children):
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"} and c.right_edge.i == verb.i - 1:
            return c
    return None


def _name_after_a_closed_list(verb: Token) -> Token | None:
    """A name the parser added to a finished list in a fronted phrase ("Amid the tensions
    between Pakistan and Afghanistan, India on Thursday launched ...": "India" as a third
    member after "and"): the subject of the main verb that follows it."""
    if verb.dep_ != "ROOT":
        return None
    for token in reversed(list(verb.doc[verb.sent.start : verb.i])):
        if token.dep_ == "punct" or token.pos_ in {"ADP", "DET"} or token.ent_type_ == "DATE":
            continue  # "on Thursday", ", "
        if token.dep_ != "conj" or token.pos_ != "PROPN":
            return None
        head = token.head
        closed = any(c.dep_ == "cc" and c.i < token.i for c in head.children)
        before = verb.doc[token.i - 1]
        return token if closed and before.text == "," and head.i < token.i else None
    return None


def passive_agent(verb: Token) -> list[Token]:
    """The ``by`` phrase objects of a passive verb."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            out.extend(
                g for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() not in MISHAP_NOUNS
            )
    return out


# What kills or destroys without anyone acting ("victims killed by the MH17 crash",
# "homes destroyed by the earthquake"): a name in such a phrase is no agent.
MISHAP_NOUNS = frozenset(
    "crash accident collision earthquake quake flood flooding storm typhoon hurricane "
    "cyclone landslide mudslide avalanche tsunami wildfire blaze disease epidemic "
    "outbreak stampede".split()
)


PAIR_NOUNS = frozenset(
    "sides side leaders countries nations men women ministers governments neighbours "
    "neighbors parties delegations presidents".split()
)


FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
QUOTES = frozenset("\"“”‘’'")


def _in_quotation(token: Token, open_before: bool = False) -> bool:
    """True when a token stands between quotation marks (someone quoted); ``open_before``:
    a quotation of an earlier sentence is still open where this sentence starts."""
    text = token_columns(token.doc).text
    before = sum(1 for i in range(token.sent.start, token.i) if text[i] in QUOTES)
    return (before % 2 == 1) != open_before


def quotation_open_after(sent: Span, open_before: bool) -> bool:
    """Whether a quotation is still open at the end of a sentence: an opening mark with no
    closing one (“I met him today. We spoke for an hour.”)."""
    state = open_before
    text = span_text(sent)
    if not any(mark in text for mark in ('"', "“", "”")):
        return state
    for word in token_columns(sent.doc).text[sent.start : sent.end]:
        if word == "“":
            state = True
        elif word == "”":
            state = False
        elif word == '"':
            state = not state
    return state


def is_pair_reference(head: Token) -> bool:
    """ "they", "the two sides", "both countries", "the two", "both": a reference to a pair
    named before."""
    if head.lower_ == "they":
        return True
    if head.lower_ == "both" and head.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if head.lower_ in GROUP_SIZES and any(c.lower_ == "the" for c in head.children):
        return True
    if head.lower_ not in PAIR_NOUNS:
        return False
    return any(c.lower_ in GROUP_SIZES or c.lower_ == "all" for c in head.children)


# Plural nouns for states that, bare after "the", mean the states named together before
# ("Saudi Arabia, Egypt and Bahrain cut ties ... The countries ordered ...").
LISTED_STATE_NOUNS = frozenset({"countries", "nations", "governments"})


def is_listed_states_reference(head: Token) -> bool:
    """ "the countries", "The nations": a bare definite plural of states, with no word
    that says which ("the countries of the region", "the Gulf countries", "the countries
    that signed" name a class, not the states just named)."""
    if head.lower_ not in LISTED_STATE_NOUNS:
        return False
    words = [c for c in head.children if c.dep_ not in {"punct", "cc", "conj"}]
    return len(words) == 1 and words[0].lower_ == "the"


# "the two sides", "both countries", "the three countries", "all four leaders"
GROUP_SIZES = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def stated_size(head: Token) -> int | None:
    """How many members a group reference says it has ("the three countries": 3)."""
    for word in [head, *head.children]:
        if word.lower_ in GROUP_SIZES:
            return GROUP_SIZES[word.lower_]
    return None


# Pair nouns that name the governments of the pair ("the two sides", "both leaders").
GOVERNMENT_PAIR_NOUNS = frozenset(
    "sides leaders ministers governments presidents delegations premiers".split()
)


def pair_code(head: Token, code: str) -> str:
    """The code of one member of a pair as a pair reference names it: a state named bare
    ("India and the US ... the two sides") is its government when the reference is to
    sides, leaders, ministers or delegations."""
    if head.lower_ in GOVERNMENT_PAIR_NOUNS and country_and_sector(code)[1] is None:
        return combine_codes(code, ["GOV"])
    return code


ATTACK_NOUNS = frozenset(
    "strike strikes airstrike airstrikes raid raids attack attacks bombing bombings "
    "shelling bombardment offensive operation drone missile".split()
)


def instrument_of(verb: Token) -> list[Token]:
    """The attack in which a passive happened ("killed in a US airstrike"): its head, whose
    actor words ("US") are the agent."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "by", "during"}:
            out.extend(g for g in c.children if g.dep_ == "pobj" and g.lower_ in ATTACK_NOUNS)
    return out


# Verbs whose "of V-ing" names what the accused did ("accused X of shelling Y").
CHARGING_LEMMAS = frozenset({"accuse", "charge", "suspect", "convict"})


def accusing_verb(verb: Token) -> Token | None:
    """The "accused" of "accused Pakistan of carrying out airstrikes", for its V-ing."""
    prep = verb.head
    if verb.dep_ == "pcomp" and prep.lower_ == "of" and prep.head.lemma_ in CHARGING_LEMMAS:
        return prep.head
    return None


def find_sources(actors: SentenceActors, verb: Token, depth: int = 0) -> list[ActorRef]:
    """Source actors of a verb: its subject, a passive's agent, or a governing subject;
    the accused of "accused X of V-ing"."""
    accuser = accusing_verb(verb)
    if accuser is not None:
        return [
            r
            for o in accuser.children
            if o.dep_ == "dobj"
            for r in actors.np_refs_with_conjuncts(o)
        ]
    subs, passive = subject_heads(verb)
    if passive:
        agents = passive_agent(verb) or instrument_of(verb)
        refs = [r for a in agents for r in actors.np_refs_with_conjuncts(a)]
        if refs or verb.dep_ != "xcomp":
            return refs
        subs = []
    for s in subs:
        if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            if any(o.lower_ in CLAUSE_PRONOUNS for o in subs):
                # "the vessels, which it said strayed": "which" is the subject of what
                # "it" said, parsed as a second subject of "said"
                continue
            # "Beijing, which accused Manila": the relative clause's antecedent acts
            return actors.np_refs_with_conjuncts(verb.head)
        if (
            s.lower_ in FIRST_PERSON_SUBJECTS
            and verb.dep_ in {"ROOT", "conj"}
            and actors.context is not None
            and not _in_quotation(s, actors.context.quote_open)
        ):
            # the author's own voice: their organisation when the page names it, else nobody
            org = actors.context.author_org
            return [replace(org, text=s.text, how="the author's organisation")] if org else []
        if (
            s.lower_ in FIRST_PERSON_SUBJECTS
            and actors.context is not None
            and _in_quotation(s, actors.context.quote_open)
        ):
            return _quoted_first_person(actors, verb, s, depth)
        bracketed = _bracketed_referent(actors, s)
        if bracketed:
            return bracketed
        if actors.pair_meant(s):
            return actors.np_refs_with_conjuncts(s)
        if s.lower_ in CLAUSE_PRONOUNS and verb.dep_ in {"relcl", "acl"} and depth < 4:
            # "the incident which it called an assault": not the noun the clause describes
            return _adnominal_pronoun_refs(actors, verb, s, depth)
        if (
            s.lower_ in PRONOUNS
            and depth < 4
            and verb.head.i != verb.i
            and not _disagrees_with_governor(s, accusing_verb(verb.head) or verb.head)
        ):
            # past what an accuser says the accused did, to the accuser ("accused Doha of
            # supporting terrorism as it announced ...": "it" is the accuser)
            governor = accusing_verb(verb.head) or verb.head
            return find_sources(actors, governor, depth + 1)
        org = _it_antecedent(actors, s)
        if org is not None:
            return [ActorRef(s.text, org.code, org.name, actors.rel(s), f"pronoun: {org.text}")]
        if s.lower_ in {"he", "she"} and actors.context is not None:
            return pronoun_refs(actors, s)
        refs = actors.np_refs_with_conjuncts(s)
        if refs:
            refs = _state_speaking_again(actors, verb, refs)
            return refs + _listed_subjects(actors, verb, s, subs)
        if is_issued_text(s, verb) and actors.context is not None:
            # "the statement said": whoever issued the statement the text spoke of
            speaker = actors.context.quoted_speaker()
            if speaker is not None:
                how = f"issuer of the statement: {speaker.text}"
                words = s.doc[s.left_edge.i : s.right_edge.i + 1].text
                return [replace(speaker, text=words, start=actors.rel(s.left_edge), how=how)]
    if subs:
        return []
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "a citizen detained in Saudi Arabia": the noun is what was done to, not the doer
        return [r for a in passive_agent(verb) for r in actors.np_refs_with_conjuncts(a)]
    if verb.dep_ in {"relcl", "acl"}:
        refs = actors.np_refs(verb.head)
        if refs or verb.dep_ != "acl":
            return refs
        # "the decision by France to reduce visas": the noun's by-agent acts
        return [r for a in passive_agent(verb.head) for r in actors.np_refs_with_conjuncts(a)]
    if verb.dep_ == "ccomp" and _relative_object_said(verb.head):
        # "the officials, who it said met ...": the officials act; in the passive ("who
        # it said are linked to ...") they are what is done to, and the agent acts
        if any(c.dep_ == "auxpass" for c in verb.children):
            return [r for a in passive_agent(verb) for r in actors.np_refs_with_conjuncts(a)]
        return actors.np_refs_with_conjuncts(verb.head.head)
    if verb.dep_ in CLIMB_DEPS and verb.head.i != verb.i and depth < 4:
        head = coordinated_with(verb)
        hsubs, hpassive = subject_heads(head)
        if hpassive and verb.dep_ == "xcomp":
            return [r for s in hsubs for r in actors.np_refs_with_conjuncts(s)]
        return find_sources(actors, head, depth + _climb_cost(verb, head))
    return []


def _state_speaking_again(
    actors: SentenceActors, verb: Token, refs: list[ActorRef]
) -> list[ActorRef]:
    """A state named bare as the one speaker of a statement just after a body of that
    state spoke is that body speaking again ("Israel's army said ... the army statement
    said ... Israel said it hit": the army): news shortens a spokesman's body to its state
    once it has named it."""
    if len(refs) != 1 or verb.lemma_ not in REPORTING_LEMMAS or actors.context is None:
        return refs
    ref = refs[0]
    country, sector = country_and_sector(ref.code)
    speaker = actors.context.quoted_speaker()
    if sector is not None or ref.code != country or speaker is None:
        return refs
    spoken_for, body = country_and_sector(speaker.code)
    if spoken_for != country or body not in STATE_SECTORS:
        return refs
    how = f"the state's body that spoke before: {speaker.text}"
    return [replace(ref, code=speaker.code, how=how)]


def _climb_cost(verb: Token, head: Token) -> int:
    """How deep one step up from a verb to the clause it shares a subject with goes: a
    verb in a list of coordinated verbs is as deep as the list ("agreed to a pact, set up an
    office, halted propaganda and began to connect roads": each takes the one subject)."""
    return 0 if verb.dep_ == "conj" and head.dep_ == "conj" and head.i == verb.head.i else 1


def _bracketed_referent(actors: SentenceActors, pronoun: Token) -> list[ActorRef]:
    """The actor a bracket after a pronoun names, the writer's own resolution of it:
    "They (the Russians) fired first", "it (Iran) refused"; a bare state picks its member
    of the pair named before ("Indian and Chinese troops ... They (Chinese)": the troops)."""
    if pronoun.lower_ not in CLAUSE_PRONOUNS:
        return []
    pair = actors.context.recent_pair() if actors.context is not None else None
    members = {r.code[:3]: r.code for r in pair or []}
    for child in pronoun.children:
        before = pronoun.doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        if child.dep_ == "appos" and before is not None and before.text == "(":
            how = f"the bracket after the pronoun: {child.text}"
            return [
                replace(
                    r,
                    code=members.get(r.code, r.code),
                    text=pronoun.text,
                    start=actors.rel(pronoun),
                    how=how,
                )
                for r in actors.np_refs_with_conjuncts(child)
            ]
    return []


def _disagrees_with_governor(pronoun: Token, governor: Token) -> bool:
    """True when a subject pronoun cannot share the subject of the clause it hangs on:
    another personal pronoun ("it's our first meeting since he took office": not "it"),
    or, for a singular one, a plural phrase ("the ministers condemned the navy's actions
    after it fired on the boats")."""
    subs, _ = subject_heads(governor)
    for s in subs:
        if s.lower_ in SUBJECT_PRONOUNS and s.lower_ != pronoun.lower_:
            return True
        if pronoun.lower_ in SINGULAR_PRONOUNS and _plural_subject(s):
            return True
    return False


SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})


def _it_antecedent(actors: SentenceActors, pronoun: Token) -> ActorRef | None:
    """The state or organisation a subject "it" refers to: the latest subject of this
    sentence before it or of the previous sentence (not one named after it, as in "It
    said Armenian authorities must ... and warned": "it" is not the authorities)."""
    if pronoun.lower_ != "it" or actors.context is None:
        return None
    sent = pronoun.sent

    def plural_here(token: int) -> bool:  # "Officials of Vietnam thanked Japan after it ..."
        return sent.start <= token < sent.end and _plural_subject(sent.doc[token])

    recent = actors.context.recent_org(before=pronoun.i, reject=plural_here)
    return recent or _org_named_before(actors, pronoun)


def _possessor_of(token: Token) -> Token | None:
    """The possessor phrase a mention heads or modifies ("the Japanese navy" of "the
    Japanese navy's actions"), or None when the mention is no possessor."""
    while token.dep_ != "poss" and token.dep_ in NP_CLIMB_DEPS and token.head.i != token.i:
        token = token.head
    return token if token.dep_ == "poss" else None


def _org_named_before(actors: SentenceActors, pronoun: Token) -> ActorRef | None:
    """The state or organisation named last before a subject "it" in its own sentence,
    when no subject gave one: "the ministers deplored the navy's actions after it fired
    on the boats" (the navy); a person or a plural or coordinated phrase is no "it"."""
    for m in sorted(actors.actor_mentions, key=lambda m: -m.start):
        if m.end > actors.rel(pronoun) or actors._is_person(m):
            continue
        head = _possessor_of(actors.sent[m.start : m.end].root) or actors.np_head_of(m)
        if head.i >= pronoun.i or _plural_subject(head) or head.dep_ == "conj":
            continue
        refs = actors.np_refs(head)
        return refs[0] if len(refs) == 1 else None
    return None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def coordinated_with(verb: Token) -> Token:
    """The verb a conjunct is coordinated with: its head, unless the head is a bare
    infinitive inside a clause the conjunct's tense cannot join ("It said the authorities
    must be responsible and warned of retaliation": "warned" goes with "said", not with
    "be"), when it is the verb governing that clause."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in FINITE_TAGS or head.tag_ != "VB":
        return head
    if not any(c.dep_ == "aux" and c.tag_ in {"MD", "TO"} for c in head.children):
        return head
    outer = head.head
    if head.dep_ in {"ccomp", "xcomp"} and outer.i != head.i and outer.tag_ == verb.tag_:
        return outer
    return head


# Subject pronouns that a clause hung on a noun may take from the clause around it.
CLAUSE_PRONOUNS = frozenset({"it", "he", "she", "they"})
SINGULAR_PRONOUNS = frozenset({"it", "he", "she"})


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause a token stands in (None at the root of a verbless one)."""
    for _ in range(8):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _relative_object_said(verb: Token) -> bool:
    """True for the "said" of "the officials, who it said are ...": a relative clause
    whose relative pronoun is the subject of what is said, not an object of the verb."""
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in REPORTING_LEMMAS:
        return False
    kids = [c for c in verb.children if c.dep_ in {"nsubj", "dobj"}]
    return any(c.lower_ in RELATIVE_PRONOUNS for c in kids) and any(
        c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS for c in kids
    )


def _plural_subject(subject: Token) -> bool:
    return subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)


def _adnominal_pronoun_refs(
    actors: SentenceActors, verb: Token, pronoun: Token, depth: int
) -> list[ActorRef]:
    """The antecedent of a pronoun subject of a clause that modifies a noun: never that
    noun (the clause describes it) but the noun's named possessor ("Trump's statement that
    he preferred talks"), else the subject of the clause the noun stands in, the nearest
    that agrees in number ("the coast guard acknowledged its ships fired at the vessels,
    which it said strayed": the coast guard, not its ships)."""
    noun = verb.head
    for child in noun.children if verb.dep_ == "acl" else ():
        if child.dep_ == "poss" and child.lower_ not in PRONOUNS:
            refs = actors.np_refs_with_conjuncts(child)
            if refs:
                return refs
    clause = clause_verb(noun)
    while clause is not None and depth < 4:
        subs, passive = subject_heads(clause)
        singular = pronoun.lower_ in SINGULAR_PRONOUNS
        if subs and not passive and not (singular and any(_plural_subject(s) for s in subs)):
            return find_sources(actors, clause, depth + 1)
        clause, depth = clause_verb(clause), depth + 1
    return []


# Texts that "say" things for whoever issued them ("the statement said").
ISSUED_TEXTS = frozenset({"statement", "communique", "communiqué", "release", "readout"})


def is_issued_text(subject: Token, verb: Token) -> bool:
    """True for "the/this statement said": an issued text named without its issuer."""
    return (
        subject.lemma_.lower() in ISSUED_TEXTS
        and verb.lemma_ in REPORTING_LEMMAS
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in subject.children)
        and not any(c.dep_ in {"poss", "compound", "amod"} for c in subject.children)
    )


def _quoted_first_person(
    actors: SentenceActors, verb: Token, pronoun: Token, depth: int
) -> list[ActorRef]:
    """A quoted "we"/"I": the speaker the sentence names ("…we will not return," he said),
    else the speaker of the quotation begun in an earlier sentence."""
    if depth < 4 and verb.head.i != verb.i:
        refs = find_sources(actors, verb.head, depth + 1)
        if refs:
            return refs
    assert actors.context is not None
    speaker = actors.context.quoted_speaker()
    if speaker is None:
        return []
    how = f"speaker of the quotation: {speaker.text}"
    return [replace(speaker, text=pronoun.text, start=actors.rel(pronoun), how=how)]


def pronoun_refs(actors: SentenceActors, pronoun: Token) -> list[ActorRef]:
    """The actor a he/she refers to: the salient person of this or the previous
    sentences (coded or not: an uncoded antecedent gives no actor)."""
    if actors.context is None:
        return []
    tracker = actors.context.entities
    entity = tracker.resolve(pronoun.lower_, actors.context.sentence_number)
    if entity is None or entity.ref is None:
        return []
    ref = entity.ref
    # the pronoun is a mention of its antecedent in this sentence: a later "he" continues
    # the chain ("Biden ... He met Thuong. He then ...": Biden, not Thuong)
    tracker.add(entity.name, entity.surname, entity.gender, pronoun.dep_, ref)
    return [
        ActorRef(pronoun.text, ref.code, ref.name, actors.rel(pronoun), f"pronoun: {entity.name}")
    ]


OBJECT_PRONOUN_DEPS = frozenset({"dobj", "pobj", "dative"})


SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp"})


def _main_subject_person(actors: SentenceActors, pronoun: Token) -> ActorRef | None:
    """The person subject of the main clause, for a him/her inside a clause subordinate to
    it ("Singh returned after a trip that took him to the US", "Modi received the warmth
    extended to him by Biden"): a pronoun is not bound in its own clause, and the main
    clause's subject, named before it, is the most salient person of the sentence."""
    root = pronoun.sent.root
    clause, subordinate = clause_verb(pronoun), False
    while clause is not None and clause.i != root.i:
        subordinate = subordinate or clause.dep_ in SUBORDINATE_DEPS
        clause = clause_verb(clause)
    if clause is None or not subordinate:
        return None
    subs, passive = subject_heads(root)
    if passive or len(subs) != 1 or subs[0].i > pronoun.i:
        return None
    subject = subs[0]
    if subject.ent_type_ != "PERSON" and not actors._names_a_person(subject):
        return None
    gender = actors._gender(subject)
    if gender is not None and gender != THIRD_PERSON.get(pronoun.lower_):
        return None
    refs = actors.np_refs_with_conjuncts(subject)
    return refs[0] if len(refs) == 1 else None


def object_pronoun_ref(
    actors: SentenceActors,
    region: list[int],
    reject: Callable[[ActorRef], bool] | None = None,
) -> list[ActorRef]:
    """The person an object "him"/"her" among a verb's objects refers to ("The president
    hosted him at the palace"), never the clause's own source (``reject``)."""
    if actors.context is None:
        return []
    for i in sorted(region):
        if actors.cols.lower[actors.offset + i] not in {"him", "her"}:
            continue
        token = actors.sent[i]
        if token.dep_ not in OBJECT_PRONOUN_DEPS:
            continue
        main = _main_subject_person(actors, token)
        if main is not None and (reject is None or not reject(main)):
            return [replace(main, text=token.text, start=i, how=f"pronoun: {main.text}")]
        entity = actors.context.entities.resolve(
            token.lower_,
            actors.context.sentence_number,
            reject=lambda e: e.ref is None or (reject is not None and reject(e.ref)),
        )
        if entity is None or entity.ref is None:
            return []
        ref = entity.ref
        how = f"pronoun: {entity.name}"
        return [ActorRef(token.text, ref.code, ref.name, i, how)]
    return []


def find_targets(
    actors: SentenceActors,
    verb: Token,
    source_starts: set[int],
    is_coded_clause: Callable[[Token], bool] | None = None,
    reject: Callable[[ActorRef], bool] | None = None,
) -> list[ActorRef]:
    """Target actors of a verb: a passive's subject, else the first actor in its objects
    that ``reject`` does not refuse ("recalled the French ambassador from Iran": Iran)."""
    subs, passive = subject_heads(verb)
    if passive:
        refs = [r for s in subs for r in actors.np_refs_with_conjuncts(s)]
        if refs and (reject is None or not all(reject(r) for r in refs)):
            return refs
        # "Egyptian ports will be closed to Qatari ships": the source's own side is no
        # target; the one the act is aimed at stands among the objects
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and _subject_after_a_dateline(verb) is None:
        refs = [r for r in actors.np_refs(verb.head) if r.start not in source_starts]
        if refs:  # "sanctions imposed by the EU on Russia" aside, the noun is the patient
            return refs
    region: list[int] = []
    late: list[int] = []
    for child in verb.children:
        if passive and (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by")):
            continue
        named = _named_object(child)
        if named:  # "condemned what it called Z's aggression": Z's aggression
            region.extend(named)
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
    refs = _first_object_refs(actors, verb, region, reject)
    refs = [r for r in refs if r.start not in source_starts]
    pronoun = object_pronoun_ref(actors, region, reject)
    if pronoun and (not refs or pronoun[0].start < refs[0].start):
        return pronoun
    if refs:
        return refs
    owner = possessor_ref(actors, verb, region, reject)  # "fired at its posts"
    if owner:
        return owner
    pair = _pair_in(actors, region, reject)  # "calls on both sides to ..."
    if pair:
        return pair
    other = _reciprocal_other(actors, region, reject)  # "we talked to each other"
    if other:
        return other
    late_refs = actors.first_refs_in(sorted(late), reject=reject)
    return [r for r in late_refs if r.start not in source_starts]


# Verbs that give a name to what a free relative ("what they called ...") stands for.
NAMING_LEMMAS = frozenset({"call", "describe", "term", "label", "dub", "brand"})


def _named_object(clause: Token) -> list[int]:
    """The words naming a verb's object given as "what they called X" ("denounced what
    it termed Ruritania's provocations": Ruritania's provocations), as token indices;
    the clause's own subject and side clauses are left out. Empty for any other clause."""
    if clause.dep_ != "ccomp" or clause.lemma_.lower() not in NAMING_LEMMAS:
        return []
    if not any(c.dep_ == "dobj" and c.lower_ == "what" for c in clause.children):
        return []
    offset = clause.sent.start
    return [
        t.i - offset
        for c in clause.children
        if c.dep_ in {"oprd", "xcomp", "attr", "prep"}
        for t in c.subtree
    ]


def _first_object_refs(
    actors: SentenceActors,
    verb: Token,
    region: list[int],
    reject: Callable[[ActorRef], bool] | None,
) -> list[ActorRef]:
    """The first actor among a verb's objects, those after the verb before those of a
    phrase fronted before it: "During their meeting in New York, Ban voiced his regret to
    Barak" has Barak as its target, New York only as its setting."""
    after = sorted(i for i in region if i > actors.rel(verb))
    before = sorted(i for i in region if i < actors.rel(verb))
    return actors.first_refs_in(after, reject=reject) or actors.first_refs_in(before, reject=reject)


def _pair_in(
    actors: SentenceActors, region: list[int], reject: Callable[[ActorRef], bool] | None
) -> list[ActorRef]:
    """The pair named before that a "both sides"/"the two countries" among a verb's
    objects refers to, less any actor ``reject`` refuses (the clause's own source)."""
    for i in sorted(region):
        token = actors.sent[i]
        if token.lower_ != "they" and token.pos_ in {"NOUN", "NUM"} and actors.pair_meant(token):
            refs = actors.np_refs_with_conjuncts(token)
            return [r for r in refs if reject is None or not reject(r)]
    return []


def _reciprocal_other(
    actors: SentenceActors, region: list[int], reject: Callable[[ActorRef], bool] | None
) -> list[ActorRef]:
    """The other side of an "each other"/"one another" among a verb's objects: the
    members of the pair named before that are not the clause's own side (``reject``), as
    when a quoted "we" is its speaker ("we spent an hour talking to each other", said
    after meeting a counterpart: the counterpart)."""
    if actors.context is None:
        return []
    for i in sorted(region):
        token = actors.sent[i]
        if token.lower_ not in {"other", "another"} or i == 0:
            continue
        if actors.sent[i - 1].lower_ not in {"each", "one"}:
            continue
        pair = actors.context.recent_pair() or []
        how = "each other: the other of the pair named before"
        return [
            replace(r, text=actors.sent[i - 1 : i + 1].text, start=i - 1, how=how)
            for r in pair
            if reject is None or not reject(r)
        ]
    return []


def possessor_ref(
    actors: SentenceActors,
    verb: Token,
    region: list[int],
    reject: Callable[[ActorRef], bool] | None,
) -> list[ActorRef]:
    """The owner an "its"/"their" among a verb's objects names: in reported speech the
    speaker ("India said Pakistani troops fired at its posts"), else the state or body
    that was the subject of this or the previous sentence; never the clause's source."""
    if actors.context is None:
        return []
    for i in sorted(region):
        token = actors.sent[i]
        if token.lower_ not in {"its", "their"} or token.dep_ != "poss":
            continue
        if token.head.dep_ == "conj":
            return []  # "aid workers and their pilots": the owner is the first conjunct
        owners = reporter_of(actors, verb)
        org = actors.context.recent_org()
        if not owners and org is not None:
            owners = [org]
        how = "possessive pronoun: {}"
        return [
            ActorRef(token.text, o.code, o.name, i, how.format(o.text))
            for o in owners
            if reject is None or not reject(o)
        ]
    return []


# Clauses whose act may be aimed at the other state of the pair when it names no target:
# the main clause and a clause reported by it ("Delhi said its troops had retaliated"),
# and, once earlier sentences have named the pair, a side clause ("..., rejecting it").
PAIR_CLAUSES = frozenset({"ROOT", "conj", "ccomp"})
SIDE_CLAUSES = frozenset({"advcl"})


def other_state_of_pair(
    actors: SentenceActors,
    source: ActorRef,
    verb: Token,
    modality: str,
    counterparts: bool = False,
) -> list[ActorRef]:
    """ "India retaliated by launching air strikes on camps in Balakot", "Serbia made new
    threats": in a text about a pair of states, an act of one of them that names no target
    is aimed at the other; not a denied or hypothetical act, nor one of a state's people.
    A meeting (``counterparts``) of a state's officers is with their counterparts of the
    other state ("the commanders held meetings": with the other side's commanders)."""
    if actors.context is None or verb.dep_ not in PAIR_CLAUSES | SIDE_CLAUSES:
        return []
    if modality in {"negated", "hypothetical"}:
        return []
    country, sector = country_and_sector(source.code)
    if sector is not None and sector not in STATE_SECTORS:
        return []  # protesters or insurgents act on what the sentence names, not the pair
    other = actors.context.other_side(country) if country else None
    if other is None:
        return []
    if verb.dep_ in SIDE_CLAUSES and not actors.context.named_before(other):
        return []  # a side clause's act goes to a pair the text established, not one named here
    how = "the other state of the pair the text is about"
    code = combine_codes(other, [sector]) if counterparts and sector else other
    return [ActorRef(other, code, None, actors.rel(verb), how)]


# How a phrase is resolved when nothing in it names its country.
GUESSED_HOWS = frozenset({"document's country", "place the sentence names"})


def guessed(refs: list[ActorRef]) -> bool:
    """True when every actor of a phrase only took the document's (or place's) country."""
    return all(r.how in GUESSED_HOWS for r in refs)


def _owned_by_it(noun: Token) -> bool:
    """True for a noun with "its"/"their" before it."""
    return any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in noun.children)


def reporter_of(actors: SentenceActors, verb: Token) -> list[ActorRef]:
    """Who reports a clause: the source of the verb of saying whose that-clause (or a
    conjunct of it) the verb is ("India said Pakistani troops fired ..."), else nobody."""
    head = verb
    while head.dep_ in {"ccomp", "conj"} and head.head.i != head.i:
        head = head.head
        if head.lemma_ in REPORTING_LEMMAS:
            return find_sources(actors, head)
    return []


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
