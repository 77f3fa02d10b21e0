"""Accuracy on hand-coded real text: documents with gold event files, and single sentences.

The matching follows the development sets' own READMEs (../shared/data/realnews and
../shared/data/realsentences): a produced event matches a gold event when the source and
target countries agree (either order for symmetric events), each actor's sector satisfies
the gold constraints, the CAMEO code or its three-digit parent is accepted, and (for
documents) the modality and the date interval agree where the gold file states them.
Each produced event matches at most one gold event and each gold event at most one
produced event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tieline.coding.coder import Coder
from tieline.errors import InputError
from tieline.evaluation import ratio, shown
from tieline.ingest.text import strip_datelines
from tieline.model import Author, Document, Event

# Used for sentences whose page shows no date (the README allows any fixed date).
UNDATED = "2020-06-30"


def match_country(country: str | None) -> str | None:
    """An actor's country as the gold files write it (any international body is ``IGO``)."""
    if country and country.startswith("IGO"):
        return "IGO"
    return country


def _sector_ok(sector: str | None, gold_actor: dict[str, Any]) -> bool:
    allowed = gold_actor.get("sector_any")
    if allowed is not None and sector not in allowed:
        return False
    refused = gold_actor.get("sector_not")
    return refused is None or (sector is not None and sector not in refused)


def _code_ok(code: str, accepted: Sequence[str], children: bool) -> bool:
    """A code, or its three-digit parent, is accepted (with ``children``: a three-digit
    gold code also accepts its four-digit children)."""
    if code in accepted or code[:3] in accepted:
        return True
    return children and any(len(a) == 3 and code.startswith(a) for a in accepted)


def _actors_ok(event: Event, gold: dict[str, Any], sectors: bool) -> bool:
    pairs = [(event.source, event.target)]
    if gold.get("symmetric"):
        pairs.append((event.target, event.source))
    gs, gt = gold["source"], gold.get("target")
    for src, tgt in pairs:
        if match_country(src.country) != gs["country"]:
            continue
        if gt is not None and match_country(tgt.country) != gt["country"]:
            continue
        if sectors and not (
            _sector_ok(src.sector, gs) and (gt is None or _sector_ok(tgt.sector, gt))
        ):
            continue
        return True
    return False


def _date_ok(event: Event, gold: dict[str, Any]) -> bool:
    window = gold.get("date_overlaps")
    if not window:
        return True
    start, end = event.date.start, event.date.end or event.date.start
    if not start or not end:
        return False
    return start <= window[1] and window[0] <= end


def matches_document_gold(event: Event, gold: dict[str, Any]) -> bool:
    """True when a produced event matches a gold event of a realnews gold file."""
    return (
        _actors_ok(event, gold, sectors=True)
        and _code_ok(event.cameo, gold["cameo_any"], children=True)
        and (not gold.get("modality_any") or (event.modality or "asserted") in gold["modality_any"])
        and _date_ok(event, gold)
    )


def matches_sentence_gold(event: Event, gold: dict[str, Any]) -> bool:
    """True when a produced event matches a gold event of the realsentences set."""
    return _actors_ok(event, gold, sectors=False) and _code_ok(
        event.cameo, gold["cameo_any"], children=False
    )


def _specificity(gold: dict[str, Any]) -> tuple[int, int]:
    """Most specific gold events are served first: more constraints, fewer codes."""
    constraints = sum(
        1
        for present in (
            gold.get("date_overlaps"),
            gold.get("modality_any"),
            gold["source"].get("sector_any") or gold["source"].get("sector_not"),
            (gold.get("target") or {}).get("sector_any")
            or (gold.get("target") or {}).get("sector_not"),
            not gold.get("symmetric"),
        )
        if present
    )
    return (-constraints, len(gold["cameo_any"]))


