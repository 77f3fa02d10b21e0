"""Discourse entities of a document and what its pronouns refer to.

Every person a document names is an entity, whether or not the dictionaries code them:
"He then met the prime minister" after an uncoded person must not become the previous
*coded* person's meeting. Third-person pronouns resolve by salience — the same sentence
before the pronoun, then the previous sentences of the paragraph, subjects before
objects — with gender agreement from titles (Mr, Ms) and common first names. The byline
author is the antecedent of first-person pronouns only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span

MALE_TITLES = frozenset("mr mr. sir king prince emir sultan sheikh lord".split())
FEMALE_TITLES = frozenset("ms ms. mrs mrs. miss madam queen princess lady dame".split())
# Common first names in international news (heads of state, ministers, envoys).
MALE_NAMES = frozenset(
    """
    abdel abdullah ahmed ali alexander andrei anthony antony barack benjamin bill boris
    charles dmitry donald emmanuel fumio george hassan hun ibrahim imran jacob jake james
    jean jens joe john joseph justin kim kevin lee li lloyd mark marco mahmoud michael
    mike mohammed mohammad muhammad narendra nicolas olaf pedro recep rishi sergei sergey
    shinzo shehbaz sebastian subrahmanyam vladimir volodymyr wang william xi yoshihide
    yoon recep rodrigo ferdinand joko prabowo luiz cyril abiy abdel-fattah keir friedrich
    """.split()
)
FEMALE_NAMES = frozenset(
    """
    angela annalena ursula kamala hillary condoleezza nancy theresa liz giorgia jacinda
    maria valentina sheikh-hasina hasina aung sanam tsai yingluck julia julie catherine
    kaja penny nirmala sushma anne mary sarah samantha linda victoria christine kristalina
    frederiksen mette sanna jill michelle melania dilma michelle ellen
    """.split()
)
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"})
THIRD_PERSON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# How many sentences back a pronoun may look within a paragraph (and one across it).
PRONOUN_WINDOW = 3


@dataclass
class Entity:
    """A person the document mentions, with the actor they resolved to (if any)."""

    name: str
    surname: str
    gender: str | None  # "m", "f" or None (unknown)
    sentence: int
    paragraph: int
    subject: bool
    ref: Any | None = None  # syntax.ActorRef once the coder resolved the person


def gender_of(span: Span) -> str | None:
    """Gender from a title before the name or from a known first name."""
    start = span.start
    doc = span.doc
    if start > 0 and doc[start - 1].lower_ in MALE_TITLES:
        return "m"
    if start > 0 and doc[start - 1].lower_ in FEMALE_TITLES:
        return "f"
    first = span[0].lower_
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


def gender_of_words(words: list[str]) -> str | None:
    """Gender from lower-case words around a name: titles, first names, office words."""
    for w in words:
        if w in FEMALE_TITLES or w in FEMALE_NAMES or (w.endswith("woman") and len(w) > 5):
            return "f"
        if (
            w in MALE_TITLES
            or w in MALE_NAMES
            or (w.endswith("man") and w[:-3] in MALE_OFFICE_STEMS)
        ):
            return "m"
    return None


MALE_OFFICE_STEMS = frozenset({"chair", "spokes", "congress", "country", "states"})


class EntityTracker:
    """The people of a document in order of mention, for pronouns and surnames."""

    def __init__(self, authors: list[str] | None = None) -> None:
        self.entities: list[Entity] = []
        self.authors = {a.upper() for a in authors or []}
        self.paragraph = 0
        self.sentence = 0

    def observe(self, persons: list[Span], sentence: int, refs: dict[str, Any]) -> None:
        """Register the PERSON entities of a sentence; ``refs`` maps upper-case names
        (full and surname) to the actors the coder resolved them to."""
        self.sentence = sentence
        for ent in persons:
            if any(e.sentence == sentence and e.surname == ent[-1].text for e in self.entities):
                continue  # already registered by the coder
            name = ent.text.strip()
            if name.upper() in self.authors:
                continue  # the byline author is no antecedent of he/she
            surname = ent[-1].text
            ref = refs.get(name.upper()) or refs.get(surname.upper())
            subject = ent.root.dep_ in {"nsubj", "nsubjpass"}
            known = self.find(name, surname)
            if known is not None and ref is None:
                ref = known.ref
            gender = gender_of(ent) or (known.gender if known else None)
            self.entities.append(
                Entity(name, surname, gender, sentence, self.paragraph, subject, ref)
            )

    def add(self, name: str, surname: str, gender: str | None, dep: str, ref: Any) -> None:
        """Register a person the coder resolved in the current sentence."""
        if name.upper() in self.authors:
            return
        for e in self.entities:
            if e.sentence == self.sentence and e.surname == surname:
                e.ref = e.ref or ref
                return
        subject = dep in {"nsubj", "nsubjpass"}
        self.entities.append(
            Entity(name, surname, gender, self.sentence, self.paragraph, subject, ref)
        )

    def find(self, name: str, surname: str) -> Entity | None:
        """The latest entity with this full name or surname."""
        for e in reversed(self.entities):
            if e.name == name or e.surname == surname:
                return e
        return None

    def resolve(
        self,
        pronoun: str,
        sentence: int,
        before_token: int | None = None,
        reject: Callable[[Entity], bool] | None = None,
    ) -> Entity | None:
        """The entity a third-person singular pronoun refers to, or None.

        Candidates are the people of this sentence named before the pronoun and of the
        previous sentences in the window; the nearest sentence wins, subjects first;
        a known gender must agree; ``reject`` refuses some (an object pronoun is not
        its own clause's subject).
        """
        want = THIRD_PERSON.get(pronoun.lower())
        if want is None:
            return None
        best: tuple[int, int, int] | None = None
        chosen: Entity | None = None
        for order, e in enumerate(self.entities):
            distance = sentence - e.sentence
            if distance < 0 or distance > PRONOUN_WINDOW:
                continue
            if distance > 1 and e.paragraph != self.paragraph:
                continue
            if e.gender is not None and e.gender != want:
                continue
            if reject is not None and reject(e):
                continue
            key = (-distance, int(e.subject), order)
            if best is None or key > best:
                best, chosen = key, e
        return chosen
