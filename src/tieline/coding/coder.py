"""The event coder: spaCy parses + compiled dictionaries -> coded events."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from tieline.coding import ontology
from tieline.coding.act_kinds import (
    ABDUCT,
    RALLY,
    RIOT,
    SEIZE_PROPERTY,
    protest_gathering,
    protesters,
    rioting,
    takes_people,
)
from tieline.coding.actors import (
    COERCION_ROOTS,
    STATE_SECTORS,
    ActorIndex,
    Mention,
    PhraseIndex,
    country_and_sector,
    same_actor,
    same_side,
)
from tieline.coding.clause_scope import (
    clause_end,
    complement_targets,
    is_near_object,
    is_place,
    is_topic_of_joint_act,
    refers_back,
)
from tieline.coding.clauses import (
    ACCUSING_LEMMAS,
    CLAUSE_LEMMAS,
    REFUSE_TALKS,
    REPORTING_LEMMAS,
    SPECIALISED_ROOTS,
    THREAT_ROOT,
    characterisation,
    clause_code,
    complement_of,
    dismissed_talks,
    prep_object,
    stated_intent,
    supersedes,
)
from tieline.coding.confidence import event_confidence
from tieline.coding.countries import is_state_head
from tieline.coding.dating import (
    DateMention,
    event_date,
    in_narrative_year,
    names_a_thing,
    narrative_reference,
    sentence_dates,
    stated_count,
)
from tieline.coding.dictionaries import DictionarySet
from tieline.coding.discourse import (
    ScannedSentence,
    author_organisation,
    note_acronyms,
    note_event_pair,
    note_groups,
    note_pair,
    note_subject,
)
from tieline.coding.explain import describe_pattern, is_family_default, sentence_trace
from tieline.coding.explain import ref_note as _ref_note
from tieline.coding.modality import modality_of, refrained_from
from tieline.coding.nouns import (
    EVENT_NOUNS,
    NounEvent,
    carrier_of,
    noun_events,
    pobj_refs,
    setting_events,
)
from tieline.coding.syntax import (
    DOMESTIC_SECTORS,
    PASSIVE_SUBJECT_DEPS,
    ActorRef,
    DocumentContext,
    SentenceActors,
    accusing_verb,
    find_sources,
    find_targets,
    inside_a_name,
    other_state_of_pair,
    quotation_open_after,
    ref_at,
    reporter_of,
)
from tieline.coding.verbs import CodePair, PatternMatch, VerbHit, VerbIndex
from tieline.model import Actor, CodingResult, Document, Event, EventDate
from tieline.nlp.language import detect_language
from tieline.nlp.pipeline import BATCH_SIZE, load_pipeline
from tieline.nlp.token_columns import document_persons, span_text, token_columns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

DEFAULT_DICTIONARIES = "phoenix.tldict.gz"
T = TypeVar("T")
# Verbs whose subject speaks the sentence's quotation ("…," Zarif continued).
SPEAKING_LEMMAS = REPORTING_LEMMAS | frozenset(
    "continue note warn explain reply respond speak".split()
)
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
NOUN_LEMMAS = frozenset(lemma.upper() for lemma in EVENT_NOUNS) | {
    "INVITATION",
    "TALKS",
    "AIR-STRIKE",
    "STRIKE",
    "RAIDS",
    "EXERCISES",
    "DRILLS",
}


@lru_cache(maxsize=1)
def default_dictionaries() -> DictionarySet:
    """The Phoenix dictionaries shipped inside the package, in tieline's own format."""
    ref = resources.files("tieline.data").joinpath(DEFAULT_DICTIONARIES)
    with resources.as_file(ref) as path:
        return DictionarySet.load(path)


@dataclass(frozen=True)
class RawEvent:
    """An event as coded from one sentence, before dates and provenance are attached."""

    source: ActorRef
    target: ActorRef
    code: str
    verb: str
    verb_index: int
    modality: str
    pattern: str = ""
    origin: str = "rules"  # "model": produced by the event-type model (tieline.eventtype)
    adjust: float = 0.0  # confidence moved by the event-type model's opinion


# CAMEO 011, "decline comment": the clause of what is not said is no event.
DECLINE_COMMENT = "011"


