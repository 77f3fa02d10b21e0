"""Which language a document is in: py3langid's model (shipped inside the package, offline).

Only English is coded; a document in another language is stored with its language and
skipped. Short or mixed texts whose language is not clear are taken as English, so a
two-line English note is never skipped by a shaky guess.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

SAMPLE_CHARS = 3000
MIN_LETTERS = 40
CONFIDENT = 0.9


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language; "en" unless another is clear."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    other_script = sum(not ch.isascii() for ch in letters) > len(letters) / 2
    if len(letters) < (MIN_LETTERS // 4 if other_script else MIN_LETTERS):
        return "en"
    language, probability = _identifier().classify(sample)
    return str(language) if language != "en" and probability >= CONFIDENT else "en"
