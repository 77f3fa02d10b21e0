"""How often tieline resolves event actors that a passage refers to by pronoun or description.

Reads ../shared/data/eventtrain/passages.jsonl (51 passages of 4-6 consecutive news
sentences, hand-coded with the events of each sentence and the resolved country/sector of
every actor; see that folder's README), codes each passage as one document, and prints, for
the gold actor slots (source and target of each gold event) referred to by a pronoun, a
surname or a description, the share that tieline resolves to the right country (and
sector, when the gold gives one). Named actors are scored the same way as a reference.
Usage:

    python benchmarks/coref.py           # figures
    python benchmarks/coref.py --show    # also list the unresolved referring actors

It codes with whatever ``tieline`` imports; to measure one commit while src/ is being edited:
``git archive HEAD src | tar -x -C /tmp/t && PYTHONPATH=/tmp/t/src python benchmarks/coref.py``.

Kinds of reference, decided from the gold actor's ``text`` (the words in the sentence that
refer to the actor). The text is first normalised: quotes and a parenthetical aside are
dropped ("They (Chinese)" -> "They", unless nothing else is left, as in "(Qatar)"), and so
is a final possessive ("Washington's" -> "Washington"). Then, in this order:

- ``pronoun``: the first word is a personal, possessive, relative or reciprocal pronoun
  (he, him, his, she, her, it, its, they, them, their, we, us, our, I, who, "each other"...)
  and no later word is capitalised: "he", "It", "its troops", "our side". ("her North
  Korean counterpart Ri Yong Ho" is a name.)
- ``surname``: after dropping honorifics and office titles (Mr, Dr, Tun, President, Prime
  Minister, PM, Secretary-General...; ``HONORIFICS``, ``PERSON_TITLES``), one or two words
  remain that are a strict part of the name of a person of the passage (an entity with an
  ``office``) with the gold country: "Xi", "Mr Wang", "Tun Dr Mahathir", "PM Modi",
  "Trumps" (sic). "Iranian Foreign Minister Zarif" is a name: "Iranian" names the country.
- ``description``: no word of the text is a proper name, where a capitalised word counts as
  a proper name unless it is an office title or a compass metonym (Secretary-General,
  Prime Minister, EAM, Guard, North, South... see ``TITLES``) or it is the first word and
  occurs in lower case somewhere in the passages (sentence-initial "The", "Both",
  "Senior"): "the minister", "the two leaders", "The Secretary-General", "the EAM",
  "the North's", "the company and the two men", "The country's coast guard and military".
  Descriptions that carry a nationality or a name ("the Chinese side", "The MEA official",
  "The powerful Iran-backed group") count as names.
- ``name``: everything else with a text ("China", "Beijing", "Chinese President Xi Jinping").
- Actor slots with ``text: null`` (no mention in the sentence) and events without a target
  are left out and counted apart.

Resolution. Each passage is coded as one document (its sentences joined by single spaces,
``published`` passed on). Produced events are assigned to a gold sentence when tieline's
sentence (located in the body by its text) overlaps it, so a different sentence split does
not lose events. A gold actor slot is *resolved* when some produced event of its sentence
has, in the same role (source/target; either role when the gold event is ``symmetric``), an
actor whose country equals the gold country (an actor country beginning with "IGO" counts as
"IGO"; otherwise codes are compared as given, CAMEO or ISO-3) and, when the gold gives a
sector, whose sector equals it. The *same event* figure further requires the other side of
that produced event to have the country of the gold event's other side (when that side is
mentioned), so a match in an unrelated event of the sentence does not count. The *country
only* figure drops the sector condition. The produced actor's text is not compared with the
referring words: tieline reports a resolved pronoun with its antecedent's text ("he" ->
"Maj. Gen. Waheed Arshad") and gives no token position, so where the actor stood cannot be
checked.

*At the mention* measures the coreference alone, whether or not an event is coded: just
before the coder codes a sentence, the gold actor's words are located in it and the
coder's own actor finder is asked what that phrase is, on a copy of the document's running
context (so the probe changes nothing the coder does): the subject of a verb through
``find_sources`` of that verb, an object through ``find_targets`` (the actor found inside
the phrase), anything else through the phrase's own resolution (``np_refs_with_conjuncts``).
Country and sector are compared as above. Slots whose words are not found verbatim in one
parsed sentence count as unresolved.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tieline import Coder
from tieline.coding.coder import _actor
from tieline.coding.syntax import (
    ActorRef,
    SentenceActors,
    find_sources,
    find_targets,
)
from tieline.model import Actor, Document

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tieline.coding.coder import RawEvent
    from tieline.coding.syntax import DocumentContext

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "eventtrain" / "passages.jsonl"

KINDS = ("pronoun", "surname", "description")
PRONOUNS = frozenset(
    "i me my we us our ours he him his she her it its they them their theirs who whom whose".split()
)
RECIPROCALS = (("each", "other"), ("one", "another"))
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "tun", "sir", "mr.", "mrs.", "ms.", "dr."})
PERSON_TITLES = frozenset(
    {
        "president",
        "prime",
        "minister",
        "pm",
        "foreign",
        "secretary",
        "secretary-general",
        "general",
        "gen.",
        "maj.",
        "chancellor",
        "premier",
        "king",
    }
)
TITLES = PERSON_TITLES | {
    "eam",
    "guard",
    "spokesman",
    "spokesperson",
    "ambassador",
    "envoy",
    "north",
    "south",
}
QUOTES = "\"'“”‘’"
WORD = re.compile(r"[\w.’'&-]+")


def normalise(text: str) -> list[str]:
    """Words of an actor text without quotes, parenthetical aside or final possessive."""
    text = text.strip().strip(QUOTES)
    bare = re.sub(r"\s*\([^)]*\)", "", text).strip()
    text = bare or text.strip("()")
    words = WORD.findall(text)
    if words:
        last = re.sub(r"(['’]s|['’])$", "", words[-1])
        words[-1] = last or words[-1]
    return [w.strip(QUOTES) for w in words if w.strip(QUOTES)]


def _name_words(name: str) -> list[str]:
    return [w.lower() for w in WORD.findall(re.sub(r"\([^)]*\)", "", name))]


def classify(
    text: str | None, country: str | None, entities: list[dict], lowercase_words: set[str]
) -> str | None:
    """Kind of reference of a gold actor text: pronoun, surname, description, name (or None).

    ``entities`` are the passage's entities (name, country); ``lowercase_words`` the words
    that occur in lower case in the corpus (to tell a sentence-initial common word)."""
    if not text:
        return None
    words = normalise(text)
    if not words:
        return "name"
    low = [w.lower() for w in words]
    if tuple(low[:2]) in RECIPROCALS or (
        low[0] in PRONOUNS and not any(w[0].isupper() for w in words[1:])
    ):
        return "pronoun"
    rest = [w for w in low if w not in HONORIFICS and w not in PERSON_TITLES]
    if 0 < len(rest) <= 2:
        for entity in entities:
            if entity.get("country") != country or not entity.get("office"):
                continue
            name = _name_words(entity.get("name") or "")
            if len(name) > len(rest) and all(
                w in name or (w.endswith("s") and w[:-1] in name) for w in rest
            ):
                return "surname"
    for k, w in enumerate(words):
        if not w[0].isupper() or w.lower() in TITLES:
            continue
        if k == 0 and w.lower() in lowercase_words:
            continue
        return "name"
    return "description"


def same_country(produced: str | None, gold: str | None) -> bool:
    """Whether a produced actor country is the gold one ("IGO..." counts as "IGO")."""
    if produced is None or gold is None:
        return False
    if gold == "IGO" and produced.startswith("IGO"):
        return True
    return produced == gold


def actor_matches(actor: Actor, gold: dict) -> bool:
    """Country (and sector, when the gold gives one) of a produced actor match the gold."""
    if not same_country(actor.country, gold.get("country")):
        return False
    return not gold.get("sector") or actor.sector == gold["sector"]


@dataclass
class Slot:
    passage: str
    sentence_index: int
    sentence: str
    role: str
    gold: dict
    kind: str
    event: dict
    resolved: bool = False
    same_event: bool = False
    country_only: bool = False
    produced: str = ""
    at_mention: bool = False
    mention: str = "(words not found in one parsed sentence)"


class MentionProbe(Coder):
    """The coder, asking its actor finder about the gold actors' words as it goes."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict[str, list[tuple[int, int, Slot]]] = {}  # body -> char spans

    def code_sentence(  # type: ignore[override]
        self, sent: Span, date: str | None = None, words: list[str] | None = None,
        lemmas: list[str] | None = None, tags: list[str] | None = None,
        context: DocumentContext | None = None, story_checked: bool = False,
    ) -> list[RawEvent]:  # fmt: skip
        for start, end, slot in self.pending.get(sent.doc.text, []):
            if sent.start_char <= start and end <= sent.end_char:
                self._probe(sent, start, end, slot, date, context)
        return super().code_sentence(sent, date, words, lemmas, tags, context, story_checked)

    def _probe(self, sent: Span, start: int, end: int, slot: Slot, date: Any, context: Any) -> None:
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return
        words = [t.text.upper() for t in sent]
        actors = SentenceActors(
            sent, words, self.actors, date, copy.deepcopy(context),
            self.actors.actor_phrases.scan(words),
        )  # fmt: skip
        refs = phrase_refs(actors, span.root, {t.i - sent.start for t in span})
        slot.at_mention = any(actor_matches(_actor(r), slot.gold) for r in refs)
        slot.mention = "; ".join(f"{r.text} [{r.code}] ({r.how})" for r in refs) or "(nothing)"