class Coder:
    """Codes documents into events with a spaCy pipeline and a set of dictionaries."""

    def __init__(
        self,
        dictionaries: DictionarySet | None = None,
        model: str | None = None,
        nlp: Language | None = None,
        temporal_discards: bool = False,
        second_opinion: Any = None,
    ) -> None:
        """``temporal_discards``: honour discards that are time phrases ("YEARS AGO",
        "1914"), which PETRARCH dictionaries use to skip historical events they could not
        date; tieline dates events from the text, so by default it ignores them.
        ``second_opinion``: a ``tieline.eventtype.hybrid.SecondOpinion`` that revises each
        sentence's rule events with the event-type model (None: the rules alone)."""
        self.second_opinion = second_opinion
        self.dictionaries = dictionaries if dictionaries is not None else default_dictionaries()
        self._model = model
        self._nlp = nlp
        d = self.dictionaries
        self.actors = ActorIndex(d.actors, d.agents)
        self.verbs = VerbIndex(d.verbs)
        # when a list, each coded sentence appends what the coder saw and decided
        self.trace: list[dict[str, Any]] | None = None
        self._verb_trace: list[dict[str, Any]] = []
        self._consumed: set[int] = set()  # complement verbs whose events are only asked for
        self._mentions_doc: Doc | None = None
        self._mentions_start = -1
        self._last_actors: SentenceActors | None = None
        self._mentions: list[Mention] = []
        self.sentence_discards = PhraseIndex()
        self.story_discards = PhraseIndex()
        for i, entry in enumerate(d.discards):
            if not temporal_discards and is_temporal_phrase(entry.words):
                continue
            (self.story_discards if entry.story else self.sentence_discards).add(entry.words, i)
        self.sentence_discards.freeze()
        self.story_discards.freeze()
        self.issue_phrases = PhraseIndex()
        for i, issue in enumerate(d.issues):
            self.issue_phrases.add(issue.words, i)
        self.issue_phrases.freeze()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = load_pipeline(self._model)
        return self._nlp

    # ------------------------------------------------------------------ documents

    def code_text(
        self, text: str, published: str | None = None, title: str | None = None
    ) -> CodingResult:
        """Code one text; ``published`` (YYYY-MM-DD) dates its events."""
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()
        document = Document(id=doc_id, body=text, title=title, published=published)
        return next(self.code_documents([document]))

    def code_documents(
        self, documents: Iterable[Document], batch_size: int = BATCH_SIZE
    ) -> Iterator[CodingResult]:
        """Code documents through ``nlp.pipe`` in batches, yielding one result each, in order.

        A document not in English (``detect_language``) gets its ``language`` and no events,
        without being parsed. Long bodies are parsed in paragraph-aligned chunks of at most
        ``MAX_CHUNK_CHARS`` characters, so memory stays bounded whatever a document's size.
        """
        english: list[Document] = []
        for document in documents:
            if document.language == "en":
                document.language = detect_language(document.body)
            if document.language == "en":
                english.append(document)
                if len(english) >= batch_size:
                    yield from self._code_english(english, batch_size)
                    english = []
                continue
            yield from self._code_english(english, batch_size)
            english = []
            yield CodingResult(document, [], [])
        yield from self._code_english(english, batch_size)

    def _code_english(self, documents: list[Document], batch_size: int) -> Iterator[CodingResult]:
        if not documents:
            return

        def chunks() -> Iterator[tuple[str, tuple[Document, int, int]]]:
            for document in documents:
                parts = split_body(document.body)
                for k, part in enumerate(parts):
                    yield part, (document, k, len(parts))

        state = _DocState()
        for batch in char_batches(chunks(), batch_size, MAX_BATCH_CHARS):
            parsed_batch = self.nlp.pipe(batch, batch_size=len(batch), as_tuples=True)
            for parsed, (document, k, n) in parsed_batch:
                if k == 0:
                    state = _DocState(DocumentContext([a.name for a in document.authors]))
                    state.context.author_org = author_organisation(self.actors, document)
                self.code_parsed(parsed, document, state)
                if k == n - 1:
                    events = [] if state.discarded else state.events
                    yield CodingResult(document, events, state.sentence_texts)

    def code_parsed(
        self, parsed: Doc, document: Document, state: _DocState | None = None
    ) -> list[Event]:
        """Events of a parsed document (or of one chunk of it, given the running state)."""
        state = state if state is not None else _DocState()
        columns = token_columns(parsed)
        words = [w.upper() for w in columns.text]
        lemmas = [lemma.upper() for lemma in columns.lemma]
        tags = columns.tag
        if state.discarded or self.story_discards.scan(words):
            state.discarded = True
            state.sentence_texts.extend(s.text.strip() for s in parsed.sents)
            return []
        anchor = _parse_date(document.published)
        first = len(state.events)
        people = _people_by_sentence(parsed)
        for sent in parsed.sents:
            index = len(state.sentence_texts)  # the document's sentence number
            state.context.sentence_number = index
            state.context.entities.sentence = index
            if _starts_paragraph(sent):
                state.paragraph = []
                state.context.entities.paragraph += 1
                state.context.quote_open = False
            span = slice(sent.start, sent.end)
            self._note_countries(sent, words[span], document.published, state.context)
            scanned = ScannedSentence(
                self.actors, sent, words[span], self._scan(sent, words[span]), document.published
            )
            note_groups(scanned, state.context)
            self._verb_trace = []
            raws = self.code_sentence(
                sent, document.published, words[span], lemmas[span], tags[span], state.context,
                story_checked=True,  # the whole document was scanned above
            )  # fmt: skip
            if self.second_opinion is not None:
                trace = self._verb_trace if self.trace is not None else None
                raws = self.second_opinion.revise(
                    self, sent, raws, words[span], document.published, state.context, trace
                )
            first_event = len(state.events)
            text = span_text(sent)
            if raws:
                self._add_events(
                    raws, sent, text, index, document, anchor, state, words, lemmas, tags
                )
            if self.trace is not None:
                self.trace.append(
                    sentence_trace(sent, index, anchor, self._verb_trace, raws,
                                   state.events[first_event:])
                )  # fmt: skip
            note_event_pair(raws, state.context)
            self._note_speaker(sent, lemmas[span], state.context)
            state.context.quote_open = quotation_open_after(sent, state.context.quote_open)
            note_pair(
                self.actors, sent, scanned.words, scanned.mentions, scanned.date, state.context
            )
            note_subject(scanned, state.context)
            note_acronyms(scanned, state.context)
            persons = people.get(sent.start, [])
            if persons:
                self._resolve_persons(sent, persons, document.published, words[span], state.context)
                state.context.entities.observe(persons, index, state.context.persons)
            else:
                state.context.entities.sentence = index
            state.paragraph.append(sent)
            state.sentence_texts.append(text.strip())
        return state.events[first:]

    def _note_speaker(self, sent: Span, lemmas: list[str], context: DocumentContext) -> None:
        """Remember who speaks in this sentence (the one actor of a verb of saying), the
        referent of a quoted "we" in the sentences that continue the quotation."""
        stated = "STATEMENT" in lemmas
        if not stated and not any(lemma.lower() in SPEAKING_LEMMAS for lemma in lemmas):
            return  # no verb of saying: the tokens need not be read
        actors = self._actors_of(sent)
        if actors is None:
            return
        for tok in sent:
            if (tok.lemma_ in SPEAKING_LEMMAS and tok.pos_ == "VERB") or (
                stated and _acts_in_a_statement(tok)
            ):
                refs = find_sources(actors, tok)
                if len(refs) == 1:
                    context.speaker = (refs[0], context.sentence_number)
                    return

    def _add_events(
        self,
        raws: list[RawEvent],
        sent: Span,
        text: str,
        index: int,
        document: Document,
        anchor: date | None,
        state: _DocState,
        words: list[str],
        lemmas: list[str],
        tags: list[str],
    ) -> None:
        span = slice(sent.start, sent.end)
        mixed = [
            lem if tag.startswith("NN") else w
            for w, lem, tag in zip(words[span], lemmas[span], tags[span], strict=True)
        ]
        issues = self._issues(mixed)
        dates = sentence_dates(sent, anchor, text) if anchor else []
        if anchor and any(m.resolved.precision == "day" for m in dates):
            earlier = _earlier_dates(state.paragraph, anchor, state.dates)
            dates = in_narrative_year(dates, narrative_reference(earlier, sent.doc), anchor)
        state.dates[sent.start] = dates
        context = (
            None if dates or not anchor else _paragraph_date(state.paragraph, anchor, state.dates)
        )
        for raw in raws:
            verb = sent[raw.verb_index]
            future = raw.modality == "future"
            when = event_date(verb, dates, context, document.published, future)
            count = stated_count(verb)
            state.events.append(
                self._event(raw, text.strip(), index, document, issues, when, count)
            )

    # ------------------------------------------------------------------ sentences

    def code_sentence(
        self,
        sent: Span,
        date: str | None = None,
        words: list[str] | None = None,
        lemmas: list[str] | None = None,
        tags: list[str] | None = None,
        context: DocumentContext | None = None,
        story_checked: bool = False,
    ) -> list[RawEvent]:
        """Code one parsed sentence into raw events (any code, any modality).

        ``words``, ``lemmas`` and ``tags`` (upper-case text, lemmas, and tags of the
        sentence's tokens) may be passed in when the caller has them already.
        """
        words = words if words is not None else [t.text.upper() for t in sent]
        lemmas = lemmas if lemmas is not None else [t.lemma_.upper() for t in sent]
        tags = tags if tags is not None else [t.tag_ for t in sent]
        verbs = [
            (sent[rel], rel, hits)
            for rel, tag in enumerate(tags)
            if tag in VERB_TAGS and (hits := self.verbs.find(words, lemmas, rel))
        ]
        has_nouns = not NOUN_LEMMAS.isdisjoint(lemmas)
        if not verbs and not has_nouns:
            return []
        if self.sentence_discards.scan(words):
            return []
        if not story_checked and self.story_discards.scan(words):
            return []
        actors = self.sentence_actors(sent, words, date, context)
        self._last_actors = actors
        if (
            not actors.actor_mentions
            and not actors.agent_mentions
            and not actors.acronym_mentions
            and not refers_back(sent, context)
            and not (has_nouns and context is not None and len(context.countries) > 1)
        ):
            return []
        out: list[RawEvent] = []
        seen: set[tuple[str, str, str]] = set()
        self._consumed = set()
        self._complements: dict[int, Token] = {}
        self._superseded: dict[int, int] = {}  # intention verb -> its action verb
        self._intents: set[int] = set()  # verbs whose event is a stated intention (03x)
        self._dismissed: dict[int, Token] = {}  # verb of saying -> the talks it calls futile
        self._untargeted: list[tuple[int, ActorRef]] = []  # accusable acts with no target
        for tok, rel, hits in verbs:
            if rel in actors.actor_at:
                continue
            for raw in self._code_verb(tok, rel, hits, words, lemmas, actors):
                key = (raw.source.code, raw.target.code, raw.code)
                if key not in seen:
                    seen.add(key)
                    out.append(raw)
        if self._consumed:  # "urged X to withdraw": the withdrawal did not happen
            out = [r for r in out if r.verb_index not in self._consumed]
        # "Iran denied that it had supplied drones": the denial (016), not the supply
        out = [r for r in out if not _denied(sent[r.verb_index])]
        if self._intents:  # "ready to work with Cuba to expand cooperation": a goal
            out = [r for r in out if not _purpose_of(sent[r.verb_index], self._intents)]
        if self._superseded:  # "decided to recall": one event, the recall
            acted = {r.verb_index for r in out}
            out = [r for r in out if self._superseded.get(r.verb_index) not in acted]
        if has_nouns:
            nouns = self._noun_events(actors, out)
            if nouns:  # "declared the recall of its envoy": the recall, not a statement
                light = {(n.source.code, n.verb_index) for n in nouns}
                out = [r for r in out if r.verb_index not in self._attack_subjects]
                out = [
                    r
                    for r in out
                    # a family's default code ("imposed": 170) gives way to the noun's
                    if (r.code[:2] not in {"01", "03", "05"} and not is_family_default(r.pattern))
                    or (r.source.code, r.verb_index) not in light
                ]
            # "agreed to resume talks": the talks are what was agreed, not held
            out.extend(n for n in nouns if n.verb_index not in self._consumed)
        out = [r for r in out if not _stopped(sent[r.verb_index])]
        untargeted = [
            (rel, doer)
            for rel, doer in self._untargeted
            if rel not in self._consumed and not _denied(sent[rel]) and not _stopped(sent[rel])
        ]
        out = refusals(speakers_acts(out, sent, actors, untargeted), sent)
        return one_event_per_act(unofficial_channels(out, sent), sent)

    def sentence_actors(
        self, sent: Span, words: list[str], date: str | None, context: DocumentContext | None
    ) -> SentenceActors:
        """The actor and agent mentions of a parsed sentence (``words``: its upper-case text)."""
        return SentenceActors(sent, words, self.actors, date, context, self._scan(sent, words))

    def _actors_of(self, sent: Span) -> SentenceActors | None:
        """The mentions ``code_sentence`` found for this very sentence, if it got that far."""
        actors = self._last_actors
        if actors is None or actors.sent.start != sent.start or actors.sent.doc is not sent.doc:
            return None
        return actors

    def _noun_events(self, actors: SentenceActors, verb_events: list[RawEvent]) -> list[RawEvent]:
        """Events of event nouns that the verbs of the sentence did not already give."""
        done = {(r.source.code, r.target.code, r.code[:2]) for r in verb_events}
        out: list[RawEvent] = []
        self._attack_subjects: set[int] = set()
        found = noun_events(actors, find_sources)
        dismissed = {t.i for t in self._dismissed.values()}
        for ne in found + setting_events(actors, verb_events, {n.noun.i for n in found}):
            if same_side(ne.source.code, ne.target.code, ne.code) or ne.noun.i in dismissed:
                continue  # talks called futile are refused, not held
            if ne.noun.dep_ == "nsubj" and ne.code[:2] in {"18", "19", "20"}:
                # "Israeli air strikes on Gaza killed ...": the strike says how, not "kill"
                done.discard((ne.source.code, ne.target.code, ne.code[:2]))
                self._attack_subjects.add(actors.rel(ne.noun.head))
            intent = stated_intent(ne.anchor, ne.code) if ne.anchor is not ne.noun else None
            if intent is not None:  # "is ready to hold talks": an intention to meet (036)
                if ne.source.start not in {r.start for r in find_sources(actors, ne.anchor)}:
                    continue  # the intention is the subject's, not the other side's
                ne = replace(ne, code=intent, modality="asserted")
            key = (ne.source.code, ne.target.code, ne.code[:2])
            if key in done:
                self._refine_light_verb(ne, actors.rel(ne.anchor), verb_events)
                continue
            done.add(key)
            pattern = f"event noun {ne.noun.text!r} ({ne.rule})"
            if self.trace is not None:
                self._verb_trace.append(
                    {"verb": ne.noun.text, "token": actors.rel(ne.noun), "family": "EVENT NOUN",
                     "pattern": pattern, "decision": "1 event(s)",
                     "sources": [_ref_note(ne.source)]}
                )  # fmt: skip
            out.append(
                RawEvent(ne.source, ne.target, ne.code, ne.noun.text.lower(),
                         actors.rel(ne.anchor), ne.modality, pattern)
            )  # fmt: skip
        return out

    @staticmethod
    def _refine_light_verb(ne: NounEvent, anchor: int, verb_events: list[RawEvent]) -> None:
        """A light verb's event takes its object noun's finer code of the same root
        ("conducted joint drills": 062, not the verb's 060)."""
        for k, raw in enumerate(verb_events):
            if (
                raw.verb_index == anchor
                and raw.code[:2] == ne.code[:2]
                and raw.code != ne.code
                and raw.code.endswith("0")
                and (raw.source.code, raw.target.code) == (ne.source.code, ne.target.code)
            ):
                verb_events[k] = replace(raw, code=ne.code)

    def _note_countries(
        self, sent: Span, words: list[str], date: str | None, context: DocumentContext
    ) -> None:
        """Count the countries a sentence names, once, for the document's focus."""
        for m in self._scan(sent, words):
            if not inside_a_name(sent, m):
                for code in self.actors.actor_code(m.payload, date):
                    context.note_country(code)

    def _scan(self, sent: Span, words: list[str]) -> list[Mention]:
        """The actor phrases of a sentence, scanned once and shared by every step."""
        doc = sent.doc
        if self._mentions_doc is not doc or self._mentions_start != sent.start:
            # the Doc itself is kept, not its id(): a freed Doc's id is reused by the next
            self._mentions_doc, self._mentions_start = doc, sent.start
            self._mentions = self.actors.actor_phrases.scan(words)
        return self._mentions

    def _resolve_persons(
        self,
        sent: Span,
        persons: list[Span],
        date: str | None,
        words: list[str],
        context: DocumentContext,
    ) -> None:
        """Resolve the people a sentence names that no event has resolved yet, so that
        later pronouns and surnames find them ("Ms Wong, Australia's foreign minister,
        arrived on Monday. She met ...")."""
        pending = [e for e in persons if e.text.upper() not in context.persons]
        if not pending:
            return
        actors = self._actors_of(sent) or self.sentence_actors(sent, words, date, context)
        for ent in pending:
            actors.np_refs(ent.root)

    def _code_verb(
        self,
        verb: Token,
        rel: int,
        hits: list[VerbHit],
        words: list[str],
        lemmas: list[str],
        actors: SentenceActors,
    ) -> list[RawEvent]:
        note: dict[str, Any] = {
            "verb": verb.text,
            "token": rel,
            "family": hits[0].family.family.name,
        }
        if self.trace is not None:
            self._verb_trace.append(note)
        accuser = accusing_verb(verb)
        if (
            verb.dep_ == "pcomp"
            and carrier_of(verb) is None
            and not _means_or_time(verb)
            and accuser is None
            and refrained_from(verb) is None
        ):
            note["decision"] = "verb is the object of a preposition: not an event"
            return []
        match = self._match_in_clause(verb, hits, words, actors.offset)
        if match is None or match.code.suppress:
            note["decision"] = (
                "no pattern of the family matched"
                if match is None
                else (f"pattern {describe_pattern(match)} says: no event")
            )
            return []
        note["pattern"] = describe_pattern(match)
        match = self._clause_meaning(verb, words, lemmas, actors, match, note)
        sources = find_sources(actors, verb)
        if accuser is not None:
            note["clause"] = f"what {accuser.text!r} says was done: coded as reported"
        if match.source_at is not None:
            sources = ref_at(actors, *match.source_at) or sources
        if not sources and (
            code_root(match.code.forward) in STATE_ACT_ROOTS
            or match.code.forward in STATE_ACT_CODES
        ):
            sources = _announcing_state(actors, verb)
        if not sources and code_root(match.code.forward) in {"18", "19", "20"}:
            # "a mortar bomb was fired at Israel from the Gaza Strip": force said in
            # the passive without an agent comes from the place it was fired from
            sources = _fired_from(actors, verb)
            if sources:
                note["clause"] = "force fired from a place: the place's side acts"
        if not sources:
            note["decision"] = "no actor acts (no coded subject)"
            return []  # no actor acts: nothing to code (most verbs of a text)
        note["sources"] = [_ref_note(r) for r in sources]
        killers = _killers_of(actors, verb)
        if killers and match.code.forward:
            # "its soldiers died in firing by Indian troops": the dead are the target
            note["clause"] = "the dead are the victims of the agent of what killed them"
            modality = modality_of(verb)
            events = [
                RawEvent(k, v, match.code.forward, verb.text.lower(), rel, modality)
                for k in killers
                for v in sources
                if not self._same_side(actors, k, v, match.code.forward)
            ]
            note["decision"] = f"{len(events)} event(s)"
            return [replace(e, pattern=note["pattern"]) for e in events]
        if verb.lemma_.lower() == "protest" and code_root(match.code.forward) == "14":
            if all(_speaks_for_a_state(actors, r) for r in sources):
                # a government's protest is a diplomatic complaint, not a street protest
                match = replace(match, code=CodePair("114", None))
                note["clause"] = "a state protests: a diplomatic complaint (114)"
        if code_root(match.code.forward) == "04" and protest_gathering(verb, sources):
            # "thousands gathered outside the embassy, chanting slogans": a rally (141)
            match = replace(match, code=CodePair(RALLY, None))
            note["clause"] = "a gathering to protest: a demonstration (141)"
        if match.code.forward == SEIZE_PROPERTY and takes_people(verb):
            # "gunmen seized three aid workers": people taken are abducted (codebook 181),
            # property seized is 171
            match = replace(match, code=CodePair(ABDUCT, None))
            note["clause"] = "people are taken: an abduction (181)"
        if sources and all(map(protesters, sources)) and rioting(match.code.forward):
            # "protesters stormed the embassy", "demonstrators set cars on fire": a protest
            # that turns violent is a riot (codebook 145), not an armed attack (18-19)
            match = replace(match, code=CodePair(RIOT, None))
            note["clause"] = "protesters use force: a violent protest (145)"
        events = self._verb_events(verb, rel, hits, words, actors, match, sources)
        if accuser is not None:
            events = [replace(e, modality="reported") for e in events]
        note["decision"] = f"{len(events)} event(s)" if events else "no target actor"
        if not events and match.code.forward in ACCUSED_CODES and modality_of(verb) == "asserted":
            # "Serbia said Kosovo had violated the accord": defying an agreement has no
            # victim to find, but stating it still accuses its doer (see speakers_acts);
            # an attack with no target found is a target missed, not an accusation
            self._untargeted.extend((rel, s) for s in sources)
        return [replace(e, pattern=note["pattern"]) for e in events]

    def _clause_meaning(
        self,
        verb: Token,
        words: list[str],
        lemmas: list[str],
        actors: SentenceActors,
        match: PatternMatch,
        note: dict[str, Any],
    ) -> PatternMatch:
        """Refine an appeal, intent or demand by what it is for ("urged X to withdraw" is
        0256); the complement's own event is then only its content (see clauses.py)."""
        code = match.code.forward
        talks = dismissed_talks(verb)
        if talks is not None:
            self._dismissed[verb.i] = talks
            note["clause"] = f"{talks.text!r} called futile: a refusal to negotiate (125)"
            return replace(match, code=CodePair(REFUSE_TALKS, None))
        judged = characterisation(verb)
        if judged is not None:
            # "called the shelling unprovoked": a judgement of the shelling's authors
            note["clause"] = f"a characterisation: {judged or 'no event'}"
            return replace(match, code=CodePair(judged or None, None))
        if code == DECLINE_COMMENT:
            # "declined to confirm that China seized the ship": what is not said is no event
            unsaid = complement_of(verb)  # not the verbs conjoined with it ("but summoned")
            if unsaid is not None:
                said = [unsaid] + [
                    t
                    for c in unsaid.children
                    if c.dep_ in {"ccomp", "xcomp"}
                    for t in c.subtree
                    if t.pos_ in {"VERB", "AUX"}
                ]
                self._consumed.update(actors.rel(t) for t in said)
            note["clause"] = "declining comment: what is not said is no event"
            return match
        intent = stated_intent(verb, code) if code else None
        if intent is not None:
            self._intents.add(verb.i)
            note["clause"] = (
                f"readiness to act ({verb.head.text!r}): an intention, {code} -> {intent}"
            )
            return replace(match, code=CodePair(intent, None))
        if verb.lemma_.lower() in ACCUSING_LEMMAS:
            claim = next((c for c in verb.children if c.dep_ == "ccomp"), None)
            if (
                claim is not None
                and _own_act(claim)
                and verb.lemma_.lower() == "claim"
                and modality_of(claim) in {"asserted", "reported"}
                and code_root(self._code_of_verb(claim, words, lemmas, actors)) in ACCUSED_ROOTS
            ):
                # "the US claimed that they had attacked Iraq": a claim of its own
                # (past) act of force is a claim of responsibility (015) for it
                self._consumed.add(actors.rel(claim))
                self._complements[verb.i] = claim
                note["clause"] = f"a claim of its own act {claim.text!r}: responsibility (015)"
                return replace(match, code=CodePair("015", None))
            if claim is not None and _own_act(claim):
                # "both sides claim they will not use force": a statement of their own
                # course, coded by what it states, not an accusation of anyone
                note["clause"] = f"a claim about its own act {claim.text!r}: no accusation"
                return replace(match, code=CodePair(None, None))
            if claim is not None:  # the claimed event itself is coded as reported
                self._complements[verb.i] = claim
                note["clause"] = f"a claim about {claim.text!r}: an accusation (112)"
                return replace(match, code=CodePair("112", None))
        reporting = verb.lemma_.lower() in CLAUSE_LEMMAS
        if not code or (code[:2] not in SPECIALISED_ROOTS | {"01", THREAT_ROOT} and not reporting):
            return match

        def code_of(token: Token) -> str | None:
            return self._code_of_verb(token, words, lemmas, actors)

        new, complement = clause_code(code, verb, code_of)
        if complement is None:
            action = supersedes(code, verb, code_of)
            if action is not None:
                self._superseded[actors.rel(verb)] = actors.rel(action)
                note["clause"] = f"{action.text!r} is the event itself: {code} not coded beside it"
            return match
        self._consumed.add(actors.rel(complement))
        self._complements[verb.i] = complement
        note["clause"] = f"{complement.text!r} is what is asked or promised: {code} -> {new}"
        return replace(match, code=CodePair(new, None))

    def _code_of_verb(
        self, token: Token, words: list[str], lemmas: list[str], actors: SentenceActors
    ) -> str | None:
        """The forward code a verb's own pattern gives, if any."""
        inner = self._verb_match(token, words, lemmas, actors.offset)
        return inner.code.forward if inner is not None else None

    def _verb_events(
        self,
        verb: Token,
        rel: int,
        hits: list[VerbHit],
        words: list[str],
        actors: SentenceActors,
        match: PatternMatch,
        sources: list[ActorRef],
    ) -> list[RawEvent]:
        """Events of a matched verb given its sources: targets, compounds, both ways."""
        hit = hits[0]
        source_starts = {r.start for r in sources}
        if match.compound and len(sources) > 1:
            return self._compound_events(sources, match.code, verb, rel, words, hit)
        # "stormed an army base, killing four soldiers": the killing's victims are the raid's
        raid_victims = _consequence(verb) and code_root(match.code.forward) in VIOLENT_ROOTS
        actors.avoid = frozenset(s.code[:3] for s in sources)
        actors.home, actors.home_sectors = _home_of(sources, match.code.forward, raid_victims)
        targets = find_targets(
            actors,
            verb,
            source_starts,
            self._is_coded_clause,
            reject=lambda t: all(
                self._same_side(actors, s, t, match.code.forward) for s in sources
            ),
        )
        actors.avoid, actors.home, actors.home_sectors = frozenset(), None, frozenset()
        complement = self._complements.get(verb.i)
        if not targets and complement is not None:
            targets = complement_targets(actors, complement, source_starts)
        if match.target_at is not None:
            marked = ref_at(actors, *match.target_at)
            if marked:
                if {r.start for r in marked} & source_starts and verb.head.i != verb.i:
                    sources = find_sources(actors, verb.head)
                targets = marked
        if match.code.forward is None and match.code.reverse:
            # "faces pressure from Congress to help Iran", "received assurances from
            # the government": the giver is the "from" phrase, whoever else is named
            giver = _from_phrase(verb)
            if giver is not None:
                targets = [
                    r for r in actors.np_refs_with_conjuncts(giver) if r.start not in source_starts
                ]
        if (
            len(sources) > 1
            and targets
            and all(is_place(actors, t) for t in targets)
            and code_root(match.code.forward) != "14"  # a protest keeps its place
        ):
            # "India and China held talks in Moscow": the place is not a target
            targets = []
        # several actors acting jointly ("Obama and Rouhani spoke"), not one actor named
        # twice ("its army and navy")
        joint = len({s.code for s in sources}) > 1
        if joint and targets and not any(is_near_object(actors, verb, t) for t in targets):
            # "Obama and Rouhani spoke by telephone, ... about Tehran's nuclear programme":
            # an actor deep inside a later phrase is no target of a joint act
            targets = []
        if joint and targets:
            # "the two countries released a joint communique on the deal with China"
            targets = [t for t in targets if not is_topic_of_joint_act(actors, verb, t)]
        if not targets and raid_victims:
            # "stormed a US company's office, killing five people": the same victims
            targets = find_targets(actors, verb.head, source_starts, self._is_coded_clause)
        if not targets and match.code.forward == HOSTING:
            # "the banquet hosted by Obama at the White House for Singh": the guest
            targets = [r for r in _guests(actors, verb) if r.start not in source_starts]
        one_sided = (
            code_root(match.code.forward) in ONE_SIDED_ROOTS
            or match.code.forward in ONE_SIDED_ROOTS
        )
        if not targets and joint and not one_sided:
            # "India and China held talks": the members of the subject act on each other
            return self._compound_events(sources, match.code, verb, rel, words, hit)
        if match.code.forward in RELEASE_APPEALS:
            # "asked for the release of a British sailor detained in Iran": Iran is asked
            targets = _holders(actors, verb) or targets
        modality = "asserted" if verb.i in self._intents else modality_of(verb)
        talks = self._dismissed.get(verb.i)
        if talks is not None:  # "said talks with Washington were pointless": Washington
            targets = pobj_refs(actors, talks, frozenset({"with"})) or [
                r for s in sources[:1] for r in other_state_of_pair(actors, s, verb, modality)
            ]
        if not targets and match.code.forward == DENIAL:
            # "Israel said Hezbollah had carried out an attack, which the group denied"
            targets = _claimant(actors, verb, sources)
        if not targets and (
            code_root(match.code.forward) not in {None, "01"}
            or match.code.forward == DECLINE_COMMENT
        ):
            # declining comment has an addressee (codebook 011), a statement alone does not
            meeting = code_root(match.code.forward) == "04"
            targets = _pair_target(actors, sources, verb, modality, meeting)
        verb_text = " ".join(w.lower() for w in words[hit.start : hit.end])
        out: list[RawEvent] = []
        for s in sources:
            for t in targets:
                if self._same_side(actors, s, t, match.code.forward):
                    continue
                if match.code.forward:
                    out.append(RawEvent(s, t, match.code.forward, verb_text, rel, modality))
                if match.code.reverse and not _cannot_strike_back(t, match.code.reverse):
                    out.append(RawEvent(t, s, match.code.reverse, verb_text, rel, modality))
        return out

    @staticmethod
    def _same_side(actors: SentenceActors, s: ActorRef, t: ActorRef, code: str | None) -> bool:
        """One side of an event; a place named as the setting ("in Tunis") is never the
        other side of a country's own force."""
        if is_place(actors, t):
            return same_actor(s.code, t.code)
        return same_side(s.code, t.code, code)

    def _compound_events(
        self,
        actors: list[ActorRef],
        code: CodePair,
        verb: Token,
        rel: int,
        words: list[str],
        hit: VerbHit,
    ) -> list[RawEvent]:
        """Events among the members of a compound subject (a ``%`` pattern)."""
        modality = modality_of(verb)
        verb_text = " ".join(w.lower() for w in words[hit.start : hit.end])
        out = []
        for s in actors:
            for t in actors:
                if not same_side(s.code, t.code, code.forward) and code.forward:
                    out.append(RawEvent(s, t, code.forward, verb_text, rel, modality))
        return out

    def _is_coded_clause(self, head: Token) -> bool:
        """True when a clause's main verb (through xcomp/acomp links) is a dictionary verb."""
        sent = head.sent
        words = [t.text.upper() for t in sent]
        lemmas = [t.lemma_.upper() for t in sent]
        stack = [head]
        while stack:
            tok = stack.pop()
            match = self._verb_match(tok, words, lemmas, sent.start)
            if match is not None and not match.code.suppress:
                return True
            stack.extend(c for c in tok.children if c.dep_ in {"xcomp", "acomp"})
        return False

    def _verb_match(
        self, token: Token, words: list[str], lemmas: list[str], offset: int
    ) -> PatternMatch | None:
        """The dictionary's code for a verb token read in its own clause, if it is one."""
        if token.tag_ not in VERB_TAGS:
            return None
        hits = self.verbs.find(words, lemmas, token.i - offset)
        return self._match_in_clause(token, hits, words, offset) if hits else None

    def _match_in_clause(
        self, verb: Token, hits: list[VerbHit], words: list[str], offset: int
    ) -> PatternMatch | None:
        """The first pattern (else the default) of a verb's families within its clause,
        whose words after the verb stand at most ``PATTERN_DEPTH`` arcs below it ("announced
        an investigation into an attack on a UN aid convoy" is no announcement of aid)."""
        end = max(clause_end(verb) - offset, hits[0].end)
        below = _tokens_below(verb, PATTERN_DEPTH)
        if verb.lemma_.lower() in REPORTING_LEMMAS:
            below -= _reported_clauses(verb)
        near = list(words)
        for rel in range(hits[0].end, end):
            if offset + rel not in below or (
                words[rel].lower() in PARTICLE_WORDS
                and _preposition_not_particle(verb.doc[offset + rel])
            ):
                near[rel] = ""
        found = self.verbs.match(hits, near, 0, end)
        if found is not None and found.pattern is None:
            # a passive's subject is the pattern's object ("evidence against Russia was
            # presented by the US" is "PRESENT * EVIDENCE")
            subj = next((c for c in verb.children if c.dep_ in {"nsubjpass"}), None)
            if subj is not None and subj.i < verb.i:
                moved = [words[t.i - offset] for t in subj.subtree]
                cut = hits[0].end
                again = self.verbs.match(
                    hits, near[:cut] + moved + near[cut:end], 0, end + len(moved)
                )
                if (
                    again is not None
                    and again.pattern is not None
                    and again.source_at is None
                    and again.target_at is None
                ):
                    return again
        return found

    # ------------------------------------------------------------------ events

    def _event(
        self,
        raw: RawEvent,
        sentence: str,
        index: int,
        document: Document,
        issues: list[str],
        when: EventDate,
        count: int | None,
    ) -> Event:
        info = _describe(raw.code)
        key = f"{document.id}|{index}|{raw.source.code}|{raw.target.code}|{raw.code}"
        source, target = _actor(raw.source), _actor(raw.target)
        sectors = int(source.sector is not None) + int(target.sector is not None)
        confidence = event_confidence(
            raw.pattern, raw.source.how, raw.target.how, sectors, raw.modality
        )
        if raw.adjust:
            confidence = round(min(0.95, max(0.05, confidence + raw.adjust)), 2)
        return Event(
            event_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
            doc_id=document.id,
            sentence_index=index,
            sentence=sentence,
            source=source,
            target=target,
            cameo=raw.code,
            cameo_name=info.name,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover=info.plover,
            verb=raw.verb,
            date=when,
            modality=raw.modality,
            count=count,
            issues=list(issues),
            confidence=confidence,
        )

    def _issues(self, words: list[str]) -> list[str]:
        """Issue codes of a sentence's words (nouns as lemmas), exclusions removed."""
        codes: list[str] = []
        for m in self.issue_phrases.scan(words):
            issue = self.dictionaries.issues[m.payload]
            if not issue.exclude and issue.code not in codes:
                codes.append(issue.code)
        return codes


