"""What the event-type model reads of a parsed sentence.

Everything comes from the spaCy parse the coder makes anyway, so classifying adds no
second pass over the text: the sentence's lemmas and lemma bigrams, its verbs and the
root verb (with a negation mark), the kinds of named entity it has, and the mean of the
pipeline's contextual token vectors (``doc.tensor``, 96 numbers in the small English
models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Span

ACTOR_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


def sparse_features(sent: Span) -> list[str]:
    """The sentence's symbolic features (unique, in a stable order)."""
    lemmas = [t.lemma_.lower() for t in sent if t.is_alpha]
    feats = [f"l:{w}" for w in lemmas]
    feats += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    for t in sent:
        if t.pos_ in {"VERB", "AUX"} and t.is_alpha:
            feats.append(f"v:{t.lemma_.lower()}")
            if any(c.dep_ == "neg" for c in t.children):
                feats.append(f"nv:{t.lemma_.lower()}")
    root = sent.root
    feats.append(f"r:{root.lemma_.lower()}")
    kinds = [e.label_ for e in sent.ents if e.label_ in ACTOR_ENTITIES]
    feats += [f"e:{k}" for k in kinds]
    feats.append(f"ne:{min(len(kinds), 3)}")
    return list(dict.fromkeys(feats))


def dense_features(sent: Span) -> np.ndarray:
    """The mean contextual vector of the sentence's tokens, scaled to unit length (zeros
    when the pipeline sets no tensor)."""
    tensor = sent.doc.tensor
    if tensor is None or tensor.size == 0 or tensor.shape[0] < sent.end:
        return np.zeros(0, dtype=np.float32)
    mean = np.asarray(tensor[sent.start : sent.end].mean(axis=0), dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean
