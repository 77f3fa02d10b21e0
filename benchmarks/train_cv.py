"""Five-fold cross-validation of the event-type model designs on eventtrain.

Prints, for each design, root accuracy, macro-F1, no-event precision and recall, training
time and classification cost per sentence. Folds keep each page's sentences together.
Designs:

- ``linear``: tieline's shipped design, a softmax model over features of the coder's own
  spaCy parse (lemmas, bigrams, verbs, root, entity kinds, mean ``doc.tensor``);
- ``textcat``: spaCy's ``textcat_multilabel`` (bag-of-words + CNN ensemble, its default
  architecture) trained from scratch on the same sentences, ten epochs.

Usage: python benchmarks/train_cv.py [--data ../shared/data/eventtrain] [--designs linear,textcat]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from pathlib import Path

from tieline.eventtype.classifier import LABELS, NONE, EventTypeModel
from tieline.eventtype.examples import TrainingSentence, read_training_sentences
from tieline.eventtype.training import (
    fold_scores,
    linear_predictor,
    out_of_fold,
    parse_inputs,
)
from tieline.nlp.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
SEED = 13


def textcat_predictor(sentences: Sequence[TrainingSentence], epochs: int = 10):  # type: ignore[no-untyped-def]
    """Train spaCy's textcat_multilabel on the training indices, score the held-out ones;
    records the time per held-out sentence in ``predict.cost``."""
    import spacy
    from spacy.training import Example

    def predict(train: Sequence[int], held: Sequence[int]) -> list[dict[str, float]]:
        spacy.util.fix_random_seed(SEED)
        nlp = spacy.blank("en")
        textcat = nlp.add_pipe("textcat_multilabel")
        for label in LABELS:
            textcat.add_label(label)
        examples = []
        for i in train:
            s = sentences[i]
            gold = set(s.roots) or {NONE}
            cats = {label: float(label in gold) for label in LABELS}
            examples.append(Example.from_dict(nlp.make_doc(s.text), {"cats": cats}))
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(SEED)
        for _ in range(epochs):
            rng.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=16):
                nlp.update(batch, sgd=optimizer)
        start = time.perf_counter()
        docs = list(nlp.pipe([sentences[i].text for i in held]))
        predict.cost.append((time.perf_counter() - start) / max(1, len(held)))  # type: ignore[attr-defined]
        out = []
        for doc in docs:
            total = sum(doc.cats.values()) or 1.0
            out.append({label: doc.cats[label] / total for label in LABELS})
        return out

    predict.cost = []  # type: ignore[attr-defined]
    return predict


def linear_cost(nlp, texts: Sequence[str], model: EventTypeModel) -> float:  # type: ignore[no-untyped-def]
    """Seconds per sentence to classify already-parsed sentences (the coder parses anyway)."""
    docs = list(nlp.pipe(texts, batch_size=64))
    start = time.perf_counter()
    for doc in docs:
        model.probabilities(doc[:])
    return (time.perf_counter() - start) / max(1, len(docs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/eventtrain")
    parser.add_argument("--designs", default="linear,textcat")
    args = parser.parse_args()
    sentences = read_training_sentences(args.data)
    nlp = load_pipeline(None)
    texts = [s.text for s in sentences]
    empty = sum(1 for s in sentences if not s.roots)
    print(f"eventtrain: {len(sentences)} sentences, {empty} without events; 5 folds by page")
    for design in args.designs.split(","):
        start = time.perf_counter()
        if design == "linear":
            inputs = parse_inputs(nlp, texts)
            probs = out_of_fold(sentences, linear_predictor(sentences, inputs))
            elapsed = time.perf_counter() - start
            model = EventTypeModel.fit(inputs, [s.roots for s in sentences])
            cost = linear_cost(nlp, texts, model)
            extra = "(+ the coder's spaCy parse, which it makes anyway)"
        elif design == "textcat":
            predict = textcat_predictor(sentences)
            probs = out_of_fold(sentences, predict)
            elapsed = time.perf_counter() - start
            cost = sum(predict.cost) / len(predict.cost)
            extra = "(its own tokenizer and CNN, on top of the coder's parse)"
        else:
            raise SystemExit(f"unknown design {design!r}")
        print(f"{design:8s} {fold_scores(sentences, probs).line()}")
        print(f"{'':8s} cross-validation {elapsed:.0f} s; {cost * 1000:.2f} ms/sentence {extra}")


if __name__ == "__main__":
    main()