def phrase_refs(actors: SentenceActors, head: Token, inside: set[int]) -> list[ActorRef]:
    """What the coder's actor finder makes of the phrase headed by ``head``."""
    verb = head.head
    if head.dep_ == "nsubj" and verb.i != head.i:
        return find_sources(actors, verb)
    if head.dep_ in {"nsubjpass", "dobj", "dative"} or (
        head.dep_ == "pobj" and verb.head.pos_ in {"VERB", "AUX"}
    ):
        governor = verb if head.dep_ != "pobj" else verb.head
        refs = find_targets(actors, governor, set())
        here = [r for r in refs if r.start in inside]
        if here or head.dep_ == "nsubjpass":
            return here or refs
    return actors.np_refs_with_conjuncts(head)


def spans(sentences: list[str], body: str) -> list[tuple[int, int]]:
    """Character span of each sentence in the body, searched for in order."""
    out, cursor = [], 0
    for s in sentences:
        at = body.find(s, cursor)
        if at < 0:
            at = cursor
        out.append((at, at + len(s)))
        cursor = at + len(s)
    return out


def locate(sentence: str, text: str | None) -> tuple[int, int] | None:
    """Character span of an actor's words in its sentence (normalised words as a fallback)."""
    if not text:
        return None
    found = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", sentence)  # "he", not "the"
    if found:
        return found.start(), found.end()
    words = normalise(text)
    if not words:
        return None
    found = re.search(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)", sentence)
    return (found.start(), found.end()) if found else None


