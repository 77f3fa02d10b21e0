"""Choose the hybrid coder's thresholds by cross-validation on eventtrain (never on the
development sets).

For each of five folds (pages kept whole), the event-type model is trained on the other
folds' sentences (cooperation, conflict and passages) and the hybrid codes the held-out
cooperation and conflict sentences with the realsentences scorer. Prints, for the rules
alone and for each grid point, events recall, precision, root accuracy and false-event
rate over all held-out sentences. Usage: python benchmarks/hybrid_cv.py [--data DIR]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path
from typing import Any

from tieline.coding.coder import Coder, _DocState
from tieline.coding.syntax import DocumentContext
from tieline.evaluation.realtext import (
    SentencesSuite,
    json_rows,
    score_sentence,
    sentence_document,
    sentence_indices_from,
)
from tieline.eventtype.classifier import EventTypeModel
from tieline.eventtype.examples import fold_of, read_training_sentences
from tieline.eventtype.hybrid import SecondOpinion, Thresholds
from tieline.eventtype.training import FOLDS, parse_inputs

ROOT = Path(__file__).resolve().parents[1]
DROPS = (0.0, 0.02, 0.05)
ADDS = (0.3, 0.4)
BESIDES = (None, 0.5, 0.6, 0.7)


def code_rows(coder: Coder, parsed: list[tuple[Any, Any, int]], rows: list[dict[str, Any]],
              suite: SentencesSuite) -> None:  # fmt: skip
    """Code already-parsed sentence documents and add their scores to ``suite``."""
    for row, (doc, document, offset) in zip(rows, parsed, strict=True):
        state = _DocState(DocumentContext([]))
        coder.code_parsed(doc, document, state)
        keep = sentence_indices_from(document.body, state.sentence_texts, offset)
        events = [] if state.discarded else state.events
        events = [e for e in events if e.sentence_index in keep]
        suite.sentences.append(score_sentence(row["id"], events, row["events"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/eventtrain")
    args = parser.parse_args()
    training = read_training_sentences(args.data)
    fold = dict(zip((s.id for s in training), fold_of([s.group for s in training], FOLDS),
                    strict=True))  # fmt: skip
    rows = json_rows(args.data / "cooperation.jsonl", ("id", "text", "events"), "a sentence")
    rows += json_rows(args.data / "conflict.jsonl", ("id", "text", "events"), "a sentence")
    coder = Coder()
    nlp = coder.nlp
    docs = [sentence_document(r) for r in rows]
    parsed = [(d, doc, off) for d, (doc, off) in zip(nlp.pipe([d.body for d, _ in docs]), docs,
                                                      strict=True)]  # fmt: skip
    inputs = parse_inputs(nlp, [s.text for s in training])
    models = []
    for k in range(FOLDS):
        train = [i for i, s in enumerate(training) if fold[s.id] != k]
        models.append(EventTypeModel.fit([inputs[i] for i in train],
                                         [training[i].roots for i in train]))  # fmt: skip
    by_fold = [[i for i, r in enumerate(rows) if fold[r["id"]] == k] for k in range(FOLDS)]
    rules = SentencesSuite()
    for k in range(FOLDS):
        code_rows(coder, [parsed[i] for i in by_fold[k]], [rows[i] for i in by_fold[k]], rules)
    print(f"rules alone      {rules.summary_line()}")
    for drop, add, beside in itertools.product(DROPS, ADDS, BESIDES):
        suite = SentencesSuite()
        for k in range(FOLDS):
            coder.second_opinion = SecondOpinion(
                models[k], Thresholds(drop=drop, add=add, beside=beside)
            )
            code_rows(coder, [parsed[i] for i in by_fold[k]], [rows[i] for i in by_fold[k]],
                      suite)  # fmt: skip
        coder.second_opinion = None
        extra = "-" if beside is None else f"{beside:.2f}"
        print(f"drop {drop:.3f} add {add:.2f} beside {extra} {suite.summary_line()}", flush=True)


if __name__ == "__main__":
    main()