_TIME_WORDS = frozenset(
    "AGO LATER EARLIER BEFORE AFTER YEARS YEAR MONTHS MONTH WEEKS WEEK DAYS DAY DECADES "
    "DECADE CENTURY CENTURIES".split()
)


# Roots of material conflict: a statement that another actor did such a thing accuses it;
# so does a statement that it defied an agreement (128: "departed from the consensus").
ACCUSED_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
ACCUSED_CODES = frozenset({"128"})


def _accusable(code: str | None) -> bool:
    """True for an act whose statement by another actor accuses its doer."""
    return code is not None and (code[:2] in ACCUSED_ROOTS or code in ACCUSED_CODES)


# Verbs whose that-clause is what the speaker states or claims.
STATING_LEMMAS = (
    REPORTING_LEMMAS | ACCUSING_LEMMAS | {"confirm", "report", "charge", "explain", "note"}
)


def speakers_acts(
    raws: list[RawEvent],
    sent: Span,
    actors: SentenceActors,
    untargeted: Sequence[tuple[int, ActorRef]] = (),
) -> list[RawEvent]:
    """What a statement is, given the events of its that-clause. "China said it had shut the
    pass" is the closure only (one event per real event). "The UN said Myanmar's army had
    attacked the Rohingya" is the UN's accusation of the army (112, asserted) and the
    attack as the UN reports it (``reported``); a speaker with no country of its own
    (witnesses, a news agency) accuses nobody and leaves the attack asserted.
    ``untargeted``: (verb, doer) of accusable acts that found no target ("said Kosovo had
    violated the accord"), whose statement is an accusation all the same."""
    out: list[RawEvent] = []
    accusations: list[RawEvent] = []
    stated: set[int] = set()  # verbs of saying whose clause gave an event
    for r in raws:
        head = _stating_head(sent[r.verb_index])
        if head is None:
            out.append(r)
            continue
        stated.add(head.i - sent.start)
        if _accusable(r.code):
            found = _accusations(actors, head, r.source)
            accusations.extend(found)
            if found and r.modality == "asserted":
                r = replace(r, modality="reported")
        out.append(r)
    for rel, doer in untargeted:
        head = _stating_head(sent[rel])
        if head is not None:
            stated.add(head.i - sent.start)
            accusations.extend(_accusations(actors, head, doer))
    # the statement itself is not coded beside what it states, nor is telling the press
    # ("told The Associated Press", "AFP correspondents said") an act between two actors
    out = [r for r in out if not (r.code[:2] == "01" and (r.verb_index in stated or _press(r)))]
    keys = {(r.source.code, r.target.code, r.code) for r in out}
    for a in accusations:
        if (a.source.code, a.target.code, a.code) not in keys:
            keys.add((a.source.code, a.target.code, a.code))
            out.append(a)
    return out