def gold_slots(row: dict, lowercase: set[str]) -> tuple[list[Slot], int]:
    """The gold actor slots of a passage (with their kind) and how many were left out."""
    slots: list[Slot] = []
    skipped = 0
    for gi, sent in enumerate(row["sentences"]):
        for gold_event in sent["events"]:
            for role in ("source", "target"):
                gold = gold_event.get(role)
                kind = classify(
                    gold and gold.get("text"),
                    gold and gold.get("country"),
                    row.get("entities", []),
                    lowercase,
                )
                if kind is None:
                    skipped += 1
                    continue
                slots.append(Slot(row["id"], gi, sent["text"], role, gold, kind, gold_event))
    return slots, skipped


def probe_spans(row: dict, slots: list[Slot]) -> list[tuple[int, int, Slot]]:
    """Where in the passage body the words of each gold slot stand."""
    texts = [s["text"] for s in row["sentences"]]
    out = []
    for slot, (g0, _g1) in zip(
        slots, [spans(texts, " ".join(texts))[s.sentence_index] for s in slots], strict=True
    ):
        found = locate(slot.sentence, slot.gold.get("text"))
        if found is not None:
            out.append((g0 + found[0], g0 + found[1], slot))
    return out


def score_passage(row: dict, events: list, produced_sentences: list[str], slots: list[Slot]):
    """Mark which gold actor slots of one passage some produced event resolves."""
    texts = [s["text"] for s in row["sentences"]]
    body = " ".join(texts)
    gold_spans = spans(texts, body)
    made_spans = spans(produced_sentences, body)
    for slot in slots:
        g0, g1 = gold_spans[slot.sentence_index]
        here = [
            e
            for e in events
            if e.sentence_index < len(made_spans)
            and made_spans[e.sentence_index][0] < g1
            and made_spans[e.sentence_index][1] > g0
        ]
        gold, role = slot.gold, slot.role
        other = slot.event.get("target" if role == "source" else "source")
        roles = ("source", "target") if slot.event.get("symmetric") else (role,)
        pairs = [
            (getattr(e, r), getattr(e, "target" if r == "source" else "source"))
            for e in here
            for r in roles
        ]
        slot.resolved = any(actor_matches(a, gold) for a, _ in pairs)
        slot.same_event = any(
            actor_matches(a, gold)
            and (not (other and other.get("text")) or same_country(b.country, other.get("country")))
            for a, b in pairs
        )
        slot.country_only = any(same_country(a.country, gold.get("country")) for a, _ in pairs)
        slot.produced = "; ".join(
            f"{e.source.text} [{e.source.country}/{e.source.sector}] {e.cameo} "
            f"{e.target.text} [{e.target.country}/{e.target.sector}]"
            for e in here
        )


