"""How much to trust a coded event, from the evidence that produced it.

The score starts from how the event was found (a specific verb pattern, a family's
default code, an event noun and which rule found its parties) and is lowered for each
weaker link: an actor resolved from context rather than named (a pronoun, the document's
country, a place), an actor with no sector, a modality other than plain assertion.
The weights were set by measuring the precision of each kind of evidence on the
development sets (``benchmarks/realnews.py`` prints precision by band); higher bands must
stay more precise.
"""

from __future__ import annotations

from functools import lru_cache

from tieline.coding.explain import is_family_default

# Starting points by how the event was found.
PATTERN = 0.85  # a verb pattern naming words of the clause
FAMILY_DEFAULT = 0.6  # a verb's family code, no pattern
NOUN_EXPLICIT = 0.85  # an event noun with its parties in the phrase (between, by, 's)
NOUN_INFERRED = 0.7  # an event noun whose parties come from the clause or the text before
# Penalties for each weaker link.
RESOLVED_FROM_CONTEXT = {
    "pronoun": 0.1,
    # a quoted "we"/"our" is a pronoun too, resolved through who is speaking
    "speaker of the quotation": 0.1,
    "the pair named before": 0.1,
    "document's country": 0.2,
    # "both sides" with no pair just named: the two states the whole text names most
    # (right for 3 of 31 events on eventtrain's single sentences)
    "the two states the text is about": 0.15,
    "the pair the text is about": 0.15,
    # an office or group taken from the body of an of/for phrase ("a spokesman for the
    # ministry", "thousands of Kurds"): right for 30% of events on eventtrain against 46%
    # for a dictionary name
    "the body the office is of": 0.1,
    "each other": 0.1,  # the other of the pair named before
    "place the sentence names": 0.1,
    "description met earlier": 0.1,
    "the author's organisation": 0.1,
    "shared with the conjunct before": 0.05,
}
NO_SECTOR = 0.05
NOT_ASSERTED = 0.1
EXPLICIT_NOUN_RULES = ("between", "possessor", "by-agent")


def base_score(pattern: str) -> float:
    """The starting score for how an event was found (its ``pattern`` evidence)."""
    if pattern.startswith("event noun"):
        return (
            NOUN_EXPLICIT
            if any(f"({r})" in pattern for r in EXPLICIT_NOUN_RULES)
            else (NOUN_INFERRED)
        )
    if is_family_default(pattern):
        return FAMILY_DEFAULT
    return PATTERN


def resolution_penalty(how: str) -> float:
    """What resolving an actor this way costs (0 for a name the dictionaries know)."""
    for prefix, penalty in RESOLVED_FROM_CONTEXT.items():
        if how.startswith(prefix):
            return penalty
    return 0.0


@lru_cache(maxsize=4096)  # the same few evidence combinations recur across a corpus
def event_confidence(
    pattern: str,
    source_how: str,
    target_how: str,
    sectors_known: int,
    modality: str,
) -> float:
    """A score in [0.05, 0.95] for an event from its evidence (see the module docstring)."""
    score = base_score(pattern)
    score -= resolution_penalty(source_how) + resolution_penalty(target_how)
    score -= NO_SECTOR * (2 - sectors_known)
    if modality != "asserted":
        score -= NOT_ASSERTED
    return round(min(0.95, max(0.05, score)), 2)