STOP_LEMMAS = frozenset({"cease", "stop", "halt"})


def _acts_in_a_statement(verb: Token) -> bool:
    """True for a verb its subject did "in a statement" ("In a statement, the army called
    the attack a despicable act"): that subject issued the statement."""
    return (
        verb.pos_ == "VERB"
        and accusing_verb(verb) is None
        and any(
            c.dep_ == "prep"
            and c.lower_ == "in"
            and any(g.lemma_ == "statement" for g in c.children)
            for c in verb.children
        )
    )


# Verbs whose subject suffers the event ("two soldiers died in shelling by ...").
VICTIM_LEMMAS = frozenset({"die", "perish"})


def _killers_of(actors: SentenceActors, verb: Token) -> list[ActorRef]:
    """The agent of what killed a dying subject: "died in cross-border firing by Indian
    troops", "perished in an air strike by the coalition" (none without such a phrase)."""
    if verb.lemma_.lower() not in VICTIM_LEMMAS:
        return []
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for cause in prep.children:
            refs = pobj_refs(actors, cause, frozenset({"by"}))
            if refs:
                return refs
    return []


HOSTING = "043"
HONOUR_WORDS = frozenset({"honour", "honor"})


def _guests(actors: SentenceActors, verb: Token) -> list[ActorRef]:
    """Whom a hosting is for: the "for" or "in honour of" phrase of the verb or of its
    phrases ("hosted a dinner for Modi", "a banquet hosted at the White House for Singh",
    where the parser hangs the "for" on the place)."""
    heads = [c for c in verb.children if c.dep_ in {"prep", "agent", "dobj"}]
    heads = [verb, *heads, *(g for c in heads for g in c.children if g.dep_ == "pobj")]
    for head in heads:
        honours = [
            p
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "in"
            for p in c.children
            if p.lower_ in HONOUR_WORDS
        ]
        refs = pobj_refs(actors, head, frozenset({"for"})) or [
            r for h in honours for r in pobj_refs(actors, h, frozenset({"of"}))
        ]
        if refs:
            return refs
    return []


