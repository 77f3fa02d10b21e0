"""Training the shipped event-type model and measuring it by cross-validation.

``train_model`` parses the eventtrain sentences with the coder's spaCy pipeline and fits
the softmax model; ``cross_validate`` scores any design by k-fold cross-validation over
pages (a page's sentences stay in one fold) with ``fold_scores``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tieline.eventtype.classifier import (
    LABELS,
    NONE,
    EventTypeModel,
    Inputs,
    TrainingSettings,
    inputs_of,
)
from tieline.eventtype.examples import TrainingSentence, fold_of, read_training_sentences

if TYPE_CHECKING:
    from spacy.language import Language

FOLDS = 5
# a predictor: for each held-out sentence, label -> probability
Predictor = Callable[[Sequence[int], Sequence[int]], list[dict[str, float]]]


def parse_inputs(nlp: Language, texts: Sequence[str]) -> list[Inputs]:
    """The model's inputs for each text, parsed as one span (a sentence may split in two)."""
    return [inputs_of(doc[:]) for doc in nlp.pipe(texts, batch_size=64)]


def train_model(
    folder: Path, nlp: Language, settings: TrainingSettings | None = None
) -> EventTypeModel:
    """Fit the event-type model on every eventtrain sentence in ``folder``."""
    sentences = read_training_sentences(folder)
    inputs = parse_inputs(nlp, [s.text for s in sentences])
    return EventTypeModel.fit(inputs, [s.roots for s in sentences], settings)


@dataclass
class CVScores:
    """Cross-validated figures of one design."""

    root_accuracy: float
    macro_f1: float
    none_precision: float
    none_recall: float
    sentences: int

    def line(self) -> str:
        """One line for people."""
        return (
            f"root accuracy {self.root_accuracy:.3f} macro-F1 {self.macro_f1:.3f} "
            f"no-event precision {self.none_precision:.3f} recall {self.none_recall:.3f} "
            f"over {self.sentences} sentences"
        )


def top_label(p: dict[str, float]) -> str:
    """The most probable label (ties: the first in ``LABELS``)."""
    return max(LABELS, key=lambda label: p.get(label, 0.0))


def fold_scores(
    sentences: Sequence[TrainingSentence], probs: Sequence[dict[str, float]]
) -> CVScores:
    """Root accuracy (top label among the accepted roots, on sentences with events),
    macro-F1 over the 21 labels of the top label against the best roots, and precision and
    recall of "no event"."""
    with_events = [(s, p) for s, p in zip(sentences, probs, strict=True) if s.roots]
    root_ok = sum(1 for s, p in with_events if top_label(p) in s.accepted)
    f1s = []
    for label in LABELS:
        tp = fp = fn = 0
        for s, p in zip(sentences, probs, strict=True):
            gold = set(s.roots) or {NONE}
            predicted = top_label(p) == label
            tp += int(predicted and label in gold)
            fp += int(predicted and label not in gold)
            fn += int(not predicted and label in gold)
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    pairs = list(zip(sentences, probs, strict=True))
    said_none = [s for s, p in pairs if top_label(p) == NONE]
    gold_none = [p for s, p in pairs if not s.roots]
    return CVScores(
        root_accuracy=root_ok / max(1, len(with_events)),
        macro_f1=sum(f1s) / max(1, len(f1s)),
        none_precision=sum(1 for s in said_none if not s.roots) / max(1, len(said_none)),
        none_recall=sum(1 for p in gold_none if top_label(p) == NONE) / max(1, len(gold_none)),
        sentences=len(sentences),
    )


def out_of_fold(
    sentences: Sequence[TrainingSentence], predict: Predictor, folds: int = FOLDS
) -> list[dict[str, float]]:
    """Each sentence's probabilities from a model trained on the other folds."""
    fold = fold_of([s.group for s in sentences], folds)
    out: list[dict[str, float]] = [{} for _ in sentences]
    for k in range(folds):
        train = [i for i, f in enumerate(fold) if f != k]
        held = [i for i, f in enumerate(fold) if f == k]
        for i, p in zip(held, predict(train, held), strict=True):
            out[i] = p
    return out


def linear_predictor(
    sentences: Sequence[TrainingSentence],
    inputs: Sequence[Inputs],
    settings: TrainingSettings | None = None,
) -> Predictor:
    """A predictor that fits the softmax model on the training indices."""

    def predict(train: Sequence[int], held: Sequence[int]) -> list[dict[str, float]]:
        model = EventTypeModel.fit(
            [inputs[i] for i in train], [sentences[i].roots for i in train], settings
        )
        return [model.probabilities_of(inputs[i]) for i in held]

    return predict