def assign(
    events: Sequence[Event], golds: Sequence[dict[str, Any]], matcher: Any
) -> dict[int, int]:
    """Greedy one-to-one matching: gold index -> produced index, most specific gold first."""
    taken: set[int] = set()
    out: dict[int, int] = {}
    for gi in sorted(range(len(golds)), key=lambda i: _specificity(golds[i])):
        for ei, event in enumerate(events):
            if ei not in taken and matcher(event, golds[gi]):
                taken.add(ei)
                out[gi] = ei
                break
    return out


def _tolerated(event: Event, rules: Iterable[dict[str, Any]]) -> bool:
    def same(actor_country: str | None, actor_code: str, want: str) -> bool:
        if want == "*IGO*":
            return "IGO" in (actor_code or "") or match_country(actor_country) == "IGO"
        return match_country(actor_country) == want

    for rule in rules:
        if event.cameo[:2] not in rule.get("roots", []):
            continue
        a, b = rule["pair"]
        s, t = event.source, event.target
        if same(s.country, s.code, a) and same(t.country, t.code, b):
            return True
        if rule.get("symmetric") and same(s.country, s.code, b) and same(t.country, t.code, a):
            return True
    return False


def describe_event(e: Event) -> str:
    """One line for an event: actors, code, modality, date and its sentence."""
    src = f"{e.source.country or '---'}{'/' + e.source.sector if e.source.sector else ''}"
    tgt = f"{e.target.country or '---'}{'/' + e.target.sector if e.target.sector else ''}"
    return f"{src} -> {tgt} {e.cameo} {e.modality} {e.date.start or '-'}: {e.sentence[:110]}"


def describe_gold(g: dict[str, Any]) -> str:
    """One line for a gold event: id, actors, accepted codes."""
    tgt = g.get("target") or {"country": "*"}
    return (
        f"{g.get('id') or g.get('cameo')} {g['source']['country']} -> {tgt['country']} "
        f"[{','.join(g['cameo_any'])}]"
    )


# ---------------------------------------------------------------------------- documents


@dataclass
class DocumentScore:
    """One document's comparison with its gold file."""

    doc_id: str
    gold: int = 0
    must: int = 0
    matched: int = 0
    must_matched: int = 0
    produced: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    # One (confidence, correct) pair per produced event, in the events' order: correct
    # when the event matched a gold event or fell under a tolerated pair and root.
    outcomes: list[tuple[float, bool]] = field(default_factory=list)


@dataclass
class DocumentsSuite:
    """Must-recall, recall and precision of a set of documents."""

    documents: list[DocumentScore] = field(default_factory=list)

    def _sum(self, name: str) -> int:
        return sum(getattr(d, name) for d in self.documents)

    @property
    def figures(self) -> dict[str, Any]:
        """All totals and rates, at full precision."""
        must, must_m = self._sum("must"), self._sum("must_matched")
        gold, matched = self._sum("gold"), self._sum("matched")
        produced, correct = self._sum("produced"), self._sum("correct")
        return {
            "documents": len(self.documents),
            "must_recall": ratio(must_m, must),
            "must_matched": must_m,
            "must": must,
            "recall": ratio(matched, gold),
            "matched": matched,
            "gold": gold,
            "precision": ratio(correct, produced),
            "correct": correct,
            "produced": produced,
        }

    def summary_line(self) -> str:
        """The closing line: ``documents-suite: must-recall …``."""
        f = self.figures
        return (
            f"documents-suite: must-recall {shown(f['must_recall'])}"
            f" ({f['must_matched']}/{f['must']})"
            f" recall {shown(f['recall'])} ({f['matched']}/{f['gold']})"
            f" precision {shown(f['precision'])} ({f['correct']}/{f['produced']})"
            f" over {f['documents']} documents"
        )