def _fired_from(actors: SentenceActors, verb: Token) -> list[ActorRef]:
    """The "from" place of an agentless passive of force ("was fired from Gaza")."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    if any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for c in verb.children):
        return []
    refs = pobj_refs(actors, verb, frozenset({"from"}))
    return [replace(r, how=f"fired from: {r.text}") for r in refs]


DENIAL = "016"
CLAIMING_LEMMAS = STATING_LEMMAS | {"accuse", "blame"}


def _claimant(actors: SentenceActors, verb: Token, deniers: list[ActorRef]) -> list[ActorRef]:
    """Whom a denial with no object actor answers: the speaker of the claim it is attached
    to by a relative clause or a conjunct ("X said Y had attacked Z, which Y denied", "X
    accused Y of spying but Y denied it"), when that speaker is not the denier."""
    head, arcs = verb, set()
    while head.head.i != head.i:
        arcs.add(head.dep_)
        head = head.head
        if head.lemma_.lower() in CLAIMING_LEMMAS and head.pos_ == "VERB":
            break
    else:
        return []
    if "relcl" not in arcs and not (verb.dep_ == "conj" and verb.head.i == head.i):
        return []  # "Israel said Hezbollah denied it": the speaker only reports the denial
    speakers = find_sources(actors, head)
    return [r for r in speakers if not any(same_actor(r.code, d.code) for d in deniers)]


def _own_act(clause: Token) -> bool:
    """True when a that-clause's doer is a pronoun for the claimant ("claims they will
    not use force"), not someone accused ("claimed that Iran had attacked")."""
    return any(
        c.dep_ == "nsubj" and c.lower_ in {"they", "it", "we", "i", "he", "she"}
        for c in clause.children
    )


# Appeals and demands for a release (CAMEO 0253, 1053) go to whoever holds the person.
RELEASE_APPEALS = frozenset({"0253", "1053"})
HOLDING_LEMMAS = frozenset({"detain", "hold", "jail", "imprison", "arrest", "capture", "abduct"})


def _holders(actors: SentenceActors, verb: Token) -> list[ActorRef]:
    """Who holds the people a release is asked for: the place or agent of a "detained
    in/by" participle among the verb's words ("a sailor detained in Iran": Iran)."""
    for token in verb.subtree:
        if token.dep_ != "acl" or token.tag_ != "VBN" or token.lemma_ not in HOLDING_LEMMAS:
            continue
        refs = pobj_refs(actors, token, frozenset({"in", "by"}))
        if refs:
            return refs
    return []


def _stopped(token: Token) -> bool:
    """ "agreed to cease firing", "stop fighting": what is stopped is not happening."""
    return token.dep_ in {"dobj", "xcomp"} and token.head.lemma_.lower() in STOP_LEMMAS


# "refused/declined to meet", "would not meet": the refusal of a cooperative act (CAMEO 12x
# by what is refused: 125 talks, 121 cooperation, 124 yielding), not a negated act.
REFUSING_LEMMAS = frozenset({"refuse", "decline"})
REFUSED_CODES = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "121", "08": "124"}