def lowercase_vocabulary(rows: list[dict]) -> set[str]:
    """Words that occur in lower case somewhere in the passages."""
    return {
        w for row in rows for s in row["sentences"] for w in WORD.findall(s["text"]) if w.islower()
    }


def share(part: int, whole: int) -> str:
    return (
        f"{part:4d}/{whole:<4d} {part / whole:6.1%}" if whole else f"{part:4d}/{whole:<4d}    n/a"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list unresolved referring actors")
    parser.add_argument("--data", type=Path, default=DATA, help="passages.jsonl to read")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data} not found (the reference data lives in ../shared/data)")
    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    lowercase = lowercase_vocabulary(rows)
    documents = [
        Document(
            id=row["id"],
            body=" ".join(s["text"] for s in row["sentences"]),
            published=row.get("published"),
        )
        for row in rows
    ]
    by_id = {row["id"]: row for row in rows}
    per_passage = {row["id"]: gold_slots(row, lowercase) for row in rows}
    coder = MentionProbe()
    for document in documents:
        coder.pending[document.body] = probe_spans(by_id[document.id], per_passage[document.id][0])
    for result in coder.code_documents(documents):
        row = by_id[result.document.id]
        score_passage(row, result.events, result.sentences, per_passage[row["id"]][0])
    slots = [slot for got, _ in per_passage.values() for slot in got]
    skipped = sum(n for _, n in per_passage.values())

    referring = [s for s in slots if s.kind in KINDS]
    named = [s for s in slots if s.kind == "name"]
    print(f"passages {len(rows)}; gold actor slots {len(slots) + skipped}")
    print(f"  without a mention in the sentence (text null or no target): {skipped}")
    print(f"{'':<20} {'resolved':<16}   {'same event':<16}   {'country only':<16}   at the mention")

    def line(label: str, group: list[Slot]) -> None:
        n = len(group)
        print(
            f"{label:<20} "
            f"{share(sum(s.resolved for s in group), n)}   "
            f"{share(sum(s.same_event for s in group), n)}   "
            f"{share(sum(s.country_only for s in group), n)}   "
            f"{share(sum(s.at_mention for s in group), n)}"
        )

    line("referring actors", referring)
    for kind in KINDS:
        line(f"  {kind}", [s for s in referring if s.kind == kind])
    line("named (reference)", named)
    counts = Counter(s.kind for s in referring)
    print("referring actors per kind: " + ", ".join(f"{k} {counts[k]}" for k in KINDS))

    if args.show:
        print("\nunresolved referring actors:")
        for s in referring:
            if s.resolved and s.at_mention:
                continue
            g = s.gold
            print(
                f"- {s.passage} s{s.sentence_index} {s.kind} {s.role} {g['text']!r} "
                f"expected {g['country']}/{g.get('sector')}\n"
                f"    sentence: {s.sentence}\n"
                f"    produced: {s.produced or '(no events)'}\n"
                f"    at the mention: {s.mention}"
            )


if __name__ == "__main__":
    main()
