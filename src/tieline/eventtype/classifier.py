"""A softmax model over the 20 CAMEO roots and "no event", trained on parse features.

The model is a multinomial logistic regression: binary symbolic features (``features``)
plus the sentence's mean contextual vector, one weight per feature and label. A sentence
with events of several roots is a soft target spread evenly over them. Training is full-
batch Adam from zero weights in float64, so the same data and settings give the same
weights, and ``save`` writes them as a gzip file without a timestamp: the same seed gives
the same file hash.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from tieline.eventtype.features import dense_features, sparse_features

if TYPE_CHECKING:
    from spacy.tokens import Span

NONE = "none"
LABELS: tuple[str, ...] = tuple(f"{r:02d}" for r in range(1, 21)) + (NONE,)
SHIPPED_MODEL = "eventtype.model.gz"
FORMAT = "tieline-eventtype-1"


@dataclass(frozen=True)
class TrainingSettings:
    """How a model is fitted: vocabulary cut-off, L2 penalty, Adam steps and rate, seed."""

    min_count: int = 2
    l2: float = 1e-4
    steps: int = 300
    rate: float = 0.05
    dense_scale: float = 1.0
    seed: int = 13


@dataclass
class Inputs:
    """A parsed sentence as the model reads it: symbolic features and dense vector."""

    sparse: list[str]
    dense: np.ndarray


def inputs_of(sent: Span) -> Inputs:
    """The model's inputs for one parsed sentence."""
    return Inputs(sparse_features(sent), dense_features(sent))


class EventTypeModel:
    """Probabilities of each CAMEO root and of "no event" for a parsed sentence."""

    def __init__(
        self, vocabulary: list[str], dense_size: int, weights: np.ndarray, bias: np.ndarray,
        settings: TrainingSettings | None = None,
    ) -> None:  # fmt: skip
        self.vocabulary = vocabulary
        self.index = {f: i for i, f in enumerate(vocabulary)}
        self.dense_size = dense_size
        self.weights = weights  # (len(vocabulary) + dense_size, len(LABELS))
        self.bias = bias
        self.settings = settings or TrainingSettings()

    # ---------------------------------------------------------------- using

    def _row(self, x: Inputs) -> np.ndarray:
        n = len(self.vocabulary)
        row = np.zeros(n + self.dense_size, dtype=np.float64)
        for f in x.sparse:
            i = self.index.get(f)
            if i is not None:
                row[i] = 1.0
        if self.dense_size and x.dense.shape[0] == self.dense_size:
            row[n:] = x.dense * self.settings.dense_scale
        return row

    def probabilities_of(self, x: Inputs) -> dict[str, float]:
        """Label -> probability for one sentence's inputs (the values sum to 1)."""
        n = len(self.vocabulary)
        scores = self.bias.astype(np.float64).copy()
        for f in x.sparse:
            i = self.index.get(f)
            if i is not None:
                scores += self.weights[i]
        if self.dense_size and x.dense.shape[0] == self.dense_size:
            scores += (x.dense * self.settings.dense_scale) @ self.weights[n:]
        p = _softmax(scores[None, :])[0]
        return {label: float(v) for label, v in zip(LABELS, p, strict=True)}

    def probabilities(self, sent: Span) -> dict[str, float]:
        """Label -> probability for one parsed sentence."""
        return self.probabilities_of(inputs_of(sent))

    # ---------------------------------------------------------------- training

    @classmethod
    def fit(
        cls,
        inputs: Sequence[Inputs],
        roots: Sequence[Sequence[str]],
        settings: TrainingSettings | None = None,
    ) -> EventTypeModel:
        """Train on sentences' inputs and the roots of their events (empty: no event)."""
        s = settings or TrainingSettings()
        np.random.seed(s.seed)  # nothing below draws at random; fixed for any future change
        counts = Counter(f for x in inputs for f in x.sparse)
        vocabulary = sorted(f for f, c in counts.items() if c >= s.min_count)
        dense_size = max((x.dense.shape[0] for x in inputs), default=0)
        model = cls(vocabulary, dense_size, np.zeros((0, 0)), np.zeros(len(LABELS)), s)
        X = np.stack([model._row(x) for x in inputs])
        Y = np.zeros((len(inputs), len(LABELS)))
        for k, rs in enumerate(roots):
            labels = list(rs) or [NONE]
            for label in labels:
                Y[k, LABELS.index(label)] = 1.0 / len(labels)
        W, b = _adam(X, Y, s)
        model.weights, model.bias = W.astype(np.float32), b.astype(np.float32)
        return model

    # ---------------------------------------------------------------- files

    def save(self, path: Path) -> None:
        """Write the model as one gzip file (a JSON header line, then float32 weights)."""
        header = {
            "format": FORMAT,
            "labels": list(LABELS),
            "vocabulary": self.vocabulary,
            "dense_size": self.dense_size,
            "settings": self.settings.__dict__,
        }
        blob = json.dumps(header, sort_keys=True).encode("utf-8") + b"\n"
        blob += np.ascontiguousarray(self.weights, dtype="<f4").tobytes()
        blob += np.ascontiguousarray(self.bias, dtype="<f4").tobytes()
        path.write_bytes(gzip.compress(blob, compresslevel=9, mtime=0))

    @classmethod
    def load(cls, path: Path) -> EventTypeModel:
        """Read a model written by ``save``."""
        return cls.from_bytes(path.read_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> EventTypeModel:
        """Read a model from the bytes of a file written by ``save``."""
        raw = gzip.decompress(data)
        cut = raw.index(b"\n")
        header: dict[str, Any] = json.loads(raw[:cut])
        if header.get("format") != FORMAT or tuple(header["labels"]) != LABELS:
            raise ValueError("not a tieline event-type model")
        rows = len(header["vocabulary"]) + header["dense_size"]
        flat = np.frombuffer(raw[cut + 1 :], dtype="<f4")
        weights = flat[: rows * len(LABELS)].reshape(rows, len(LABELS))
        bias = flat[rows * len(LABELS) :]
        return cls(
            header["vocabulary"], header["dense_size"], weights, bias,
            TrainingSettings(**header["settings"]),
        )  # fmt: skip


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


def _adam(X: np.ndarray, Y: np.ndarray, s: TrainingSettings) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch Adam on the softmax cross-entropy with an L2 penalty on the weights."""
    W = np.zeros((X.shape[1], Y.shape[1]))
    b = np.zeros(Y.shape[1])
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    n = X.shape[0]
    for t in range(1, s.steps + 1):
        G = (_softmax(X @ W + b) - Y) / n
        gW = X.T @ G + s.l2 * W
        gb = G.sum(axis=0)
        mW = beta1 * mW + (1 - beta1) * gW
        vW = beta2 * vW + (1 - beta2) * gW**2
        mb = beta1 * mb + (1 - beta1) * gb
        vb = beta2 * vb + (1 - beta2) * gb**2
        corr1, corr2 = 1 - beta1**t, 1 - beta2**t
        W -= s.rate * (mW / corr1) / (np.sqrt(vW / corr2) + eps)
        b -= s.rate * (mb / corr1) / (np.sqrt(vb / corr2) + eps)
    return W, b


@lru_cache(maxsize=1)
def shipped_model() -> EventTypeModel:
    """The event-type model shipped inside the package (``tieline/data``)."""
    ref = resources.files("tieline.data").joinpath(SHIPPED_MODEL)
    return EventTypeModel.from_bytes(ref.read_bytes())
