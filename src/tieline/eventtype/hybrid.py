"""The hybrid coder: the event-type model's root probabilities revise the rules' events.

For each sentence, after the rules have coded it:

1. a rule event whose root the model finds very unlikely (below ``drop``) is dropped;
   one it finds unlikely (below ``demote``) loses confidence; one it confirms (at or
   above ``confirm``) gains confidence;
2. when no rule event is left and the model's most probable root reaches ``add`` (and is
   more probable than "no event"), or when no rule event has that root and it reaches
   ``beside``, an event is produced with that root's most general
   code ("040", "190") between the clause's source and target actors, found by the
   coder's own source and target rules around the sentence's root verb. Its evidence says
   ``"from": "model"``.

The thresholds ``drop``, ``add`` and ``beside`` were chosen by cross-validation on
eventtrain (``benchmarks/hybrid_cv.py``), never on the development sets: the grid point
with the highest root accuracy whose precision beat the rules alone by at least 0.02
(drop 0.02, add 0.40, beside 0.50: root 0.34 -> 0.46, precision 0.39 -> 0.41 on held-out
eventtrain sentences, with the rules of 2026-11-29).
``demote`` and ``confirm`` move only confidence, not which events are coded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from tieline.coding.actors import same_side
from tieline.coding.modality import modality_of
from tieline.coding.syntax import ActorRef, find_sources, find_targets
from tieline.eventtype.classifier import LABELS, NONE, EventTypeModel

if TYPE_CHECKING:
    from spacy.tokens import Span

    from tieline.coding.coder import Coder, RawEvent
    from tieline.coding.syntax import DocumentContext

ROOTS = tuple(label for label in LABELS if label != NONE)
# confidence moves for the model's opinion of a rule event, and a model event's start
CONFIRMED = 0.05
DEMOTED = -0.15
MODEL_EVENT = -0.35  # from the 0.85 of a pattern: a model event starts at 0.5
# Whether ``auto`` uses the model: set from benchmarks/hybrid.py on the development sets.
HYBRID_BY_DEFAULT = False


@dataclass(frozen=True)
class Thresholds:
    """Probabilities at which the model drops, demotes, confirms or adds an event."""

    drop: float = 0.02
    demote: float = 0.1
    confirm: float = 0.5
    add: float = 0.4
    # the model also adds its event beside the rules' when none of theirs has its most
    # probable root and that root reaches this probability (None: never)
    beside: float | None = 0.5


MODES = ("off", "auto", "on")


def second_opinion_for(mode: str) -> SecondOpinion | None:
    """The hybrid for ``--model-events``: ``off`` the rules alone, ``on`` the shipped model's
    second opinion, ``auto`` whichever the measured ablation made the default."""
    if mode not in MODES:
        raise ValueError(f"--model-events must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "off" or (mode == "auto" and not HYBRID_BY_DEFAULT):
        return None
    from tieline.eventtype.classifier import shipped_model

    return SecondOpinion(shipped_model())


def top_root(p: dict[str, float]) -> str:
    """The most probable CAMEO root ("no event" aside)."""
    return max(ROOTS, key=lambda r: p[r])


class SecondOpinion:
    """Revises a sentence's rule events with the event-type model's probabilities."""

    def __init__(self, model: EventTypeModel, thresholds: Thresholds | None = None) -> None:
        self.model = model
        self.thresholds = thresholds or Thresholds()

    def revise(
        self,
        coder: Coder,
        sent: Span,
        raws: list[RawEvent],
        words: list[str],
        date: str | None,
        context: DocumentContext | None,
        trace: list[dict[str, Any]] | None = None,
    ) -> list[RawEvent]:
        """The sentence's events after the model's opinion (see the module docstring)."""
        p = self.model.probabilities(sent)
        kept = self.judge_rules(raws, p)
        added: list[RawEvent] = []
        if not kept or self._beside(kept, p):
            added = self.model_events(coder, sent, p, words, date, context)
        if trace is not None:
            trace.append(self._note(sent, p, len(raws) - len(kept), bool(kept), added))
        return kept + added

    def _beside(self, kept: list[RawEvent], p: dict[str, float]) -> bool:
        """True when the model's most probable root, which no kept rule event has, is
        likely enough to be coded beside them."""
        beside = self.thresholds.beside
        if beside is None:
            return False
        root = top_root(p)
        return p[root] >= beside and all(r.code[:2] != root for r in kept)

    def judge_rules(self, raws: list[RawEvent], p: dict[str, float]) -> list[RawEvent]:
        """Rule events kept, with their confidence moved by the model's opinion."""
        t = self.thresholds
        out = []
        for raw in raws:
            q = p.get(raw.code[:2], 0.0)
            if q < t.drop:
                continue
            if q < t.demote:
                raw = replace(raw, adjust=DEMOTED)
            elif q >= t.confirm:
                raw = replace(raw, adjust=CONFIRMED)
            out.append(raw)
        return out

    def model_events(
        self,
        coder: Coder,
        sent: Span,
        p: dict[str, float],
        words: list[str],
        date: str | None,
        context: DocumentContext | None,
    ) -> list[RawEvent]:
        """The model's own event for a sentence the rules left empty, when it is confident
        and the root verb's clause has a source and a target actor."""
        from tieline.coding.coder import RawEvent

        root = top_root(p)
        if p[root] < self.thresholds.add or p[root] <= p[NONE]:
            return []
        if coder.sentence_discards.scan(words):
            return []
        actors = coder.sentence_actors(sent, words, date, context)
        if not actors.actor_mentions:
            return []
        verb = sent.root
        code = f"{root}0"
        pairs = _source_and_target(actors, verb, code)
        if pairs is None:
            return []
        source, target = pairs
        pattern = f"event-type model: root {root} (p {p[root]:.2f})"
        return [
            RawEvent(
                source, target, code, verb.text.lower(), actors.rel(verb), modality_of(verb),
                pattern, origin="model", adjust=MODEL_EVENT,
            )
        ]  # fmt: skip

    @staticmethod
    def _note(
        sent: Span, p: dict[str, float], dropped: int, kept: bool, added: list[RawEvent]
    ) -> dict[str, Any]:
        top = sorted(LABELS, key=lambda label: -p[label])[:3]
        decision = (
            f"dropped {dropped} rule event(s)"
            if dropped
            else ("kept the rules' events" if kept else "the rules coded nothing")
        )
        if added:
            decision += f"; added {added[0].code} from the model"
        return {
            "verb": sent.root.text,
            "token": sent.root.i - sent.start,
            "family": "EVENT-TYPE MODEL",
            "pattern": ", ".join(f"{label} {p[label]:.2f}" for label in top),
            "decision": decision,
        }


def _source_and_target(actors: Any, verb: Any, code: str) -> tuple[ActorRef, ActorRef] | None:
    """The first source of ``verb`` and the first target on the other side, if both exist."""
    sources = find_sources(actors, verb) or actors.first_refs_in(range(len(actors.sent)))
    if not sources:  # no subject the dictionaries know: the first actor the sentence names
        return None
    source = sources[0]
    actors.avoid = frozenset({source.code[:3]})
    try:
        targets = find_targets(
            actors, verb, {source.start}, None,
            reject=lambda t: same_side(source.code, t.code, code),
        )  # fmt: skip
    finally:
        actors.avoid = frozenset()
    targets = [t for t in targets if not same_side(source.code, t.code, code)]
    if not targets:  # no object of the root verb: the first other actor the clause names
        targets = actors.first_refs_in(
            range(len(actors.sent)), reject=lambda t: same_side(source.code, t.code, code)
        )
    targets = [t for t in targets if not same_side(source.code, t.code, code)]
    return (source, targets[0]) if targets else None