def score_document(
    doc_id: str, events: Sequence[Event], gold_file: dict[str, Any]
) -> DocumentScore:
    """Score one document's events against its gold file."""
    golds = gold_file["events"]
    found = assign(events, golds, matches_document_gold)
    score = DocumentScore(doc_id, gold=len(golds), must=sum(1 for g in golds if g.get("must")))
    score.matched = len(found)
    score.must_matched = sum(1 for gi in found if golds[gi].get("must"))
    score.produced = len(events)
    used = set(found.values())
    for gi, g in enumerate(golds):
        if gi not in found:
            tag = "MISS (must)" if g.get("must") else "MISS"
            score.misses.append(f"{tag} {describe_gold(g)}: {g.get('why', '')[:100]}")
    for ei, e in enumerate(events):
        ok = ei in used or _tolerated(e, gold_file.get("tolerated", []))
        score.outcomes.append((e.confidence, ok))
        if ok:
            score.correct += 1
        else:
            score.false_positives.append(f"FALSE {describe_event(e)}")
    return score


def json_rows(path: Path, required: tuple[str, ...], what: str) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file; a line without the required fields is an error
    naming the file and line."""
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            missing = [k for k in required if k not in row]
        except (json.JSONDecodeError, TypeError) as exc:
            raise InputError(f"{path}:{number}", f"not {what} ({exc})") from exc
        if missing:
            raise InputError(f"{path}:{number}", f"not {what} (missing {', '.join(missing)})")
        row["_line"] = number
        rows.append(row)
    return rows


def read_documents(path: Path) -> list[Document]:
    """Documents of an evaluation JSONL file (id, url, title, published, authors, text)."""
    out = []
    for row in json_rows(path, ("id", "text"), "an evaluation document"):
        authors = [
            Author(a) if isinstance(a, str) else Author(a.get("name", ""), a.get("role"))
            for a in row.get("authors") or []
        ]
        out.append(
            Document(
                id=str(row["id"]),
                body=strip_datelines(str(row["text"]).strip()),
                source_path=f"{path}:{row['_line']}",
                url=row.get("url"),
                title=row.get("title"),
                published=row.get("published"),
                authors=authors,
            )
        )
    return out


def evaluate_documents(docs_path: Path, gold_dir: Path, coder: Coder) -> DocumentsSuite:
    """Code every document of ``docs_path`` and score it against ``gold_dir/<id>.json``."""
    documents = read_documents(docs_path)
    suite = DocumentsSuite()
    golds = {}
    for d in documents:
        gold_path = gold_dir / f"{d.id}.json"
        if not gold_path.exists():
            raise InputError(str(gold_path), f"no gold file for document {d.id!r}")
        golds[d.id] = json.loads(gold_path.read_text("utf-8"))
    for result in coder.code_documents(documents):
        doc_id = result.document.id
        suite.documents.append(score_document(doc_id, result.events, golds[doc_id]))
    return suite


# ---------------------------------------------------------------------------- sentences


@dataclass
class SentenceScore:
    """One sentence's comparison with its gold events."""

    sentence_id: str
    gold: int
    produced: int
    matched: int
    root_ok: bool
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    # One (confidence, matched) pair per produced event, in the events' order.
    outcomes: list[tuple[float, bool]] = field(default_factory=list)


@dataclass
class SentencesSuite:
    """Events recall, precision, root accuracy and false-event rate of a sentence set."""

    sentences: list[SentenceScore] = field(default_factory=list)

    @property
    def figures(self) -> dict[str, Any]:
        """All totals and rates, at full precision."""
        with_events = [s for s in self.sentences if s.gold]
        without = [s for s in self.sentences if not s.gold]
        gold = sum(s.gold for s in self.sentences)
        matched = sum(s.matched for s in self.sentences)
        produced = sum(s.produced for s in self.sentences)
        root = sum(1 for s in with_events if s.root_ok)
        false_events = sum(1 for s in without if s.produced)
        return {
            "sentences": len(self.sentences),
            "recall": ratio(matched, gold),
            "matched": matched,
            "gold": gold,
            "precision": ratio(matched, produced),
            "produced": produced,
            "root_accuracy": ratio(root, len(with_events)),
            "root_correct": root,
            "with_events": len(with_events),
            "false_event_rate": ratio(false_events, len(without)),
            "false_event_sentences": false_events,
            "without_events": len(without),
        }

    def summary_line(self) -> str:
        """The closing line: ``sentences-suite: events recall …``."""
        f = self.figures
        return (
            f"sentences-suite: events recall {shown(f['recall'])} ({f['matched']}/{f['gold']})"
            f" precision {shown(f['precision'])} ({f['matched']}/{f['produced']})"
            f" root {shown(f['root_accuracy'])} ({f['root_correct']}/{f['with_events']})"
            f" false-event rate {shown(f['false_event_rate'])}"
            f" ({f['false_event_sentences']}/{f['without_events']})"
            f" over {f['sentences']} sentences"
        )


