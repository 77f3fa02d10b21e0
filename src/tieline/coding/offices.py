"""Offices and bodies stated in the text: what an office noun is *of*, and which sector.

The agent dictionary says that "minister" is GOV and "army" MIL. What it cannot say is
that a chairman, a spokeswoman or an envoy belongs to whatever body they speak for: "the
chairwoman of the Federation Council" is legislative, "a spokeswoman for the foreign
ministry" governmental, "a fellow at the Carnegie Endowment" a think tank's. These
lexicons name such offices and the role-only nouns ("the government", "insurgents") that
take their country from the document when the sentence names none.
"""

from __future__ import annotations

# Offices whose sector is the sector of the body they hold office in or speak for
# ("chairman of the State Duma" -> LEG); with no body stated they default to GOV.
GENERIC_OFFICES = frozenset(
    """
    chairman chairwoman chairperson chair head chief deputy vice spokesman spokeswoman
    spokesperson spokespeople envoy ambassador representative delegate member members
    director official officials secretary undersecretary adviser advisor aide counsellor
    counselor negotiator president leader leaders fellow researcher analyst expert
    """.split()
)
# Offices that are people acting for others: when the sentence says what they are *of*,
# the body's code is theirs.
SPEAKS_FOR = frozenset(
    "spokesman spokeswoman spokesperson spokespeople envoy ambassador representative "
    "delegate negotiator".split()
)

# Offices held by one person (antecedents of "he"/"she"), beside the generic ones.
PERSON_OFFICES = frozenset(
    """
    minister premier chancellor king queen emir sultan prince monarch governor mayor
    diplomat general commander admiral colonel officer soldier judge prosecutor senator
    lawmaker legislator mp congressman congresswoman speaker counterpart source
    """.split()
)

# Office nouns that news uses for one another's holder ("the Syrian ambassador ... the
# envoy"): a later description by one means the holder met under the other.
SAME_OFFICE = {
    "envoy": ("ambassador",),
    "ambassador": ("envoy",),
    "diplomat": ("ambassador", "envoy"),
    # the head of an international organisation: "UN chief Guterres ... the secretary-general"
    "secretary-general": ("chief",),
    "chief": ("secretary-general",),
}

# Sectors of generic offices when no body is stated.
DEFAULT_OFFICE_SECTOR = {"fellow": "NGO", "researcher": "EDU", "analyst": "NGO", "expert": "NGO"}

# Heads of a phrase that stand for the people of their ``of`` phrase:
# "a group of visiting diplomats", "thousands of Kurds", "members of parliament".
COLLECTIVE_HEADS = frozenset(
    """
    group groups member members thousands hundreds dozens scores millions tens number
    thousand hundred dozen million numbers
    delegation team crowd crowds contingent band bands batch some many several most all
    few majority part section
    """.split()
)

# Last words of an organisation name that says which national body it is, when a
# country precedes it ("Russian Security Council" is Russia's, not the UN's).
BODY_SECTORS = {
    "COUNCIL": "GOV",
    "MINISTRY": "GOV",
    "GOVERNMENT": "GOV",
    "CABINET": "GOV",
    "COMMISSION": "GOV",
    "ASSEMBLY": "LEG",
    "PARLIAMENT": "LEG",
    "CONGRESS": "LEG",
    "SENATE": "LEG",
    "COURT": "JUD",
    "TRIBUNAL": "JUD",
    "ARMY": "MIL",
    "FORCES": "MIL",
    "NAVY": "MIL",
    "POLICE": "COP",
}


def office_word(lemma: str) -> bool:
    """True for a generic office noun ("chairwoman", "spokesman", "envoy")."""
    return lemma.lower() in GENERIC_OFFICES


def generic_title(lemmas: list[str]) -> bool:
    """True for a title that is a generic office, alone or with a postposed "general"
    ("envoy", "director general", "directors-general"): its sector is its body's."""
    words = [w for lemma in lemmas for w in lemma.lower().split("-")]
    if len(words) > 1 and words[-1] in {"general", "generals"}:
        words = words[:-1]
    return bool(words) and office_word(words[-1].removesuffix("s"))


def body_sector(words: tuple[str, ...] | list[str]) -> str | None:
    """Sector of an organisation named by upper-case ``words`` from its last word."""
    return BODY_SECTORS.get(words[-1]) if words else None


def office_names(lemma: str) -> tuple[str, ...]:
    """An office noun and the nouns news uses for the same holder ("envoy": ambassador)."""
    return (lemma, *SAME_OFFICE.get(lemma, ()))