def refusals(raws: list[RawEvent], sent: Span) -> list[RawEvent]:
    """One event per refusal: "Iran declined to meet US officials" and "Sisi would not meet
    Netanyahu" are the refusal (125, asserted), not a meeting asserted or negated."""
    out = list(raws)
    for r in raws:
        refused = REFUSED_CODES.get(r.code[:2])
        verb = sent[r.verb_index]
        if refused is None:
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSING_LEMMAS:
            head = verb.head.i - sent.start
            out = [o for o in out if not (o.verb_index == head and o.code[:2] == "12")]
        elif not _will_not(verb):
            continue
        if any(
            o.code == refused and _mirrors(o, r) for o in out
        ):  # a mutual noun gave both ways; only its subject refuses
            out.remove(r)
        else:
            out[out.index(r)] = replace(r, code=refused, modality="asserted")
    return out


def _will_not(verb: Token) -> bool:
    """ "would not meet", "will not hold talks", "won't sign": a stated unwillingness."""
    children = {c.lower_ for c in verb.children if c.dep_ in {"aux", "neg"}}
    return bool(children & {"not", "n't", "never"}) and bool(children & {"will", "would", "wo"})


def _accusations(actors: SentenceActors, head: Token, doer: ActorRef) -> list[RawEvent]:
    """The accusations (112) of ``doer`` by the speakers of the verb of saying ``head``:
    none when a speaker states its own act or has no voice of its own."""
    speakers = find_sources(actors, head)
    if any(same_actor(sp.code, doer.code) for sp in speakers):
        return []  # "A and B said they would attack C": their own act, no accusation
    rel = head.i - actors.offset
    return [
        RawEvent(sp, doer, "112", head.text.lower(), rel, modality_of(head))
        for sp in speakers
        if _has_voice(sp.code)
    ]