def score_sentence(
    sentence_id: str, events: Sequence[Event], golds: Sequence[dict[str, Any]]
) -> SentenceScore:
    """Score the events coded from one sentence against its gold events."""
    found = assign(events, golds, matches_sentence_gold)
    roots = {c[:2] for g in golds for c in g["cameo_any"]}
    score = SentenceScore(
        sentence_id,
        gold=len(golds),
        produced=len(events),
        matched=len(found),
        root_ok=any(e.cameo[:2] in roots for e in events),
    )
    used = set(found.values())
    score.misses = [f"MISS {describe_gold(g)}" for gi, g in enumerate(golds) if gi not in found]
    score.false_positives = [
        f"FALSE {describe_event(e)}" for ei, e in enumerate(events) if ei not in used
    ]
    score.outcomes = [(e.confidence, ei in used) for ei, e in enumerate(events)]
    return score


def sentence_document(row: dict[str, Any]) -> tuple[Document, int]:
    """The document to code for one sentence row (its context as a first paragraph) and
    the character offset at which the sentence itself begins."""
    context = (row.get("context") or "").strip()
    text = strip_datelines(str(row["text"]).strip())
    body = f"{context}\n\n{text}" if context else text
    offset = len(context) + 2 if context else 0
    doc = Document(id=str(row["id"]), body=body, published=row.get("published") or UNDATED)
    return doc, offset


def sentence_indices_from(body: str, sentences: Sequence[str], offset: int) -> set[int]:
    """Indices of the coded sentences that start at or after ``offset`` in ``body``."""
    out: set[int] = set()
    pos = 0
    for i, text in enumerate(sentences):
        at = body.find(text, pos) if text else -1
        if at < 0:
            continue
        if at >= offset:
            out.add(i)
        pos = at + len(text)
    return out


def evaluate_sentences(path: Path, coder: Coder) -> SentencesSuite:
    """Code every sentence of a realsentences-format JSONL file and score it."""
    rows = json_rows(path, ("id", "text", "events"), "an evaluation sentence")
    prepared = [sentence_document(r) for r in rows]
    suite = SentencesSuite()
    results = coder.code_documents([d for d, _ in prepared])
    for row, (doc, offset), result in zip(rows, prepared, results, strict=True):
        keep = sentence_indices_from(doc.body, result.sentences, offset)
        events = [e for e in result.events if e.sentence_index in keep]
        suite.sentences.append(score_sentence(row["id"], events, row["events"]))
    return suite


# ---------------------------------------------------------------------- confidence bands

# (label, lowest confidence, highest confidence excluded), highest band first
CONFIDENCE_BANDS = (
    ("conf >= 0.8", 0.8, None),
    ("0.5 <= conf < 0.8", 0.5, 0.8),
    ("conf < 0.5", None, 0.5),
)


def precision_by_band(outcomes: Iterable[tuple[float, bool]]) -> list[tuple[str, int, int]]:
    """(label, correct, events) for each confidence band of ``(confidence, correct)``
    pairs, highest band first."""
    pairs = list(outcomes)
    out = []
    for label, low, high in CONFIDENCE_BANDS:
        inside = [
            ok
            for conf, ok in pairs
            if (low is None or conf >= low) and (high is None or conf < high)
        ]
        out.append((label, sum(inside), len(inside)))
    return out
