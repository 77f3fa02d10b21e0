"""What the coder saw and decided for each sentence: the data of ``tieline explain``.

With ``Coder.trace`` set to a list, every coded sentence appends one record: its tokens
and dependency arcs, the actor and agent phrases found, each verb tried (its family, the
pattern that matched or why none did, the actors and how each was resolved), the date
and modality cues, and the events produced with their evidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tieline.coding.dating import sentence_dates
from tieline.coding.modality import modality_cues

if TYPE_CHECKING:
    from spacy.tokens import Span

    from tieline.coding.coder import Coder, RawEvent
    from tieline.coding.syntax import ActorRef
    from tieline.coding.verbs import PatternMatch
    from tieline.model import Document, Event


# How ``describe_pattern`` names a verb family's default code (no pattern matched).
FAMILY_DEFAULT = "(family default)"


def is_family_default(pattern: str) -> bool:
    """True for evidence that only a verb family's default code gave."""
    return pattern.startswith(FAMILY_DEFAULT)


def describe_pattern(match: PatternMatch) -> str:
    """A matched verb pattern in PETRARCH's notation, e.g. ``- * WITH + [040]``."""
    code = match.code
    codes = ":".join(c or "---" for c in (code.forward, code.reverse) if c is not None)
    pattern = match.pattern
    if pattern is None:
        return f"{FAMILY_DEFAULT} [{codes or '---'}]"
    pre = " ".join(_element(e) for e in reversed(pattern.pre))  # stored walking outward
    post = " ".join(_element(e) for e in pattern.post)
    return f"- {pre} * {post} [{codes or '---'}]".replace("  ", " ")


def _element(e: Any) -> str:
    return ("_ " if e.tight else "") + e.value


def ref_note(ref: ActorRef) -> dict[str, Any]:
    """An actor as the trace shows it: words, code and how it was resolved."""
    return {"text": ref.text, "code": ref.code, "how": ref.how}


def sentence_trace(
    sent: Span,
    index: int,
    anchor: date | None,
    verbs: Sequence[dict[str, Any]],
    raws: Sequence[RawEvent],
    events: Sequence[Event],
) -> dict[str, Any]:
    """The record of one coded sentence (see the module docstring)."""
    start = sent.start
    return {
        "sentence_index": index,
        "text": sent.text.strip(),
        "tokens": [
            {
                "i": t.i - start,
                "text": t.text,
                "lemma": t.lemma_,
                "tag": t.tag_,
                "dep": t.dep_,
                "head": t.head.i - start,
                "entity": t.ent_type_ or None,
            }
            for t in sent
        ],
        "verbs": [dict(v) for v in verbs],
        "date_cues": [
            {
                "text": m.resolved.text,
                "start": m.resolved.start.isoformat(),
                "end": m.resolved.end.isoformat(),
                "precision": m.resolved.precision,
            }
            for m in (sentence_dates(sent, anchor) if anchor else [])
        ],
        "modality_cues": {sent[r.verb_index].text: modality_cues(sent[r.verb_index]) for r in raws},
        "events": [
            {
                **event.to_dict(),
                "evidence": {
                    "pattern": raw.pattern,
                    "from": raw.origin,
                    "verb_token": raw.verb_index,
                    "source_resolved": raw.source.how,
                    "target_resolved": raw.target.how,
                },
            }
            for raw, event in zip(raws, events, strict=False)
        ],
    }


def explain_documents(coder: Coder, documents: Sequence[Document]) -> Iterator[dict[str, Any]]:
    """Code documents with tracing on; yield per document its id and sentence records."""
    for document in documents:
        coder.trace = []
        try:
            result = next(coder.code_documents([document]))
        finally:
            trace, coder.trace = coder.trace, None
        yield {"document": result.document.id, "title": result.document.title, "sentences": trace}