def _stating_head(verb: Token) -> Token | None:
    """The verb of saying whose that-clause holds ``verb`` ("said [that] X attacked Y")."""
    tok = verb
    for _ in range(4):
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in STATING_LEMMAS:
            return tok.head
        if tok.dep_ not in {"conj", "xcomp", "advcl"} or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _press(r: RawEvent) -> bool:
    """True when a side of a statement is a news outlet of no stated country."""
    return any(country_and_sector(a.code) == (None, "MED") for a in (r.source, r.target))


def _has_voice(code: str) -> bool:
    """An actor whose statement accuses: it has a country or is an organisation, and is
    not the media."""
    country, sector = country_and_sector(code)
    return country is not None and sector != "MED"


# "a Track-2 dialogue", "Track II talks", "a backchannel": an unofficial channel.
TRACK_TWO = re.compile(
    r"\btrack[- ]?(2|ii|two|1\.5)\b|\bback-?channel\b|\bunofficial\b", re.IGNORECASE
)
OBJECT_DEPS = frozenset({"dobj", "attr", "nsubjpass", "pobj", "prep", "compound", "amod"})


def unofficial_channels(raws: list[RawEvent], sent: Span) -> list[RawEvent]:
    """ "India and Pakistan held a Track-2 dialogue": the sides are the countries' unofficial
    channels (elites: former officials, scholars), not their states, when the text gives
    them no sector of their own."""
    if not raws or not TRACK_TWO.search(span_text(sent)):
        return raws  # no such channel named: the objects need not be read
    out = []
    for r in raws:
        verb = sent[r.verb_index]
        words = [t for c in verb.children if c.dep_ in OBJECT_DEPS for t in c.subtree]
        if TRACK_TWO.search(" ".join(t.text for t in sorted(words, key=lambda t: t.i))):
            r = replace(r, source=_unofficial(r.source), target=_unofficial(r.target))
        out.append(r)
    return out


def _unofficial(ref: ActorRef) -> ActorRef:
    country, sector = country_and_sector(ref.code)
    if country is None or sector is not None:
        return ref
    return replace(ref, code=country + "ELI", how=f"{ref.how}; an unofficial (Track 2) channel")


# Acts that are mutual by nature: meetings, talks, calls, agreements, cooperation, joint
# exercises, ceasefires.
MUTUAL_CODES = frozenset({"040", "041", "044", "046", "050", "057", "060", "062", "087", "0871"})


# Acts that conjoined subjects do together to a third party, never to each other
# ("US and British activists staged a protest", "Saudi Arabia and the UAE forced ...").
ONE_SIDED_ROOTS = frozenset({"015", "14", "17"})


# Acts only a state body performs (extradite, give aid, release, cut ties, expel, arrest,
# close ports or borders): said in the passive with no agent, they are the announcing
# state's own.
STATE_ACT_ROOTS = frozenset({"06", "07", "08", "16", "17"})
STATE_ACT_CODES = frozenset({"191"})


def code_root(code: str | None) -> str | None:
    """The two-digit CAMEO root of a code, or None."""
    return code[:2] if code else None


# Prepositions whose -ing verb is an act of the clause's subject: the means ("responded by
# expelling two diplomats") or an act before or after it ("after meeting Xi, Modi said").
MEANS_PREPS = frozenset({"by", "after", "before", "while", "through", "since", "upon", "on"})


def _means_or_time(verb: Token) -> bool:
    """True for an -ing verb that is the object of a means or time preposition of a verb."""
    prep = verb.head
    return (
        verb.tag_ == "VBG"
        and prep.lower_ in MEANS_PREPS
        and prep.dep_ == "prep"
        and prep.head.pos_ in {"VERB", "AUX"}
    )


def _home_of(
    sources: list[ActorRef], code: str | None, raid_victims: bool
) -> tuple[str | None, frozenset[str]]:
    """The state whose own a role-only target of the returned sectors is when nothing names
    its country: "police detained an activist" (its people), "students protested against
    the government" (its bodies; not the victims of a raid's "-ing" consequence)."""
    countries = {s.code[:3] for s in sources}
    if len(countries) != 1:
        return None, frozenset()
    home = next(iter(countries))
    if code in HOME_CODES:
        return home, DOMESTIC_SECTORS
    if all(_non_state(s) for s in sources) and not raid_victims:
        return home, STATE_SECTORS
    return None, frozenset()


def _non_state(ref: ActorRef) -> bool:
    """True for a state's people or non-state groups (students, protesters, rebels)."""
    country, sector = country_and_sector(ref.code)
    if country is None or not is_state_head(country):
        return False
    return sector is not None and sector not in STATE_SECTORS


def _speaks_for_a_state(actors: SentenceActors, ref: ActorRef) -> bool:
    """True for a state named bare or one of its government bodies ("Japan", "Tokyo",
    "the foreign ministry"), whose protest is diplomatic; not its people ("Greeks")."""
    country, sector = country_and_sector(ref.code)
    if not (0 <= ref.start < len(actors.sent)) or actors.sent[ref.start].tag_ in {"NNS", "NNPS"}:
        return False
    return country is not None and is_state_head(country) and sector in {None, "GOV"}


def _announcing_state(actors: SentenceActors, verb: Token) -> list[ActorRef]:
    """ "Two Indian diplomats were expelled, the Pakistani foreign ministry said": a state's
    act in the passive with no agent is the act of the state body that announces it."""
    if not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
        return []
    if any(c.dep_ == "agent" for c in verb.children):
        return []
    speakers = reporter_of(actors, verb)
    if len(speakers) != 1:
        return []
    sector = country_and_sector(speakers[0].code)[1]
    if not is_state_head(speakers[0].code[:3]) or sector not in STATE_SECTORS | {None}:
        return []
    return [replace(speakers[0], how=f"the state that announces it: {speakers[0].text}")]


def _pair_target(
    actors: SentenceActors,
    sources: list[ActorRef],
    verb: Token,
    modality: str,
    meeting: bool = False,
) -> list[ActorRef]:
    """The other state of the pair for a lone source's act with no target, unless the
    verb only states something (``syntax.other_state_of_pair``; a ``meeting`` is with
    the source's counterparts)."""
    if len(sources) != 1 or verb.lemma_.lower() in STATING_LEMMAS:
        return []
    return other_state_of_pair(actors, sources[0], verb, modality, counterparts=meeting)


def _from_phrase(verb: Token) -> Token | None:
    """The object of a "from" phrase of a verb or of its direct object, if any."""
    heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    for head in heads:
        found = prep_object(head, "from", {"pobj"})
        if found is not None:
            return found
    return None


def one_event_per_act(raws: list[RawEvent], sent: Span) -> list[RawEvent]:
    """One event per real event of a sentence: a mutual act ("A and B held talks") is
    coded one way only, and of two codings of one act between the same two countries
    ("Israeli air strikes on Gaza killed ...": the strike's 195 and the killing's 190; one
    code and its root's general code) one is kept: the one not given by a verb of saying,
    with the most specific actors and code. Distinct acts of one root stay ("seized the
    boat and detained its crew": 1711 and 173)."""
    kept: list[RawEvent] = []
    for r in raws:
        same = next((k for k, o in enumerate(kept) if _one_act(o, r)), None)
        if same is not None:
            if _act_rank(r, sent) > _act_rank(kept[same], sent):
                kept[same] = r
            continue
        if r.code in MUTUAL_CODES and any(_one_act(o, r, mirrored=True) for o in kept):
            continue
        kept.append(r)
    return kept


def _one_act(a: RawEvent, b: RawEvent, mirrored: bool = False) -> bool:
    """True when two events code one act: the same two countries (the other way round
    with ``mirrored``) and codes that are equal or one the other's root in general."""
    sides_a = (country_and_sector(a.source.code)[0], country_and_sector(a.target.code)[0])
    sides_b = (country_and_sector(b.source.code)[0], country_and_sector(b.target.code)[0])
    if sides_a != (sides_b[::-1] if mirrored else sides_b):
        return False
    if a.code == b.code:
        return True
    general = {a.code, b.code} & {a.code[:2] + "0", b.code[:2] + "0"}
    return a.code[:2] == b.code[:2] and bool(general)


def _act_rank(r: RawEvent, sent: Span) -> tuple[bool, int, int]:
    """Which of two codings of one act says more: an act over a statement about it, then
    the more specific actors, then the more specific code."""
    said = sent[r.verb_index].lemma_.lower() in SPEAKING_LEMMAS
    return (not said, len(r.source.code) + len(r.target.code), len(r.code))


def _mirrors(a: RawEvent, b: RawEvent) -> bool:
    """True when two events of one verb have the same sides the other way round."""
    return a.verb_index == b.verb_index and (a.source.code, a.target.code) == (
        b.target.code,
        b.source.code,
    )


def is_temporal_phrase(words: list[str]) -> bool:
    """True for a discard phrase that only names a time ("YEARS AGO", "1914")."""
    return all(w in _TIME_WORDS or (w.isdigit() and len(w) == 4) for w in words)


MAX_CHUNK_CHARS = 5_000
# spaCy's memory grows with the characters of a batch, not its number of texts
MAX_BATCH_CHARS = 120_000


def char_batches(
    items: Iterator[tuple[str, T]], max_items: int, max_chars: int
) -> Iterator[list[tuple[str, T]]]:
    """Group (text, context) pairs into batches of at most ``max_items`` and ``max_chars``."""
    batch: list[tuple[str, T]] = []
    size = 0
    for item in items:
        if batch and (len(batch) >= max_items or size + len(item[0]) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item[0])
    if batch:
        yield batch


@dataclass
class _DocState:
    """What coding a document carries from one sentence (and chunk) to the next."""

    context: DocumentContext = field(default_factory=DocumentContext)
    events: list[Event] = field(default_factory=list)
    paragraph: list[Span] = field(default_factory=list)
    sentence_texts: list[str] = field(default_factory=list)
    discarded: bool = False
    dates: dict[int, list[DateMention]] = field(default_factory=dict)  # by sentence start


def split_body(body: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Split a body into chunks of at most ``limit`` characters at paragraph breaks
    (or, for an overlong paragraph, at the last space before the limit)."""
    if len(body) <= limit:
        return [body]
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in body.split("\n\n"):
        while len(paragraph) > limit:
            cut = paragraph.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            chunks.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip()
        if size + len(paragraph) + 2 > limit and current:
            chunks.append("\n\n".join(current))
            current, size = [], 0
        current.append(paragraph)
        size += len(paragraph) + 2
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def _people_by_sentence(parsed: Doc) -> dict[int, list[Span]]:
    """PERSON entities of a parsed text grouped by the start of their sentence (one pass:
    ``Span.ents`` rescans the whole document at every call)."""
    out: dict[int, list[Span]] = {}
    for start, end, _text, _last in document_persons(parsed):
        person = parsed[start:end]
        out.setdefault(person.sent.start, []).append(person)
    return out


def _earlier_dates(
    paragraph: list[Span], anchor: date, cache: dict[int, list[DateMention]] | None = None
) -> Iterator[list[DateMention]]:
    """The dates of the paragraph's earlier sentences, the latest sentence first (``cache``:
    the dates already found per sentence start, so a long paragraph is not re-read)."""
    for sent in reversed(paragraph):
        if cache is not None and sent.start in cache:
            found = cache[sent.start]
        else:
            found = sentence_dates(sent, anchor)
            if cache is not None:
                cache[sent.start] = found
        yield found


def _paragraph_date(
    paragraph: list[Span], anchor: date, cache: dict[int, list[DateMention]] | None = None
) -> DateMention | None:
    """The last date stated in the paragraph's earlier sentences (``cache``: the dates
    already found per sentence start, so a long paragraph is not re-read per event)."""
    for sent, found in zip(
        reversed(paragraph), _earlier_dates(paragraph, anchor, cache), strict=True
    ):
        stated = [m for m in found if not names_a_thing(sent.doc, m)]  # not "a 2006 document"
        if stated:
            return stated[-1]
    return None


# Arcs that leave a verb's own object phrases for another clause or an aside.
def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Coercion a state applies at home (CAMEO 171 seize, 172 administrative sanctions, 173
# arrest, 175 repression): a citizen or activist named without a country is the state's own.
HOME_CODES = frozenset({"171", "172", "173", "175"})
# Verbs of force whose target an "-ing" consequence shares ("stormed ..., killing five").
FORCE_LEMMAS = frozenset(
    "storm attack raid strike bomb shell hit ambush fire target assault pound".split()
)
# Sectors whose people do not use force: a raid on them is no exchange of fire.
NON_COMBATANTS = frozenset({"CVL", "BUS", "MED", "EDU", "NGO", "REF", "HLH", "REL", "AGR"})


def _cannot_strike_back(target: ActorRef, reverse: str) -> bool:
    """True when a mirrored act of force ("[193:193]") would make a non-combatant target
    ("a US contracting company office") fight back."""
    sector = country_and_sector(target.code)[1]
    return code_root(reverse) in COERCION_ROOTS and sector in NON_COMBATANTS


# How far below its verb a pattern word after the verb may stand: "called for restraint"
# (2), "condemned the attack on X" (3), "a phrase inside the object's own phrase" (4).
PATTERN_DEPTH = 4


# Words the dictionaries use as verb particles ("fire off", "pull back", "step up").
PARTICLE_WORDS = frozenset({"off", "back", "away", "out", "down", "up"})


def _preposition_not_particle(token: Token) -> bool:
    """True for a particle word that heads its own phrase instead ("fired missiles off its
    east coast" is no "fire off"; "back in July" no "back")."""
    if token.lower_ not in PARTICLE_WORDS or token.dep_ == "prt":
        return False
    return token.dep_ == "prep" or any(c.dep_ in {"pobj", "prep"} for c in token.children)


def _reported_clauses(verb: Token) -> set[int]:
    """Document indices of the verbs of the that-clauses a verb of saying reports: they
    code their own events ("said they will attack Iraq" is no attack by the speakers)."""
    return {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree if t.pos_ == "VERB"}


def _tokens_below(verb: Token, depth: int) -> set[int]:
    """Document indices of the tokens at most ``depth`` arcs below ``verb``."""
    children = token_columns(verb.doc).children
    found: set[int] = set()
    level = children[verb.i]
    for _ in range(depth):
        found.update(level)
        level = [c for t in level for c in children[t]]
    return found


def _first_conjunct(verb: Token) -> Token:
    """The first of coordinated verbs ("shut ... and expelled": "shut")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _denied(verb: Token) -> bool:
    """True for the content of a denial ("denied that it had supplied drones")."""
    head = _first_conjunct(verb)
    return head.dep_ == "ccomp" and head.head.lemma_ == "deny"


def _consequence(verb: Token) -> bool:
    """True for a participle that tells what a force did to its target ("…, killing
    five people"): an -ing adverbial clause of a verb of force."""
    head = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and head.i != verb.i
        and head.lemma_ in FORCE_LEMMAS
    )


def _purpose_of(verb: Token, intents: set[int]) -> bool:
    """True for a purpose clause ("to expand cooperation") of a stated intention ("ready to
    work with Cuba to expand ..."): the goal of an intention is not itself an event."""
    head = _first_conjunct(verb)
    if head.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return False
    return head.head.i in intents


def _starts_paragraph(sent: Span) -> bool:
    """True when a blank line (or the document start) comes before the sentence."""
    if sent.start == 0:
        return True
    previous = sent.doc[sent.start - 1]
    return "\n" in previous.text or "\n" in previous.whitespace_ or sent[0].is_space


@lru_cache(maxsize=1024)  # a few hundred codes; the lookup walks the PLOVER table
def _describe(code: str) -> ontology.CameoCode:
    try:
        return ontology.lookup(code)
    except (KeyError, ValueError):
        return ontology.CameoCode(code, "", 0.0, 0, None)


def _actor(ref: ActorRef) -> Actor:
    country, sector = country_and_sector(ref.code)
    if sector == "GOV" and "GOVMED" in ref.code:
        sector = "MED"  # state media ("state-run media", "the official news agency")
    return Actor(text=ref.text, code=ref.code, country=country, sector=sector, name=ref.name)
